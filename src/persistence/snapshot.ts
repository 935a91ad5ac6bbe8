/**
 * Point-in-time snapshot without fork (DESIGN.md section 4). Node cannot fork, so instead of a
 * copy-on-write child we walk the live keyspace in slices and keep the result exact with a
 * write barrier:
 *
 *  - begin() fixes the point in time: it writes the RDB header and takes, per database object,
 *    its tables and sizes. Nothing is copied.
 *  - The walk visits each database's KeyTable from the top slot down (as SCAN does: a deletion
 *    moves the last slot, already visited, into the hole, so no start-time key is ever skipped)
 *    and writes every key it has not written yet, yielding to the event loop every few ms and
 *    pausing while the sink is full.
 *  - barrier(db, key) runs before anything modifies, deletes or creates `key` (commands through
 *    the dispatcher, expiry, the Database methods). If the key is not yet "done" it is marked
 *    done and, when it exists, its current value and TTL (still the start-time ones, since
 *    nothing changed it) are written at once. Keys created after the start pass the barrier
 *    before they exist, so they are marked done and never written.
 *  - FLUSHDB/FLUSHALL/DEBUG RELOAD hand the database's old tables to the snapshot (detach), which
 *    finishes from them; SWAPDB needs nothing, because states are keyed by Database object.
 *
 * "Done" is a Set of keys per database, dropped as soon as that database's walk ends. Memory:
 * while a database is walked the Set can grow to every key of it (about 1M entries for 1M keys,
 * tens of MB); an epoch tag per entry would avoid it but needs the KeyTable's help (later).
 *
 * Barrier writes cannot pause: they go to the sink even when it is full (the sink buffers).
 */
import type { Database, Keyspace, SnapshotHooks, Value } from '../store/db.js';
import type { KeyTable } from '../store/keytable.js';
import { RdbWriter, type RdbAux, type RdbSink } from './rdb/writer.js';
import { toNeutral } from './adapter.js';

export interface SnapshotOptions {
  /** rdbcompression */
  compression?: boolean;
  /** rdbchecksum */
  checksum?: boolean;
  aux?: RdbAux;
  /** Length of one walk slice before yielding to the event loop (default 4 ms). */
  sliceMs?: number;
}

/** One database as it was when the snapshot began. */
interface DbState {
  /** Its index at the start (SWAPDB later changes Database.id, not this). */
  readonly index: number;
  table: KeyTable<Value>;
  expires: KeyTable<number>;
  readonly size0: number;
  readonly expires0: number;
  /** Slots [0, cursor) are not visited yet. */
  cursor: number;
  /** Keys already written or created after the start; null once the walk of this db ended. */
  done: Set<string> | null;
  /** True once FLUSH took the tables away from the live database: they no longer change. */
  detached: boolean;
}

export type SnapshotState = 'new' | 'running' | 'done' | 'failed' | 'aborted';

export class Snapshot {
  private readonly states: DbState[] = [];
  private readonly byDb = new Map<Database, DbState>();
  private readonly writer: RdbWriter;
  /** The database the last SELECTDB in the output named. */
  private curDb = -1;
  private walkIdx = 0;
  private readonly sliceMs: number;
  private failure: Error | null = null;
  /** runSync(): no barrier can run meanwhile. */
  private sync = false;
  state: SnapshotState = 'new';
  /** Keys at the start (INFO current_save_keys_total). */
  keysTotal = 0;
  /** Keys written so far (INFO current_save_keys_processed). */
  keysWritten = 0;
  /** Keys written ahead of the walk by the barrier (for logs and tests). */
  barrierWrites = 0;
  startedAt = 0;
  /** Called once when the snapshot leaves the running state (the registry unlinks it). */
  onEnd: ((s: Snapshot) => void) | null = null;

  constructor(
    private readonly keyspace: Keyspace,
    sink: RdbSink,
    private readonly opts: SnapshotOptions = {},
  ) {
    this.writer = new RdbWriter(sink, { compression: opts.compression ?? true, checksum: opts.checksum ?? true });
    this.sliceMs = opts.sliceMs ?? 4;
  }

  /** Bytes handed to the sink so far. */
  get bytesWritten(): number {
    return this.writer.written;
  }

  /** Fixes the point in time: header now, then every later change passes barrier(). */
  begin(): void {
    if (this.state !== 'new') throw new Error('snapshot already begun');
    this.state = 'running';
    this.startedAt = Date.now();
    this.writer.header(this.opts.aux ?? {});
    const dbs = this.keyspace.dbs;
    for (let i = 0; i < dbs.length; i++) {
      const db = dbs[i];
      const size = db.dict.size;
      const st: DbState = {
        index: i,
        table: db.dict,
        expires: db.expires,
        size0: size,
        expires0: db.expires.size,
        cursor: size,
        done: size > 0 ? new Set() : null,
        detached: false,
      };
      this.keysTotal += size;
      this.states.push(st);
      // Empty databases are skipped, as Redis does: nothing in them can belong to the snapshot.
      if (size > 0) this.byDb.set(db, st);
    }
  }

  /**
   * Before `key` of `db` changes in any way: writes its start-time value first if the walk has
   * not. Cheap when the key is done already. Never throws (a failure fails the snapshot).
   */
  barrier(db: Database, key: string): void {
    const st = this.byDb.get(db);
    if (st === undefined || st.detached || st.done === null || st.done.has(key)) return;
    st.done.add(key);
    const v = st.table.get(key);
    if (v === undefined) return;
    try {
      this.emit(st, key, v, st.expires.get(key));
      this.barrierWrites++;
    } catch (err) {
      this.fail(err as Error);
    }
  }

  /** Before every key of `db` goes at once (FLUSH): true when the snapshot keeps the old tables. */
  detach(db: Database): boolean {
    const st = this.byDb.get(db);
    if (st === undefined || st.done === null || this.state !== 'running') return false;
    st.detached = true;
    this.byDb.delete(db);
    return true;
  }

  /** True when the snapshot still needs to see changes of `db` (it keeps the barrier cheap). */
  watches(db: Database): boolean {
    return this.byDb.has(db);
  }

  /**
   * Walks for at most until `deadline` (performance.now() ms) or until the sink is full.
   * Returns true when every database has been written.
   */
  private step(deadline: number): boolean {
    const w = this.writer;
    while (this.walkIdx < this.states.length) {
      const st = this.states[this.walkIdx];
      if (st.done === null) {
        this.walkIdx++;
        continue;
      }
      let n = 0;
      for (;;) {
        if (st.cursor > st.table.size) st.cursor = st.table.size;
        if (st.cursor === 0) break;
        const i = --st.cursor;
        const key = st.table.keyAt(i);
        if (st.done.has(key)) continue;
        // Nothing can run during a synchronous walk: no need to remember what it wrote.
        if (!st.detached && !this.sync) st.done.add(key);
        this.emit(st, key, st.table.valueAt(i), st.expires.get(key));
        if ((++n & 31) === 0 && (!w.writable || performance.now() >= deadline)) return false;
      }
      // This database is complete: later changes to it are not the snapshot's business.
      st.done = null;
      for (const [db, s] of this.byDb) if (s === st) this.byDb.delete(db);
      this.walkIdx++;
      if (!w.writable || performance.now() >= deadline) return this.walkIdx >= this.states.length;
    }
    return true;
  }

  private emit(st: DbState, key: string, v: Value, expireMs: number | undefined): void {
    if (this.curDb !== st.index) {
      // Redis's loader accepts SELECTDB anywhere: pre-images of other databases interleave.
      this.writer.selectDb(st.index, st.size0, st.expires0);
      this.curDb = st.index;
    }
    this.writer.record(key, toNeutral(v), expireMs ?? null);
    this.keysWritten++;
  }

  private fail(err: Error): void {
    if (this.failure === null) this.failure = err;
  }

  /** Runs the whole walk at once (SAVE, shutdown, DEBUG RELOAD: the server is blocked anyway). */
  runSync(): void {
    if (this.state === 'new') this.begin();
    this.sync = true;
    try {
      this.step(Infinity);
      if (this.failure) throw this.failure;
      this.writer.end();
      this.finish('done');
    } catch (err) {
      this.finish('failed');
      throw err;
    }
  }

  /**
   * Walks in slices that yield to the event loop, pausing while the sink is full. Resolves when
   * the EOF trailer has been handed to the sink; rejects on failure or abort.
   */
  async run(): Promise<void> {
    if (this.state === 'new') this.begin();
    try {
      for (;;) {
        if (this.state === 'aborted') throw new Error('snapshot aborted');
        if (this.failure) throw this.failure;
        if (this.step(performance.now() + this.sliceMs)) break;
        if (!this.writer.writable) await this.writer.drain();
        else await new Promise<void>((r) => setImmediate(r));
      }
      if ((this.state as SnapshotState) === 'aborted') throw new Error('snapshot aborted');
      this.writer.end();
      // Stop watching before waiting for the sink: the data is all written.
      this.finish('done');
      if (!this.writer.writable) await this.writer.drain();
    } catch (err) {
      if (this.state === 'running') this.finish('failed');
      throw err;
    }
  }

  /** Stops a running snapshot (its run() rejects at the next slice). */
  abort(): void {
    if (this.state === 'running' || this.state === 'new') this.finish('aborted');
  }

  private finish(state: SnapshotState): void {
    if (this.state !== 'running' && this.state !== 'new') return;
    this.state = state;
    this.byDb.clear();
    for (const st of this.states) st.done = null;
    const cb = this.onEnd;
    this.onEnd = null;
    cb?.(this);
  }
}

/**
 * The running snapshots (a BGSAVE, later one per full sync) and the keyspace hooks that feed
 * them. While none runs the keyspace's hook is null, so Database methods pay one null check.
 */
export class SnapshotRegistry implements SnapshotHooks {
  readonly active = new Set<Snapshot>();

  /** `keyspace()` gives the live keyspace, whose hooks point here while a snapshot runs. */
  constructor(private readonly keyspace: () => Keyspace) {}

  /** Adds a snapshot that has begun; it leaves the registry when it ends. */
  add(s: Snapshot): void {
    this.active.add(s);
    this.keyspace().snapshots = this;
    const prev = s.onEnd;
    s.onEnd = (x) => {
      this.active.delete(x);
      if (this.active.size === 0 && this.keyspace().snapshots === this) this.keyspace().snapshots = null;
      prev?.(x);
    };
  }

  get running(): boolean {
    return this.active.size > 0;
  }

  /** Before `key` of `db` changes. */
  barrier(db: Database, key: string): void {
    for (const s of this.active) s.barrier(db, key);
  }

  /** Before `db` is emptied: true when some snapshot took its tables (install new ones). */
  detach(db: Database): boolean {
    let taken = false;
    for (const s of this.active) if (s.detach(db)) taken = true;
    return taken;
  }
}
