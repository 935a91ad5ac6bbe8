/**
 * src/store/digest.ts against Redis 7.0's DEBUG DIGEST / DIGEST-VALUE. The pure functions are
 * checked on fixed facts (empty dataset), and, when redis-server is installed, on every type:
 * the same data is written to a real redis-server and built in memory here, and the digests
 * must be equal byte for byte.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyspace } from '../../src/store/db.js';
import type { DataObject } from '../../src/store/db.js';
import {
  datasetDigest,
  digestHex,
  keyValueDigest,
  mixDigest,
  newDigest,
  xorDigest,
  type DigestHash,
  type DigestList,
  type DigestSet,
  type DigestStream,
  type DigestStreamEntry,
  type DigestZset,
} from '../../src/store/digest.js';
import { RespClient, type Reply } from '../helpers/resp-client.js';
import { peerSkip, startRedis, type RunningServer } from '../helpers/server.js';

// Minimal in-memory stand-ins implementing the digest interfaces (the real structures come later).
const list = (els: string[]): DigestList & DataObject => ({ type: 'list', digestElements: () => els });
const set = (ms: string[]): DigestSet & DataObject => ({ type: 'set', digestMembers: () => ms });
const zset = (es: Array<[string, number]>): DigestZset & DataObject => ({ type: 'zset', digestEntries: () => es });
const hash = (es: Array<[string, string]>): DigestHash & DataObject => ({ type: 'hash', digestEntries: () => es });
const stream = (es: DigestStreamEntry[]): DigestStream & DataObject => ({ type: 'stream', digestEntries: () => es });

describe('digest primitives', () => {
  it('an empty dataset is all zeros', () => {
    assert.equal(digestHex(datasetDigest(new Keyspace(16))), '0'.repeat(40));
  });

  it('a missing key digests to zeros', () => {
    const ks = new Keyspace(1);
    assert.equal(digestHex(keyValueDigest(ks.dbs[0], 'nope')), '0'.repeat(40));
  });

  it('xor is order-free, mix is not', () => {
    const a = newDigest();
    const b = newDigest();
    xorDigest(a, 'x');
    xorDigest(a, 'y');
    xorDigest(b, 'y');
    xorDigest(b, 'x');
    assert.deepEqual(a, b);
    const c = newDigest();
    const d = newDigest();
    mixDigest(c, 'x');
    mixDigest(c, 'y');
    mixDigest(d, 'y');
    mixDigest(d, 'x');
    assert.notDeepEqual(c, d);
  });

  it('key order inside a database does not matter', () => {
    const k1 = new Keyspace(2);
    const k2 = new Keyspace(2);
    k1.dbs[0].set('a', '1');
    k1.dbs[0].set('b', '2');
    k2.dbs[0].set('b', '2');
    k2.dbs[0].set('a', '1');
    assert.deepEqual(datasetDigest(k1), datasetDigest(k2));
    const k3 = new Keyspace(2);
    k3.dbs[1].set('a', '1');
    k3.dbs[1].set('b', '2');
    assert.notDeepEqual(datasetDigest(k1), datasetDigest(k3), 'the db index is part of the digest');
  });
});

const skip = peerSkip('redis-server');

describe('digest equals Redis 7.0', { skip }, () => {
  let redis: RunningServer;
  let cli: RespClient;

  const call = async (...args: string[]): Promise<Reply> => {
    const r = await cli.call(...args);
    if (r.t === 'error') throw new Error(`redis: ${args.join(' ')} -> ${r.v}`);
    return r;
  };
  const text = (r: Reply): string => {
    if (r.t !== 'simple' && r.t !== 'bulk') throw new Error(`unexpected reply ${JSON.stringify(r)}`);
    return r.v;
  };
  const redisValueDigest = async (db: number, key: string): Promise<string> => {
    await call('SELECT', String(db));
    const r = await call('DEBUG', 'DIGEST-VALUE', key);
    assert.equal(r.t, 'array');
    return text((r as { v: Reply[] }).v[0]);
  };

  before(async () => {
    redis = await startRedis();
    cli = await RespClient.connect(redis.port);
  });
  after(async () => {
    cli?.close();
    await redis?.stop();
  });

  it('strings, binary values, several databases and TTLs', async () => {
    await call('FLUSHALL');
    const ks = new Keyspace(16);
    const put = async (db: number, k: string, v: string, ttl = false) => {
      await call('SELECT', String(db));
      await call('SET', k, v);
      ks.dbs[db].set(k, v);
      if (ttl) {
        await call('EXPIRE', k, '100000');
        ks.dbs[db].setExpire(k, Date.now() + 100000000);
      }
    };
    assert.equal(text(await call('DEBUG', 'DIGEST')), digestHex(datasetDigest(ks)));
    await put(0, 'foo', 'bar');
    await put(0, 'n', '12345');
    await put(0, 'small', '7');
    await put(0, 'empty', '');
    await put(0, 'bin\x00\xff', 'v\x00\x01\xfe\xff\r\n');
    await put(3, 'k', 'x'.repeat(100));
    await put(15, 'ttl', 'v', true);
    await put(15, 'ttl-int', '42', true);
    assert.equal(text(await call('DEBUG', 'DIGEST')), digestHex(datasetDigest(ks)));
    for (const [db, k] of [[0, 'foo'], [0, 'bin\x00\xff'], [15, 'ttl'], [15, 'ttl-int']] as const) {
      assert.equal(await redisValueDigest(db, k), digestHex(keyValueDigest(ks.dbs[db], k)), `key ${k}`);
    }
  });

  it('lists, sets, sorted sets, hashes and streams', async () => {
    await call('FLUSHALL');
    await call('SELECT', '0');
    const ks = new Keyspace(16);
    const db = ks.dbs[0];

    await call('RPUSH', 'l', 'a', '1', 'b\x00', '-5', 'a');
    db.set('l', list(['a', '1', 'b\x00', '-5', 'a']));
    // A long list (quicklist) and an intset-encoded set.
    const long = Array.from({ length: 300 }, (_, i) => `item${i}`);
    await call('RPUSH', 'biglist', ...long);
    db.set('biglist', list(long));
    await call('SADD', 'si', '3', '1', '2', '100');
    db.set('si', set(['1', '2', '3', '100']));
    await call('SADD', 's', 'x', 'y', 'z\xff');
    db.set('s', set(['z\xff', 'y', 'x']));
    await call('ZADD', 'z', '1', 'a', '2.5', 'b', '-0.1', 'c', '1e20', 'd', 'inf', 'e', '3', '7');
    db.set('z', zset([['a', 1], ['b', 2.5], ['c', -0.1], ['d', 1e20], ['e', Infinity], ['7', 3]]));
    // Skiplist-encoded sorted set (more than 128 members).
    const big: Array<[string, number]> = Array.from({ length: 200 }, (_, i) => [`m${i}`, i / 3]);
    await call('ZADD', 'bigz', ...big.flatMap(([m, s]) => [String(s), m]));
    db.set('bigz', zset(big));
    await call('HSET', 'h', 'f1', 'v1', 'f2', '22', 'f\x003', '');
    db.set('h', hash([['f2', '22'], ['f1', 'v1'], ['f\x003', '']]));
    await call('XADD', 'st', '1-1', 'a', '1', 'b', '2');
    await call('XADD', 'st', '5-0', 'c', '3');
    db.set('st', stream([
      { ms: 1, seq: 1, fields: ['a', '1', 'b', '2'] },
      { ms: 5, seq: 0, fields: ['c', '3'] },
    ]));
    await call('PEXPIRE', 'h', '1000000');
    db.setExpire('h', Date.now() + 1000000);

    for (const k of ['l', 'biglist', 'si', 's', 'z', 'bigz', 'h', 'st']) {
      assert.equal(await redisValueDigest(0, k), digestHex(keyValueDigest(db, k)), `type of key ${k}`);
    }
    assert.equal(text(await call('DEBUG', 'DIGEST')), digestHex(datasetDigest(ks)));
  });

  it('stream consumer groups are not part of the 7.0 digest', async () => {
    await call('FLUSHALL');
    await call('XADD', 'st', '1-1', 'a', '1');
    const before = await redisValueDigest(0, 'st');
    await call('XGROUP', 'CREATE', 'st', 'g', '0');
    assert.equal(await redisValueDigest(0, 'st'), before);
  });
});
