/**
 * The set structure (Redis's t_set.c data side, Redis 7.0 encodings). Pure: no I/O.
 *
 *  - "intset": every member is an int64 in canonical form (Redis's string2ll) and there are at
 *    most set-max-intset-entries of them. Kept as a sorted array of numbers (bigint beyond
 *    2^53), so SMEMBERS lists them ascending as Redis does, and a small set of small integers
 *    is one packed array.
 *  - "hashtable": a dense array of members (random picks are O(1), a removed member is replaced
 *    by the last one) plus a member -> position index once the set outgrows a linear scan.
 *    SSCAN walks positions downward with SCAN's guarantee.
 * Redis 7.0 has no listpack sets (7.2 added them). Conversion is one way, intset -> hashtable;
 * the caller passes the intset limit (it comes from config).
 */
import type { DataObject } from '../db.js';
import type { DigestSet } from '../digest.js';

type Int = number | bigint;

/** Below this many members a hashtable-encoded set is searched linearly (no index). */
const LINEAR_MAX = 16;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * Redis's string2ll: optional '-', digits, no leading zeros (except "0"), within int64. Returns
 * a number when safe, a bigint otherwise, null when the string is not a canonical int64.
 */
export function parseInt64(s: string): Int | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    if (len === 1) return null;
    i = 1;
  }
  const first = s.charCodeAt(i);
  if (first === 48) return len === 1 ? 0 : null;
  if (first < 49 || first > 57) return null;
  for (let j = i + 1; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (len - i <= 15) return Number(s);
  const b = BigInt(s);
  if (b > INT64_MAX || b < INT64_MIN) return null;
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

export class SetObject implements DataObject, DigestSet {
  // A getter, not a field: one slot less in every set.
  get type(): 'set' {
    return 'set';
  }
  /** Sorted members while intset-encoded, else null. */
  private ints: Int[] | null;
  /** Members while hashtable-encoded, else null. */
  private members: string[] | null;
  private index: Map<string, number> | null = null;

  private constructor(ints: Int[] | null, members: string[] | null) {
    this.ints = ints;
    this.members = members;
  }

  /** An empty set that starts as an intset (Redis's createIntsetObject / setTypeCreate). */
  static empty(): SetObject {
    return new SetObject([], null);
  }

  /** An empty hashtable-encoded set (setTypeCreate of a non-integer first member). */
  static emptyTable(): SetObject {
    return new SetObject(null, []);
  }

  /**
   * Builds from members known to be distinct (RDB content). `encoding` 'intset' requires every
   * member to be a canonical int64; otherwise the members are kept as a hashtable.
   */
  static fromMembers(members: string[], encoding: 'intset' | 'hashtable'): SetObject {
    if (encoding === 'intset') {
      const ints: Int[] = [];
      for (const m of members) {
        const v = parseInt64(m);
        if (v === null) return SetObject.fromMembers(members, 'hashtable');
        ints.push(v);
      }
      ints.sort(cmpInt);
      return new SetObject(ints, null);
    }
    const s = new SetObject(null, members);
    s.buildIndexIfLarge();
    return s;
  }

  get size(): number {
    return this.ints !== null ? this.ints.length : this.members!.length;
  }

  get isIntset(): boolean {
    return this.ints !== null;
  }

  encoding(): string {
    return this.ints !== null ? 'intset' : 'hashtable';
  }

  clone(): SetObject {
    if (this.ints !== null) return new SetObject(this.ints.slice(), null);
    return SetObject.fromMembers(this.members!.slice(), 'hashtable');
  }

  private buildIndexIfLarge(): void {
    const m = this.members!;
    if (this.index !== null || m.length <= LINEAR_MAX) return;
    const idx = new Map<string, number>();
    for (let i = 0; i < m.length; i++) idx.set(m[i], i);
    this.index = idx;
  }

  /** Switches to the hashtable encoding (never back). */
  convertToTable(): void {
    if (this.ints === null) return;
    const out = new Array<string>(this.ints.length);
    for (let i = 0; i < this.ints.length; i++) out[i] = String(this.ints[i]);
    this.ints = null;
    this.members = out;
    this.buildIndexIfLarge();
  }

  private intPos(v: Int): number {
    // Binary search; returns the index or -(insertion point) - 1.
    const a = this.ints!;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = a[mid];
      if (x < v) lo = mid + 1;
      else if (x > v) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  private memberPos(m: string): number {
    if (this.index !== null) return this.index.get(m) ?? -1;
    return this.members!.indexOf(m);
  }

  has(m: string): boolean {
    if (this.ints !== null) {
      const v = parseInt64(m);
      return v !== null && this.intPos(v) >= 0;
    }
    return this.memberPos(m) >= 0;
  }

  /**
   * Adds a member; true when it was new. An intset turns into a hashtable when the member is
   * not an integer or the intset would exceed `maxIntset` entries (Redis's setTypeAdd).
   */
  add(m: string, maxIntset: number): boolean {
    if (this.ints !== null) {
      const v = parseInt64(m);
      if (v !== null) {
        const p = this.intPos(v);
        if (p >= 0) return false;
        this.ints = insertExact(this.ints, -p - 1, v);
        if (this.ints.length > maxIntset) this.convertToTable();
        return true;
      }
      this.convertToTable();
    }
    if (this.memberPos(m) >= 0) return false;
    const members = this.members!;
    if (this.index !== null) {
      this.index.set(m, members.length);
      members.push(m);
      return true;
    }
    // Small sets grow by exactly one slot (push() leaves ~16 spare slots per small set).
    this.members = insertExact(members, members.length, m);
    this.buildIndexIfLarge();
    return true;
  }

  /** Removes a member; true when it existed. */
  delete(m: string): boolean {
    if (this.ints !== null) {
      const v = parseInt64(m);
      if (v === null) return false;
      const p = this.intPos(v);
      if (p < 0) return false;
      this.ints.splice(p, 1);
      return true;
    }
    const i = this.memberPos(m);
    if (i < 0) return false;
    this.removeAt(i);
    return true;
  }

  /** Removes the member at position i (hashtable: the last one moves into the hole). */
  private removeAt(i: number): void {
    if (this.ints !== null) {
      this.ints.splice(i, 1);
      return;
    }
    const members = this.members!;
    const last = members.length - 1;
    if (this.index !== null) this.index.delete(members[i]);
    if (i !== last) {
      members[i] = members[last];
      if (this.index !== null) this.index.set(members[i], i);
    }
    members.length = last;
  }

  /** Member at position i (0 <= i < size) in the structure's order. */
  at(i: number): string {
    return this.ints !== null ? String(this.ints[i]) : this.members![i];
  }

  /** A random member (the set must not be empty). */
  random(): string {
    return this.at(Math.floor(Math.random() * this.size));
  }

  /** Removes and returns a random member (the set must not be empty). */
  pop(): string {
    const i = Math.floor(Math.random() * this.size);
    const m = this.at(i);
    this.removeAt(i);
    return m;
  }

  /** Members in the structure's order (ascending for an intset). */
  *[Symbol.iterator](): IterableIterator<string> {
    const n = this.size;
    for (let i = 0; i < n; i++) yield this.at(i);
  }

  /** All members as an array, in the structure's order. */
  toArray(): string[] {
    if (this.ints !== null) return this.ints.map(String);
    return this.members!.slice();
  }

  /** Sorted integer members while intset-encoded (RDB writer), else null. */
  intMembers(): readonly Int[] | null {
    return this.ints;
  }

  digestMembers(): Iterable<string> {
    return this;
  }

  /**
   * One SSCAN step over a hashtable-encoded set: cursor 0 starts at the top, the returned
   * cursor is the position to continue below (0 when done).
   */
  scan(cursor: number, count: number, visit: (member: string) => void): number {
    const n = this.size;
    let i = cursor === 0 || cursor > n ? n : cursor;
    while (count-- > 0 && i > 0) {
      i--;
      visit(this.at(i));
    }
    return i;
  }
}

function cmpInt(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `arr` with `v` inserted at `at`, allocated at exactly the new length: small
 * collections are the common case and spare capacity would dominate their memory. O(n), as
 * Redis's intset insert.
 */
function insertExact<T>(arr: readonly T[], at: number, v: T): T[] {
  const n = arr.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < at; i++) out[i] = arr[i];
  out[at] = v;
  for (let i = at; i < n; i++) out[i + 1] = arr[i];
  return out;
}
