/**
 * The hash structure (Redis's t_hash.c data side). Pure: no I/O, no server imports.
 *
 * One flat array of alternating fields and values, plus an index when the hash is large:
 *  - "listpack" (no index): insertion order, an updated field keeps its place, a deleted pair is
 *    spliced out, so HGETALL order matches Redis's listpack byte for byte. Lookups are linear,
 *    which costs nothing at the sizes the thresholds allow and keeps a small hash to one object
 *    and one array (memory per key is benchmarked against Redis).
 *  - "hashtable" (index: field -> position in the array): a deleted pair is replaced by the last
 *    one, so random picks (HRANDFIELD) are O(1) and HSCAN can walk positions downward with
 *    SCAN's guarantee (an element present for the whole scan is returned at least once).
 * Conversion is one way, listpack -> hashtable, as in Redis; the caller decides when (it knows
 * the configured thresholds).
 */
import type { DataObject } from '../db.js';
import type { DigestHash } from '../digest.js';

export class HashObject implements DataObject, DigestHash {
  readonly type = 'hash' as const;
  /** f0, v0, f1, v1 ... */
  private kv: string[];
  /** field -> index of the field in kv; null while the hash is listpack-encoded. */
  private index: Map<string, number> | null = null;

  constructor(kv: string[] = []) {
    this.kv = kv;
  }

  /**
   * Builds from a flat field/value array (taken, not copied). Duplicate fields must not occur
   * (RDB content). `table` selects the hashtable encoding.
   */
  static fromFlat(kv: string[], table: boolean): HashObject {
    const h = new HashObject(kv);
    if (table) h.convertToTable();
    return h;
  }

  get size(): number {
    return this.kv.length >> 1;
  }

  get isTable(): boolean {
    return this.index !== null;
  }

  encoding(): string {
    return this.index === null ? 'listpack' : 'hashtable';
  }

  clone(): HashObject {
    return HashObject.fromFlat(this.kv.slice(), this.index !== null);
  }

  /** Switches to the hashtable encoding (never back). */
  convertToTable(): void {
    if (this.index !== null) return;
    const idx = new Map<string, number>();
    for (let i = 0; i < this.kv.length; i += 2) idx.set(this.kv[i], i);
    this.index = idx;
  }

  private find(field: string): number {
    if (this.index !== null) return this.index.get(field) ?? -1;
    const kv = this.kv;
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === field) return i;
    return -1;
  }

  get(field: string): string | undefined {
    const i = this.find(field);
    return i < 0 ? undefined : this.kv[i + 1];
  }

  has(field: string): boolean {
    return this.find(field) >= 0;
  }

  /** Sets a field; true when the field is new. An existing field keeps its position. */
  set(field: string, value: string): boolean {
    const i = this.find(field);
    if (i >= 0) {
      this.kv[i + 1] = value;
      return false;
    }
    if (this.index !== null) {
      this.index.set(field, this.kv.length);
      this.kv.push(field, value);
      return true;
    }
    // A listpack grows by exactly one pair: push() would leave ~16 spare slots per small hash,
    // which is most of its memory. The copy is O(n), as a listpack insert is in Redis.
    this.kv = appendExact(this.kv, field, value);
    return true;
  }

  /** Removes a field; true when it existed. */
  delete(field: string): boolean {
    const i = this.find(field);
    if (i < 0) return false;
    const kv = this.kv;
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
    return this.kv[n * 2];
  }

  valueAt(n: number): string {
    return this.kv[n * 2 + 1];
  }

  /** A uniformly random pair index, the hash must not be empty. */
  randomIndex(): number {
    return Math.floor(Math.random() * this.size);
  }

  /** The flat field/value array, read-only, in the structure's order (RDB writer, HGETALL). */
  flat(): readonly string[] {
    return this.kv;
  }

  *entries(): IterableIterator<[string, string]> {
    const kv = this.kv;
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
    const n = this.size;
    let i = cursor === 0 || cursor > n ? n : cursor;
    while (count-- > 0 && i > 0) {
      i--;
      visit(this.kv[i * 2], this.kv[i * 2 + 1]);
    }
    return i;
  }
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
