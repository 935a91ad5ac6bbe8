/**
 * CRC-64/Jones as Redis's src/crc64.c computes it: reflected polynomial 0xad93d23594c935a9,
 * initial value 0, no final xor. The RDB trailer is this CRC over every byte from "REDIS" up to
 * and including the EOF opcode, stored as 8 bytes little-endian.
 *
 * The 64-bit state is held as two 32-bit halves (no BigInt in the loop) and eight bytes are
 * consumed per step with slicing-by-8 tables.
 */

/** Reflected form of the Jones polynomial 0xad93d23594c935a9. */
const POLY_HI = 0x95ac9329;
const POLY_LO = 0xac4bc9b5;

/* TABLE_LO[k*256+i] / TABLE_HI[k*256+i]: slice k of the table for byte value i. */
const TABLE_LO = new Uint32Array(8 * 256);
const TABLE_HI = new Uint32Array(8 * 256);

(function buildTables() {
  for (let i = 0; i < 256; i++) {
    let lo = i;
    let hi = 0;
    for (let b = 0; b < 8; b++) {
      const lsb = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (lsb) {
        lo = (lo ^ POLY_LO) >>> 0;
        hi = (hi ^ POLY_HI) >>> 0;
      }
    }
    TABLE_LO[i] = lo;
    TABLE_HI[i] = hi;
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const plo = TABLE_LO[(k - 1) * 256 + i];
      const phi = TABLE_HI[(k - 1) * 256 + i];
      const idx = plo & 0xff;
      TABLE_LO[k * 256 + i] = (((plo >>> 8) | (phi << 24)) ^ TABLE_LO[idx]) >>> 0;
      TABLE_HI[k * 256 + i] = ((phi >>> 8) ^ TABLE_HI[idx]) >>> 0;
    }
  }
})();

/** An incremental CRC-64/Jones. */
export class Crc64 {
  private lo = 0;
  private hi = 0;

  /** Feeds bytes buf[start..end). */
  update(buf: Uint8Array, start = 0, end = buf.length): this {
    let lo = this.lo;
    let hi = this.hi;
    let i = start;
    const TL = TABLE_LO;
    const TH = TABLE_HI;
    const end8 = end - ((end - i) & 7);
    while (i < end8) {
      lo ^= buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
      hi ^= buf[i + 4] | (buf[i + 5] << 8) | (buf[i + 6] << 16) | (buf[i + 7] << 24);
      const a = 7 * 256 + (lo & 0xff);
      const b = 6 * 256 + ((lo >>> 8) & 0xff);
      const c = 5 * 256 + ((lo >>> 16) & 0xff);
      const d = 4 * 256 + (lo >>> 24);
      const e = 3 * 256 + (hi & 0xff);
      const f = 2 * 256 + ((hi >>> 8) & 0xff);
      const g = 256 + ((hi >>> 16) & 0xff);
      const h = hi >>> 24;
      lo = TL[a] ^ TL[b] ^ TL[c] ^ TL[d] ^ TL[e] ^ TL[f] ^ TL[g] ^ TL[h];
      hi = TH[a] ^ TH[b] ^ TH[c] ^ TH[d] ^ TH[e] ^ TH[f] ^ TH[g] ^ TH[h];
      i += 8;
    }
    while (i < end) {
      const idx = (lo ^ buf[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TL[idx];
      hi = (hi >>> 8) ^ TH[idx];
      i++;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this;
  }

  /** The CRC so far as an unsigned 64-bit BigInt. */
  digest(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** The CRC so far as 8 bytes little-endian (the RDB trailer). */
  digestLE(): Buffer {
    const b = Buffer.allocUnsafe(8);
    b.writeUInt32LE(this.lo, 0);
    b.writeUInt32LE(this.hi, 4);
    return b;
  }
}

/** CRC-64/Jones of a whole buffer. crc64(Buffer.from('123456789')) === 0xe9c6d914c4b8d9can. */
export function crc64(buf: Uint8Array): bigint {
  return new Crc64().update(buf).digest();
}
