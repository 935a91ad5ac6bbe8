/**
 * LZF, the compressor Redis uses for RDB strings (src/lzf_c.c, src/lzf_d.c). Format of the
 * compressed stream, a sequence of:
 *   000LLLLL                      literal run of L+1 bytes (1..32) that follow
 *   LLLooooo oooooooo             back reference, length L+2 (L 1..6), offset o+1 back
 *   111ooooo LLLLLLLL oooooooo    back reference, length L+9, offset o+1 back (at most 8192)
 * Our compressor is greedy with a 3-byte hash; its output need not equal Redis's byte for byte,
 * only decode to the same input.
 */

const HLOG = 14;
const HSIZE = 1 << HLOG;
const MAX_LIT = 32;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3); // 264

/** Reused hash table: positions + 1 (0 = empty). Reset per call with fill(0). */
const htab = new Int32Array(HSIZE);

/**
 * Compresses input into at most maxOut bytes. Returns the compressed bytes, or null when they
 * would not fit in maxOut (Redis then stores the string uncompressed).
 */
export function lzfCompress(input: Uint8Array, maxOut = input.length): Buffer | null {
  const n = input.length;
  if (n === 0 || maxOut <= 0) return null;
  const out = Buffer.allocUnsafe(maxOut + MAX_LIT + 4);
  htab.fill(0);
  let op = 1; // out[0] reserved for the first literal run's control byte
  let lit = 0; // bytes in the current literal run
  let ip = 0;
  while (ip + 2 < n) {
    const h = (((input[ip] << 16) | (input[ip + 1] << 8) | input[ip + 2]) * 2654435761) >>> (32 - HLOG);
    const ref = htab[h] - 1;
    htab[h] = ip + 1;
    const off = ip - ref - 1;
    if (ref >= 0 && off < MAX_OFF && input[ref] === input[ip] && input[ref + 1] === input[ip + 1] && input[ref + 2] === input[ip + 2]) {
      const maxLen = Math.min(MAX_REF, n - ip);
      let len = 3;
      while (len < maxLen && input[ref + len] === input[ip + len]) len++;
      // close the literal run (or drop its unused control byte)
      if (lit) out[op - lit - 1] = lit - 1;
      else op--;
      if (op + 3 > maxOut) return null;
      const l = len - 2;
      if (l < 7) {
        out[op++] = (l << 5) | (off >>> 8);
      } else {
        out[op++] = (7 << 5) | (off >>> 8);
        out[op++] = l - 7;
      }
      out[op++] = off & 0xff;
      // seed the hash with the last positions of the match so later repeats find it
      const endIp = ip + len;
      for (let p = Math.max(ip + 1, endIp - 2); p + 2 < n && p < endIp; p++) {
        htab[(((input[p] << 16) | (input[p + 1] << 8) | input[p + 2]) * 2654435761) >>> (32 - HLOG)] = p + 1;
      }
      ip = endIp;
      lit = 0;
      op++; // control byte of the next literal run
      if (op > maxOut) return null;
    } else {
      if (op >= maxOut) return null;
      out[op++] = input[ip++];
      if (++lit === MAX_LIT) {
        out[op - lit - 1] = MAX_LIT - 1;
        lit = 0;
        op++;
      }
    }
  }
  while (ip < n) {
    if (op >= maxOut) return null;
    out[op++] = input[ip++];
    if (++lit === MAX_LIT) {
      out[op - lit - 1] = MAX_LIT - 1;
      lit = 0;
      op++;
    }
  }
  if (lit) out[op - lit - 1] = lit - 1;
  else op--; // the trailing control byte was never used
  if (op > maxOut) return null;
  return out.subarray(0, op);
}

/** Thrown by lzfDecompress on malformed input. */
export class LzfError extends Error {}

/**
 * Decompresses input that must expand to exactly outLen bytes.
 * Throws LzfError on a bad back reference or a length mismatch.
 */
export function lzfDecompress(input: Uint8Array, outLen: number): Buffer {
  const out = Buffer.allocUnsafe(outLen);
  const n = input.length;
  let ip = 0;
  let op = 0;
  while (ip < n) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (op + len > outLen) throw new LzfError('lzf: output overflow');
      if (ip + len > n) throw new LzfError('lzf: input underflow');
      if (len < 16) {
        for (let k = 0; k < len; k++) out[op++] = input[ip++];
      } else {
        out.set(input.subarray(ip, ip + len), op);
        op += len;
        ip += len;
      }
    } else {
      let len = ctrl >>> 5;
      if (len === 7) {
        if (ip >= n) throw new LzfError('lzf: input underflow');
        len += input[ip++];
      }
      len += 2;
      if (ip >= n) throw new LzfError('lzf: input underflow');
      let ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      if (ref < 0) throw new LzfError('lzf: back reference before start');
      if (op + len > outLen) throw new LzfError('lzf: output overflow');
      if (ref + len <= op && len > 16) {
        out.copyWithin(op, ref, ref + len);
        op += len;
      } else {
        for (let k = 0; k < len; k++) out[op++] = out[ref++];
      }
    }
  }
  if (op !== outLen) throw new LzfError(`lzf: expanded to ${op} bytes, expected ${outLen}`);
  return out;
}
