/**
 * List commands with ioredis, for what the differential cannot show: keyspace notifications,
 * the dirty counter (rdb_changes_since_last_save), TTL kept on in-place edits, large lists and
 * the encoding. Runs against Petrel and, when installed, against redis-server 7.0 (the
 * expectations are Redis's).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { haveBinary, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';

const targets: Array<{ name: string; start: () => Promise<RunningServer> }> = [{ name: 'petrel', start: () => startPetrel() }];
if (haveBinary('redis-server')) targets.push({ name: 'redis-server 7.0 (reference)', start: () => startRedis() });

for (const target of targets) {
  describe(`lists: ${target.name}`, () => {
    let srv: RunningServer;
    let r: Redis;
    let sub: Redis;

    before(async () => {
      srv = await target.start();
      const opts = { enableReadyCheck: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null };
      r = new Redis(srv.port, '127.0.0.1', opts);
      sub = new Redis(srv.port, '127.0.0.1', opts);
      await r.connect();
      await sub.connect();
    });
    after(async () => {
      r.disconnect();
      sub.disconnect();
      await srv.stop();
    });

    const dirty = async (): Promise<number> => Number(/rdb_changes_since_last_save:(\d+)/.exec(await r.info('persistence'))![1]);

    it('bumps dirty as Redis does', async () => {
      await r.flushall();
      const steps: Array<[string[], number]> = [
        [['RPUSH', 'd', 'a', 'b', 'c', 'd', 'e'], 5],
        [['LPUSHX', 'd', 'x', 'y'], 2],
        [['LPUSHX', 'nol', 'x'], 0],
        [['LPOP', 'd', '2'], 2],
        [['RPOP', 'd'], 1],
        [['LSET', 'd', '0', 'q'], 1],
        [['LINSERT', 'd', 'BEFORE', 'q', 'p'], 1],
        [['LINSERT', 'd', 'BEFORE', 'zz', 'p'], 0],
        [['LREM', 'd', '0', 'p'], 1],
        [['LTRIM', 'd', '1', '-1'], 1],
        [['LTRIM', 'd', '0', '-1'], 0],
        [['LMOVE', 'd', 'd2', 'LEFT', 'LEFT'], 1],
        [['LMPOP', '1', 'd', 'LEFT', 'COUNT', '5'], 2],
        [['BLPOP', 'd2', '0'], 1],
      ];
      for (const [args, delta] of steps) {
        const before = await dirty();
        await r.call(args[0], ...args.slice(1));
        assert.equal((await dirty()) - before, delta, args.join(' '));
      }
    });

    it('sends the keyspace notifications Redis sends', async () => {
      await r.flushall();
      await r.config('SET', 'notify-keyspace-events', 'KEA');
      const events: string[] = [];
      sub.on('pmessage', (_p: string, ch: string, msg: string) => {
        if (ch.startsWith('__keyevent@0__:')) events.push(`${ch.slice(15)} ${msg}`);
      });
      await sub.psubscribe('__keyevent@0__:*');
      await r.rpush('n', 'a', 'b');
      await r.lpushx('n', 'c');
      await r.lset('n', 0, 'C');
      await r.linsert('n', 'AFTER', 'C', 'D');
      await r.lrem('n', 1, 'D');
      await r.ltrim('n', 0, -1);
      await r.lmove('n', 'm', 'RIGHT', 'LEFT');
      await r.rpoplpush('m', 'm');
      await r.lpop('n', 5);
      await r.call('LMPOP', '1', 'm', 'RIGHT');
      await r.set('done', '1');
      await waitFor(() => events.includes('set done'), 5000, 'the last event');
      await sub.punsubscribe();
      await r.config('SET', 'notify-keyspace-events', '');
      assert.deepEqual(events, [
        'rpush n',
        'lpush n',
        'lset n',
        'linsert n',
        'lrem n',
        'ltrim n',
        'lpush m',
        'rpop n',
        'lpush m',
        'rpop m',
        'lpop n',
        'del n',
        'rpop m',
        'del m',
        'set done',
      ]);
    });

    it('keeps the TTL when a list is edited in place', async () => {
      await r.flushall();
      await r.rpush('t', 'a', 'b', 'c');
      await r.pexpire('t', 100000);
      await r.lpush('t', 'z');
      await r.lset('t', 1, 'A');
      await r.rpop('t');
      await r.ltrim('t', 0, 5);
      assert.ok((await r.pttl('t')) > 0);
    });

    it('handles a large list', async () => {
      await r.flushall();
      const n = 20000;
      const batch: string[] = [];
      for (let i = 0; i < n; i++) batch.push(String(i));
      await r.rpush('big', ...batch);
      assert.equal(await r.llen('big'), n);
      assert.equal(await r.lindex('big', 12345), '12345');
      assert.equal(await r.lindex('big', -1), String(n - 1));
      assert.deepEqual(await r.lrange('big', 9998, 10001), ['9998', '9999', '10000', '10001']);
      assert.equal(await r.lpos('big', '15000'), 15000);
      assert.equal(await r.call('OBJECT', 'ENCODING', 'big'), 'quicklist');
      for (let i = 0; i < 100; i++) await r.lpush('big', `h${i}`);
      assert.equal(await r.lindex('big', 0), 'h99');
      await r.ltrim('big', 100, 199);
      assert.deepEqual(await r.lrange('big', 0, 2), ['0', '1', '2']);
      assert.equal(await r.llen('big'), 100);
    });
  });
}
