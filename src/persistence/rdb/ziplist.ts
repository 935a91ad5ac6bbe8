/**
 * Ziplist (Redis src/ziplist.c), read only: Redis 7 no longer writes it but loads it from older
 * RDB files. Layout:
 *   <zlbytes u32 LE> <zltail u32 LE> <zllen u16 LE> <entry>* <0xFF>
 * entry = <prevlen: 1 byte < 254, or 0xFE + u32 LE> <encoding> <data>
 *   00pppppp / 01pppppp qqqqqqqq (big-endian) / 10000000 <u32 BE>   string of that length
 *   11000000 int16, 11010000 int32, 11100000 int64, 11110000 int24, 11111110 int8 (LE)
 *   1111xxxx (xxxx 0001..1101)   immediate 0..12
 */
import { BlobError } from './errors.js';
import type { PackedValue } from './listpack.js';

export function readZiplist(zl: Uint8Array): PackedValue[] {
  const n = zl.length;
  if (n < 11) throw new BlobError('ziplist too short', 0);
  const buf = zl instanceof Buffer ? zl : Buffer.from(zl.buffer, zl.byteOffset, zl.byteLength);
  const total = buf.readUInt32LE(0);
  if (total !== n) throw new BlobError(`ziplist header says ${total} bytes, blob has ${n}`, 0);
  const count = buf.readUInt16LE(8);
  if (zl[n - 1] !== 0xff) throw new BlobError('ziplist not terminated by 0xFF', n - 1);
  const end = n - 1;
  const out: PackedValue[] = [];
  let p = 10;
  let prevSize = 0;
  while (p < end) {
    const start = p;
    let prevlen: number;
    if (zl[p] < 254) {
      prevlen = zl[p];
      p += 1;
    } else if (zl[p] === 254) {
      if (p + 5 > end) throw new BlobError('ziplist prevlen past end', p);
      prevlen = buf.readUInt32LE(p + 1);
      p += 5;
    } else {
      throw new BlobError('ziplist bad prevlen', p);
    }
    if (prevlen !== prevSize) throw new BlobError('ziplist prevlen mismatch', start);
    if (p >= end) throw new BlobError('ziplist entry past end', p);
    const e = zl[p];
    let v: PackedValue;
    const hi = e >>> 6;
    if (hi !== 3) {
      let len: number;
      if (hi === 0) {
        len = e & 0x3f;
        p += 1;
      } else if (hi === 1) {
        if (p + 2 > end) throw new BlobError('ziplist entry past end', p);
        len = ((e & 0x3f) << 8) | zl[p + 1];
        p += 2;
      } else {
        if (e !== 0x80 || p + 5 > end) throw new BlobError('ziplist bad string encoding', p);
        len = buf.readUInt32BE(p + 1);
        p += 5;
      }
      if (p + len > end) throw new BlobError('ziplist string past end', p);
      v = buf.latin1Slice(p, p + len);
      p += len;
    } else {
      const need = e === 0xc0 ? 2 : e === 0xd0 ? 4 : e === 0xe0 ? 8 : e === 0xf0 ? 3 : e === 0xfe ? 1 : 0;
      if (p + 1 + need > end) throw new BlobError('ziplist int past end', p);
      switch (e) {
        case 0xc0:
          v = buf.readInt16LE(p + 1);
          break;
        case 0xd0:
          v = buf.readInt32LE(p + 1);
          break;
        case 0xe0: {
          const big = buf.readBigInt64LE(p + 1);
          v = big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
          break;
        }
        case 0xf0:
          v = buf.readIntLE(p + 1, 3);
          break;
        case 0xfe:
          v = buf.readInt8(p + 1);
          break;
        default:
          if (e >= 0xf1 && e <= 0xfd) v = (e & 0x0f) - 1;
          else throw new BlobError(`ziplist bad encoding byte 0x${e.toString(16)}`, p);
      }
      p += 1 + need;
    }
    prevSize = p - start;
    out.push(v);
  }
  if (p !== end) throw new BlobError('ziplist entries overrun terminator', p);
  if (count !== 65535 && count !== out.length) throw new BlobError(`ziplist header count ${count}, found ${out.length}`, 8);
  return out;
}
