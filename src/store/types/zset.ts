/**
 * Sorted set (Redis's t_zset.c structures). Two representations, as Redis 7.0:
 *  - "listpack": small sets kept sorted by (score, member bytes); O(n) updates for
 *    n <= zset-max-listpack-entries. Up to PACK_ENTRIES members (and PACK_CHARS bytes) the
 *    whole set is ONE latin1 string (see packed.ts): a char with the count, then per member
 *    its score (an integer's varint or a double's 8 bytes), its length and its bytes; writes
 *    rebuild it (through the arrays below), reads scan it. Larger listpacks are two parallel
 *    arrays (members, scores).
 *  - "skiplist": a SkipList with spans (O(log n) rank) plus a KeyTable member -> node (O(1)
 *    score lookup, random member, SCAN with Redis's guarantee), as Redis's zskiplist + dict.
 * A set converts to the skiplist when an insert would exceed the thresholds and never converts
 * back, except where Redis itself builds a result and shrinks it (fromSorted / fromEntries).
 *
 * Ranks are 0-based. Members are latin1 strings: `<` on them is byte order.
 */
import type { DataObject } from '../db.js';
import type { DigestZset } from '../digest.js';
import { KeyTable } from '../keytable.js';
import { SkipList, type SkipNode, type Pred } from './skiplist.js';
import { packLen, packScore, readLen, readScore, scoreEnd, lenEnd, flatten } from './packed.js';

/** Most members a packed set holds (the count is one char). */
const PACK_ENTRIES = 32;
/** Longest packed string: a rewrite per ZADD stays cheap. */
const PACK_CHARS = 1024;
/** An empty packed set. */
const EMPTY = '\0';

export type { Pred } from './skiplist.js';

/** zset-max-listpack-entries / zset-max-listpack-value. */
export interface ZsetLimits {
  readonly entries: number;
  readonly value: number;
}

/**
 * A listpack stores a score as text made by d2string, which prints -0 as the integer 0: small
 * sets lose the sign of zero, skiplists keep it (Redis 7.0 answers "0" and "-0" respectively).
 */
function lpScore(score: number): number {
  return score === 0 ? 0 : score;
}

export class Zset implements DataObject, DigestZset {
  get type(): 'zset' {
    return 'zset';
  }
  /**
   * The one field (every sorted set pays for each field it has): the packed string, the
   * listpack arrays, or the skiplist and its dictionary. Read through the getters below.
   */
  private d: string | Lists | Big = EMPTY;

  /** Packed listpack form (small sets), else null. */
  private get p(): string | null {
    const d = this.d;
    return typeof d === 'string' ? d : null;
  }
  /** Array listpack form: members and scores, sorted; else null. */
  private get m(): string[] | null {
    const d = this.d;
    return d instanceof Lists ? d.m : null;
  }
  private get s(): number[] | null {
    const d = this.d;
    return d instanceof Lists ? d.s : null;
  }
  private get sl(): SkipList | null {
    const d = this.d;
    return d instanceof Big ? d.sl : null;
  }
  private get dict(): KeyTable<SkipNode> | null {
    const d = this.d;
    return d instanceof Big ? d.dict : null;
  }

  /**
   * An empty set as ZADD creates it in 7.0: a skiplist from the start when listpacks are
   * disabled or the first member given is longer than the value limit.
   */
  static create(limits: ZsetLimits, firstMemberLen: number): Zset {
    const z = new Zset();
    if (limits.entries === 0 || firstMemberLen > limits.value) z.convert();
    return z;
  }

  /**
   * A set from (member, score) pairs with distinct members, in any order, encoded as Redis's
   * zsetConvertToListpackIfNeeded leaves a computed result (store commands, RDB load).
   */
  static fromEntries(entries: Iterable<readonly [string, number]>, limits: ZsetLimits): Zset {
    const arr = Array.from(entries);
    arr.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Zset.fromSorted(arr, limits);
  }

  /** As fromEntries, for entries already in order. */
  static fromSorted(arr: ReadonlyArray<readonly [string, number]>, limits: ZsetLimits): Zset {
    const z = new Zset();
    let maxLen = 0;
    for (const e of arr) if (e[0].length > maxLen) maxLen = e[0].length;
    if (arr.length <= limits.entries && maxLen <= limits.value) {
      const m = new Array<string>(arr.length);
      const s = new Array<number>(arr.length);
      for (let i = 0; i < arr.length; i++) {
        m[i] = arr[i][0];
        s[i] = lpScore(arr[i][1]);
      }
      z.d = new Lists(m, s);
      z.settle(false);
    } else {
      z.convert();
      for (const [member, score] of arr) z.dict!.set(member, z.sl!.insert(score, member));
    }
    return z;
  }

  get size(): number {
    return this.p !== null ? this.p.charCodeAt(0) : this.m !== null ? this.m.length : this.sl!.length;
  }

  encoding(): string {
    return this.sl === null ? 'listpack' : 'skiplist';
  }

  /** True in the compact (listpack) form. */
  get compact(): boolean {
    return this.sl === null;
  }

  clone(): Zset {
    const z = new Zset();
    if (this.p !== null) {
      // Strings are immutable: the copy shares the packed string.
      z.d = this.p;
    } else if (this.m !== null) {
      z.d = new Lists(this.m.slice(), this.s!.slice());
    } else {
      z.convert();
      for (let n = this.sl!.first; n !== null; n = n.next[0]) z.dict!.set(n.member, z.sl!.insert(n.score, n.member));
    }
    return z;
  }

  /**
   * Packed -> array listpack form, for a write. Returns true when it unpacked (the members are
   * then views into the old string unless `fresh`).
   */
  private unpack(fresh: boolean): boolean {
    const p = this.p;
    if (p === null) return false;
    const d = decode(p, fresh);
    this.d = new Lists(d[0], d[1]);
    return true;
  }

  /**
   * After a write in the array listpack form: back to the packed string when small enough.
   * If the set stays in arrays after being unpacked, its members are copied out of the old
   * packed string so that string can be freed.
   */
  private settle(unpacked: boolean): void {
    const m = this.m;
    if (m === null) return;
    const s = this.s!;
    if (m.length <= PACK_ENTRIES) {
      let out = String.fromCharCode(m.length);
      for (let i = 0; i < m.length && out.length <= PACK_CHARS; i++) out += packScore(s[i]) + packLen(m[i].length) + m[i];
      if (out.length <= PACK_CHARS) {
        this.d = flatten(out);
        return;
      }
    }
    if (unpacked) (this.d as Lists).m = copyStrings(m);
  }

  /** Moves to the skiplist form (Redis's zsetConvert). */
  private convert(): void {
    if (this.sl !== null) return;
    this.unpack(true);
    const m = this.m!;
    const s = this.s!;
    const big = new Big();
    for (let i = 0; i < m.length; i++) big.dict.set(m[i], big.sl.insert(s[i], m[i]));
    this.d = big;
  }

  /** Index in the listpack arrays where (score, member) belongs. */
  private lpSearch(score: number, member: string): number {
    const m = this.m!;
    const s = this.s!;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < score || (s[mid] === score && m[mid] < member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lpIndexOf(member: string): number {
    return this.m!.indexOf(member);
  }

  /** The listpack arrays, decoded from the packed string when packed (read-only use). */
  private lists(): [string[], number[]] {
    return this.p !== null ? decode(this.p, false) : [this.m!, this.s!];
  }

  score(member: string): number | undefined {
    if (this.p !== null) {
      const i = packedFind(this.p, member);
      return i < 0 ? undefined : readScore(this.p, i);
    }
    if (this.m !== null) {
      const i = this.lpIndexOf(member);
      return i < 0 ? undefined : this.s![i];
    }
    return this.dict!.get(member)?.score;
  }

  has(member: string): boolean {
    if (this.p !== null) return packedFind(this.p, member) >= 0;
    return this.m !== null ? this.lpIndexOf(member) >= 0 : this.dict!.has(member);
  }

  /**
   * Inserts a member known to be absent, converting first when Redis's zsetAdd would
   * (size + 1 > entries, or a member longer than the value limit).
   */
  insert(member: string, score: number, limits: ZsetLimits): void {
    if (this.sl === null && (this.size + 1 > limits.entries || member.length > limits.value)) this.convert();
    if (this.sl === null) {
      const unpacked = this.unpack(false);
      score = lpScore(score);
      const i = this.lpSearch(score, member);
      this.m!.splice(i, 0, member);
      this.s!.splice(i, 0, score);
      this.settle(unpacked);
    } else {
      this.dict!.set(member, this.sl.insert(score, member));
    }
  }

  /** Changes the score of a present member. */
  update(member: string, score: number): void {
    if (this.sl === null) {
      score = lpScore(score);
      if (this.score(member) === score) return;
      const unpacked = this.unpack(false);
      const i = this.lpIndexOf(member);
      this.m!.splice(i, 1);
      this.s!.splice(i, 1);
      const j = this.lpSearch(score, member);
      this.m!.splice(j, 0, member);
      this.s!.splice(j, 0, score);
      this.settle(unpacked);
    } else {
      const node = this.dict!.get(member)!;
      const moved = this.sl.updateScore(node, score);
      if (moved !== node) this.dict!.set(member, moved);
    }
  }

  /** Removes a member; false when absent. */
  remove(member: string): boolean {
    if (this.sl === null) {
      if (!this.has(member)) return false;
      const unpacked = this.unpack(false);
      const i = this.lpIndexOf(member);
      this.m!.splice(i, 1);
      this.s!.splice(i, 1);
      this.settle(unpacked);
      return true;
    }
    const node = this.dict!.delete(member);
    if (node === undefined) return false;
    this.sl.delete(node.score, member);
    return true;
  }

  /** 0-based rank from the lowest score, or -1 when absent. */
  rank(member: string): number {
    if (this.p !== null) return packedRank(this.p, member);
    if (this.m !== null) return this.lpIndexOf(member);
    const node = this.dict!.get(member);
    return node === undefined ? -1 : this.sl!.rankOf(node.score, member);
  }

  /** Member and score at a rank (0 <= rank < size). */
  memberAt(rank: number): string {
    if (this.p !== null) {
      const i = scoreEnd(this.p, packedAt(this.p, rank));
      const start = lenEnd(this.p, i);
      return this.p.slice(start, start + readLen(this.p, i));
    }
    return this.m !== null ? this.m[rank] : this.sl!.at(rank)!.member;
  }
  scoreAt(rank: number): number {
    if (this.p !== null) return readScore(this.p, packedAt(this.p, rank));
    return this.s !== null ? this.s[rank] : this.sl!.at(rank)!.score;
  }

  /**
   * Visits ranks from `start` to `end` inclusive (both within range): ascending, or descending
   * from `start` down to `end` when rev. Stops early when `fn` returns false.
   */
  walk(start: number, end: number, rev: boolean, fn: (member: string, score: number) => boolean | void): void {
    if (this.sl === null) {
      const [m, s] = this.lists();
      if (!rev) {
        for (let i = start; i <= end; i++) if (fn(m[i], s[i]) === false) return;
      } else {
        for (let i = start; i >= end; i--) if (fn(m[i], s[i]) === false) return;
      }
      return;
    }
    let n = this.sl.at(start);
    let left = rev ? start - end + 1 : end - start + 1;
    while (n !== null && left-- > 0) {
      if (fn(n.member, n.score) === false) return;
      n = rev ? n.backward : n.next[0];
    }
  }

  /**
   * Rank of the first element satisfying the monotone predicate `gte` (size when none): a linear
   * scan in the listpack form (zzlFirstInRange), a level descent in the skiplist.
   */
  firstWhere(gte: Pred): number {
    if (this.sl === null) {
      const [m, s] = this.lists();
      for (let i = 0; i < m.length; i++) if (gte(s[i], m[i])) return i;
      return m.length;
    }
    return this.sl.countBefore(gte);
  }

  /** Rank of the last element satisfying the monotone predicate `lte` (-1 when none). */
  lastWhere(lte: Pred): number {
    if (this.sl === null) {
      const [m, s] = this.lists();
      for (let i = m.length - 1; i >= 0; i--) if (lte(s[i], m[i])) return i;
      return -1;
    }
    return this.sl.countWhile(lte) - 1;
  }

  /** Removes ranks start..end inclusive (within range); returns the removed members in order. */
  removeRange(start: number, end: number): string[] {
    if (this.sl === null) {
      const unpacked = this.unpack(false);
      this.s!.splice(start, end - start + 1);
      const out = this.m!.splice(start, end - start + 1);
      this.settle(unpacked);
      return out;
    }
    const out: string[] = [];
    const dict = this.dict!;
    this.sl.deleteRange(start, end, (n) => {
      dict.delete(n.member);
      out.push(n.member);
    });
    return out;
  }

  /** A uniformly random member with its score, or undefined when empty. */
  random(): [string, number] | undefined {
    const n = this.size;
    if (n === 0) return undefined;
    if (this.sl === null) {
      const i = Math.floor(Math.random() * n);
      return [this.memberAt(i), this.scoreAt(i)];
    }
    const node = this.dict!.valueAt(Math.floor(Math.random() * n));
    return [node.member, node.score];
  }

  /**
   * One ZSCAN step over the skiplist form's dictionary (KeyTable's cursor rules); the listpack
   * form is returned whole with cursor 0, as Redis does.
   */
  scan(cursor: number, count: number, visit: (member: string, score: number) => void): number {
    if (this.sl === null) {
      const [m, s] = this.lists();
      for (let i = 0; i < m.length; i++) visit(m[i], s[i]);
      return 0;
    }
    return this.dict!.scan(cursor, count, (k, n) => visit(k, n.score));
  }

  /** Every (member, score) in order. */
  *entries(): IterableIterator<[string, number]> {
    if (this.sl === null) {
      const [m, s] = this.lists();
      for (let i = 0; i < m.length; i++) yield [m[i], s[i]];
      return;
    }
    for (let n = this.sl.first; n !== null; n = n.next[0]) yield [n.member, n.score];
  }

  digestEntries(): Iterable<readonly [string, number]> {
    return this.entries();
  }
}

/** The array listpack form. */
class Lists {
  constructor(
    public m: string[],
    public s: number[],
  ) {}
}

/** The skiplist form: the list ordered by score plus member -> node. */
class Big {
  readonly sl = new SkipList();
  readonly dict = new KeyTable<SkipNode>();
}

// Packed layout: count char, then per member: score (packScore), length varint, member bytes.

/** Position (of the score) of entry `rank`. */
function packedAt(p: string, rank: number): number {
  let i = 1;
  while (rank-- > 0) {
    const at = scoreEnd(p, i);
    i = lenEnd(p, at) + readLen(p, at);
  }
  return i;
}

/** Position (of the score) of `member`, or -1. */
function packedFind(p: string, member: string): number {
  const len = member.length;
  const n = p.length;
  let i = 1;
  while (i < n) {
    const at = scoreEnd(p, i);
    const l = readLen(p, at);
    const start = lenEnd(p, at);
    if (l === len && p.startsWith(member, start)) return i;
    i = start + l;
  }
  return -1;
}

function packedRank(p: string, member: string): number {
  const len = member.length;
  const n = p.length;
  let i = 1;
  for (let r = 0; i < n; r++) {
    const at = scoreEnd(p, i);
    const l = readLen(p, at);
    const start = lenEnd(p, at);
    if (l === len && p.startsWith(member, start)) return r;
    i = start + l;
  }
  return -1;
}

/** The members and scores of a packed set; members are fresh strings when `fresh`. */
function decode(p: string, fresh: boolean): [string[], number[]] {
  const count = p.charCodeAt(0);
  const m = new Array<string>(count);
  const s = new Array<number>(count);
  const buf = fresh && count > 0 ? Buffer.from(p, 'latin1') : null;
  let i = 1;
  for (let k = 0; k < count; k++) {
    s[k] = readScore(p, i);
    const at = scoreEnd(p, i);
    const l = readLen(p, at);
    const start = lenEnd(p, at);
    m[k] = buf !== null ? buf.latin1Slice(start, start + l) : p.slice(start, start + l);
    i = start + l;
  }
  return [m, s];
}

/** Copies of strings that may be views into a larger string (so that one can be freed). */
function copyStrings(arr: string[]): string[] {
  const buf = Buffer.from(arr.join(''), 'latin1');
  const out = new Array<string>(arr.length);
  let at = 0;
  for (let i = 0; i < arr.length; i++) {
    const l = arr[i].length;
    out[i] = buf.latin1Slice(at, at + l);
    at += l;
  }
  return out;
}
