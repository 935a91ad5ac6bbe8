/**
 * The stream structure (src/store/types/stream.ts) on its own: ID parsing, ordering, node
 * splits, deletion, trimming, consumer-group bookkeeping, and a random model check against a
 * plain sorted array.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IdMap,
  Stream,
  formatId,
  makeId,
  parseStreamId,
  parseU64,
  ID_MAX,
  U64_MAX,
  INVALID_ENTRIES_READ,
  type StreamId,
} from '../../src/store/types/stream.js';
import { digestValue, newDigest } from '../../src/store/digest.js';

const LIMITS = { maxBytes: 4096, maxEntries: 100 };
const id = (ms: number, seq: number): StreamId => makeId(BigInt(ms), BigInt(seq));

describe('stream IDs', () => {
  it('parses like string2ull', () => {
    assert.equal(parseU64('0'), 0n);
    assert.equal(parseU64('18446744073709551615'), U64_MAX);
    assert.equal(parseU64('18446744073709551616'), null);
    assert.equal(parseU64('-1'), null);
    assert.equal(parseU64('01'), 1n);
    assert.equal(parseU64('+5'), 5n);
    assert.equal(parseU64(' 5'), 5n);
    assert.equal(parseU64('-0'), 0n);
    assert.equal(parseU64('-9223372036854775809'), (1n << 64n) - 9223372036854775809n);
    assert.equal(parseU64(''), null);
    assert.equal(parseU64('5 '), null);
    assert.equal(parseU64('x'), null);
  });

  it('parses IDs, special forms and <ms>-*', () => {
    assert.deepEqual(parseStreamId('5', 0n, true), { id: id(5, 0), seqGiven: true });
    assert.deepEqual(parseStreamId('5', U64_MAX, true), { id: makeId(5n, U64_MAX), seqGiven: true });
    assert.deepEqual(parseStreamId('5-3', 0n, true), { id: id(5, 3), seqGiven: true });
    assert.deepEqual(parseStreamId('5-*', 0n, true, true), { id: id(5, 0), seqGiven: false });
    assert.equal(parseStreamId('5-*', 0n, true), null);
    assert.equal(parseStreamId('-', 0n, true), null);
    assert.equal(parseStreamId('+', 0n, false)!.id, ID_MAX);
    assert.equal(parseStreamId('-', 0n, false)!.id, 0n);
    assert.equal(parseStreamId('1-2-3', 0n, false), null);
    assert.equal(parseStreamId('x'.repeat(128), 0n, false), null);
    assert.equal(formatId(makeId(U64_MAX, 7n)), '18446744073709551615-7');
  });
});

describe('Stream', () => {
  it('appends, ranges both ways, gets', () => {
    const s = new Stream();
    for (let i = 1; i <= 10; i++) s.append(id(i, 0), ['f', String(i)], LIMITS);
    assert.equal(s.length, 10);
    assert.equal(s.encoding(), 'stream');
    assert.deepEqual([...s.range(id(3, 0), id(5, 0))].map((e) => e.fv[1]), ['3', '4', '5']);
    assert.deepEqual([...s.range(0n, ID_MAX, true, 2)].map((e) => e.fv[1]), ['10', '9']);
    assert.deepEqual([...s.range(id(5, 1), id(5, 2))], []);
    assert.equal(s.get(id(4, 0))!.fv[1], '4');
    assert.equal(s.get(id(4, 1)), null);
    assert.equal(s.firstId, id(1, 0));
    assert.equal(s.lastId, id(10, 0));
  });

  it('splits nodes at stream-node-max-entries and by bytes', () => {
    const s = new Stream();
    for (let i = 1; i <= 250; i++) s.append(id(i, 0), ['f', 'v'], LIMITS);
    assert.equal(s.nodeCount, 3);
    const b = new Stream();
    for (let i = 1; i <= 10; i++) b.append(id(i, 0), ['f', 'x'.repeat(1000)], LIMITS);
    assert.ok(b.nodeCount >= 3, `nodes: ${b.nodeCount}`);
  });

  it('deletes, tracks first/max-deleted IDs and drops empty nodes', () => {
    const s = new Stream();
    for (let i = 1; i <= 5; i++) s.append(id(i, 0), ['f', 'v'], LIMITS);
    assert.equal(s.deleteIds([id(1, 0), id(1, 0), id(9, 0)]), 1);
    assert.equal(s.firstId, id(2, 0));
    assert.equal(s.maxDeletedId, id(1, 0));
    assert.equal(s.deleteIds([id(2, 0), id(3, 0), id(4, 0), id(5, 0)]), 4);
    assert.equal(s.length, 0);
    assert.equal(s.firstId, 0n);
    assert.equal(s.nodeCount, 0);
    assert.equal(s.entriesAdded, 5);
  });

  it('trims exactly and approximately', () => {
    const s = new Stream();
    for (let i = 1; i <= 250; i++) s.append(id(i, 0), ['f', 'v'], LIMITS);
    assert.equal(s.trim({ strategy: 'maxlen', maxlen: 180, minid: 0n, approx: true, limit: 10000 }), 0);
    assert.equal(s.trim({ strategy: 'maxlen', maxlen: 140, minid: 0n, approx: true, limit: 10000 }), 100);
    assert.equal(s.trim({ strategy: 'maxlen', maxlen: 140, minid: 0n, approx: false, limit: 0 }), 10);
    assert.equal(s.length, 140);
    assert.equal(s.firstId, id(111, 0));
    assert.equal(s.trim({ strategy: 'minid', maxlen: 0, minid: id(200, 0), approx: false, limit: 0 }), 89);
    assert.equal(s.firstId, id(200, 0));
  });

  it('estimates entries_read like Redis', () => {
    const s = new Stream();
    assert.equal(s.estimateDistance(id(1, 0)), 0);
    for (let i = 1; i <= 4; i++) s.append(id(i, 0), ['f', 'v'], LIMITS);
    assert.equal(s.estimateDistance(id(4, 0)), 4);
    assert.equal(s.estimateDistance(id(5, 0)), INVALID_ENTRIES_READ);
    assert.equal(s.estimateDistance(id(1, 0)), 1);
    assert.equal(s.estimateDistance(0n), 0);
    s.deleteIds([id(2, 0)]);
    assert.equal(s.estimateDistance(id(1, 0)), INVALID_ENTRIES_READ);
    assert.equal(s.rangeHasTombstones(id(1, 0), null), true);
    assert.equal(s.rangeHasTombstones(id(3, 0), null), false);
  });

  it('groups: PEL shared by group and consumer, clone keeps them apart', () => {
    const s = new Stream();
    s.append(id(1, 0), ['f', 'v'], LIMITS);
    const g = s.createGroup('g', 0n, 0)!;
    assert.equal(s.createGroup('g', 0n, 0), null);
    const c = g.createConsumer('c', 1)!;
    const nack = { consumer: c, deliveryTime: 1, deliveryCount: 1 };
    g.pel.set(id(1, 0), nack);
    c.pel.set(id(1, 0), nack);
    const copy = s.clone();
    assert.equal(g.ack(id(1, 0)), true);
    assert.equal(c.pel.size, 0);
    assert.equal(copy.group('g')!.pel.size, 1);
    assert.equal(copy.group('g')!.consumers.get('c')!.pel.size, 1);
  });

  it('digests like a list of entries', () => {
    const a = new Stream();
    a.append(id(1, 1), ['a', '1'], LIMITS);
    const d = newDigest();
    digestValue(d, a, false);
    assert.equal(d.length, 20);
    assert.notDeepEqual(d, newDigest());
  });
});

describe('IdMap', () => {
  it('keeps keys ordered under random inserts and deletes', () => {
    const m = new IdMap<number>();
    const model = new Map<bigint, number>();
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 2000; i++) {
      const k = BigInt(rnd(300));
      if (rnd(3) === 0) {
        assert.equal(m.delete(k), model.delete(k));
      } else {
        m.set(k, i);
        model.set(k, i);
      }
    }
    const keys = [...model.keys()].sort((a, b) => (a < b ? -1 : 1));
    assert.deepEqual([...m.entries()].map(([k]) => k), keys);
    assert.equal(m.size, keys.length);
  });
});

describe('Stream against a sorted-array model', () => {
  it('random appends, deletes, trims and ranges agree', () => {
    let seed = 42;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const s = new Stream();
    let model: Array<{ id: bigint; v: string }> = [];
    let last = 0n;
    for (let step = 0; step < 5000; step++) {
      const op = rnd(10);
      if (op < 6) {
        const next = last + BigInt(1 + rnd(3)) * (rnd(2) ? 1n : 1n << 64n);
        s.append(next, ['f', String(step)], { maxBytes: 300, maxEntries: 7 });
        model.push({ id: next, v: String(step) });
        last = next;
      } else if (op < 8 && model.length) {
        const victim = model[rnd(model.length)].id;
        assert.equal(s.delete(victim), true);
        model = model.filter((e) => e.id !== victim);
      } else if (op === 8) {
        const maxlen = rnd(40);
        s.trim({ strategy: 'maxlen', maxlen, minid: 0n, approx: false, limit: 0 });
        // An exact MAXLEN trim keeps the newest min(length, maxlen) entries.
        model = model.slice(Math.max(0, model.length - maxlen));
      }
      const got = [...s.entries()].map((e) => e.id);
      assert.deepEqual(got, model.map((e) => e.id));
      assert.equal(s.length, model.length);
      if (model.length) {
        const a = model[rnd(model.length)].id;
        const b = model[rnd(model.length)].id;
        const [lo, hi] = a < b ? [a, b] : [b, a];
        assert.deepEqual([...s.range(lo, hi, true)].map((e) => e.id), model.filter((e) => e.id >= lo && e.id <= hi).map((e) => e.id).reverse());
      }
    }
  });
});
