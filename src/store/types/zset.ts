/**
 * Sorted set (Redis's t_zset.c structures). Two representations, as Redis 7.0:
 *  - "listpack": small sets are two parallel arrays (members, scores) kept sorted by
 *    (score, member bytes); O(n) updates for n <= zset-max-listpack-entries, and compact.
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
  /** Listpack form: members and scores, sorted. Null once converted. */
  private m: string[] | null = [];
  private s: number[] | null = [];
  private sl: SkipList | null = null;
  private dict: KeyTable<SkipNode> | null = null;

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
      const m = (z.m = new Array<string>(arr.length));
      const s = (z.s = new Array<number>(arr.length));
      for (let i = 0; i < arr.length; i++) {
        m[i] = arr[i][0];
        s[i] = lpScore(arr[i][1]);
      }
    } else {
      z.convert();
      for (const [member, score] of arr) z.dict!.set(member, z.sl!.insert(score, member));
    }
    return z;
  }

  get size(): number {
    return this.m !== null ? this.m.length : this.sl!.length;
  }

  encoding(): string {
    return this.m !== null ? 'listpack' : 'skiplist';
  }

  /** True in the compact (listpack) form. */
  get compact(): boolean {
    return this.m !== null;
  }

  clone(): Zset {
    const z = new Zset();
    if (this.m !== null) {
      z.m = this.m.slice();
      z.s = this.s!.slice();
    } else {
      z.convert();
      for (let n = this.sl!.first; n !== null; n = n.next[0]) z.dict!.set(n.member, z.sl!.insert(n.score, n.member));
    }
    return z;
  }

  /** Moves to the skiplist form (Redis's zsetConvert). */
  private convert(): void {
    if (this.m === null) return;
    const m = this.m;
    const s = this.s!;
    this.sl = new SkipList();
    this.dict = new KeyTable<SkipNode>();
    for (let i = 0; i < m.length; i++) this.dict.set(m[i], this.sl.insert(s[i], m[i]));
    this.m = null;
    this.s = null;
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

  score(member: string): number | undefined {
    if (this.m !== null) {
      const i = this.lpIndexOf(member);
      return i < 0 ? undefined : this.s![i];
    }
    return this.dict!.get(member)?.score;
  }

  has(member: string): boolean {
    return this.m !== null ? this.lpIndexOf(member) >= 0 : this.dict!.has(member);
  }

  /**
   * Inserts a member known to be absent, converting first when Redis's zsetAdd would
   * (size + 1 > entries, or a member longer than the value limit).
   */
  insert(member: string, score: number, limits: ZsetLimits): void {
    if (this.m !== null && (this.m.length + 1 > limits.entries || member.length > limits.value)) this.convert();
    if (this.m !== null) {
      score = lpScore(score);
      const i = this.lpSearch(score, member);
      this.m.splice(i, 0, member);
      this.s!.splice(i, 0, score);
    } else {
      this.dict!.set(member, this.sl!.insert(score, member));
    }
  }

  /** Changes the score of a present member. */
  update(member: string, score: number): void {
    if (this.m !== null) {
      score = lpScore(score);
      const i = this.lpIndexOf(member);
      if (this.s![i] === score) return;
      this.m.splice(i, 1);
      this.s!.splice(i, 1);
      const j = this.lpSearch(score, member);
      this.m.splice(j, 0, member);
      this.s!.splice(j, 0, score);
    } else {
      const node = this.dict!.get(member)!;
      const moved = this.sl!.updateScore(node, score);
      if (moved !== node) this.dict!.set(member, moved);
    }
  }

  /** Removes a member; false when absent. */
  remove(member: string): boolean {
    if (this.m !== null) {
      const i = this.lpIndexOf(member);
      if (i < 0) return false;
      this.m.splice(i, 1);
      this.s!.splice(i, 1);
      return true;
    }
    const node = this.dict!.delete(member);
    if (node === undefined) return false;
    this.sl!.delete(node.score, member);
    return true;
  }

  /** 0-based rank from the lowest score, or -1 when absent. */
  rank(member: string): number {
    if (this.m !== null) return this.lpIndexOf(member);
    const node = this.dict!.get(member);
    return node === undefined ? -1 : this.sl!.rankOf(node.score, member);
  }

  /** Member and score at a rank (0 <= rank < size). */
  memberAt(rank: number): string {
    return this.m !== null ? this.m[rank] : this.sl!.at(rank)!.member;
  }
  scoreAt(rank: number): number {
    return this.s !== null ? this.s[rank] : this.sl!.at(rank)!.score;
  }

  /**
   * Visits ranks from `start` to `end` inclusive (both within range): ascending, or descending
   * from `start` down to `end` when rev. Stops early when `fn` returns false.
   */
  walk(start: number, end: number, rev: boolean, fn: (member: string, score: number) => boolean | void): void {
    if (this.m !== null) {
      const m = this.m;
      const s = this.s!;
      if (!rev) {
        for (let i = start; i <= end; i++) if (fn(m[i], s[i]) === false) return;
      } else {
        for (let i = start; i >= end; i--) if (fn(m[i], s[i]) === false) return;
      }
      return;
    }
    let n = this.sl!.at(start);
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
    if (this.m !== null) {
      const m = this.m;
      const s = this.s!;
      for (let i = 0; i < m.length; i++) if (gte(s[i], m[i])) return i;
      return m.length;
    }
    return this.sl!.countBefore(gte);
  }

  /** Rank of the last element satisfying the monotone predicate `lte` (-1 when none). */
  lastWhere(lte: Pred): number {
    if (this.m !== null) {
      const m = this.m;
      const s = this.s!;
      for (let i = m.length - 1; i >= 0; i--) if (lte(s[i], m[i])) return i;
      return -1;
    }
    return this.sl!.countWhile(lte) - 1;
  }

  /** Removes ranks start..end inclusive (within range); returns the removed members in order. */
  removeRange(start: number, end: number): string[] {
    if (this.m !== null) {
      this.s!.splice(start, end - start + 1);
      return this.m.splice(start, end - start + 1);
    }
    const out: string[] = [];
    const dict = this.dict!;
    this.sl!.deleteRange(start, end, (n) => {
      dict.delete(n.member);
      out.push(n.member);
    });
    return out;
  }

  /** A uniformly random member with its score, or undefined when empty. */
  random(): [string, number] | undefined {
    const n = this.size;
    if (n === 0) return undefined;
    if (this.m !== null) {
      const i = Math.floor(Math.random() * n);
      return [this.m[i], this.s![i]];
    }
    const node = this.dict!.valueAt(Math.floor(Math.random() * n));
    return [node.member, node.score];
  }

  /**
   * One ZSCAN step over the skiplist form's dictionary (KeyTable's cursor rules); the listpack
   * form is returned whole with cursor 0, as Redis does.
   */
  scan(cursor: number, count: number, visit: (member: string, score: number) => void): number {
    if (this.m !== null) {
      for (let i = 0; i < this.m.length; i++) visit(this.m[i], this.s![i]);
      return 0;
    }
    return this.dict!.scan(cursor, count, (k, n) => visit(k, n.score));
  }

  /** Every (member, score) in order. */
  *entries(): IterableIterator<[string, number]> {
    if (this.m !== null) {
      for (let i = 0; i < this.m.length; i++) yield [this.m[i], this.s![i]];
      return;
    }
    for (let n = this.sl!.first; n !== null; n = n.next[0]) yield [n.member, n.score];
  }

  digestEntries(): Iterable<readonly [string, number]> {
    return this.entries();
  }
}
