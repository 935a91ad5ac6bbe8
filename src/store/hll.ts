/**
 * HyperLogLog with Redis 7.0's exact byte layout (hyperloglog.c), so a value written here is the
 * same string Redis would hold for the same PFADD sequence, and values move between the two
 * through GET/SET, DUMP or RDB unchanged. Pure code: no server imports.
 *
 * Layout: a 16-byte header ("HYLL", encoding byte 0 = dense / 1 = sparse, 3 unused bytes, the
 * cached cardinality as a little-endian uint64 whose top bit set means "stale"), then either
 * 16384 6-bit registers packed LSB first (dense, 12288 bytes) or a run-length sequence of
 * opcodes (sparse): ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy (1..16384
 * zero registers), VAL 1vvvvvxx (value 1..32 repeated 1..4 times).
 *
 * Work happens on a Buffer; callers convert the latin1 string value once per command.
 */

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
const HLL_P_MASK = HLL_REGISTERS - 1;
const HLL_BITS = 6;
const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + ((HLL_REGISTERS * HLL_BITS + 7) >> 3);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
const HLL_MAX_ENCODING = 1;

const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;

/** 0.5/ln(2): the estimator's alpha for m -> infinity. */
const HLL_ALPHA_INF = 0.721347520444481703680;

/**
 * A mutable HLL: `buf` holds `len` meaningful bytes and always at least one spare zero byte
 * after them (Redis relies on the sds terminator when touching the last dense register).
 */
export interface HllBuf {
  buf: Buffer;
  len: number;
}

/* ------------------------------------------------------------------------------------------ */
/* MurmurHash64A (seed 0xadc83b19), in 32-bit halves                                           */
/* ------------------------------------------------------------------------------------------ */

const M_LO = 0x5bd1e995;
const M_HI = 0xc6a4a793;
const TWO32 = 4294967296;

// Result registers of mul64 (avoids allocating a pair per multiply).
let rHi = 0;
let rLo = 0;

const M00 = M_LO & 0xffff;
const M16 = M_LO >>> 16;
const M32 = M_HI & 0xffff;
const M48 = M_HI >>> 16;

/**
 * (hi:lo) * m mod 2^64 into rHi:rLo, in 16-bit limbs (as Long.js multiplies): every partial
 * sum stays below 2^53, so plain number arithmetic is exact.
 */
function mulM(hi: number, lo: number): void {
  const a48 = hi >>> 16;
  const a32 = hi & 0xffff;
  const a16 = lo >>> 16;
  const a00 = lo & 0xffff;
  let c00 = a00 * M00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * M00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * M16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * M00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * M16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * M32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a48 * M00 + a32 * M16 + a16 * M32 + a00 * M48;
  c48 &= 0xffff;
  rLo = ((c16 << 16) | c00) >>> 0;
  rHi = ((c48 << 16) | c32) >>> 0;
}

/** hash ^= hash >>> 47 on rHi:rLo. */
function xorShift47(): void {
  rLo = (rLo ^ (rHi >>> 15)) >>> 0;
}

let hashHi = 0;
let hashLo = 0;

/**
 * MurmurHash64A of the latin1 string `s` (one byte per char), Redis's endian-neutral variant.
 * The 64-bit result is left in hashHi:hashLo.
 */
function murmur64a(s: string, seed: number): void {
  const len = s.length;
  // h = seed ^ (len * m)
  mulM(0, len);
  let hHi = rHi;
  let hLo = (rLo ^ seed) >>> 0;
  const end = len - (len & 7);
  let i = 0;
  for (; i < end; i += 8) {
    const kLo = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)) >>> 0;
    const kHi = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) | (s.charCodeAt(i + 7) << 24)) >>> 0;
    mulM(kHi, kLo);
    xorShift47();
    mulM(rHi, rLo);
    hHi = (hHi ^ rHi) >>> 0;
    hLo = (hLo ^ rLo) >>> 0;
    mulM(hHi, hLo);
    hHi = rHi;
    hLo = rLo;
  }
  const rest = len & 7;
  if (rest > 0) {
    let tLo = 0;
    let tHi = 0;
    for (let j = rest - 1; j >= 0; j--) {
      const b = s.charCodeAt(i + j);
      if (j >= 4) tHi |= b << ((j - 4) * 8);
      else tLo |= b << (j * 8);
    }
    hHi = (hHi ^ tHi) >>> 0;
    hLo = (hLo ^ tLo) >>> 0;
    mulM(hHi, hLo);
    hHi = rHi;
    hLo = rLo;
  }
  rHi = hHi;
  rLo = hLo;
  xorShift47();
  mulM(rHi, rLo);
  xorShift47();
  hashHi = rHi;
  hashLo = rLo;
}

/** MurmurHash64A as a bigint (tests and debugging). */
export function murmurHash64A(s: string, seed = 0xadc83b19): bigint {
  murmur64a(s, seed);
  return (BigInt(hashHi) << 32n) | BigInt(hashLo);
}

let patIndex = 0;

/**
 * Redis's hllPatLen: the register index (low 14 bits of the hash, left in patIndex) and the
 * length of the 000..1 run in the remaining 50 bits, plus one (1..51).
 */
function patLen(ele: string): number {
  murmur64a(ele, 0xadc83b19);
  patIndex = hashLo & HLL_P_MASK;
  const low = hashLo >>> HLL_P; // 18 bits
  if (low !== 0) return 32 - Math.clz32(low & -low);
  if (hashHi !== 0) return 18 + 32 - Math.clz32(hashHi & -hashHi);
  return HLL_Q + 1;
}

/** Index and count for an element, as PFADD would compute them: [index, count]. */
export function hllPatLen(ele: string): [number, number] {
  const n = patLen(ele);
  return [patIndex, n];
}

/* ------------------------------------------------------------------------------------------ */
/* Header and validation                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's isHLLObjectOrReply on a string value: long enough for a header, "HYLL" magic, a known
 * encoding and, for dense, the exact size.
 */
export function isHllString(s: string): boolean {
  if (s.length < HLL_HDR_SIZE) return false;
  if (s.charCodeAt(0) !== 72 || s.charCodeAt(1) !== 89 || s.charCodeAt(2) !== 76 || s.charCodeAt(3) !== 76) return false;
  const enc = s.charCodeAt(4);
  if (enc > HLL_MAX_ENCODING) return false;
  if (enc === HLL_DENSE && s.length !== HLL_DENSE_SIZE) return false;
  return true;
}

/** The encoding byte of a validated HLL string. */
export function hllEncodingOf(s: string): number {
  return s.charCodeAt(4);
}

/** The cached cardinality of an HLL string, or -1 when the cache is stale. */
export function hllCachedCard(s: string): number {
  if (s.charCodeAt(15) & 0x80) return -1;
  let card = 0;
  for (let i = 15; i >= 8; i--) card = card * 256 + s.charCodeAt(i);
  return card;
}

export function hllFromString(s: string, spare = 1): HllBuf {
  const buf = Buffer.alloc(s.length + spare);
  buf.latin1Write(s, 0, s.length);
  return { buf, len: s.length };
}

export function hllToString(h: HllBuf): string {
  return h.buf.latin1Slice(0, h.len);
}

export function hllInvalidateCache(h: HllBuf): void {
  h.buf[15] |= 0x80;
}

export function hllSetCachedCard(h: HllBuf, card: number): void {
  let c = card;
  for (let i = 8; i < 16; i++) {
    h.buf[i] = c % 256;
    c = Math.floor(c / 256);
  }
}

/** Redis's createHLLObject: an empty sparse HLL (one XZERO:16384). */
export function hllCreate(): HllBuf {
  const buf = Buffer.alloc(HLL_HDR_SIZE + 2 + 8);
  buf.latin1Write('HYLL', 0, 4);
  buf[4] = HLL_SPARSE;
  const l = SPARSE_XZERO_MAX_LEN - 1;
  buf[16] = (l >> 8) | 0x40;
  buf[17] = l & 0xff;
  return { buf, len: HLL_HDR_SIZE + 2 };
}

/* ------------------------------------------------------------------------------------------ */
/* Dense registers                                                                             */
/* ------------------------------------------------------------------------------------------ */

/** Register `i` of the dense registers starting at byte `base` of `p`. */
export function denseGet(p: Uint8Array, base: number, i: number): number {
  const bit = i * HLL_BITS;
  const byte = base + (bit >>> 3);
  const fb = bit & 7;
  return ((p[byte] >>> fb) | (p[byte + 1] << (8 - fb))) & HLL_REGISTER_MAX;
}

/** Sets register `i` (p must have a spare byte after the last register). */
export function denseSet(p: Uint8Array, base: number, i: number, val: number): void {
  const bit = i * HLL_BITS;
  const byte = base + (bit >>> 3);
  const fb = bit & 7;
  const fb8 = 8 - fb;
  p[byte] = (p[byte] & ~(HLL_REGISTER_MAX << fb)) | (val << fb);
  p[byte + 1] = (p[byte + 1] & ~(HLL_REGISTER_MAX >>> fb8)) | (val >>> fb8);
}

/** Redis's hllDenseSet: raises register `index` to `count`; 1 when it changed. */
function denseSetMax(h: HllBuf, index: number, count: number): number {
  if (count > denseGet(h.buf, HLL_HDR_SIZE, index)) {
    denseSet(h.buf, HLL_HDR_SIZE, index, count);
    return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Sparse representation                                                                       */
/* ------------------------------------------------------------------------------------------ */

function isZero(b: number): boolean {
  return (b & 0xc0) === 0;
}
function isXzero(b: number): boolean {
  return (b & 0xc0) === 0x40;
}
function isVal(b: number): boolean {
  return (b & 0x80) !== 0;
}
function valSet(p: Buffer, at: number, val: number, len: number): void {
  p[at] = (((val - 1) << 2) | (len - 1)) | 0x80;
}

/**
 * Redis's hllSparseToDense in place. Returns false (and leaves `h` unchanged) when the sparse
 * opcodes do not cover exactly 16384 registers.
 */
export function hllSparseToDense(h: HllBuf): boolean {
  const src = h.buf;
  if (src[4] === HLL_DENSE) return true;
  const dense = Buffer.alloc(HLL_DENSE_SIZE + 1);
  src.copy(dense, 0, 0, HLL_HDR_SIZE);
  dense[4] = HLL_DENSE;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  const end = h.len;
  while (p < end) {
    const b = src[p];
    if (isZero(b)) {
      idx += (b & 0x3f) + 1;
      p++;
    } else if (isXzero(b)) {
      idx += (((b & 0x3f) << 8) | src[p + 1]) + 1;
      p += 2;
    } else {
      let runlen = (b & 3) + 1;
      const regval = ((b >> 2) & 0x1f) + 1;
      if (runlen + idx > HLL_REGISTERS) break; // corrupt: would overflow
      while (runlen--) denseSet(dense, HLL_HDR_SIZE, idx++, regval);
      p++;
    }
  }
  if (idx !== HLL_REGISTERS) return false;
  h.buf = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

function ensureRoom(h: HllBuf, extra: number): void {
  if (h.len + extra + 1 <= h.buf.length) return;
  const nb = Buffer.alloc(Math.max(h.len + extra + 1, h.buf.length * 2));
  h.buf.copy(nb, 0, 0, h.len);
  h.buf = nb;
}

/**
 * Redis's hllSparseSet: raises register `index` to `count` in a sparse HLL, splitting the
 * opcode that covers it and merging equal neighbours; promotes to dense when `count` > 32 or
 * the result would exceed `sparseMaxBytes`. Returns 1 when changed, 0 when not, -1 when the
 * representation is corrupt.
 */
export function hllSparseSet(h: HllBuf, index: number, count: number, sparseMaxBytes: number): number {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(h, index, count);
  ensureRoom(h, 3);
  let p = h.buf;
  const sparse = HLL_HDR_SIZE;
  let end = h.len;
  let pos = sparse;
  let first = 0;
  let prev = -1;
  let span = 0;
  // Step 1: find the opcode covering `index`.
  while (pos < end) {
    const b = p[pos];
    let oplen = 1;
    if (isZero(b)) span = (b & 0x3f) + 1;
    else if (isVal(b)) span = (b & 3) + 1;
    else {
      span = (((b & 0x3f) << 8) | p[pos + 1]) + 1;
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = pos;
    pos += oplen;
    first += span;
  }
  if (span === 0 || pos >= end) return -1;
  const op = p[pos];
  let next = isXzero(op) ? pos + 2 : pos + 1;
  if (next >= end) next = -1;
  let zero = false;
  let xzero = false;
  let val = false;
  let runlen: number;
  if (isZero(op)) {
    zero = true;
    runlen = (op & 0x3f) + 1;
  } else if (isXzero(op)) {
    xzero = true;
    runlen = (((op & 0x3f) << 8) | p[pos + 1]) + 1;
  } else {
    val = true;
    runlen = (op & 3) + 1;
  }
  let updated = false;
  if (val) {
    const old = ((op >> 2) & 0x1f) + 1;
    if (old >= count) return 0;
    if (runlen === 1) {
      valSet(p, pos, count, 1);
      updated = true;
    }
  }
  if (!updated && zero && runlen === 1) {
    valSet(p, pos, count, 1);
    updated = true;
  }
  if (!updated) {
    // General case: replace the opcode by up to three (at most 5 bytes).
    const seq = Buffer.alloc(5);
    let n = 0;
    const last = first + span - 1;
    if (zero || xzero) {
      if (index !== first) n = putZeros(seq, n, index - first);
      valSet(seq, n++, count, 1);
      if (index !== last) n = putZeros(seq, n, last - index);
    } else {
      const cur = ((op >> 2) & 0x1f) + 1;
      if (index !== first) valSet(seq, n++, cur, index - first);
      valSet(seq, n++, count, 1);
      if (index !== last) valSet(seq, n++, cur, last - index);
    }
    const oldlen = xzero ? 2 : 1;
    const delta = n - oldlen;
    if (delta > 0 && h.len + delta > sparseMaxBytes) return promote(h, index, count);
    if (delta !== 0 && next !== -1) p.copy(p, next + delta, next, end);
    h.len += delta;
    seq.copy(p, pos, 0, n);
    end += delta;
    if (delta < 0) p.fill(0, h.len, h.len - delta);
  }
  // Step 4: merge adjacent VAL opcodes with equal values, scanning up to 5 opcodes from prev.
  p = h.buf;
  pos = prev >= 0 ? prev : sparse;
  let scan = 5;
  while (pos < end && scan--) {
    const b = p[pos];
    if (isXzero(b)) {
      pos += 2;
      continue;
    } else if (isZero(b)) {
      pos++;
      continue;
    }
    if (pos + 1 < end && isVal(p[pos + 1])) {
      const v1 = ((b >> 2) & 0x1f) + 1;
      const v2 = ((p[pos + 1] >> 2) & 0x1f) + 1;
      if (v1 === v2) {
        const len = (b & 3) + 1 + (p[pos + 1] & 3) + 1;
        if (len <= SPARSE_VAL_MAX_LEN) {
          valSet(p, pos + 1, v1, len);
          p.copy(p, pos, pos + 1, end);
          end--;
          h.len--;
          p[h.len] = 0;
          continue;
        }
      }
    }
    pos++;
  }
  hllInvalidateCache(h);
  return 1;
}

function putZeros(seq: Buffer, n: number, len: number): number {
  if (len > SPARSE_ZERO_MAX_LEN) {
    const l = len - 1;
    seq[n] = (l >> 8) | 0x40;
    seq[n + 1] = l & 0xff;
    return n + 2;
  }
  seq[n] = len - 1;
  return n + 1;
}

function promote(h: HllBuf, index: number, count: number): number {
  if (!hllSparseToDense(h)) return -1;
  return denseSetMax(h, index, count);
}

/**
 * PFADD of one element (Redis's hllAdd): 1 when a register changed, 0 when not, -1 when the
 * value is corrupt.
 */
export function hllAdd(h: HllBuf, ele: string, sparseMaxBytes: number): number {
  const count = patLen(ele);
  const index = patIndex;
  const enc = h.buf[4];
  if (enc === HLL_DENSE) return denseSetMax(h, index, count);
  if (enc === HLL_SPARSE) return hllSparseSet(h, index, count, sparseMaxBytes);
  return -1;
}

/** Raises register `index` to `count` in either encoding (PFMERGE's write step). */
export function hllSet(h: HllBuf, index: number, count: number, sparseMaxBytes: number): number {
  return h.buf[4] === HLL_DENSE ? denseSetMax(h, index, count) : hllSparseSet(h, index, count, sparseMaxBytes);
}

/* ------------------------------------------------------------------------------------------ */
/* Merge and count                                                                             */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's hllMerge: max[i] = MAX(max[i], register i) over a validated HLL given as a string
 * (read without conversion). False when a sparse value is corrupt.
 */
export function hllMergeInto(max: Uint8Array, s: string): boolean {
  if (s.charCodeAt(4) === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const bit = i * HLL_BITS;
      const byte = HLL_HDR_SIZE + (bit >>> 3);
      const fb = bit & 7;
      const next = byte + 1 < s.length ? s.charCodeAt(byte + 1) : 0;
      const v = ((s.charCodeAt(byte) >>> fb) | (next << (8 - fb))) & HLL_REGISTER_MAX;
      if (v > max[i]) max[i] = v;
    }
    return true;
  }
  let i = 0;
  let p = HLL_HDR_SIZE;
  const end = s.length;
  while (p < end) {
    const b = s.charCodeAt(p);
    if (isZero(b)) {
      i += (b & 0x3f) + 1;
      p++;
    } else if (isXzero(b)) {
      i += (((b & 0x3f) << 8) | (p + 1 < end ? s.charCodeAt(p + 1) : 0)) + 1;
      p += 2;
    } else {
      let runlen = (b & 3) + 1;
      const regval = ((b >> 2) & 0x1f) + 1;
      if (runlen + i > HLL_REGISTERS) break;
      while (runlen--) {
        if (regval > max[i]) max[i] = regval;
        i++;
      }
      p++;
    }
  }
  return i === HLL_REGISTERS;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let zPrime: number;
  let y = 1;
  let z = x;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let zPrime: number;
  let y = 1.0;
  let z = 1 - x;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    z -= Math.pow(1 - x, 2) * y;
  } while (zPrime !== z);
  return z / 3;
}

/** Ertl's estimator over a register histogram (Redis 7.0's hllCount tail). */
function estimate(histo: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histo[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histo[j];
    z *= 0.5;
  }
  z += m * sigma(histo[0] / m);
  // llroundl: half away from zero; the value is never negative.
  return Math.round((HLL_ALPHA_INF * m * m) / z);
}

/**
 * Redis's hllCount on a validated HLL string (dense or sparse). Returns -1 when the sparse form
 * is corrupt (does not cover 16384 registers).
 */
export function hllCountString(s: string): number {
  const histo = new Int32Array(64);
  if (s.charCodeAt(4) === HLL_DENSE) {
    const r = Buffer.from(s, 'latin1');
    let o = HLL_HDR_SIZE;
    for (let j = 0; j < 1024; j++, o += 12) {
      // 16 registers in 12 bytes, as Redis's unrolled loop.
      const b0 = r[o], b1 = r[o + 1], b2 = r[o + 2], b3 = r[o + 3], b4 = r[o + 4], b5 = r[o + 5];
      const b6 = r[o + 6], b7 = r[o + 7], b8 = r[o + 8], b9 = r[o + 9], b10 = r[o + 10], b11 = r[o + 11];
      histo[b0 & 63]++;
      histo[((b0 >> 6) | (b1 << 2)) & 63]++;
      histo[((b1 >> 4) | (b2 << 4)) & 63]++;
      histo[(b2 >> 2) & 63]++;
      histo[b3 & 63]++;
      histo[((b3 >> 6) | (b4 << 2)) & 63]++;
      histo[((b4 >> 4) | (b5 << 4)) & 63]++;
      histo[(b5 >> 2) & 63]++;
      histo[b6 & 63]++;
      histo[((b6 >> 6) | (b7 << 2)) & 63]++;
      histo[((b7 >> 4) | (b8 << 4)) & 63]++;
      histo[(b8 >> 2) & 63]++;
      histo[b9 & 63]++;
      histo[((b9 >> 6) | (b10 << 2)) & 63]++;
      histo[((b10 >> 4) | (b11 << 4)) & 63]++;
      histo[(b11 >> 2) & 63]++;
    }
  } else {
    let idx = 0;
    let p = HLL_HDR_SIZE;
    const end = s.length;
    while (p < end) {
      const b = s.charCodeAt(p);
      if (isZero(b)) {
        const n = (b & 0x3f) + 1;
        idx += n;
        histo[0] += n;
        p++;
      } else if (isXzero(b)) {
        const n = (((b & 0x3f) << 8) | (p + 1 < end ? s.charCodeAt(p + 1) : 0)) + 1;
        idx += n;
        histo[0] += n;
        p += 2;
      } else {
        const n = (b & 3) + 1;
        idx += n;
        histo[((b >> 2) & 0x1f) + 1] += n;
        p++;
      }
    }
    if (idx !== HLL_REGISTERS) return -1;
  }
  return estimate(histo);
}

/** Cardinality of raw one-byte registers (PFCOUNT over several keys). */
export function hllCountRaw(registers: Uint8Array): number {
  const histo = new Int32Array(64);
  for (let i = 0; i < HLL_REGISTERS; i++) histo[registers[i]]++;
  return estimate(histo);
}

/* ------------------------------------------------------------------------------------------ */
/* Debugging                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** PFDEBUG DECODE: the sparse opcodes as "Z:n z:n v:val,len". */
export function hllDecodeSparse(s: string): string {
  const parts: string[] = [];
  let p = HLL_HDR_SIZE;
  const end = s.length;
  while (p < end) {
    const b = s.charCodeAt(p);
    if (isZero(b)) {
      parts.push(`z:${(b & 0x3f) + 1}`);
      p++;
    } else if (isXzero(b)) {
      parts.push(`Z:${(((b & 0x3f) << 8) | (p + 1 < end ? s.charCodeAt(p + 1) : 0)) + 1}`);
      p += 2;
    } else {
      parts.push(`v:${((b >> 2) & 0x1f) + 1},${(b & 3) + 1}`);
      p++;
    }
  }
  return parts.join(' ');
}

/**
 * PFSELFTEST's checks: register access round trips, and dense/sparse agreement plus bounded
 * error at cardinalities 1, 10, 100 ... up to `maxCard`. Returns null on success or Redis's
 * TESTFAILED message.
 */
export function hllSelfTest(sparseMaxBytes: number, cycles = 1000, maxCard = 10_000_000): string | null {
  const regs = Buffer.alloc(HLL_DENSE_SIZE + 1);
  const bytes = new Uint8Array(HLL_REGISTERS);
  for (let j = 0; j < cycles; j++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = Math.floor(Math.random() * 64);
      bytes[i] = r;
      denseSet(regs, HLL_HDR_SIZE, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(regs, HLL_HDR_SIZE, i);
      if (v !== bytes[i]) return `TESTFAILED Register ${i} should be ${bytes[i]} but is ${v}`;
    }
  }
  const dense = hllCreate();
  if (!hllSparseToDense(dense)) return 'TESTFAILED dense conversion';
  const sparse = hllCreate();
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  let checkpoint = 1;
  const seedLo = (Math.random() * TWO32) >>> 0;
  const seedHi = (Math.random() * TWO32) >>> 0;
  const ele = Buffer.alloc(8);
  for (let j = 1; j <= maxCard; j++) {
    ele.writeUInt32LE((j ^ seedLo) >>> 0, 0);
    ele.writeUInt32LE(seedHi, 4);
    const e = ele.latin1Slice(0, 8);
    hllAdd(dense, e, sparseMaxBytes);
    hllAdd(sparse, e, sparseMaxBytes);
    if (j === checkpoint) {
      if (j < sparseMaxBytes / 2 && sparse.buf[4] !== HLL_SPARSE) return 'TESTFAILED sparse encoding not used';
      const cd = hllCountString(hllToString(dense));
      if (cd !== hllCountString(hllToString(sparse))) return 'TESTFAILED dense/sparse disagree';
      let maxerr = Math.ceil(relerr * 6 * checkpoint);
      if (j === 10) maxerr = 1;
      const abserr = Math.abs(checkpoint - cd);
      if (abserr > maxerr) return `TESTFAILED Too big error. card:${checkpoint} abserr:${abserr}`;
      checkpoint *= 10;
    }
  }
  return null;
}
