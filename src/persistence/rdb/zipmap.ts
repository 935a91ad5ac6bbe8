/**
 * Zipmap (Redis src/zipmap.c), read only (hashes in RDB files before Redis 2.6):
 *   <zmlen 1 byte> (<len> key <len> <free 1 byte> value <free bytes>)* <0xFF>
 * len = 1 byte < 254, or 254 followed by u32 LE.
 */
import { BlobError } from './errors.js';

export function readZipmap(zm: Uint8Array): Array<[string, string]> {
  const buf = zm instanceof Buffer ? zm : Buffer.from(zm.buffer, zm.byteOffset, zm.byteLength);
  const n = buf.length;
  if (n < 2) throw new BlobError('zipmap too short', 0);
  const out: Array<[string, string]> = [];
  let p = 1;
  const readLen = (): number => {
    if (p >= n) throw new BlobError('zipmap past end', p);
    const b = buf[p];
    if (b < 254) {
      p += 1;
      return b;
    }
    if (b === 254) {
      if (p + 5 > n) throw new BlobError('zipmap length past end', p);
      const l = buf.readUInt32LE(p + 1);
      p += 5;
      return l;
    }
    throw new BlobError('zipmap unexpected end marker', p);
  };
  for (;;) {
    if (p >= n) throw new BlobError('zipmap not terminated', p);
    if (buf[p] === 0xff) {
      p++;
      break;
    }
    const klen = readLen();
    if (p + klen > n) throw new BlobError('zipmap key past end', p);
    const key = buf.latin1Slice(p, p + klen);
    p += klen;
    const vlen = readLen();
    if (p >= n) throw new BlobError('zipmap past end', p);
    const free = buf[p++];
    if (p + vlen + free > n) throw new BlobError('zipmap value past end', p);
    const value = buf.latin1Slice(p, p + vlen);
    p += vlen + free;
    out.push([key, value]);
  }
  if (p !== n) throw new BlobError('zipmap trailing bytes', p);
  return out;
}
