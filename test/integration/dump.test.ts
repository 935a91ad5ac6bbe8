/**
 * DUMP / RESTORE against a real Petrel process with ioredis (dumpBuffer / restore): every type
 * round-trips, TTL / ABSTTL / REPLACE semantics, encodings at the configured thresholds, key
 * events (notifications, WATCH) and the dirty counter. A last part moves values between Petrel
 * and redis-server with ioredis (skipped visibly without redis-server).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { peerSkip, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

const connect = async (port: number): Promise<Redis> => {
  const c = ioredis(port, { lazyConnect: true });
  await c.connect();
  return c;
};

before(async () => {
  srv = await startPetrel();
  r = await connect(srv.port);
});

after(async () => {
  r.disconnect();
  await srv.stop();
});

async function fill(c: Redis): Promise<string[]> {
  await c.set('s', 'value\x00\xff');
  await c.set('n', '12345');
  await c.rpush('l', 'a', 'b', 'c', '1');
  await c.hset('h', 'f', 'v', 'g', 'w');
  await c.sadd('si', '1', '2', '3');
  await c.sadd('ss', 'x', 'y');
  await c.zadd('z', 1, 'a', 2.5, 'b');
  await c.xadd('x', '1-1', 'f', 'v');
  await c.xgroup('CREATE', 'x', 'g', '0');
  await c.xreadgroup('GROUP', 'g', 'alice', 'STREAMS', 'x', '>');
  return ['s', 'n', 'l', 'h', 'si', 'ss', 'z', 'x'];
}

const digest = (c: Redis, key: string) => c.call('DEBUG', 'DIGEST-VALUE', key) as Promise<string[]>;

describe('DUMP / RESTORE', () => {
  it('round-trips every type with ioredis buffers', async () => {
    await r.flushall();
    for (const key of await fill(r)) {
      const payload = await r.dumpBuffer(key);
      assert.ok(Buffer.isBuffer(payload) && payload.length > 10, key);
      assert.equal(await r.restore(`${key}:copy`, 0, payload), 'OK');
      assert.deepEqual(await digest(r, `${key}:copy`), await digest(r, key), key);
      assert.equal(await r.type(`${key}:copy`), await r.type(key));
      assert.equal(await r.object('ENCODING', `${key}:copy`), await r.object('ENCODING', key), key);
      assert.equal(await r.ttl(`${key}:copy`), -1);
    }
    assert.deepEqual(await r.xinfo('STREAM', 'x:copy', 'FULL'), await r.xinfo('STREAM', 'x', 'FULL'));
    assert.equal(await r.dumpBuffer('missing'), null);
  });

  it('handles TTL, ABSTTL, REPLACE and BUSYKEY', async () => {
    await r.flushall();
    await r.set('k', 'v');
    const p = await r.dumpBuffer('k');
    await assert.rejects(r.restore('k', 0, p), /^ReplyError: BUSYKEY Target key name already exists\.$/);
    await r.restore('k', 0, p, 'REPLACE');
    await r.restore('t', 100000, p);
    const pttl = await r.pttl('t');
    assert.ok(pttl > 90000 && pttl <= 100000, String(pttl));
    const at = Date.now() + 500000;
    await r.restore('a', at, p, 'ABSTTL');
    assert.equal(await r.pexpiretime('a'), at);
    // already expired: nothing created, and REPLACE removes the old value
    assert.equal(await r.restore('gone', 1, p, 'ABSTTL'), 'OK');
    assert.equal(await r.exists('gone'), 0);
    assert.equal(await r.restore('k', 1, p, 'REPLACE', 'ABSTTL'), 'OK');
    assert.equal(await r.exists('k'), 0);
    await assert.rejects(r.restore('z', -1, p), /Invalid TTL value, must be >= 0/);
    await assert.rejects(r.restore('z', 0, Buffer.from('garbage!!!!!')), /DUMP payload version or checksum are wrong/);
  });

  it('encodes restored values by the configured thresholds', async () => {
    await r.flushall();
    await r.hset('h', 'a', '1', 'b', '2', 'c', '3');
    await r.sadd('s', '1', '2', '3');
    const hp = await r.dumpBuffer('h');
    const sp = await r.dumpBuffer('s');
    try {
      await r.config('SET', 'hash-max-listpack-entries', '2');
      await r.config('SET', 'set-max-intset-entries', '2');
      await r.restore('h2', 0, hp);
      await r.restore('s2', 0, sp);
      assert.equal(await r.object('ENCODING', 'h2'), 'hashtable');
      assert.equal(await r.object('ENCODING', 's2'), 'hashtable');
      assert.deepEqual(await digest(r, 'h2'), await digest(r, 'h'));
    } finally {
      await r.config('SET', 'hash-max-listpack-entries', '512');
      await r.config('SET', 'set-max-intset-entries', '512');
    }
  });

  it('announces the key: notification, WATCH, dirty', async () => {
    await r.flushall();
    await r.set('k', 'v');
    const p = await r.dumpBuffer('k');
    await r.config('SET', 'notify-keyspace-events', 'Eg');
    const sub = await connect(srv.port);
    const events: string[] = [];
    sub.on('pmessage', (_p, ch, msg) => events.push(`${ch} ${msg}`));
    await sub.psubscribe('__keyevent@0__:*');
    try {
      const before = Number(/rdb_changes_since_last_save:(\d+)/.exec(await r.info('persistence'))![1]);
      await r.restore('new', 0, p);
      const afterN = Number(/rdb_changes_since_last_save:(\d+)/.exec(await r.info('persistence'))![1]);
      assert.equal(afterN - before, 1);
      await waitFor(() => events.length >= 1, 5000, 'restore event');
      assert.deepEqual(events, ['__keyevent@0__:restore new']);

      const w = await connect(srv.port);
      await w.watch('new');
      await r.restore('new', 0, p, 'REPLACE');
      const res = await w.multi().get('new').exec();
      assert.equal(res, null, 'WATCH must see the RESTORE');
      w.disconnect();
    } finally {
      sub.disconnect();
      await r.config('SET', 'notify-keyspace-events', '');
    }
  });
});

describe('DUMP / RESTORE between Petrel and redis-server (ioredis)', { skip: peerSkip('redis-server') }, () => {
  let redis: RunningServer;
  let rr: Redis;
  before(async () => {
    redis = await startRedis();
    rr = await connect(redis.port);
  });
  after(async () => {
    rr?.disconnect();
    await redis?.stop();
  });

  it('moves every type both ways', async () => {
    await r.flushall();
    await rr.flushall();
    const keys = await fill(r);
    await fill(rr);
    for (const key of keys) {
      await rr.restore(`${key}:p`, 0, await r.dumpBuffer(key));
      await r.restore(`${key}:r`, 0, await rr.dumpBuffer(key));
      assert.deepEqual(await digest(rr, `${key}:p`), await digest(r, key), `${key} Petrel -> Redis`);
      assert.deepEqual(await digest(r, `${key}:r`), await digest(rr, key), `${key} Redis -> Petrel`);
    }
  });
});
