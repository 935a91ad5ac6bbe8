/**
 * The HLL encoder against bytes produced by redis-server 7.0.15 (captured with GET after the
 * same PFADD sequence), and MurmurHash64A against a straightforward BigInt implementation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_SPARSE,
  hllAdd,
  hllCachedCard,
  hllCountString,
  hllCreate,
  hllDecodeSparse,
  hllFromString,
  hllMergeInto,
  hllSelfTest,
  hllSetCachedCard,
  hllSparseToDense,
  hllToString,
  hllInvalidateCache,
  isHllString,
  murmurHash64A,
  HLL_REGISTERS,
  hllCountRaw,
} from '../../src/store/hll.js';

const MAX = 3000;

function md5(s: string): string {
  return createHash('md5').update(Buffer.from(s, 'latin1')).digest('hex');
}

/** Reference MurmurHash64A in BigInt, written from the algorithm's definition. */
function murmurRef(s: string, seed: bigint): bigint {
  const m = 0xc6a4a7935bd1e995n;
  const mask = (1n << 64n) - 1n;
  const bytes = Buffer.from(s, 'latin1');
  let h = (seed ^ (BigInt(bytes.length) * m)) & mask;
  const end = bytes.length - (bytes.length & 7);
  for (let i = 0; i < end; i += 8) {
    let k = bytes.readBigUInt64LE(i);
    k = (k * m) & mask;
    k ^= k >> 47n;
    k = (k * m) & mask;
    h ^= k;
    h = (h * m) & mask;
  }
  const rest = bytes.length & 7;
  if (rest) {
    for (let j = rest - 1; j >= 0; j--) h ^= BigInt(bytes[end + j]) << BigInt(8 * j);
    h = (h * m) & mask;
  }
  h ^= h >> 47n;
  h = (h * m) & mask;
  h ^= h >> 47n;
  return h;
}

function addAll(els: string[]): string {
  const h = hllCreate();
  for (const e of els) hllAdd(h, e, MAX);
  hllInvalidateCache(h);
  return hllToString(h);
}

/** The value after PFCOUNT stored the cardinality in the header (how the digests were taken). */
function counted(s: string): string {
  const h = hllFromString(s);
  hllSetCachedCard(h, hllCountString(s));
  return hllToString(h);
}

function range(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}

describe('hll', () => {
  it('murmur64a matches a BigInt reference', () => {
    let x = 12345;
    for (let n = 0; n < 2000; n++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      let s = '';
      for (let i = 0; i < n % 37; i++) s += String.fromCharCode((x >>> (i % 24)) & 0xff);
      assert.equal(murmurHash64A(s), murmurRef(s, 0xadc83b19n), JSON.stringify(s));
    }
  });

  it('an empty HLL is one XZERO opcode', () => {
    const s = hllToString(hllCreate());
    assert.equal(s, 'HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff');
    assert.ok(isHllString(s));
    assert.equal(hllCountString(s), 0);
  });

  it('PFADD a b c gives the bytes Redis gives', () => {
    const s = addAll(['a', 'b', 'c']);
    assert.equal(s, 'HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80`\xf3\x80P\xb1\x84K\xfb\x80BZ');
    assert.equal(hllCachedCard(s), -1);
    assert.equal(hllCountString(s), 3);
    const h = hllFromString(s);
    hllSetCachedCard(h, 3);
    assert.equal(hllToString(h), 'HYLL\x01\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00`\xf3\x80P\xb1\x84K\xfb\x80BZ');
  });

  it('decodes sparse opcodes as PFDEBUG DECODE', () => {
    assert.equal(hllDecodeSparse(addAll(['hello'])), 'Z:9216 v:1,1 Z:7167');
  });

  it('1..1000 stays sparse and matches Redis', () => {
    const s = addAll(range(1000));
    assert.equal(s.charCodeAt(4), HLL_SPARSE);
    assert.equal(s.length, 1922);
    assert.equal(md5(counted(s)), 'e3f9f245178359ffff6ae87f31d24add');
    assert.equal(hllCountString(s), 1001);
  });

  it('1..5000 is promoted to dense and matches Redis', () => {
    const s = addAll(range(5000));
    assert.equal(s.charCodeAt(4), HLL_DENSE);
    assert.equal(s.length, HLL_DENSE_SIZE);
    assert.equal(md5(counted(s)), '3bae899aeb887292e9be513d0bfd9035');
    assert.equal(hllCountString(s), 4985);
  });

  it('sparse and dense agree, and raw merge counts the same', () => {
    const sparse = addAll(range(800));
    const h = hllFromString(sparse);
    assert.ok(hllSparseToDense(h));
    const dense = hllToString(h);
    assert.equal(hllCountString(dense), hllCountString(sparse));
    const a = new Uint8Array(HLL_REGISTERS);
    const b = new Uint8Array(HLL_REGISTERS);
    assert.ok(hllMergeInto(a, sparse));
    assert.ok(hllMergeInto(b, dense));
    assert.deepEqual(a, b);
    assert.equal(hllCountRaw(a), hllCountString(sparse));
  });

  it('rejects what Redis rejects', () => {
    assert.ok(!isHllString('HYLL'));
    assert.ok(!isHllString('HYLX\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff'));
    assert.ok(!isHllString('HYLL\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff'));
    assert.ok(!isHllString('HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff'));
    // Opcodes that cover too few registers.
    assert.equal(hllCountString('HYLL\x01\x00\x00\x00\x00\x00\x00\x80\x00\x00\x00\x80\x7f\x00'), -1);
  });

  it('self test passes (reduced)', () => {
    assert.equal(hllSelfTest(MAX, 5, 100000), null);
  });
});
