/**
 * Generic keyspace commands against a real Petrel process with ioredis. Expected values and
 * error texts were checked against redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis, errorOf as err } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

const NOT_INT = 'ERR value is not an integer or out of range';
const SAME = 'ERR source and destination objects are the same';

before(async () => {
  srv = await startPetrel();
  r = ioredis(srv.port, { lazyConnect: true });
  await r.connect();
});

after(async () => {
  r.disconnect();
  await srv.stop();
});

/** Deletes every key of the selected db (works before FLUSHALL exists). */
async function clear(): Promise<void> {
  const ks = await r.keysBuffer('*');
  if (ks.length) await r.del(...ks);
}

describe('keyspace', () => {
  it('DEL UNLINK EXISTS TOUCH TYPE', async () => {
    await clear();
    await r.mset('a', '1', 'b', '2', 'c', '3');
    assert.equal(await r.exists('a', 'a', 'nokey'), 2);
    assert.equal(await r.touch('a', 'nokey'), 1);
    assert.equal(await r.type('a'), 'string');
    assert.equal(await r.type('nokey'), 'none');
    assert.equal(await r.del('a', 'nokey', 'a'), 1);
    assert.equal(await r.unlink('b', 'c'), 2);
    assert.equal(await r.exists('a', 'b', 'c'), 0);
  });

  it('KEYS with globs', async () => {
    await clear();
    await r.mset('hello', 1, 'hallo', 1, 'hxllo', 1, 'heeello', 1, 'h*llo', 1);
    const keys = async (p: string) => (await r.keys(p)).sort();
    assert.deepEqual(await keys('h?llo'), ['h*llo', 'hallo', 'hello', 'hxllo']);
    assert.deepEqual(await keys('h*llo'), ['h*llo', 'hallo', 'heeello', 'hello', 'hxllo']);
    assert.deepEqual(await keys('h[ae]llo'), ['hallo', 'hello']);
    assert.deepEqual(await keys('h[^e]llo'), ['h*llo', 'hallo', 'hxllo']);
    assert.deepEqual(await keys('h[a-b]llo'), ['hallo']);
    assert.deepEqual(await keys('h\\*llo'), ['h*llo']);
  });

  it('SCAN walks every key once a full iteration ends, with MATCH COUNT TYPE', async () => {
    await clear();
    const want = new Set<string>();
    for (let i = 0; i < 250; i++) want.add(`s:${i}`);
    await r.mset(...[...want].flatMap((k) => [k, 'v']));
    await r.set('other', 'v');
    const seen = new Set<string>();
    let cursor = '0';
    for (let rounds = 0; rounds < 1000; rounds++) {
      const [next, batch] = await r.scan(cursor, 'MATCH', 's:*', 'COUNT', 17);
      for (const k of batch) seen.add(k);
      cursor = next;
      if (cursor === '0') break;
    }
    assert.equal(cursor, '0');
    assert.deepEqual([...seen].sort(), [...want].sort());
    const [, strings] = await r.scan('0', 'COUNT', 1000, 'TYPE', 'string');
    assert.equal(strings.length, 251);
    const [, lists] = await r.scan('0', 'COUNT', 1000, 'TYPE', 'list');
    assert.equal(lists.length, 0);
    assert.equal(await err(r.scan('abc')), 'ERR invalid cursor');
    assert.equal(await err(r.scan(' 1')), 'ERR invalid cursor');
    assert.equal(await err(r.scan('18446744073709551616')), 'ERR invalid cursor');
    assert.equal(await err(r.scan('0', 'COUNT', 0)), 'ERR syntax error');
    assert.equal(await err(r.call('SCAN', '0', 'MATCH')), 'ERR syntax error');
    assert.equal(await err(r.call('SCAN', '0', 'COUNT', 'x')), NOT_INT);
  });

  it('RANDOMKEY', async () => {
    await clear();
    assert.equal(await r.randomkey(), null);
    await r.set('only', 'v');
    assert.equal(await r.randomkey(), 'only');
  });

  it('RENAME RENAMENX keep the TTL', async () => {
    await clear();
    assert.equal(await err(r.rename('nokey', 'x')), 'ERR no such key');
    assert.equal(await err(r.renamenx('nokey', 'x')), 'ERR no such key');
    await r.set('a', '1', 'EX', 100);
    assert.equal(await r.rename('a', 'a'), 'OK');
    assert.equal(await r.renamenx('a', 'a'), 0);
    assert.equal(await r.rename('a', 'b'), 'OK');
    assert.equal(await r.ttl('b'), 100);
    assert.equal(await r.exists('a'), 0);
    await r.set('c', '3');
    assert.equal(await r.renamenx('b', 'c'), 0);
    assert.equal(await r.renamenx('b', 'd'), 1);
    assert.equal(await r.rename('d', 'c'), 'OK');
    assert.equal(await r.get('c'), '1');
    assert.equal(await r.ttl('c'), 100);
  });

  it('MOVE and COPY', async () => {
    await clear();
    await r.set('m', 'v', 'EX', 100);
    assert.equal(await err(r.move('m', 16)), 'ERR DB index is out of range');
    assert.equal(await err(r.move('m', 0)), SAME);
    assert.equal(await err(r.call('MOVE', 'm', 'abc')), NOT_INT);
    assert.equal(await err(r.call('MOVE', 'm', '3000000000')), 'ERR value is out of range, value must between -2147483648 and 2147483647');
    assert.equal(await r.move('nokey', 1), 0);
    assert.equal(await r.move('m', 1), 1);
    assert.equal(await r.exists('m'), 0);
    await r.set('m', 'here');
    assert.equal(await r.move('m', 1), 0, 'exists in the target');
    await r.select(1);
    assert.equal(await r.get('m'), 'v');
    assert.ok((await r.ttl('m')) > 90);
    await r.del('m');
    await r.select(0);

    await r.set('src', 'v', 'EX', 100);
    assert.equal(await err(r.call('COPY', 'src', 'src')), SAME);
    assert.equal(await err(r.call('COPY', 'src', 'x', 'DB', '99')), 'ERR DB index is out of range');
    assert.equal(await err(r.call('COPY', 'src', 'x', 'FOO')), 'ERR syntax error');
    assert.equal(await err(r.call('COPY', 'src', 'x', 'DB')), 'ERR syntax error');
    assert.equal(await r.call('COPY', 'nokey', 'x'), 0);
    assert.equal(await r.call('COPY', 'src', 'dst'), 1);
    assert.equal(await r.get('dst'), 'v');
    assert.ok((await r.ttl('dst')) > 90);
    await r.set('dst2', 'old');
    assert.equal(await r.call('COPY', 'src', 'dst2'), 0);
    assert.equal(await r.call('COPY', 'src', 'dst2', 'REPLACE'), 1);
    assert.equal(await r.get('dst2'), 'v');
    assert.equal(await r.call('COPY', 'src', 'src', 'DB', '2'), 1);
    await r.select(2);
    assert.equal(await r.get('src'), 'v');
    await r.del('src');
    await r.select(0);
  });

  it('EXPIRE family with NX XX GT LT', async () => {
    await clear();
    await r.set('e', 'v');
    assert.equal(await err(r.call('EXPIRE', 'e', '10', 'NX', 'XX')), 'ERR NX and XX, GT or LT options at the same time are not compatible');
    assert.equal(await err(r.call('EXPIRE', 'e', '10', 'GT', 'LT')), 'ERR GT and LT options at the same time are not compatible');
    assert.equal(await err(r.call('EXPIRE', 'e', '10', 'FOO')), 'ERR Unsupported option FOO');
    assert.equal(await err(r.call('EXPIRE', 'e', 'abc')), NOT_INT);
    assert.equal(await err(r.call('EXPIRE', 'e', '9223372036854775807')), "ERR invalid expire time in 'expire' command");
    assert.equal(await err(r.call('PEXPIRE', 'e', '9223372036854775807')), "ERR invalid expire time in 'pexpire' command");
    assert.equal(await err(r.call('EXPIREAT', 'e', '9223372036854775807')), "ERR invalid expire time in 'expireat' command");
    assert.equal(await r.call('EXPIRE', 'nokey', '10'), 0);
    assert.equal(await r.call('EXPIRE', 'e', '100', 'XX'), 0);
    assert.equal(await r.call('EXPIRE', 'e', '100', 'GT'), 0, 'no TTL is infinite: GT fails');
    assert.equal(await r.call('EXPIRE', 'e', '100', 'LT'), 1, 'no TTL is infinite: LT succeeds');
    assert.equal(await r.call('EXPIRE', 'e', '200', 'NX'), 0);
    assert.equal(await r.call('EXPIRE', 'e', '200', 'GT'), 1);
    assert.equal(await r.call('EXPIRE', 'e', '50', 'GT'), 0);
    assert.equal(await r.ttl('e'), 200);
    assert.equal(await r.pexpire('e', 300000), 1);
    assert.ok((await r.pttl('e')) > 299000);
    assert.equal(await r.expireat('e', 4000000000), 1);
    assert.equal(await r.call('EXPIRETIME', 'e'), 4000000000);
    assert.equal(await r.pexpireat('e', 4000000000123), 1);
    assert.equal(await r.call('PEXPIRETIME', 'e'), 4000000000123);
    assert.equal(await r.call('EXPIRETIME', 'e'), 4000000000);
    assert.equal(await r.persist('e'), 1);
    assert.equal(await r.persist('e'), 0);
    assert.equal(await r.ttl('e'), -1);
    assert.equal(await r.pttl('e'), -1);
    assert.equal(await r.call('EXPIRETIME', 'e'), -1);
    assert.equal(await r.ttl('nokey'), -2);
    assert.equal(await r.call('PEXPIRETIME', 'nokey'), -2);
    // A time in the past deletes the key and still answers 1.
    assert.equal(await r.expire('e', -1), 1);
    assert.equal(await r.exists('e'), 0);
    await r.set('e', 'v');
    assert.equal(await r.pexpireat('e', 1), 1);
    assert.equal(await r.exists('e'), 0);
  });

  it('keys expire lazily', async () => {
    await clear();
    await r.set('x', 'v', 'PX', 30);
    const deadline = Date.now() + 5000;
    while ((await r.exists('x')) === 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    assert.equal(await r.get('x'), null);
    assert.equal(await r.ttl('x'), -2);
  });

  it('OBJECT', async () => {
    await clear();
    const enc = (k: string) => r.call('OBJECT', 'ENCODING', k);
    await r.set('i', '12345');
    await r.set('big', '12345678901234567890');
    await r.set('s', 'a'.repeat(44));
    await r.set('raw', 'a'.repeat(45));
    await r.set('lz', '00');
    assert.equal(await enc('i'), 'int');
    assert.equal(await enc('big'), 'embstr');
    assert.equal(await enc('s'), 'embstr');
    assert.equal(await enc('raw'), 'raw');
    assert.equal(await enc('lz'), 'embstr');
    assert.equal(await enc('nokey'), null);
    await r.set('n', '5');
    assert.equal(await r.call('OBJECT', 'REFCOUNT', 'n'), 2147483647);
    assert.equal(await r.call('OBJECT', 'REFCOUNT', 's'), 1);
    assert.equal(await r.call('OBJECT', 'REFCOUNT', 'nokey'), null);
    assert.match(await err(r.call('OBJECT', 'FREQ', 's')), /^ERR An LFU maxmemory policy is not selected/);
    // Access times: RESTORE IDLETIME sets one; a read resets it; OBJECT itself does not touch it.
    await r.restore('idle', 0, (await r.dumpBuffer('s'))!, 'IDLETIME', 1000);
    const idle = (await r.call('OBJECT', 'IDLETIME', 'idle')) as number;
    assert.ok(idle >= 1000 && idle <= 1002, `idle ${idle}`);
    assert.ok(((await r.call('OBJECT', 'IDLETIME', 'idle')) as number) >= 1000, 'OBJECT does not touch');
    await r.get('idle');
    assert.ok(((await r.call('OBJECT', 'IDLETIME', 'idle')) as number) <= 1, 'a read touches');
    assert.equal(await r.call('OBJECT', 'IDLETIME', 'nokey'), null);
    assert.equal(await err(r.call('OBJECT', 'FOO', 's')), "ERR unknown subcommand 'FOO'. Try OBJECT HELP.");
    assert.equal(await err(r.call('OBJECT')), "ERR wrong number of arguments for 'object' command");
    const help = (await r.call('OBJECT', 'HELP')) as string[];
    assert.equal(help[0], 'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    assert.equal(help.length, 15);
  });
});
