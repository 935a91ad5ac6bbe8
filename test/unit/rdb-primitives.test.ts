/** CRC-64/Jones, LZF, listpack/intset/ziplist/zipmap blobs of the RDB codec. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Crc64, crc64 } from '../../src/persistence/rdb/crc64.js';
import { lzfCompress, lzfDecompress, LzfError } from '../../src/persistence/rdb/lzf.js';
import { canonicalInt, ListpackBuilder, readListpack } from '../../src/persistence/rdb/listpack.js';
import { readIntset, writeIntset } from '../../src/persistence/rdb/intset.js';
import { readZiplist } from '../../src/persistence/rdb/ziplist.js';
import { readZipmap } from '../../src/persistence/rdb/zipmap.js';
import { BlobError } from '../../src/persistence/rdb/errors.js';

describe('crc64 (Jones, as Redis crc64.c)', () => {
  it('check value of "123456789"', () => {
    assert.equal(crc64(Buffer.from('123456789')), 0xe9c6d914c4b8d9can);
    assert.equal(crc64(Buffer.alloc(0)), 0n);
  });
  it('incremental updates equal one pass, at every split', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog, again and again: 0123456789');
    const whole = crc64(data);
    for (let i = 0; i <= data.length; i++) {
      assert.equal(new Crc64().update(data, 0, i).update(data, i).digest(), whole);
    }
    const le = new Crc64().update(data).digestLE();
    assert.equal(le.readBigUInt64LE(0), whole);
  });
});

describe('lzf', () => {
  it('round-trips random and repetitive data', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let t = 0; t < 300; t++) {
      const n = 1 + (rnd() % 2000);
      const alpha = 1 + (rnd() % 8);
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = rnd() % 10 < 3 ? rnd() & 0xff : 97 + (rnd() % alpha);
      const c = lzfCompress(b, n + 64);
      assert.ok(c, 'fits with slack');
      assert.deepEqual(lzfDecompress(c, n), b);
    }
  });
  it('gives null when the output does not fit, as Redis then stores the string raw', () => {
    assert.equal(lzfCompress(Buffer.from('abcdefghijklmnopqrstuvwxyz'), 22), null);
    const c = lzfCompress(Buffer.from('a'.repeat(100)), 96);
    assert.ok(c && c.length < 10);
  });
  it('decodes a hand-made stream: literal + back reference', () => {
    // literal "ab" (ctrl 1), then back ref length 6 (ctrl (6-2)<<5), offset 2 -> "abababab"
    const c = Buffer.from([1, 0x61, 0x62, 4 << 5, 1]);
    assert.equal(lzfDecompress(c, 8).toString(), 'abababab');
  });
  it('rejects bad input', () => {
    assert.throws(() => lzfDecompress(Buffer.from([0x20, 5]), 10), LzfError);
    assert.throws(() => lzfDecompress(Buffer.from([3, 1, 2]), 4), LzfError);
    assert.throws(() => lzfDecompress(Buffer.from([0, 1]), 2), LzfError);
  });
});

describe('listpack', () => {
  it('writes and reads every integer and string encoding', () => {
    const vals = ['0', '127', '128', '-1', '-4096', '4095', '4096', '-32768', '32767', '40000', '-8388608', '8388607',
      '2147483647', '-2147483648', '2147483648', '9223372036854775807', '-9223372036854775808', '9223372036854775808',
      '', 'a', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4095), 'w'.repeat(4096), '007', '-0', '+1', '1.5', '\x00\xff'];
    const b = new ListpackBuilder();
    for (const v of vals) b.add(v);
    const lp = b.finish();
    assert.equal(lp.readUInt32LE(0), lp.length);
    assert.deepEqual(readListpack(lp).map(String), vals);
  });
  it('knows Redis integer strings', () => {
    assert.equal(canonicalInt('12'), 12);
    assert.equal(canonicalInt('-9223372036854775808'), -9223372036854775808n);
    for (const s of ['', '-', '01', '-0', '+1', ' 1', '1 ', '9223372036854775808', '1e3']) assert.equal(canonicalInt(s), null, s);
  });
  it('rejects corrupt listpacks', () => {
    const lp = new ListpackBuilder().add('hello').add('5').finish();
    const bad1 = Buffer.from(lp);
    bad1[0] ^= 1;
    assert.throws(() => readListpack(bad1), BlobError);
    const bad2 = Buffer.from(lp);
    bad2[bad2.length - 1] = 0;
    assert.throws(() => readListpack(bad2), BlobError);
    const bad3 = Buffer.from(lp);
    bad3[6] = 0x80 | 40; // string longer than the blob
    assert.throws(() => readListpack(bad3), BlobError);
  });
});

describe('intset', () => {
  it('round-trips with the smallest encoding', () => {
    for (const [vals, enc] of [[[3, 1, 2], 2], [[1, 100000], 4], [[-1, 5000000000n], 8]] as const) {
      const is = writeIntset([...vals]);
      assert.equal(is.readUInt32LE(0), enc);
      assert.deepEqual(readIntset(is), [...vals].map(BigInt).sort((a, b) => (a < b ? -1 : 1)).map(String));
    }
    assert.throws(() => readIntset(Buffer.from([2, 0, 0, 0, 5, 0, 0, 0, 1, 0])), BlobError);
  });
});

/** A ziplist built by hand the way Redis 6 wrote them. */
export function makeZiplist(entries: Array<string | number>): Buffer {
  const parts: Buffer[] = [];
  let prev = 0;
  for (const e of entries) {
    let body: Buffer;
    if (typeof e === 'number') {
      if (e >= 0 && e <= 12) body = Buffer.from([0xf1 + e]);
      else if (e >= -128 && e <= 127) body = Buffer.from([0xfe, e & 0xff]);
      else if (e >= -32768 && e <= 32767) { body = Buffer.alloc(3); body[0] = 0xc0; body.writeInt16LE(e, 1); }
      else if (e >= -8388608 && e <= 8388607) { body = Buffer.alloc(4); body[0] = 0xf0; body.writeIntLE(e, 1, 3); }
      else if (e >= -2147483648 && e <= 2147483647) { body = Buffer.alloc(5); body[0] = 0xd0; body.writeInt32LE(e, 1); }
      else { body = Buffer.alloc(9); body[0] = 0xe0; body.writeBigInt64LE(BigInt(e), 1); }
    } else {
      const s = Buffer.from(e, 'latin1');
      let hdr: Buffer;
      if (s.length < 64) hdr = Buffer.from([s.length]);
      else if (s.length < 16384) hdr = Buffer.from([0x40 | (s.length >> 8), s.length & 0xff]);
      else { hdr = Buffer.alloc(5); hdr[0] = 0x80; hdr.writeUInt32BE(s.length, 1); }
      body = Buffer.concat([hdr, s]);
    }
    let pl: Buffer;
    if (prev < 254) pl = Buffer.from([prev]);
    else { pl = Buffer.alloc(5); pl[0] = 254; pl.writeUInt32LE(prev, 1); }
    const ent = Buffer.concat([pl, body]);
    parts.push(ent);
    prev = ent.length;
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(10);
  head.writeUInt32LE(10 + body.length + 1, 0);
  head.writeUInt32LE(10 + body.length - prev, 4);
  head.writeUInt16LE(entries.length, 8);
  return Buffer.concat([head, body, Buffer.from([0xff])]);
}

/** A zipmap built by hand (Redis 2.4 hashes). */
export function makeZipmap(pairs: Array<[string, string]>): Buffer {
  const parts: Buffer[] = [Buffer.from([pairs.length])];
  const len = (n: number) => (n < 254 ? Buffer.from([n]) : Buffer.from([254, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]));
  for (const [k, v] of pairs) parts.push(len(k.length), Buffer.from(k, 'latin1'), len(v.length), Buffer.from([2]), Buffer.from(v, 'latin1'), Buffer.from([0, 0]));
  parts.push(Buffer.from([0xff]));
  return Buffer.concat(parts);
}

describe('ziplist and zipmap (read only)', () => {
  it('reads every ziplist encoding', () => {
    const vals: Array<string | number> = [0, 12, 13, -128, 300, -30000, 8000000, 2000000000, 2 ** 40, 'abc', 'x'.repeat(300), 'y'.repeat(20000)];
    assert.deepEqual(readZiplist(makeZiplist(vals)).map(String), vals.map(String));
  });
  it('reads zipmaps', () => {
    const pairs: Array<[string, string]> = [['a', '1'], ['long', 'v'.repeat(300)]];
    assert.deepEqual(readZipmap(makeZipmap(pairs)), pairs);
    assert.throws(() => readZipmap(makeZipmap(pairs).subarray(0, 10)), BlobError);
  });
});
