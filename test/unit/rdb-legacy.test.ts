/**
 * Encodings Redis 7.0 no longer writes but the reader must load (ziplist, zipmap, intset,
 * quicklist v1, text-double zsets, second-precision expiry), plus opcodes: IDLE, FREQ,
 * FUNCTION2 (raw, with a warning), and the clear refusals of module values and MODULE_AUX.
 * Files are built by hand here, byte by byte.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdb } from '../../src/persistence/rdb/reader.js';
import { RdbError } from '../../src/persistence/rdb/errors.js';
import { crc64 } from '../../src/persistence/rdb/crc64.js';
import { ListpackBuilder } from '../../src/persistence/rdb/listpack.js';
import { writeIntset } from '../../src/persistence/rdb/intset.js';

const len = (n: number) => (n < 64 ? Buffer.from([n]) : Buffer.from([0x40 | (n >> 8), n & 0xff]));
const str = (s: string | Buffer) => {
  const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
  return Buffer.concat([len(b.length), b]);
};
const u8 = (...b: number[]) => Buffer.from(b);

function ziplist(entries: string[]): Buffer {
  // strings only, each < 64 bytes
  const parts: Buffer[] = [];
  let prev = 0;
  for (const e of entries) {
    const ent = Buffer.concat([u8(prev), u8(e.length), Buffer.from(e, 'latin1')]);
    parts.push(ent);
    prev = ent.length;
  }
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(10);
  h.writeUInt32LE(10 + body.length + 1, 0);
  h.writeUInt32LE(10 + body.length - prev, 4);
  h.writeUInt16LE(entries.length, 8);
  return Buffer.concat([h, body, u8(0xff)]);
}

function zipmap(pairs: Array<[string, string]>): Buffer {
  const parts = [u8(pairs.length)];
  for (const [k, v] of pairs) parts.push(u8(k.length), Buffer.from(k), u8(v.length), u8(0), Buffer.from(v));
  parts.push(u8(0xff));
  return Buffer.concat(parts);
}

function file(version: number, body: Buffer[]): Buffer {
  const head = Buffer.from(`REDIS${String(version).padStart(4, '0')}`);
  const withEof = Buffer.concat([head, ...body, u8(0xff)]);
  if (version < 5) return withEof;
  const crc = Buffer.alloc(8);
  crc.writeBigUInt64LE(crc64(withEof));
  return Buffer.concat([withEof, crc]);
}

describe('RDB reader: legacy encodings and opcodes', () => {
  it('reads a hand-made version 6/7 file with every old encoding', () => {
    const buf = file(7, [
      u8(0xfa), str('redis-ver'), str('3.2.0'),
      u8(0xfe, 0),
      u8(0xfd), Buffer.from([0x10, 0x27, 0, 0]), u8(0), str('exp'), str('v'), // expires at 10000 s
      u8(10), str('zl-list'), str(ziplist(['a', 'bb', '12'])),
      u8(9), str('zm-hash'), str(zipmap([['f', 'v'], ['g', 'w']])),
      u8(11), str('is-set'), str(writeIntset([3, -1, 70000])),
      u8(12), str('zl-zset'), str(ziplist(['m1', '1.5', 'm2', '-inf'])),
      u8(13), str('zl-hash'), str(ziplist(['a', '1', 'b', '2'])),
      u8(14), str('ql-list'), len(2), str(ziplist(['x'])), str(ziplist(['y', 'z'])),
      u8(3), str('txt-zset'), len(3), str('a'), u8(3), Buffer.from('2.5'), str('b'), u8(254), str('c'), u8(255),
      u8(1), str('plain-list'), len(2), str('p'), u8(0xc0, 0xff), // INT8 -1
      u8(0xfe, 2),
      u8(0xf8), len(42), u8(0xf9, 7), u8(0), str('with-lru'), u8(0xc3), len(4), len(6), u8(0, 0x61, 0x60, 0), // LZF: literal "a", back ref of 5
    ]);
    const d = decodeRdb(buf);
    const by = new Map(d.records.map((r) => [r.key, r]));
    assert.equal(d.version, 7);
    assert.equal(d.aux.get('redis-ver'), '3.2.0');
    assert.deepEqual({ ...by.get('exp') }, { db: 0, key: 'exp', expireMs: 10000000, rdbType: 0, type: 'string', value: 'v' });
    assert.deepEqual(by.get('zl-list')!.value, ['a', 'bb', '12']);
    assert.deepEqual(by.get('zm-hash')!.value, [['f', 'v'], ['g', 'w']]);
    assert.deepEqual(by.get('is-set')!.value, ['-1', '3', '70000']);
    assert.deepEqual(by.get('zl-zset')!.value, [['m1', 1.5], ['m2', -Infinity]]);
    assert.deepEqual(by.get('zl-hash')!.value, [['a', '1'], ['b', '2']]);
    assert.deepEqual(by.get('ql-list')!.value, ['x', 'y', 'z']);
    assert.deepEqual(by.get('txt-zset')!.value, [['a', 2.5], ['b', Infinity], ['c', -Infinity]]);
    assert.deepEqual(by.get('plain-list')!.value, ['p', '-1']);
    const lru = by.get('with-lru')!;
    assert.deepEqual([lru.db, lru.idle, lru.freq, lru.value, lru.expireMs], [2, 42, 7, 'aaaaaa', null]);
  });

  it('reads version 1 files (no checksum trailer) and 7.2 set listpacks', () => {
    const v1 = decodeRdb(file(1, [u8(0xfe, 0), u8(0), str('k'), str('v')]));
    assert.equal(v1.checksum, null);
    assert.equal(v1.records[0].key, 'k');
    const lp = new ListpackBuilder().add('a').add('5').finish();
    const v11 = decodeRdb(file(11, [u8(0xfe, 0), u8(20), str('s'), str(lp)]));
    assert.deepEqual(v11.records[0].value, ['a', '5']);
  });

  it('returns FUNCTION2 payloads raw with a warning', () => {
    const d = decodeRdb(file(10, [u8(0xf5), str("#!lua name=lib\nredis.register_function('f', function() return 1 end)")]));
    assert.equal(d.functions.length, 1);
    assert.match(d.functions[0], /^#!lua name=lib/);
  });

  it('refuses module values and module aux data, naming the module', () => {
    // module id: name "mymodule1" (9 chars of the 64-char set) << 10 | version 3
    const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let id = 0n;
    for (const ch of 'mymodule1') id = (id << 6n) | BigInt(charset.indexOf(ch));
    id = (id << 10n) | 3n;
    const idLen = Buffer.alloc(9);
    idLen[0] = 0x81;
    idLen.writeBigUInt64BE(id, 1);
    const check = (e: unknown) => e instanceof RdbError && e.code === 'UNSUPPORTED' && /mymodule1/.test(e.message) && e.offset === 9;
    assert.throws(() => decodeRdb(file(10, [u8(7), str('k'), idLen])), check);
    assert.throws(() => decodeRdb(file(10, [u8(0xf7), idLen])), check);
  });

  it('rejects unknown types and bad lengths with offsets', () => {
    assert.throws(() => decodeRdb(file(10, [u8(0xfe, 0), u8(8), str('k')])), (e: unknown) => e instanceof RdbError && e.code === 'CORRUPT' && e.offset === 11);
    assert.throws(() => decodeRdb(file(12, [])), (e: unknown) => e instanceof RdbError && e.code === 'BAD_HEADER');
    // LZF claiming an absurd expansion
    assert.throws(() => decodeRdb(file(10, [u8(0), str('k'), u8(0xc3), len(1), u8(0x80, 0x10, 0, 0, 0), u8(0)])), (e: unknown) => e instanceof RdbError && e.code === 'CORRUPT');
  });
});
