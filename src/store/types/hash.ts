/**
 * The hash structure (Redis's t_hash.c data side). Pure: no I/O, no server imports.
 *
 * Three forms, the first two reported as "listpack":
 *  - packed: a small listpack-encoded hash is ONE latin1 string: a char holding the pair count,
 *    then for each pair the field and the value, each as a length (varint, see {@link pack})
 *    followed by its bytes. Insertion order; an updated field keeps its place; a deleted pair
 *    is cut out, so HGETALL order matches Redis's listpack byte for byte. One string instead of
 *    an array and two strings per pair: this is what memory per key is benchmarked on
 *    (bench/memory.ts). Used up to PACK_PAIRS pairs and PACK_CHARS bytes.
 *  - flat array (listpack beyond the packed bounds): alternating fields and values, same order
 *    rules, linear lookups, as a listpack of up to hash-max-listpack-entries would be.
 *  - "hashtable" (array + index: field -> position in the array): a deleted pair is replaced by
 *    the last one, so random picks (HRANDFIELD) are O(1) and HSCAN can walk positions downward
 *    with SCAN's guarantee (an element present for the whole scan is returned at least once).
 * Conversion is one way (packed -> array -> hashtable), as in Redis; the caller decides when to
 * leave the listpack encoding (it knows the configured thresholds).
 */
import type { DataObject } from '../db.js';
import type { DigestHash } from '../digest.js';
import { packLen, readLen, lenEnd, flatten, unpackAll } from './packed.js';

/** Most pairs a packed hash holds (the count is one char). */
const PACK_PAIRS = 32;
/** Longest packed string: a rewrite per HSET stays cheap. */
const PACK_CHARS = 1024;

export class HashObject implements DataObject, DigestHash {
  // A getter, not a field: one slot less in every hash.
  get type(): 'hash' {
    return 'hash';
  }
  /**
   * The one field (every hash pays for each field it has): the packed string, the pair array
   * (f0, v0, f1, v1 ...), or the hashtable form. Read through `kv` and `index`.
   */
  private d: string | string[] | Table;

  constructor(kv: string[] = []) {
    this.d = packIfSmall(kv);
  }

  /** Packed string or pair array. Assigned only outside the hashtable form. */
  private get kv(): string | string[] {
    const d = this.d;
    return d instanceof Table ? d.kv : d;
  }
  private set kv(v: string | string[]) {
    this.d = v;
  }

  /** field -> index of the field in kv; null while the hash is listpack-encoded. */
  private get index(): Map<string, number> | null {
    const d = this.d;
    return d instanceof Table ? d.index : null;
  }

  /**
   * Builds from a flat field/value array (taken, not copied). Duplicate fields must not occur
   * (RDB content). `table` selects the hashtable encoding.
   */
  static fromFlat(kv: string[], table: boolean): HashObject {
    if (!table) return new HashObject(kv);
    const h = new HashObject();
    h.kv = kv;
    h.convertToTable();
    return h;
  }

  get size(): number {
    const kv = this.kv;
    return typeof kv === 'string' ? kv.charCodeAt(0) : kv.length >> 1;
  }

  get isTable(): boolean {
    return this.index !== null;
  }

  encoding(): string {
    return this.index === null ? 'listpack' : 'hashtable';
  }

  clone(): HashObject {
    const kv = this.kv;
    // Strings are immutable: a packed hash shares its string with the copy.
    if (typeof kv === 'string') return new HashObject().withPacked(kv);
    return HashObject.fromFlat(kv.slice(), this.index !== null);
  }

  private withPacked(p: string): this {
    this.kv = p;
    return this;
  }

  /** The pair array, unpacking a packed hash for good. */
  private array(): string[] {
    const kv = this.kv;
    if (typeof kv !== 'string') return kv;
    return (this.kv = unpackAll(kv, 1));
  }

  /** Switches to the hashtable encoding (never back). */
  convertToTable(): void {
    if (this.index !== null) return;
    const kv = this.array();
    const idx = new Map<string, number>();
    for (let i = 0; i < kv.length; i += 2) idx.set(kv[i], i);
    this.d = new Table(kv, idx);
  }

  /** Array form: index of the field in kv, or -1. */
  private find(field: string): number {
    if (this.index !== null) return this.index.get(field) ?? -1;
    const kv = this.kv as string[];
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === field) return i;
    return -1;
  }

  get(field: string): string | undefined {
    const kv = this.kv;
    if (typeof kv === 'string') {
      const at = packedFind(kv, field);
      if (at < 0) return undefined;
      const v = readLen(kv, at);
      const start = lenEnd(kv, at);
      return kv.slice(start, start + v);
    }
    const i = this.find(field);
    return i < 0 ? undefined : kv[i + 1];
  }

  has(field: string): boolean {
    const kv = this.kv;
    if (typeof kv === 'string') return packedFind(kv, field) >= 0;
    return this.find(field) >= 0;
  }

  /** Sets a field; true when the field is new. An existing field keeps its position. */
  set(field: string, value: string): boolean {
    const p = this.kv;
    if (typeof p === 'string') {
      const at = packedFind(p, field);
      if (at >= 0) {
        const end = lenEnd(p, at) + readLen(p, at);
        const next = p.slice(0, at) + packLen(value.length) + value + p.slice(end);
        if (next.length <= PACK_CHARS) {
          this.kv = flatten(next);
          return false;
        }
      } else {
        const n = p.charCodeAt(0);
        const extra = packLen(field.length) + field + packLen(value.length) + value;
        if (n < PACK_PAIRS && p.length + extra.length <= PACK_CHARS) {
          this.kv = flatten(String.fromCharCode(n + 1) + p.slice(1) + extra);
          return true;
        }
      }
      this.array();
    }
    const i = this.find(field);
    const kv = this.kv as string[];
    if (i >= 0) {
      kv[i + 1] = value;
      return false;
    }
    if (this.index !== null) {
      this.index.set(field, kv.length);
      kv.push(field, value);
      return true;
    }
    // A listpack grows by exactly one pair: push() would leave ~16 spare slots per hash.
    // The copy is O(n), as a listpack insert is in Redis.
    this.kv = appendExact(kv, field, value);
    return true;
  }

  /** Removes a field; true when it existed. */
  delete(field: string): boolean {
    const p = this.kv;
    if (typeof p === 'string') {
      const at = packedFind(p, field);
      if (at < 0) return false;
      // The field's header starts before `at` (which points at the value's length).
      const start = packedFieldStart(p, at);
      const end = lenEnd(p, at) + readLen(p, at);
      this.kv = flatten(String.fromCharCode(p.charCodeAt(0) - 1) + p.slice(1, start) + p.slice(end));
      return true;
    }
    const i = this.find(field);
    if (i < 0) return false;
    const kv = p;
    if (this.index === null) {
      kv.splice(i, 2);
      return true;
    }
    this.index.delete(field);
    const last = kv.length - 2;
    if (i !== last) {
      kv[i] = kv[last];
      kv[i + 1] = kv[last + 1];
      this.index.set(kv[i], i);
    }
    kv.length = last;
    return true;
  }

  /** Field of pair n (0 <= n < size), in the structure's order. */
  fieldAt(n: number): string {
    const kv = this.kv;
    return typeof kv === 'string' ? packedItem(kv, n * 2) : kv[n * 2];
  }

  valueAt(n: number): string {
    const kv = this.kv;
    return typeof kv === 'string' ? packedItem(kv, n * 2 + 1) : kv[n * 2 + 1];
  }

  /** A uniformly random pair index, the hash must not be empty. */
  randomIndex(): number {
    return Math.floor(Math.random() * this.size);
  }

  /**
   * The flat field/value array in the structure's order (RDB writer, HGETALL). Read-only; for
   * a packed hash it is a fresh array, valid until the hash changes.
   */
  flat(): readonly string[] {
    const kv = this.kv;
    return typeof kv === 'string' ? unpackAll(kv, 1, false) : kv;
  }

  *entries(): IterableIterator<[string, string]> {
    const kv = this.flat();
    for (let i = 0; i < kv.length; i += 2) yield [kv[i], kv[i + 1]];
  }

  digestEntries(): Iterable<readonly [string, string]> {
    return this.entries();
  }

  /**
   * One HSCAN step over a hashtable-encoded hash: cursor 0 starts at the top, the returned
   * cursor is the pair index to continue below (0 when done). Visits about `count` pairs.
   */
  scan(cursor: number, count: number, visit: (field: string, value: string) => void): number {
    const kv = this.flat();
    const n = kv.length >> 1;
    let i = cursor === 0 || cursor > n ? n : cursor;
    while (count-- > 0 && i > 0) {
      i--;
      visit(kv[i * 2], kv[i * 2 + 1]);
    }
    return i;
  }
}

/** The hashtable form: the pair array and field -> position. */
class Table {
  constructor(
    readonly kv: string[],
    readonly index: Map<string, number>,
  ) {}
}

/** Packs a small pair array into one string; returns the array itself when it is too big. */
function packIfSmall(kv: string[]): string | string[] {
  const n = kv.length >> 1;
  if (n > PACK_PAIRS) return kv;
  let s = String.fromCharCode(n);
  for (let i = 0; i < kv.length; i++) {
    s += packLen(kv[i].length) + kv[i];
    if (s.length > PACK_CHARS) return kv;
  }
  return flatten(s);
}

/** Position of the value's length header of `field` in a packed hash, or -1. */
function packedFind(p: string, field: string): number {
  const flen = field.length;
  const n = p.length;
  let i = 1;
  while (i < n) {
    const len = readLen(p, i);
    const start = lenEnd(p, i);
    const vAt = start + len;
    if (len === flen && p.startsWith(field, start)) return vAt;
    i = lenEnd(p, vAt) + readLen(p, vAt);
  }
  return -1;
}

/** Start of the field header whose value header is at `vAt`. */
function packedFieldStart(p: string, vAt: number): number {
  let i = 1;
  for (;;) {
    const next = lenEnd(p, i) + readLen(p, i);
    if (next === vAt) return i;
    i = lenEnd(p, next) + readLen(p, next);
  }
}

/** Item k of a packed string (fields and values counted together). */
function packedItem(p: string, k: number): string {
  let i = 1;
  while (k-- > 0) i = lenEnd(p, i) + readLen(p, i);
  const start = lenEnd(p, i);
  return p.slice(start, start + readLen(p, i));
}

/** A copy of `arr` with `a` and `b` appended, allocated at exactly the new length. */
function appendExact(arr: readonly string[], a: string, b: string): string[] {
  const n = arr.length;
  const out = new Array<string>(n + 2);
  for (let i = 0; i < n; i++) out[i] = arr[i];
  out[n] = a;
  out[n + 1] = b;
  return out;
}
