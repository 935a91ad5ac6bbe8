/**
 * The packed (one string) forms of small hashes and sorted sets against plain models: random
 * operations crossing the packed bounds, with lengths that need multi-char varints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HashObject } from '../../src/store/types/hash.js';
import { Zset } from '../../src/store/types/zset.js';
import { packLen, readLen, lenEnd, packScore, readScore, scoreEnd } from '../../src/store/types/packed.js';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function str(r: () => number, maxLen: number): string {
  const len = Math.floor(r() * r() * maxLen);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(Math.floor(r() * 256));
  return s;
}

test('varint lengths and scores round-trip', () => {
  for (const n of [0, 1, 127, 128, 255, 16383, 16384, 1e6]) {
    const p = 'x' + packLen(n);
    assert.equal(readLen(p, 1), n);
    assert.equal(lenEnd(p, 1), p.length);
  }
  for (const x of [0, -0, 1, -1, 127, 128, -129, 2 ** 40, -(2 ** 53 - 1), 2 ** 53 - 1, 1.5, -Infinity, Infinity, 1e-300, 2 ** 53 + 2]) {
    const p = 'a' + packScore(x);
    assert.ok(Object.is(readScore(p, 1), x));
    assert.equal(scoreEnd(p, 1), p.length);
  }
});

test('hash: packed, array and table forms behave as a Map with insertion order', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const h = new HashObject();
    const model = new Map<string, string>();
    const fields = Array.from({ length: 12 + (seed % 40) }, () => str(r, seed % 3 === 0 ? 300 : 8));
    for (let step = 0; step < 400; step++) {
      const f = fields[Math.floor(r() * fields.length)];
      const op = r();
      if (op < 0.55) {
        const v = str(r, seed % 4 === 0 ? 200 : 12);
        assert.equal(h.set(f, v), !model.has(f));
        model.set(f, v);
      } else if (op < 0.8) {
        assert.equal(h.delete(f), model.delete(f));
      } else if (op < 0.82 && !h.isTable) {
        h.convertToTable();
      } else {
        assert.equal(h.get(f), model.get(f));
        assert.equal(h.has(f), model.has(f));
      }
      assert.equal(h.size, model.size);
      if (!h.isTable) {
        // Listpack forms keep insertion order exactly.
        assert.deepEqual([...h.entries()], [...model.entries()]);
        const c = h.clone();
        assert.deepEqual(c.flat(), h.flat());
      } else {
        assert.deepEqual(new Map(h.entries()), model);
      }
      for (let i = 0; i < h.size; i++) assert.equal(h.get(h.fieldAt(i)), h.valueAt(i));
    }
  }
});

const LIMITS = { entries: 128, value: 64 };

test('zset: packed and array listpack forms stay sorted and agree with a model', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    let z = Zset.create(LIMITS, 0);
    const model = new Map<string, number>();
    const members = Array.from({ length: 10 + (seed % 60) }, () => str(r, seed % 3 === 0 ? 60 : 6));
    for (let step = 0; step < 400; step++) {
      const m = members[Math.floor(r() * members.length)];
      const op = r();
      const score = r() < 0.1 ? Math.floor(r() * 2 ** 40) - 2 ** 39 : Math.floor(r() * 20) - 10 + (r() < 0.3 ? 0.5 : 0);
      if (op < 0.5) {
        if (model.has(m)) z.update(m, score);
        else z.insert(m, score, LIMITS);
        model.set(m, score);
      } else if (op < 0.7) {
        assert.equal(z.remove(m), model.delete(m));
      } else if (op < 0.72 && z.size > 2) {
        const gone = z.removeRange(0, 1);
        for (const g of gone) model.delete(g);
      } else if (op < 0.74) {
        z = z.clone();
      } else {
        assert.equal(z.score(m), model.get(m));
        assert.equal(z.has(m), model.has(m));
      }
      const sorted = [...model.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      assert.equal(z.size, sorted.length);
      assert.deepEqual([...z.entries()], sorted);
      for (let i = 0; i < sorted.length; i++) {
        assert.equal(z.rank(sorted[i][0]), i);
        assert.equal(z.memberAt(i), sorted[i][0]);
        assert.equal(z.scoreAt(i), sorted[i][1]);
      }
      if (sorted.length > 0) {
        const out: string[] = [];
        z.walk(sorted.length - 1, 0, true, (mm) => void out.push(mm));
        assert.deepEqual(out, sorted.map((e) => e[0]).reverse());
        assert.equal(z.firstWhere((s) => s >= 0), sorted.findIndex((e) => e[1] >= 0) === -1 ? sorted.length : sorted.findIndex((e) => e[1] >= 0));
      }
      assert.equal(z.encoding(), sorted.length > LIMITS.entries ? 'skiplist' : z.encoding());
    }
  }
});
