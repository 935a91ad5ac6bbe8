/**
 * The sorted-set structure against a naive model (a sorted array), in both forms: random
 * inserts, updates, removals and rank/range queries must agree, and the encoding must follow
 * the thresholds without converting back.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Zset, type ZsetLimits } from '../../src/store/types/zset.js';
import { SkipList } from '../../src/store/types/skiplist.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Entry = [string, number];
const cmp = (a: Entry, b: Entry): number => (a[1] - b[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function check(z: Zset, model: Map<string, number>): void {
  const want = [...model].sort(cmp);
  assert.equal(z.size, want.length);
  assert.deepEqual([...z.entries()], want);
  for (let i = 0; i < want.length; i++) {
    assert.equal(z.rank(want[i][0]), i);
    assert.equal(z.memberAt(i), want[i][0]);
    assert.equal(z.scoreAt(i), want[i][1]);
    assert.equal(z.score(want[i][0]), want[i][1]);
  }
}

function randomRun(limits: ZsetLimits, seed: number, steps: number, members: number): Zset {
  const r = rng(seed);
  const z = Zset.create(limits, 1);
  const model = new Map<string, number>();
  for (let step = 0; step < steps; step++) {
    const m = 'm' + Math.floor(r() * members);
    const score = Math.floor(r() * 20) - 10 + (r() < 0.2 ? 0.5 : 0);
    const op = r();
    if (op < 0.5) {
      if (model.has(m)) z.update(m, score);
      else z.insert(m, score, limits);
      model.set(m, score);
    } else if (op < 0.7) {
      assert.equal(z.remove(m), model.delete(m));
    } else if (op < 0.8 && z.size > 0) {
      // remove a rank range
      const a = Math.floor(r() * z.size);
      const b = Math.min(z.size - 1, a + Math.floor(r() * 4));
      const want = [...model].sort(cmp).slice(a, b + 1).map((e) => e[0]);
      assert.deepEqual(z.removeRange(a, b), want);
      for (const w of want) model.delete(w);
    } else {
      // range searches
      const lo = Math.floor(r() * 20) - 10;
      const sorted = [...model].sort(cmp);
      const first = sorted.findIndex((e) => e[1] >= lo);
      assert.equal(z.firstWhere((s) => s >= lo), first < 0 ? sorted.length : first);
      let last = -1;
      for (let i = 0; i < sorted.length; i++) if (sorted[i][1] <= lo) last = i;
      assert.equal(z.lastWhere((s) => s <= lo), last);
      if (sorted.length > 0) {
        const start = Math.floor(r() * sorted.length);
        const got: string[] = [];
        z.walk(start, 0, true, (mm) => void got.push(mm));
        assert.deepEqual(got, sorted.slice(0, start + 1).reverse().map((e) => e[0]));
      }
    }
    if (step % 50 === 0) check(z, model);
  }
  check(z, model);
  return z;
}

describe('zset structure', () => {
  it('listpack form matches the model', () => {
    const z = randomRun({ entries: 1000, value: 64 }, 1, 2000, 60);
    assert.equal(z.encoding(), 'listpack');
  });

  it('skiplist form matches the model', () => {
    const z = randomRun({ entries: 0, value: 64 }, 2, 4000, 300);
    assert.equal(z.encoding(), 'skiplist');
  });

  it('converts once past the thresholds and never back', () => {
    const limits = { entries: 4, value: 8 };
    const z = Zset.create(limits, 1);
    for (let i = 0; i < 4; i++) z.insert('m' + i, i, limits);
    assert.equal(z.encoding(), 'listpack');
    z.insert('m4', 4, limits);
    assert.equal(z.encoding(), 'skiplist');
    z.removeRange(0, 3);
    assert.equal(z.encoding(), 'skiplist');
    const y = Zset.create(limits, 1);
    y.insert('a-long-member', 1, limits);
    assert.equal(y.encoding(), 'skiplist');
    assert.equal(Zset.create(limits, 9).encoding(), 'skiplist');
    assert.equal(Zset.fromEntries([['b', 2], ['a', 1]], limits).encoding(), 'listpack');
    assert.deepEqual([...Zset.fromEntries([['b', 2], ['a', 1], ['c', 1]], limits).entries()], [['a', 1], ['c', 1], ['b', 2]]);
    assert.equal(Zset.fromEntries([['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]], limits).encoding(), 'skiplist');
  });

  it('orders equal scores by member bytes (latin1)', () => {
    const limits = { entries: 0, value: 64 };
    const z = Zset.create(limits, 1);
    for (const m of ['\xff', 'b', '\x00', 'a', 'ab', '']) z.insert(m, 1, limits);
    assert.deepEqual([...z.entries()].map((e) => e[0]), ['', '\x00', 'a', 'ab', 'b', '\xff']);
  });

  it('keeps -0 in the skiplist and drops its sign in the listpack', () => {
    const big = Zset.create({ entries: 0, value: 64 }, 1);
    big.insert('a', -0, { entries: 0, value: 64 });
    assert.ok(Object.is(big.score('a'), -0));
    const small = Zset.create({ entries: 128, value: 64 }, 1);
    small.insert('a', -0, { entries: 128, value: 64 });
    assert.ok(Object.is(small.score('a'), 0));
  });

  it('clone is deep and keeps the encoding', () => {
    const limits = { entries: 2, value: 64 };
    const z = Zset.fromEntries([['a', 1], ['b', 2], ['c', 3]], limits);
    const c = z.clone();
    z.remove('a');
    assert.equal(c.size, 3);
    assert.equal(c.encoding(), 'skiplist');
  });

  it('skiplist rank and at agree over many elements', () => {
    const sl = new SkipList();
    const n = 5000;
    for (let i = 0; i < n; i++) sl.insert((i * 7919) % n, 'k' + i);
    for (let r = 0; r < n; r += 97) {
      const node = sl.at(r)!;
      assert.equal(node.score, r);
      assert.equal(sl.rankOf(node.score, node.member), r);
    }
    assert.equal(sl.at(n), null);
  });
});
