/**
 * Helpers for the packed form of small collections (hash.ts, zset.ts): a whole listpack-sized
 * collection held in ONE latin1 string, as Redis holds it in one listpack allocation. A V8
 * string costs 16 bytes of header plus its bytes; an array of small strings costs 16-32 bytes
 * per element on top of their bytes. Pure: no I/O.
 *
 * Lengths are varints in chars: 7 bits per char, low bits first, high bit set on every char
 * but the last (so lengths below 128 take one char).
 */

const ONE_CHAR: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

/** The varint chars for a length. */
export function packLen(n: number): string {
  if (n < 128) return ONE_CHAR[n];
  let s = '';
  while (n >= 128) {
    s += String.fromCharCode(0x80 | n % 128);
    n = Math.floor(n / 128);
  }
  return s + ONE_CHAR[n];
}

/** The length whose varint starts at i. */
export function readLen(p: string, i: number): number {
  let c = p.charCodeAt(i);
  if (c < 128) return c;
  let n = c & 0x7f;
  let mul = 128;
  for (;;) {
    c = p.charCodeAt(++i);
    n += (c & 0x7f) * mul;
    if (c < 128) return n;
    mul *= 128;
  }
}

/** Position just after the varint that starts at i. */
export function lenEnd(p: string, i: number): number {
  while (p.charCodeAt(i) >= 128) i++;
  return i + 1;
}

/**
 * Makes V8 store the string as one flat sequence. A concatenation is a tree of parts (a cons
 * string) until something reads a char; the garbage collector then drops the tree.
 */
export function flatten(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * Every length-prefixed item from position `from` to the end. With `fresh` (the items outlive
 * the packed string) each item is its own string; otherwise long items may be views into `p`
 * (V8 slices), which keep `p` alive as long as they live.
 */
export function unpackAll(p: string, from: number, fresh = true): string[] {
  const out: string[] = [];
  const buf = fresh ? Buffer.from(p, 'latin1') : null;
  let i = from;
  while (i < p.length) {
    const len = readLen(p, i);
    const start = lenEnd(p, i);
    out.push(buf !== null ? buf.latin1Slice(start, start + len) : p.slice(start, start + len));
    i = start + len;
  }
  return out;
}

// A score is a tag char, then: tag 0, the 8 IEEE-754 bytes (exact for any double); tag 1 or
// 2, a safe integer's magnitude as a varint (>= 0 or < 0), 1-8 chars, as a listpack stores
// integer scores as integers.
const F64 = new Float64Array(1);
const U8 = new Uint8Array(F64.buffer);

export function packScore(x: number): string {
  if (Number.isSafeInteger(x) && !Object.is(x, -0)) return x >= 0 ? '\x01' + packLen(x) : '\x02' + packLen(-x);
  F64[0] = x;
  return String.fromCharCode(0, U8[0], U8[1], U8[2], U8[3], U8[4], U8[5], U8[6], U8[7]);
}

export function readScore(p: string, i: number): number {
  const tag = p.charCodeAt(i);
  if (tag === 1) return readLen(p, i + 1);
  if (tag === 2) return -readLen(p, i + 1);
  for (let k = 0; k < 8; k++) U8[k] = p.charCodeAt(i + 1 + k);
  return F64[0];
}

/** Position just after the score that starts at i. */
export function scoreEnd(p: string, i: number): number {
  return p.charCodeAt(i) === 0 ? i + 9 : lenEnd(p, i + 1);
}
