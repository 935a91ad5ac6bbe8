/**
 * Blocking list commands (server/blocking.ts + commands/list.ts) with ioredis: wakeups, FIFO
 * order, timeouts, BLMOVE chains, CLIENT UNBLOCK, disconnection, MULTI, SWAPDB. The same
 * suite runs against redis-server 7.0 when it is installed, which proves the expectations.
 * Ordering is made deterministic by waiting (bounded) until INFO shows the client blocked
 * before the next one blocks or a push happens; no timing decides a result.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { haveBinary, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';

const targets: Array<{ name: string; start: () => Promise<RunningServer> }> = [{ name: 'petrel', start: () => startPetrel() }];
if (haveBinary('redis-server')) targets.push({ name: 'redis-server 7.0 (reference)', start: () => startRedis() });

for (const target of targets) {
  describe(`blocking lists: ${target.name}`, () => {
    let srv: RunningServer;
    let r: Redis;
    const conns: Redis[] = [];

    const connect = async (): Promise<Redis> => {
      const c = new Redis(srv.port, '127.0.0.1', { enableReadyCheck: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
      await c.connect();
      conns.push(c);
      return c;
    };

    const blockedClients = async (): Promise<number> => {
      const info = await r.info('clients');
      return Number(/blocked_clients:(\d+)/.exec(info)![1]);
    };
    const untilBlocked = (n: number): Promise<void> => waitFor(async () => (await blockedClients()) === n, 5000, `${n} blocked clients`);

    before(async () => {
      srv = await target.start();
      r = await connect();
    });
    after(async () => {
      for (const c of conns) c.disconnect();
      await srv.stop();
    });

    let n = 0;
    const key = (p = 'k'): string => `${p}${n++}`;

    it('a push from another client wakes BLPOP', async () => {
      const k = key();
      const a = await connect();
      const p = a.blpop(k, 0);
      await untilBlocked(1);
      assert.equal(await r.rpush(k, 'v'), 1);
      assert.deepEqual(await p, [k, 'v']);
      assert.equal(await r.exists(k), 0);
      await untilBlocked(0);
    });

    it('the client is served after the whole push: LPUSH a b c gives c', async () => {
      const k = key();
      const a = await connect();
      const p = a.blpop(k, 0);
      await untilBlocked(1);
      await r.lpush(k, 'a', 'b', 'c');
      assert.deepEqual(await p, [k, 'c']);
      assert.deepEqual(await r.lrange(k, 0, -1), ['b', 'a']);
    });

    it('served before the pusher\'s next pipelined command', async () => {
      const k = key();
      const a = await connect();
      const p = a.brpop(k, 0);
      await untilBlocked(1);
      const res = await r.pipeline().rpush(k, 'x').llen(k).exec();
      assert.deepEqual(res, [[null, 1], [null, 0]]);
      assert.deepEqual(await p, [k, 'x']);
    });

    it('first blocked, first served (FIFO) across clients and directions', async () => {
      const k = key();
      const cs = [await connect(), await connect(), await connect()];
      const ps: Array<Promise<unknown>> = [];
      ps.push(cs[0].blpop(k, 0));
      await untilBlocked(1);
      ps.push(cs[1].brpop(k, 0));
      await untilBlocked(2);
      ps.push(cs[2].blpop(k, 0));
      await untilBlocked(3);
      await r.rpush(k, 'a', 'b', 'c', 'd');
      assert.deepEqual(await Promise.all(ps), [
        [k, 'a'],
        [k, 'd'],
        [k, 'b'],
      ]);
      assert.deepEqual(await r.lrange(k, 0, -1), ['c']);
    });

    it('BLPOP on several keys is served from the key that got data', async () => {
      const k1 = key();
      const k2 = key();
      const a = await connect();
      const p = a.blpop(k1, k2, 0);
      await untilBlocked(1);
      await r.rpush(k2, 'two');
      assert.deepEqual(await p, [k2, 'two']);
    });

    it('timeouts answer null (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH)', async () => {
      const a = await connect();
      assert.equal(await a.blpop(key(), 0.05), null);
      assert.equal(await a.brpop(key(), key(), '0.05'), null);
      assert.equal(await a.call('BLMPOP', '0.05', '1', key(), 'LEFT'), null);
      assert.equal(await a.blmove(key(), key(), 'LEFT', 'RIGHT', 0.05), null);
      assert.equal(await a.brpoplpush(key(), key(), 0.05), null);
      assert.equal(await blockedClients(), 0);
    });

    it('a very long timeout blocks (beyond Node timer range)', async () => {
      const a = await connect();
      const id = Number(await a.client('ID'));
      const p = a.blpop(key(), 1e9);
      await untilBlocked(1);
      assert.equal(await r.client('UNBLOCK', id), 1);
      assert.equal(await p, null);
    });

    it('BLMPOP takes up to COUNT elements', async () => {
      const k = key();
      const a = await connect();
      const p = a.call('BLMPOP', '0', '2', key(), k, 'RIGHT', 'COUNT', '2');
      await untilBlocked(1);
      await r.rpush(k, 'a', 'b', 'c');
      assert.deepEqual(await p, [k, ['c', 'b']]);
      assert.deepEqual(await r.lrange(k, 0, -1), ['a']);
    });

    it('BLMOVE chains: each move wakes the next client', async () => {
      const [a, b, c] = [key('a'), key('b'), key('c')];
      const c1 = await connect();
      const c2 = await connect();
      const c3 = await connect();
      const p1 = c1.blmove(a, b, 'LEFT', 'RIGHT', 0);
      await untilBlocked(1);
      const p2 = c2.brpoplpush(b, c, 0);
      await untilBlocked(2);
      const p3 = c3.blpop(c, 0);
      await untilBlocked(3);
      await r.rpush(a, 'x');
      assert.equal(await p1, 'x');
      assert.equal(await p2, 'x');
      assert.deepEqual(await p3, [c, 'x']);
      assert.equal(await r.exists(a, b, c), 0);
      await untilBlocked(0);
    });

    it('BLMOVE whose destination became the wrong type answers WRONGTYPE', async () => {
      const src = key();
      const dst = key();
      const a = await connect();
      const p = a.blmove(src, dst, 'LEFT', 'LEFT', 0).then(
        () => 'no error',
        (e: Error) => e.message,
      );
      await untilBlocked(1);
      await r.set(dst, 'string');
      await r.rpush(src, 'x');
      assert.match(await p, /^WRONGTYPE/);
      assert.deepEqual(await r.lrange(src, 0, -1), ['x']);
    });

    it('CLIENT UNBLOCK: TIMEOUT answers null, ERROR answers UNBLOCKED, others 0', async () => {
      const a = await connect();
      const id = Number(await a.client('ID'));
      const p = a.blpop(key(), 0);
      await untilBlocked(1);
      const list = String(await r.client('LIST'));
      assert.match(list, new RegExp(`id=${id} .*flags=b `));
      assert.equal(await r.client('UNBLOCK', id), 1);
      assert.equal(await p, null);
      const p2 = a.brpop(key(), 0).then(
        () => 'no error',
        (e: Error) => e.message,
      );
      await untilBlocked(1);
      assert.equal(await r.client('UNBLOCK', id, 'ERROR'), 1);
      assert.equal(await p2, 'UNBLOCKED client unblocked via CLIENT UNBLOCK');
      assert.equal(await r.client('UNBLOCK', id), 0);
      assert.equal(await r.client('UNBLOCK', 999999), 0);
      // The connection works afterwards.
      assert.equal(await a.ping(), 'PONG');
    });

    it('a blocked client that disconnects is forgotten', async () => {
      const k = key();
      const a = await connect();
      a.blpop(k, 0).catch(() => {});
      await untilBlocked(1);
      a.disconnect();
      await untilBlocked(0);
      await r.rpush(k, 'kept');
      assert.deepEqual(await r.lrange(k, 0, -1), ['kept']);
    });

    it('inside MULTI blocking commands do not block', async () => {
      const a = await connect();
      const k = key();
      const res = await a.multi().blpop(k, 0).brpoplpush(k, key(), 0).call('BLMPOP', '0', '1', k, 'LEFT').rpush(k, 'a').blpop(k, 0).exec();
      assert.deepEqual(res, [
        [null, null],
        [null, null],
        [null, null],
        [null, 1],
        [null, [k, 'a']],
      ]);
    });

    it('a push inside MULTI serves the blocked client after EXEC', async () => {
      const k = key();
      const a = await connect();
      const p = a.blpop(k, 0);
      await untilBlocked(1);
      const res = await r.multi().rpush(k, 'a').rpush(k, 'b').llen(k).exec();
      assert.deepEqual(res, [
        [null, 1],
        [null, 2],
        [null, 2],
      ]);
      assert.deepEqual(await p, [k, 'a']);
      assert.deepEqual(await r.lrange(k, 0, -1), ['b']);
    });

    it('push then delete in one MULTI serves nobody', async () => {
      const k = key();
      const a = await connect();
      const p = a.blpop(k, 0.3);
      await untilBlocked(1);
      await r.multi().rpush(k, 'a').del(k).exec();
      assert.equal(await p, null);
    });

    it('SWAPDB makes a waiting key ready', async () => {
      const k = key();
      const a = await connect();
      const b = await connect();
      await b.select(1);
      await b.rpush(k, 'from1');
      const p = a.blpop(k, 0);
      await untilBlocked(1);
      await r.swapdb(0, 1);
      assert.deepEqual(await p, [k, 'from1']);
      await r.swapdb(0, 1);
    });

    it('timeout argument errors', async () => {
      const err = (p: Promise<unknown>): Promise<string> => p.then(() => 'no error', (e: Error) => e.message);
      assert.equal(await err(r.blpop(key(), 'x')), 'ERR timeout is not a float or out of range');
      assert.equal(await err(r.blpop(key(), -1)), 'ERR timeout is negative');
      assert.equal(await err(r.call('BLMPOP', '1', '0', key(), 'LEFT')), 'ERR numkeys should be greater than 0');
    });
  });
}
