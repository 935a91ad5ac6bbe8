/**
 * Listpack (Redis src/listpack.c): reading and writing. Layout:
 *   <total-bytes u32 LE> <num-elements u16 LE, 65535 = unknown> <entry>* <0xFF>
 * entry = <encoding+data> <backlen: size of encoding+data in 1..5 bytes, read right to left>.
 * Encodings:
 *   0xxxxxxx                7-bit unsigned int
 *   10xxxxxx                string, 6-bit length
 *   110xxxxx yyyyyyyy       13-bit signed int
 *   1110xxxx yyyyyyyy       string, 12-bit length
 *   11110000 <u32 LE>       string, 32-bit length
 *   11110001..11110100      int16 / int24 / int32 / int64, little-endian
 */
import { BlobError } from './errors.js';

/** A listpack or ziplist element: a latin1 string, or an integer (bigint only beyond 2^53). */
export type PackedValue = string | number | bigint;

/** The element as Redis would reply it. */
export function packedToString(v: PackedValue): string {
  return typeof v === 'string' ? v : String(v);
}

function backlenSize(l: number): number {
  return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
}

/**
 * Decodes every element of a listpack. Validates the header, each entry's bounds and backlen,
 * the terminator, and the element count when the header states it.
 */
export function readListpack(lp: Uint8Array): PackedValue[] {
  const n = lp.length;
  if (n < 7) throw new BlobError('listpack too short', 0);
  const total = (lp[0] | (lp[1] << 8) | (lp[2] << 16) | (lp[3] << 24)) >>> 0;
  if (total !== n) throw new BlobError(`listpack header says ${total} bytes, blob has ${n}`, 0);
  const count = lp[4] | (lp[5] << 8);
  if (lp[n - 1] !== 0xff) throw new BlobError('listpack not terminated by 0xFF', n - 1);
  const out: PackedValue[] = [];
  let p = 6;
  const end = n - 1;
  const latin1 = Buffer.prototype.latin1Slice;
  const buf = lp instanceof Buffer ? lp : Buffer.from(lp.buffer, lp.byteOffset, lp.byteLength);
  while (p < end) {
    const start = p;
    const b = lp[p];
    let v: PackedValue;
    if (b < 0x80) {
      v = b;
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const len = b & 0x3f;
      if (p + 1 + len > end) throw new BlobError('listpack string past end', p);
      v = latin1.call(buf, p + 1, p + 1 + len);
      p += 1 + len;
    } else if ((b & 0xe0) === 0xc0) {
      if (p + 2 > end) throw new BlobError('listpack int past end', p);
      let u = ((b & 0x1f) << 8) | lp[p + 1];
      if (u >= 1 << 12) u -= 1 << 13;
      v = u;
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 2 > end) throw new BlobError('listpack string past end', p);
      const len = ((b & 0x0f) << 8) | lp[p + 1];
      if (p + 2 + len > end) throw new BlobError('listpack string past end', p);
      v = latin1.call(buf, p + 2, p + 2 + len);
      p += 2 + len;
    } else if (b === 0xf0) {
      if (p + 5 > end) throw new BlobError('listpack string past end', p);
      const len = buf.readUInt32LE(p + 1);
      if (p + 5 + len > end) throw new BlobError('listpack string past end', p);
      v = latin1.call(buf, p + 5, p + 5 + len);
      p += 5 + len;
    } else if (b === 0xf1) {
      if (p + 3 > end) throw new BlobError('listpack int past end', p);
      v = buf.readInt16LE(p + 1);
      p += 3;
    } else if (b === 0xf2) {
      if (p + 4 > end) throw new BlobError('listpack int past end', p);
      v = buf.readIntLE(p + 1, 3);
      p += 4;
    } else if (b === 0xf3) {
      if (p + 5 > end) throw new BlobError('listpack int past end', p);
      v = buf.readInt32LE(p + 1);
      p += 5;
    } else if (b === 0xf4) {
      if (p + 9 > end) throw new BlobError('listpack int past end', p);
      const big = buf.readBigInt64LE(p + 1);
      v = big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
      p += 9;
    } else {
      throw new BlobError(`listpack bad encoding byte 0x${b.toString(16)}`, p);
    }
    const l = p - start;
    const bl = backlenSize(l);
    if (p + bl > end) throw new BlobError('listpack backlen past end', p);
    // the backlen's last byte holds the low 7 bits; check it agrees with the entry size
    if ((lp[p + bl - 1] & 0x7f) !== (l & 0x7f)) throw new BlobError('listpack backlen mismatch', p);
    p += bl;
    out.push(v);
  }
  if (p !== end) throw new BlobError('listpack entries overrun terminator', p);
  if (count !== 65535 && count !== out.length) throw new BlobError(`listpack header count ${count}, found ${out.length}`, 4);
  return out;
}

/**
 * The integer a string stands for when Redis would store it as an integer (string2ll rules:
 * no sign '+', no leading zeros, no "-0", within int64), else null.
 */
export function canonicalInt(s: string): number | bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */) {
    if (n === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return n === 1 ? 0 : null;
  if (first < 49 || first > 57) return null;
  for (let k = i + 1; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return null;
  }
  if (n <= 16) return Number(s);
  const big = BigInt(s);
  if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
}

/** Builds listpacks; reuse one builder per listpack. */
export class ListpackBuilder {
  private buf: Buffer = Buffer.allocUnsafe(256);
  private pos = 6;
  count = 0;

  /** Bytes the listpack would take now (with terminator). */
  get size(): number {
    return this.pos + 1;
  }

  private ensure(extra: number): void {
    if (this.pos + extra + 1 <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + extra + 1) cap *= 2;
    const nb = Buffer.allocUnsafe(cap);
    this.buf.copy(nb, 0, 0, this.pos);
    this.buf = nb;
  }

  private backlen(l: number): void {
    const b = this.buf;
    if (l <= 127) {
      b[this.pos++] = l;
    } else if (l < 16383) {
      b[this.pos++] = l >>> 7;
      b[this.pos++] = (l & 127) | 128;
    } else if (l < 2097151) {
      b[this.pos++] = l >>> 14;
      b[this.pos++] = ((l >>> 7) & 127) | 128;
      b[this.pos++] = (l & 127) | 128;
    } else if (l < 268435455) {
      b[this.pos++] = l >>> 21;
      b[this.pos++] = ((l >>> 14) & 127) | 128;
      b[this.pos++] = ((l >>> 7) & 127) | 128;
      b[this.pos++] = (l & 127) | 128;
    } else {
      b[this.pos++] = Math.floor(l / 268435456);
      b[this.pos++] = ((l >>> 21) & 127) | 128;
      b[this.pos++] = ((l >>> 14) & 127) | 128;
      b[this.pos++] = ((l >>> 7) & 127) | 128;
      b[this.pos++] = (l & 127) | 128;
    }
  }

  /** Appends an integer (int64 range) in the smallest integer encoding. */
  addInt(v: number | bigint): this {
    this.ensure(14);
    const b = this.buf;
    const start = this.pos;
    if (typeof v === 'bigint' && v >= -9007199254740991n && v <= 9007199254740991n) v = Number(v);
    if (typeof v === 'bigint') {
      b[this.pos] = 0xf4;
      b.writeBigInt64LE(v, this.pos + 1);
      this.pos += 9;
    } else if (v >= 0 && v <= 127) {
      b[this.pos++] = v;
    } else if (v >= -4096 && v <= 4095) {
      const u = v < 0 ? v + 8192 : v;
      b[this.pos++] = 0xc0 | (u >>> 8);
      b[this.pos++] = u & 0xff;
    } else if (v >= -32768 && v <= 32767) {
      b[this.pos] = 0xf1;
      b.writeInt16LE(v, this.pos + 1);
      this.pos += 3;
    } else if (v >= -8388608 && v <= 8388607) {
      b[this.pos] = 0xf2;
      b.writeIntLE(v, this.pos + 1, 3);
      this.pos += 4;
    } else if (v >= -2147483648 && v <= 2147483647) {
      b[this.pos] = 0xf3;
      b.writeInt32LE(v, this.pos + 1);
      this.pos += 5;
    } else {
      b[this.pos] = 0xf4;
      b.writeBigInt64LE(BigInt(v), this.pos + 1);
      this.pos += 9;
    }
    this.backlen(this.pos - start);
    this.count++;
    return this;
  }

  /** Appends a latin1 string, as an integer when Redis would store it so. */
  add(s: string): this {
    const iv = canonicalInt(s);
    if (iv !== null) return this.addInt(iv);
    const len = s.length;
    this.ensure(len + 10);
    const b = this.buf;
    const start = this.pos;
    if (len < 64) {
      b[this.pos++] = 0x80 | len;
    } else if (len < 4096) {
      b[this.pos++] = 0xe0 | (len >>> 8);
      b[this.pos++] = len & 0xff;
    } else {
      b[this.pos] = 0xf0;
      b.writeUInt32LE(len, this.pos + 1);
      this.pos += 5;
    }
    this.pos += b.latin1Write(s, this.pos, len);
    this.backlen(this.pos - start);
    this.count++;
    return this;
  }

  /** Finishes the listpack: a fresh Buffer of exactly its size. The builder is reset. */
  finish(): Buffer {
    this.ensure(0);
    const b = this.buf;
    b[this.pos++] = 0xff;
    b.writeUInt32LE(this.pos, 0);
    b.writeUInt16LE(Math.min(this.count, 65535), 4);
    const out = Buffer.from(b.subarray(0, this.pos));
    this.pos = 6;
    this.count = 0;
    return out;
  }
}
