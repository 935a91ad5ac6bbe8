/**
 * The fork-less snapshot (src/persistence/snapshot.ts) on a bare Keyspace: whatever changes
 * while it runs (writes, deletes, new keys, expiry, FLUSH, SWAPDB), the RDB it produces holds
 * exactly the dataset of the moment it began; it pauses on a full sink and resumes on drain.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyspace, type Value } from '../../src/store/db.js';
import { ListValue } from '../../src/store/types/list.js';
import { Snapshot, SnapshotRegistry } from '../../src/persistence/snapshot.js';
import { bufferSink, type RdbSink } from '../../src/persistence/rdb/writer.js';
import { decodeRdb } from '../../src/persistence/rdb/reader.js';
import { toNeutral } from '../../src/persistence/adapter.js';

/** db -> key -> [neutral value as JSON, expire] of a keyspace, for comparison. */
function state(ks: Keyspace): Map<string, string> {
  const out = new Map<string, string>();
  ks.dbs.forEach((db, i) => {
    for (const [k, v] of db.dict.entries()) out.set(`${i}/${k}`, JSON.stringify([toNeutral(v), db.expires.get(k) ?? null]));
  });
  return out;
}

function fileState(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const r of decodeRdb(buf).records) {
    const id = `${r.db}/${r.key}`;
    assert.ok(!seen.has(id), `key written twice: ${id}`);
    seen.add(id);
    const v = { type: r.type, value: r.value } as unknown as Value;
    out.set(id, JSON.stringify([v, r.expireMs]));
  }
  return out;
}

function populate(ks: Keyspace, n: number, db = 0): void {
  const d = ks.dbs[db];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) d.set(`list:${i}`, ListValue.from([`a${i}`, `b${i}`]));
    else d.set(`key:${i}`, `value:${i}`);
    if (i % 7 === 0) d.setExpire(i % 10 === 0 ? `list:${i}` : `key:${i}`, Date.now() + 1e9 + i);
  }
}

function start(ks: Keyspace, sink: RdbSink, sliceMs = 1): { snap: Snapshot; reg: SnapshotRegistry } {
  const reg = new SnapshotRegistry(() => ks);
  const snap = new Snapshot(ks, sink, { sliceMs, aux: { 'redis-ver': '7.0.15' } });
  snap.begin();
  reg.add(snap);
  return { snap, reg };
}

describe('Snapshot', () => {
  it('writes every key once when nothing changes (sync run)', () => {
    const ks = new Keyspace(4);
    populate(ks, 1000);
    populate(ks, 50, 2);
    const sink = bufferSink();
    new Snapshot(ks, sink).runSync();
    assert.deepEqual(fileState(sink.result()), state(ks));
  });

  it('is the start state under writes, deletes, new keys, TTL changes and in-place mutation', async () => {
    const ks = new Keyspace(4);
    populate(ks, 20000);
    populate(ks, 3000, 1);
    const expected = state(ks);
    const sink = bufferSink();
    const { snap, reg } = start(ks, sink);
    const run = snap.run();
    const d0 = ks.dbs[0];
    const d1 = ks.dbs[1];
    let rounds = 0;
    while (snap.state === 'running' && rounds < 10000) {
      rounds++;
      const i = Math.floor(Math.random() * 20000);
      d0.set(`key:${i}`, `changed:${rounds}`); // overwrite (or create a list's neighbour)
      d0.delete(`key:${(i + 3) % 20000}`);
      d0.set(`new:${rounds}`, 'fresh'); // created after the start: never in the file
      d0.setExpire(`key:${(i + 5) % 20000}`, Date.now() + 5e9);
      // In-place mutation of a list: the dispatcher's barrier runs first, as here.
      const lk = `list:${(i - (i % 10)) % 20000}`;
      reg.barrier(d0, lk);
      const l = d0.dict.get(lk);
      if (l instanceof ListValue) l.pushTail(`x${rounds}`);
      d1.delete(`key:${i % 3000}`);
      await new Promise((r) => setImmediate(r));
    }
    await run;
    assert.ok(rounds > 1, 'the walk should span several event-loop turns');
    assert.ok(snap.barrierWrites > 0, 'some keys should have been written ahead by the barrier');
    assert.deepEqual(fileState(sink.result()), expected);
    assert.equal(ks.snapshots, null, 'hooks removed when the snapshot ends');
  });

  it('finishes from the old tables after FLUSH, and follows SWAPDB by object', async () => {
    const ks = new Keyspace(4);
    populate(ks, 5000, 0);
    populate(ks, 5000, 1);
    populate(ks, 100, 2);
    const expected = state(ks);
    const sink = bufferSink();
    const { snap } = start(ks, sink);
    const run = snap.run();
    ks.dbs[1].clear(); // FLUSHDB on db 1 before the walk reached it
    ks.dbs[1].set('after-flush', 'x');
    ks.swap(2, 3);
    ks.dbs[3].set('key:1', 'changed after swap'); // the old db 2, now at index 3
    ks.dbs[3].delete('key:2');
    ks.flushAll();
    ks.dbs[0].set('key:1', 'after flushall');
    await run;
    assert.deepEqual(fileState(sink.result()), expected);
  });

  it('pauses on a full sink and resumes on drain', async () => {
    const ks = new Keyspace(1);
    populate(ks, 20000);
    const expected = state(ks);
    const chunks: Buffer[] = [];
    let full = false;
    let drains = 0;
    let release: (() => void) | null = null;
    const sink: RdbSink = {
      write(chunk) {
        assert.ok(!full || release !== null || true);
        chunks.push(chunk);
        full = true; // every chunk fills it
        return false;
      },
      drain() {
        drains++;
        return new Promise<void>((r) => {
          release = () => {
            full = false;
            release = null;
            r();
          };
          setTimeout(() => release?.(), 1);
        });
      },
    };
    const snap = new Snapshot(ks, sink, { sliceMs: 50 });
    await snap.run();
    assert.ok(drains > 1, `expected several drains, got ${drains}`);
    assert.deepEqual(fileState(Buffer.concat(chunks)), expected);
  });

  it('an aborted snapshot rejects and removes its hooks', async () => {
    const ks = new Keyspace(1);
    populate(ks, 20000);
    const { snap } = start(ks, bufferSink());
    const run = snap.run();
    snap.abort();
    await assert.rejects(run, /aborted/);
    assert.equal(ks.snapshots, null);
  });
});
