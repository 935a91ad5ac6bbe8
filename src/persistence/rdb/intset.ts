/**
 * Intset (Redis src/intset.c): <encoding u32 LE: 2, 4 or 8> <length u32 LE> <sorted integers LE>.
 */
import { BlobError } from './errors.js';

/** Decodes an intset into decimal strings (the members as Redis replies them). */
export function readIntset(is: Uint8Array): string[] {
  if (is.length < 8) throw new BlobError('intset too short', 0);
  const buf = is instanceof Buffer ? is : Buffer.from(is.buffer, is.byteOffset, is.byteLength);
  const enc = buf.readUInt32LE(0);
  const len = buf.readUInt32LE(4);
  if (enc !== 2 && enc !== 4 && enc !== 8) throw new BlobError(`intset bad encoding ${enc}`, 0);
  if (8 + enc * len !== is.length) throw new BlobError(`intset of ${len} x ${enc} bytes does not fill ${is.length} bytes`, 4);
  const out = new Array<string>(len);
  for (let i = 0, p = 8; i < len; i++, p += enc) {
    out[i] = enc === 2 ? String(buf.readInt16LE(p)) : enc === 4 ? String(buf.readInt32LE(p)) : buf.readBigInt64LE(p).toString();
  }
  return out;
}

/** Builds an intset from integers (any order, duplicates dropped). */
export function writeIntset(values: Array<number | bigint>): Buffer {
  const sorted = values.map((v) => BigInt(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const uniq: bigint[] = [];
  for (const v of sorted) if (uniq.length === 0 || uniq[uniq.length - 1] !== v) uniq.push(v);
  let enc = 2;
  for (const v of uniq) {
    if (v < -2147483648n || v > 2147483647n) {
      enc = 8;
      break;
    }
    if (v < -32768n || v > 32767n) enc = 4;
  }
  const out = Buffer.allocUnsafe(8 + enc * uniq.length);
  out.writeUInt32LE(enc, 0);
  out.writeUInt32LE(uniq.length, 4);
  let p = 8;
  for (const v of uniq) {
    if (enc === 2) out.writeInt16LE(Number(v), p);
    else if (enc === 4) out.writeInt32LE(Number(v), p);
    else out.writeBigInt64LE(v, p);
    p += enc;
  }
  return out;
}
