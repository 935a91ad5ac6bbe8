/**
 * The store <-> RDB adapter and DUMP payloads: round trips for every type, the encodings
 * fromNeutral picks under given thresholds, payload checks, and payloads captured from
 * redis-server 7.0.15 (so the Redis direction is covered without a Redis binary).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_LIMITS,
  DumpPayloadError,
  dumpPayload,
  encodeValue,
  fromNeutral,
  parseDumpPayload,
  toNeutral,
  type AdapterLimits,
} from '../../src/persistence/adapter.js';
import { crc64 } from '../../src/persistence/rdb/crc64.js';
import type { Value } from '../../src/store/db.js';
import { digestHex, digestValue as digestInto, newDigest } from '../../src/store/digest.js';
import { HashObject } from '../../src/store/types/hash.js';
import { ListValue } from '../../src/store/types/list.js';
import { SetObject } from '../../src/store/types/set.js';
import { Zset } from '../../src/store/types/zset.js';
import { Consumer, formatId, makeId, Stream, type Nack } from '../../src/store/types/stream.js';

const zl = { entries: 128, value: 64 };
const nodeLimits = { maxBytes: 4096, maxEntries: 100 };

function sampleStream(withGroups: boolean): Stream {
  const s = new Stream();
  for (let i = 0; i < 150; i++) s.append(makeId(BigInt(1000 + i), BigInt(i % 2)), i % 10 === 0 ? ['other', String(i)] : ['f', String(i), 'g', 'x'.repeat(i % 30)], nodeLimits);
  s.deleteIds([makeId(1005n, 1n)]);
  if (withGroups) {
    const g = s.createGroup('grp', makeId(1003n, 1n), 4)!;
    const alice = new Consumer('alice', 1700000000123);
    const bob = new Consumer('bob', 1700000000456);
    g.consumers.set('alice', alice);
    g.consumers.set('bob', bob);
    const pend: Array<[bigint, Consumer]> = [
      [makeId(1000n, 0n), alice],
      [makeId(1001n, 1n), bob],
      [makeId(1003n, 1n), alice],
    ];
    for (const [id, c] of pend) {
      const n: Nack = { consumer: c, deliveryTime: 1700000001000, deliveryCount: 2 };
      g.pel.set(id, n);
      c.pel.set(id, n);
    }
    s.createGroup('empty', 0n, -1);
  }
  return s;
}

/** Everything observable about a stream, groups included (the digest leaves groups out). */
function streamShape(s: Stream): unknown {
  return {
    entries: [...s.entries()].map((e) => [formatId(e.id), e.fv]),
    length: s.length,
    lastId: formatId(s.lastId),
    firstId: formatId(s.firstId),
    maxDeletedId: formatId(s.maxDeletedId),
    entriesAdded: s.entriesAdded,
    groups: s.sortedGroups().map(([name, g]) => ({
      name,
      lastId: formatId(g.lastId),
      entriesRead: g.entriesRead,
      pel: [...g.pel.entries()].map(([id, n]) => [formatId(id), n.consumer?.name ?? null, n.deliveryTime, n.deliveryCount]),
      consumers: g.sortedConsumers().map((c) => [c.name, c.seenTime, [...c.pel.entries()].map(([id]) => formatId(id))]),
    })),
  };
}

const SAMPLES: Array<[string, () => Value, string]> = [
  ['string', () => 'hello', 'embstr'],
  ['binary string', () => '\x00\xff\r\n\x80', 'embstr'],
  ['integer string', () => '-123456', 'int'],
  ['long compressible string', () => 'ab'.repeat(5000), 'raw'],
  ['empty string', () => '', 'embstr'],
  ['small list', () => ListValue.from(['a', '1', '-7', '\x00']), 'quicklist'],
  ['large list', () => ListValue.from(Array.from({ length: 5000 }, (_, i) => (i % 2 ? `e${i}` : String(i)))), 'quicklist'],
  ['listpack hash', () => HashObject.fromFlat(['f', 'v', 'n', '1', 'bin\x00', '\xff'], false), 'listpack'],
  ['hashtable hash', () => HashObject.fromFlat(Array.from({ length: 1200 }, (_, i) => `x${i}`), true), 'hashtable'],
  ['intset', () => SetObject.fromMembers(['3', '-1', '9223372036854775807', '70000'], 'intset'), 'intset'],
  ['hashtable set', () => SetObject.fromMembers(['a', 'b', '1'], 'hashtable'), 'hashtable'],
  ['listpack zset', () => Zset.fromEntries([['a', 1], ['b', -2.5], ['c', Infinity], ['d', 0.1]], zl), 'listpack'],
  ['skiplist zset', () => Zset.fromEntries(Array.from({ length: 300 }, (_, i) => [`m${i}`, i / 3] as [string, number]), zl), 'skiplist'],
  ['stream', () => sampleStream(false), 'stream'],
  ['stream with groups', () => sampleStream(true), 'stream'],
  ['empty stream', () => new Stream(), 'stream'],
];

function digestValue(v: Value): string {
  const d = newDigest();
  digestInto(d, v, false);
  return digestHex(d);
}

function encodingOf(v: Value): string {
  if (typeof v === 'string') return /^-?[1-9][0-9]{0,18}$|^0$/.test(v) ? 'int' : v.length <= 44 ? 'embstr' : 'raw';
  return v.encoding!();
}

describe('adapter: toNeutral / fromNeutral', () => {
  for (const [name, make, enc] of SAMPLES) {
    it(`${name} round-trips`, () => {
      const v = make();
      const back = fromNeutral(toNeutral(v), DEFAULT_LIMITS);
      assert.equal(digestValue(back), digestValue(v));
      assert.equal(encodingOf(back), enc);
      if (v instanceof Stream) assert.deepEqual(streamShape(back as Stream), streamShape(v));
    });
    it(`${name} survives DUMP / RESTORE payloads`, () => {
      const v = make();
      for (const compression of [true, false]) {
        const payload = dumpPayload(v, compression);
        const back = fromNeutral(parseDumpPayload(payload));
        assert.equal(digestValue(back), digestValue(v));
        if (v instanceof Stream) assert.deepEqual(streamShape(back as Stream), streamShape(v));
        // a second DUMP of the restored value is the same payload
        assert.ok(dumpPayload(back, compression).equals(payload), `${name}: DUMP after RESTORE differs`);
      }
    });
  }

  it('skiplist zsets are listed from the highest score, as Redis saves them', () => {
    const z = Zset.fromEntries(Array.from({ length: 200 }, (_, i) => [`m${i}`, i] as [string, number]), zl);
    const n = toNeutral(z);
    assert.equal(n.type, 'zset');
    assert.deepEqual((n.value as Array<[string, number]>)[0], ['m199', 199]);
  });

  it('encodings follow the thresholds passed in', () => {
    const tight: AdapterLimits = { ...DEFAULT_LIMITS, hashEntries: 2, hashValue: 3, setIntsetEntries: 2, zsetEntries: 1, zsetValue: 64 };
    assert.equal((fromNeutral({ type: 'hash', value: [['a', '1'], ['b', '2']] }, tight) as HashObject).encoding(), 'listpack');
    assert.equal((fromNeutral({ type: 'hash', value: [['a', '1'], ['b', '2'], ['c', '3']] }, tight) as HashObject).encoding(), 'hashtable');
    assert.equal((fromNeutral({ type: 'hash', value: [['a', 'long']] }, tight) as HashObject).encoding(), 'hashtable');
    assert.equal((fromNeutral({ type: 'set', value: ['1', '2'] }, tight) as SetObject).encoding(), 'intset');
    assert.equal((fromNeutral({ type: 'set', value: ['1', '2', '3'] }, tight) as SetObject).encoding(), 'hashtable');
    assert.equal((fromNeutral({ type: 'set', value: ['1', 'x'] }, tight) as SetObject).encoding(), 'hashtable');
    assert.equal((fromNeutral({ type: 'zset', value: [['a', 1]] }, tight) as Zset).encoding(), 'listpack');
    assert.equal((fromNeutral({ type: 'zset', value: [['a', 1], ['b', 2]] }, tight) as Zset).encoding(), 'skiplist');
    assert.equal((fromNeutral({ type: 'zset', value: [['m'.repeat(65), 1]] }, DEFAULT_LIMITS) as Zset).encoding(), 'skiplist');
  });

  it('a hash or zset saved as a listpack stays one despite long values (Redis 7.0 checks only the count)', () => {
    const tight: AdapterLimits = { ...DEFAULT_LIMITS, hashValue: 3, zsetValue: 3 };
    const h = parseDumpPayload(dumpPayload(HashObject.fromFlat(['abcdef', 'x'], false)));
    const z = parseDumpPayload(dumpPayload(Zset.fromEntries([['abcdef', 1]], zl)));
    assert.equal((fromNeutral(h, tight) as HashObject).encoding(), 'listpack');
    assert.equal((fromNeutral(z, tight) as Zset).encoding(), 'listpack');
    // without the type byte (or from a table form) the lengths count
    assert.equal((fromNeutral({ type: 'hash', value: [['abcdef', 'x']] }, tight) as HashObject).encoding(), 'hashtable');
    assert.equal((fromNeutral({ type: 'zset', value: [['abcdef', 1]] }, tight) as Zset).encoding(), 'skiplist');
    assert.equal((fromNeutral({ ...h, rdbType: 0 }, { ...tight, hashEntries: 0 }) as HashObject).encoding(), 'hashtable');
  });

  it('encodeValue is the payload without its footer', () => {
    const p = dumpPayload('hello');
    assert.ok(encodeValue('hello').equals(p.subarray(0, p.length - 10)));
    assert.equal(p.toString('hex'), '000568656c6c6f0a00' + p.subarray(p.length - 8).toString('hex'));
  });
});

/** Captured from redis-server 7.0.15 (`DUMP`), rdbcompression yes unless noted. */
const REDIS_PAYLOADS: Array<[string, string, (v: Value) => void]> = [
  ['list RPUSH a b 3', '1201020f0f00000003008161028162020301ff0a00dca1e67d50055048', (v) => assert.deepEqual((v as ListValue).toArray(), ['a', 'b', '3'])],
  [
    'zset skiplist (member of 70 bytes), saved from the tail',
    '05020178000000000000044040466d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d6d000000000000f03f0a0059d91a62e5e7dbae',
    (v) => assert.deepEqual([...(v as Zset).entries()], [['m'.repeat(70), 1], ['x', 2.5]]),
  ],
  ['set hashtable', '0202016201610a0075d99d835ef85f65', (v) => assert.deepEqual((v as SetObject).toArray().sort(), ['a', 'b'])],
  [
    'intset with int64 members (LZF-compressed blob)',
    '0bc31d280408000000042003a000018001a0080300f2052a400b00ff600001ff7f0a000a2dccf7eaca5cab',
    (v) => assert.deepEqual((v as SetObject).toArray(), ['-9223372036854775808', '1', '5000000000', '9223372036854775807']),
  ],
  [
    'hash hashtable, long value (rdbcompression no)',
    '04010166404176767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676767676760a00c4dc9e728cbb8062',
    (v) => assert.equal((v as HashObject).get('f'), 'v'.repeat(65)),
  ],
  [
    'stream with a group, one pending entry',
    '1301100000000000000001000000000000000129290000000f000201000101018161020001020100010001816202040102010101dfff028163020401ff0202000101000002010167010101010000000000000001000000000000000171548101a2010000010102633171548101a201000001000000000000000100000000000000010a001becdf00d4027c8c',
    (v) => {
      const s = v as Stream;
      assert.deepEqual([...s.entries()].map((e) => [formatId(e.id), e.fv]), [['1-1', ['a', 'b']], ['2-0', ['a', 'c']]]);
      const g = s.group('g')!;
      assert.equal(formatId(g.lastId), '1-1');
      assert.equal(g.entriesRead, 1);
      assert.equal(g.pel.size, 1);
      assert.equal(g.pel.valueAt(0).consumer?.name, 'c1');
      assert.equal(g.consumers.get('c1')!.pel.size, 1);
    },
  ],
];

describe('adapter: payloads made by Redis 7.0', () => {
  for (const [name, hex, check] of REDIS_PAYLOADS) {
    it(name, () => {
      const v = fromNeutral(parseDumpPayload(Buffer.from(hex, 'hex')));
      check(v);
    });
  }
  it('the list payload is what Petrel writes too', () => {
    const hex = REDIS_PAYLOADS[0][1];
    assert.equal(dumpPayload(ListValue.from(['a', 'b', '3'])).toString('hex'), hex);
  });
});

describe('adapter: payload checks', () => {
  const good = dumpPayload('hello');
  const reseal = (body: Buffer, version: number): Buffer => {
    const out = Buffer.alloc(body.length + 10);
    body.copy(out);
    out.writeUInt16LE(version, body.length);
    out.writeBigUInt64LE(crc64(out.subarray(0, body.length + 2)), body.length + 2);
    return out;
  };
  const reason = (p: Buffer): string => {
    try {
      parseDumpPayload(p);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof DumpPayloadError, String(e));
      return e.reason;
    }
  };
  it('accepts a good payload', () => assert.equal(reason(good), 'ok'));
  it('refuses short payloads, bad CRCs and newer RDB versions', () => {
    assert.equal(reason(Buffer.from('short')), 'version-or-checksum');
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 1;
    assert.equal(reason(bad), 'version-or-checksum');
    const zeroCrc = Buffer.from(good);
    zeroCrc.fill(0, zeroCrc.length - 8);
    assert.equal(reason(zeroCrc), 'version-or-checksum');
    assert.equal(reason(reseal(good.subarray(0, good.length - 10), 11)), 'version-or-checksum');
    assert.equal(reason(reseal(good.subarray(0, good.length - 10), 9)), 'ok');
  });
  it('refuses malformed values with a valid CRC', () => {
    const body = good.subarray(0, good.length - 10);
    assert.equal(reason(reseal(Buffer.concat([body, Buffer.from('x')]), 10)), 'bad-data');
    assert.equal(reason(reseal(body.subarray(0, body.length - 1), 10)), 'bad-data');
    assert.equal(reason(reseal(Buffer.from([0xff]), 10)), 'bad-data');
    assert.equal(reason(reseal(Buffer.from([20, 0]), 10)), 'bad-data');
    assert.equal(reason(reseal(Buffer.from([2, 0]), 10)), 'bad-data'); // an empty set
    assert.equal(reason(reseal(Buffer.alloc(0), 10)), 'bad-data');
  });
});
