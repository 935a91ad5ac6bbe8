/**
 * String commands against a real Petrel process with ioredis: happy paths and Redis's exact
 * errors. Expected values were checked against redis-server 7.0.15.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis, errorOf as err } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

const INVALID = (c: string) => `ERR invalid expire time in '${c}' command`;
const NOT_INT = 'ERR value is not an integer or out of range';

before(async () => {
  srv = await startPetrel();
  r = ioredis(srv.port, { lazyConnect: true });
  await r.connect();
});

after(async () => {
  r.disconnect();
  await srv.stop();
});

let n = 0;
/** A fresh key name per test, so tests never see each other's data. */
let k = '';
beforeEach(() => {
  k = `k${n++}`;
});

describe('GET / SET', () => {
  it('sets and gets, binary safe', async () => {
    assert.equal(await r.set(k, 'v'), 'OK');
    assert.equal(await r.get(k), 'v');
    const bin = Buffer.from([0, 255, 13, 10, 128]);
    await r.set(k, bin);
    assert.deepEqual(await r.getBuffer(k), bin);
    assert.equal(await r.get('nokey-' + k), null);
  });

  it('NX XX GET', async () => {
    assert.equal(await r.set(k, 'a', 'XX'), null);
    assert.equal(await r.set(k, 'a', 'NX'), 'OK');
    assert.equal(await r.set(k, 'b', 'NX'), null);
    assert.equal(await r.set(k, 'b', 'XX'), 'OK');
    assert.equal(await r.call('SET', k, 'c', 'GET'), 'b');
    assert.equal(await r.call('SET', k, 'd', 'NX', 'GET'), 'c');
    assert.equal(await r.get(k), 'c');
    assert.equal(await r.call('SET', 'new' + k, 'x', 'GET'), null);
  });

  it('expiry options', async () => {
    await r.set(k, 'v', 'EX', 100);
    assert.equal(await r.ttl(k), 100);
    await r.set(k, 'v', 'PX', 100000);
    assert.ok((await r.pttl(k)) > 99000);
    await r.call('SET', k, 'v2', 'KEEPTTL');
    assert.ok((await r.pttl(k)) > 99000);
    await r.set(k, 'v3');
    assert.equal(await r.ttl(k), -1);
    await r.call('SET', k, 'v', 'EXAT', String(Math.floor(Date.now() / 1000) + 50));
    assert.ok((await r.ttl(k)) >= 49);
    await r.call('SET', k, 'v', 'PXAT', '1');
    assert.equal(await r.get(k), null);
    await r.call('SET', k, 'v', 'EX', '10', 'EX', '20');
    assert.equal(await r.ttl(k), 20);
  });

  it('errors', async () => {
    const syntax = 'ERR syntax error';
    assert.equal(await err(r.call('SET', k, 'v', 'NX', 'XX')), syntax);
    assert.equal(await err(r.call('SET', k, 'v', 'EX', '10', 'PX', '10')), syntax);
    assert.equal(await err(r.call('SET', k, 'v', 'KEEPTTL', 'EX', '10')), syntax);
    assert.equal(await err(r.call('SET', k, 'v', 'EX')), syntax);
    assert.equal(await err(r.call('SET', k, 'v', 'FOO')), syntax);
    assert.equal(await err(r.call('SET', k, 'v', 'EX', '0')), INVALID('set'));
    assert.equal(await err(r.call('SET', k, 'v', 'EX', '-1')), INVALID('set'));
    assert.equal(await err(r.call('SET', k, 'v', 'EX', '9223372036854775807')), INVALID('set'));
    assert.equal(await err(r.call('SET', k, 'v', 'PX', '9223372036854775807')), INVALID('set'));
    assert.equal(await err(r.call('SET', k, 'v', 'EXAT', '9223372036854775807')), INVALID('set'));
    assert.equal(await err(r.call('SET', k, 'v', 'EX', 'abc')), NOT_INT);
  });

  it('SETNX SETEX PSETEX GETSET GETDEL', async () => {
    assert.equal(await r.setnx(k, 'a'), 1);
    assert.equal(await r.setnx(k, 'b'), 0);
    assert.equal(await r.setex(k, 100, 'c'), 'OK');
    assert.equal(await r.ttl(k), 100);
    assert.equal(await r.psetex(k, 100000, 'd'), 'OK');
    assert.equal(await r.getset(k, 'e'), 'd');
    assert.equal(await r.ttl(k), -1);
    assert.equal(await r.getdel(k), 'e');
    assert.equal(await r.exists(k), 0);
    assert.equal(await r.getdel(k), null);
    assert.equal(await err(r.setex(k, 0, 'v')), INVALID('setex'));
    assert.equal(await err(r.psetex(k, -1, 'v')), INVALID('psetex'));
    assert.equal(await err(r.call('SETEX', k, 'abc', 'v')), NOT_INT);
  });

  it('GETEX', async () => {
    await r.set(k, 'v');
    assert.equal(await r.call('GETEX', k, 'EX', '100'), 'v');
    assert.equal(await r.ttl(k), 100);
    assert.equal(await r.call('GETEX', k, 'PERSIST'), 'v');
    assert.equal(await r.ttl(k), -1);
    assert.equal(await err(r.call('GETEX', k, 'EX', '0')), INVALID('getex'));
    assert.equal(await err(r.call('GETEX', k, 'PERSIST', 'EX', '10')), 'ERR syntax error');
    assert.equal(await r.call('GETEX', 'no' + k, 'EX', '0'), null);
    assert.equal(await r.call('GETEX', k, 'EXAT', '1'), 'v');
    assert.equal(await r.exists(k), 0);
  });

  it('MGET MSET MSETNX', async () => {
    assert.equal(await r.mset(k + 'a', '1', k + 'b', '2'), 'OK');
    assert.deepEqual(await r.mget(k + 'a', k + 'b', k + 'c'), ['1', '2', null]);
    assert.equal(await r.msetnx(k + 'a', 'x', k + 'c', 'y'), 0);
    assert.equal(await r.exists(k + 'c'), 0);
    assert.equal(await r.msetnx(k + 'c', 'x', k + 'd', 'y'), 1);
    assert.equal(await err(r.call('MSET', k, 'v', k)), "ERR wrong number of arguments for 'mset' command");
  });

  it('APPEND STRLEN GETRANGE SUBSTR SETRANGE', async () => {
    assert.equal(await r.append(k, 'Hello'), 5);
    assert.equal(await r.append(k, ' World'), 11);
    assert.equal(await r.strlen(k), 11);
    assert.equal(await r.strlen('no' + k), 0);
    assert.equal(await r.getrange(k, 0, 4), 'Hello');
    assert.equal(await r.getrange(k, -5, -1), 'World');
    assert.equal(await r.getrange(k, -100, -50), 'H'); // Redis 7.0 clamps both to 0
    assert.equal(await r.getrange(k, 5, 3), '');
    assert.equal(await r.call('SUBSTR', k, '0', '0'), 'H');
    assert.equal(await r.getrange('no' + k, 0, -1), '');
    assert.equal(await r.setrange(k, 6, 'Redis'), 11);
    assert.equal(await r.get(k), 'Hello Redis');
    assert.equal(await r.setrange('z' + k, 3, 'ab'), 5);
    assert.equal(await r.get('z' + k), '\0\0\0ab');
    assert.equal(await r.setrange('e' + k, 5, ''), 0);
    assert.equal(await r.exists('e' + k), 0);
    assert.equal(await err(r.setrange(k, -1, 'x')), 'ERR offset is out of range');
    assert.equal(await err(r.setrange(k, 536870912, 'x')), 'ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    assert.equal(await err(r.getrange(k, 'a' as unknown as number, 1)), NOT_INT);
  });

  it('INCR family', async () => {
    assert.equal(await r.incr(k), 1);
    assert.equal(await r.incrby(k, 10), 11);
    assert.equal(await r.decr(k), 10);
    assert.equal(await r.decrby(k, 20), -10);
  });

  it('INCR exactness and errors', async () => {
    await r.set(k, '9223372036854775806');
    await r.incr(k);
    assert.equal(await r.get(k), '9223372036854775807');
    assert.equal(await err(r.incr(k)), 'ERR increment or decrement would overflow');
    await r.set(k, '-9223372036854775808');
    assert.equal(await err(r.decr(k)), 'ERR increment or decrement would overflow');
    await r.set(k, '1');
    await r.incrby(k, '9007199254740993' as unknown as number);
    assert.equal(await r.get(k), '9007199254740994');
    assert.equal(await err(r.decrby(k, '-9223372036854775808' as unknown as number)), 'ERR decrement would overflow');
    for (const bad of [' 1', '+1', '01', '-0', '', '1.0', '9223372036854775808']) {
      assert.equal(await err(r.incrby(k, bad as unknown as number)), NOT_INT, JSON.stringify(bad));
      await r.set('b' + k, bad);
      assert.equal(await err(r.incr('b' + k)), NOT_INT, JSON.stringify(bad));
    }
    await r.set(k, '5', 'EX', 100);
    await r.incr(k);
    assert.equal(await r.ttl(k), 100, 'INCR keeps the TTL');
  });

  it('INCRBYFLOAT prints like Redis (long double, %.17Lf)', async () => {
    const cases: [string, string, string][] = [
      ['0.1', '0.2', '0.3'],
      ['10', '0.5', '10.5'],
      ['0', '3.0000000000000004', '3.0000000000000004'],
      ['0', '1e-20', '0'],
      ['1e20', '0.1', '100000000000000000000'],
      ['0', '5.0e3', '5000'],
      ['0', '1.23456789012345678901', '1.23456789012345679'],
      ['0', '-1e-18', '0'],
      ['-3.3', '1.1', '-2.2'],
      ['0', '0x1.8p1', '3'],
      ['0', '.5', '0.5'],
    ];
    for (const [start, inc, want] of cases) {
      await r.set(k, start);
      assert.equal(await r.incrbyfloat(k, inc), want, `${start} + ${inc}`);
      assert.equal(await r.get(k), want);
    }
    await r.set(k, '1');
    for (const bad of [' 1', '1 ', 'abc', '1e5000', '1e-5000', 'nan', '']) {
      assert.equal(await err(r.incrbyfloat(k, bad)), 'ERR value is not a valid float', JSON.stringify(bad));
    }
    assert.equal(await err(r.incrbyfloat(k, 'inf')), 'ERR increment would produce NaN or Infinity');
    await r.set(k, '1.1e4932');
    assert.equal(await err(r.incrbyfloat(k, '1e4932')), 'ERR increment would produce NaN or Infinity');
  });

  it('LCS', async () => {
    await r.mset(k + 'a', 'ohmytext', k + 'b', 'mynewtext');
    assert.equal(await r.call('LCS', k + 'a', k + 'b'), 'mytext');
    assert.equal(await r.call('LCS', k + 'a', k + 'b', 'LEN'), 6);
    assert.deepEqual(await r.call('LCS', k + 'a', k + 'b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'), [
      'matches',
      [[[4, 7], [5, 8], 4]],
      'len',
      6,
    ]);
    assert.deepEqual(await r.call('LCS', k + 'a', k + 'b', 'IDX'), [
      'matches',
      [
        [[4, 7], [5, 8]],
        [[2, 3], [0, 1]],
      ],
      'len',
      6,
    ]);
    assert.equal(await r.call('LCS', k + 'a', 'no' + k), '');
    assert.equal(await err(r.call('LCS', k + 'a', k + 'b', 'IDX', 'LEN')), 'ERR If you want both the length and indexes, please just use IDX.');
    assert.equal(await err(r.call('LCS', k + 'a', k + 'b', 'MINMATCHLEN')), 'ERR syntax error');
  });
});
