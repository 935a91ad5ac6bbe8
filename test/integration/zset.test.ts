/**
 * Sorted sets against a real Petrel process with ioredis, for what the differential harness
 * cannot show: blocking pops served by another client's write, their timeouts and FIFO order,
 * keyspace notifications, WATCH, and encodings with changed thresholds. Expected values were
 * checked against redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
const clients: Redis[] = [];

function client(): Redis {
  const c = ioredis(srv.port, { commandTimeout: 5000 });
  clients.push(c);
  return c;
}

/** Resolves once `c` is blocked on a key, as CLIENT LIST / INFO shows (bounded). */
async function waitBlocked(admin: Redis, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = await admin.info('clients');
    const m = /blocked_clients:(\d+)/.exec(info);
    if (m && Number(m[1]) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('client never blocked');
}

before(async () => {
  srv = await startPetrel();
});

after(async () => {
  for (const c of clients) c.disconnect();
  await srv.stop();
});

describe('zset integration', () => {
  it('BZPOPMIN is served by a ZADD from another client', async () => {
    const a = client();
    const b = client();
    await a.del('bz1');
    const p = b.bzpopmin('bz1', 'bz2', 0);
    await waitBlocked(a, 1);
    await a.zadd('bz2', 5, 'x', 3, 'y');
    assert.deepEqual(await p, ['bz2', 'y', '3']);
    assert.deepEqual(await a.zrange('bz2', '0', '-1', 'WITHSCORES'), ['x', '5']);
  });

  it('BZPOPMAX times out with a null reply', async () => {
    const b = client();
    assert.equal(await b.bzpopmax('nothing', 0.05), null);
  });

  it('BZMPOP serves COUNT elements and blocked clients in FIFO order', async () => {
    const a = client();
    const b1 = client();
    const b2 = client();
    await a.del('mz');
    const p1 = b1.call('BZMPOP', '0', '1', 'mz', 'MAX', 'COUNT', '2');
    await waitBlocked(a, 1);
    const p2 = b2.call('BZMPOP', '0', '1', 'mz', 'MIN');
    await waitBlocked(a, 2);
    await a.zadd('mz', 1, 'a', 2, 'b', 3, 'c');
    assert.deepEqual(await p1, ['mz', [['c', '3'], ['b', '2']]]);
    assert.deepEqual(await p2, ['mz', [['a', '1']]]);
    assert.equal(await a.exists('mz'), 0);
  });

  it('a blocked client ignores a key of the wrong type and keeps waiting', async () => {
    const a = client();
    const b = client();
    await a.del('wt');
    const p = b.bzpopmin('wt', 1);
    await waitBlocked(a, 1);
    await a.set('wt', 'str');
    await a.del('wt');
    await a.zadd('wt', 1, 'm');
    assert.deepEqual(await p, ['wt', 'm', '1']);
  });

  it('ZUNIONSTORE into a watched key breaks the transaction', async () => {
    const a = client();
    const b = client();
    await a.zadd('src', 1, 'a');
    await a.watch('dst');
    await b.zunionstore('dst', 1, 'src');
    const res = await a.multi().zcard('dst').exec();
    assert.equal(res, null);
  });

  it('keyspace notifications carry Redis event names', async () => {
    const a = client();
    const sub = client();
    await a.config('SET', 'notify-keyspace-events', 'KEA');
    const events: string[] = [];
    await sub.psubscribe('__keyevent@0__:*');
    sub.on('pmessage', (_p, ch: string, key: string) => events.push(`${ch.split(':')[1]} ${key}`));
    await a.zadd('ev', 1, 'a', 2, 'b');
    await a.zincrby('ev', 1, 'a');
    await a.zrem('ev', 'a');
    await a.zpopmin('ev');
    await a.zadd('ev2', 1, 'x');
    await a.zremrangebyscore('ev2', '-inf', '+inf');
    await a.ping();
    for (let i = 0; i < 100 && events.length < 8; i++) await new Promise((r) => setTimeout(r, 10));
    await a.config('SET', 'notify-keyspace-events', '');
    assert.deepEqual(events, ['zadd ev', 'zincr ev', 'zrem ev', 'zpopmin ev', 'del ev', 'zadd ev2', 'zremrangebyscore ev2', 'del ev2']);
  });

  it('encodings follow CONFIG SET thresholds and never convert back', async () => {
    const a = client();
    await a.config('SET', 'zset-max-listpack-entries', '4');
    await a.del('enc');
    await a.zadd('enc', 1, 'a', 2, 'b', 3, 'c', 4, 'd');
    assert.equal(await a.object('ENCODING', 'enc'), 'listpack');
    await a.zadd('enc', 5, 'e');
    assert.equal(await a.object('ENCODING', 'enc'), 'skiplist');
    await a.zremrangebyrank('enc', 0, 2);
    assert.equal(await a.object('ENCODING', 'enc'), 'skiplist');
    await a.zunionstore('enc2', 1, 'enc');
    assert.equal(await a.object('ENCODING', 'enc2'), 'listpack');
    await a.config('SET', 'zset-max-listpack-entries', '128');
  });

  it('ZSCAN walks a large set completely', async () => {
    const a = client();
    await a.del('big');
    const args: (string | number)[] = [];
    for (let i = 0; i < 1000; i++) args.push(i, `m${i}`);
    await a.zadd('big', ...args);
    const seen = new Set<string>();
    let cursor = '0';
    for (let rounds = 0; rounds < 1000; rounds++) {
      const [next, items] = await a.zscan('big', cursor, 'COUNT', 50);
      for (let i = 0; i < items.length; i += 2) {
        seen.add(items[i]);
        assert.equal(items[i + 1], items[i].slice(1));
      }
      cursor = next;
      if (cursor === '0') break;
    }
    assert.equal(seen.size, 1000);
  });
});
