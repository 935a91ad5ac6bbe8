/**
 * ListValue (store/types/list.ts) against a plain array model: ring-buffer wrap-around, growth,
 * shrinking, trim, insert, filter, clone and the digest iteration.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ListValue } from '../../src/store/types/list.js';
import { digestList, newDigest } from '../../src/store/digest.js';

/** mulberry32, so a failure replays. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    let t = (s = (s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ListValue', () => {
  it('pushes and pops at both ends across wrap-around', () => {
    const l = new ListValue();
    l.pushTail('b');
    l.pushHead('a');
    l.pushTail('c');
    l.pushHead('z');
    l.pushTail('d'); // grows past the initial 4
    assert.deepEqual(l.toArray(), ['z', 'a', 'b', 'c', 'd']);
    assert.equal(l.popHead(), 'z');
    assert.equal(l.popTail(), 'd');
    assert.equal(l.length, 3);
    assert.equal(l.get(0), 'a');
    assert.equal(l.get(2), 'c');
    assert.equal(new ListValue().popHead(), undefined);
    assert.equal(new ListValue().popTail(), undefined);
  });

  it('reports quicklist, clones deeply, iterates for the digest', () => {
    const l = ListValue.from(['a', 'b', 'c']);
    assert.equal(l.encoding(), 'quicklist');
    assert.equal(l.type, 'list');
    const c = l.clone();
    c.pushTail('d');
    assert.deepEqual(l.toArray(), ['a', 'b', 'c']);
    assert.deepEqual([...l.digestElements()], ['a', 'b', 'c']);
    const d1 = newDigest();
    const d2 = newDigest();
    digestList(d1, l.digestElements());
    digestList(d2, ['a', 'b', 'c']);
    assert.deepEqual(d1, d2);
  });

  it('matches an array model under random operations', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed);
      const l = new ListValue();
      let m: string[] = [];
      for (let step = 0; step < 2000; step++) {
        const op = Math.floor(r() * 9);
        const v = String(Math.floor(r() * 5));
        const where = `seed ${seed} step ${step} op ${op}`;
        switch (op) {
          case 0:
            l.pushHead(v);
            m.unshift(v);
            break;
          case 1:
          case 2:
            l.pushTail(v);
            m.push(v);
            break;
          case 3:
            assert.equal(l.popHead(), m.shift(), where);
            break;
          case 4:
            assert.equal(l.popTail(), m.pop(), where);
            break;
          case 5: {
            if (m.length === 0) break;
            const i = Math.floor(r() * m.length);
            l.set(i, v + 'x');
            m[i] = v + 'x';
            break;
          }
          case 6: {
            const i = Math.floor(r() * (m.length + 1));
            l.insertAt(i, v);
            m.splice(i, 0, v);
            break;
          }
          case 7: {
            const removed = l.filter((x) => x !== v);
            const kept = m.filter((x) => x !== v);
            assert.equal(removed, m.length - kept.length, where);
            m = kept;
            break;
          }
          case 8: {
            if (r() < 0.8 || m.length === 0) break; // keep lists growing most of the time
            const s = Math.floor(r() * m.length);
            const e = s + Math.floor(r() * (m.length - s));
            l.trim(s, e);
            m = m.slice(s, e + 1);
            break;
          }
        }
        assert.equal(l.length, m.length, where);
        if (step % 97 === 0) assert.deepEqual(l.toArray(), m, where);
      }
      assert.deepEqual(l.toArray(), m);
      assert.deepEqual([...l], m);
      if (m.length > 0) assert.deepEqual(l.range(0, m.length - 1), m);
    }
  });

  it('grows to many elements and shrinks back', () => {
    const l = new ListValue();
    for (let i = 0; i < 10000; i++) l.pushTail(String(i));
    for (let i = 0; i < 9990; i++) assert.equal(l.popHead(), String(i));
    assert.deepEqual(l.toArray(), ['9990', '9991', '9992', '9993', '9994', '9995', '9996', '9997', '9998', '9999']);
    l.trim(1, 0);
    assert.equal(l.length, 0);
    l.pushHead('x');
    assert.deepEqual(l.toArray(), ['x']);
  });
});
