/**
 * Redis's zskiplist (t_zset.c): a skiplist ordered by (score, member bytes) whose links carry
 * spans, so the rank of an element and the element at a rank are found in O(log n). Members are
 * latin1 strings, so JS string comparison is byte order (memcmp), as Redis's sdscmp.
 *
 * Ranks in this module are 0-based (Redis's are 1-based internally).
 */

const MAX_LEVEL = 32;
/** Redis's ZSKIPLIST_P: each level holds about a quarter of the one below. */
const P = 0.25;

export class SkipNode {
  backward: SkipNode | null = null;
  readonly next: (SkipNode | null)[];
  /** span[i]: how many level-0 steps the link next[i] jumps. */
  readonly span: number[];
  constructor(
    readonly member: string,
    public score: number,
    level: number,
  ) {
    this.next = new Array<SkipNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

/** (score, member) strictly before the node's? */
function before(score: number, member: string, n: SkipNode): boolean {
  return n.score < score || (n.score === score && n.member < member);
}

function randomLevel(): number {
  let l = 1;
  while (l < MAX_LEVEL && Math.random() < P) l++;
  return l;
}

/** Element predicate used by range searches. */
export type Pred = (score: number, member: string) => boolean;

export class SkipList {
  private readonly header = new SkipNode('', 0, MAX_LEVEL);
  tail: SkipNode | null = null;
  length = 0;
  private level = 1;
  // Scratch arrays reused by every search (single-threaded).
  private static readonly update: SkipNode[] = new Array<SkipNode>(MAX_LEVEL);
  private static readonly rank: number[] = new Array<number>(MAX_LEVEL).fill(0);

  get first(): SkipNode | null {
    return this.header.next[0];
  }

  /** Inserts a new element; the caller guarantees the member is not present. */
  insert(score: number, member: string): SkipNode {
    const update = SkipList.update;
    const rank = SkipList.rank;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      rank[i] = i === this.level - 1 ? 0 : rank[i + 1];
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && before(score, member, f)) {
        rank[i] += x.span[i];
        x = f;
      }
      update[i] = x;
    }
    const lvl = randomLevel();
    if (lvl > this.level) {
      for (let i = this.level; i < lvl; i++) {
        rank[i] = 0;
        update[i] = this.header;
        this.header.span[i] = this.length;
      }
      this.level = lvl;
    }
    const node = new SkipNode(member, score, lvl);
    for (let i = 0; i < lvl; i++) {
      const u = update[i];
      node.next[i] = u.next[i];
      u.next[i] = node;
      node.span[i] = u.span[i] - (rank[0] - rank[i]);
      u.span[i] = rank[0] - rank[i] + 1;
    }
    for (let i = lvl; i < this.level; i++) update[i].span[i]++;
    node.backward = update[0] === this.header ? null : update[0];
    const n0 = node.next[0];
    if (n0 !== null) n0.backward = node;
    else this.tail = node;
    this.length++;
    return node;
  }

  private unlink(x: SkipNode, update: SkipNode[]): void {
    for (let i = 0; i < this.level; i++) {
      const u = update[i];
      if (u.next[i] === x) {
        u.span[i] += x.span[i] - 1;
        u.next[i] = x.next[i];
      } else {
        u.span[i] -= 1;
      }
    }
    const n0 = x.next[0];
    if (n0 !== null) n0.backward = x.backward;
    else this.tail = x.backward;
    while (this.level > 1 && this.header.next[this.level - 1] === null) this.level--;
    this.length--;
  }

  /** Removes the element (score, member); false when it is not there. */
  delete(score: number, member: string): boolean {
    const update = SkipList.update;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && before(score, member, f)) x = f;
      update[i] = x;
    }
    const t = x.next[0];
    if (t === null || t.score !== score || t.member !== member) return false;
    this.unlink(t, update);
    return true;
  }

  /**
   * Changes a node's score. Like Redis's zslUpdateScore the node stays in place when the order
   * does not change; otherwise it is reinserted. Returns the node now holding the element.
   */
  updateScore(node: SkipNode, score: number): SkipNode {
    const b = node.backward;
    const n = node.next[0];
    if ((b === null || before(score, node.member, b)) && (n === null || n.score > score || (n.score === score && n.member > node.member))) {
      node.score = score;
      return node;
    }
    this.delete(node.score, node.member);
    return this.insert(score, node.member);
  }

  /** 0-based rank of (score, member), or -1. */
  rankOf(score: number, member: string): number {
    let x = this.header;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && (f.score < score || (f.score === score && f.member <= member))) {
        rank += x.span[i];
        x = f;
      }
      if (x !== this.header && x.member === member) return rank - 1;
    }
    return -1;
  }

  /** Node at 0-based rank, or null when out of range. */
  at(rank: number): SkipNode | null {
    if (rank < 0 || rank >= this.length) return null;
    const target = rank + 1;
    let x = this.header;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && traversed + x.span[i] <= target) {
        traversed += x.span[i];
        x = f;
      }
      if (traversed === target) return x;
    }
    return null;
  }

  /**
   * How many leading elements fail `gte` (so: the rank of the first element satisfying it),
   * descending the levels as Redis's zslFirstInRange does. `gte` must be monotone.
   */
  countBefore(gte: Pred): number {
    let x = this.header;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && !gte(f.score, f.member)) {
        rank += x.span[i];
        x = f;
      }
    }
    return rank;
  }

  /** How many leading elements satisfy `lte` (zslLastInRange's descent). */
  countWhile(lte: Pred): number {
    let x = this.header;
    let rank = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && lte(f.score, f.member)) {
        rank += x.span[i];
        x = f;
      }
    }
    return rank;
  }

  /** Removes ranks start..end (0-based, inclusive, within range); calls `gone` for each. */
  deleteRange(start: number, end: number, gone: (n: SkipNode) => void): void {
    const update = SkipList.update;
    let x = this.header;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let f: SkipNode | null;
      while ((f = x.next[i]) !== null && traversed + x.span[i] <= start) {
        traversed += x.span[i];
        x = f;
      }
      update[i] = x;
    }
    let cur = x.next[0];
    let n = end - start + 1;
    while (cur !== null && n-- > 0) {
      const nx = cur.next[0];
      this.unlink(cur, update);
      gone(cur);
      cur = nx;
    }
  }
}
