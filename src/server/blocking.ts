/**
 * Clients blocked on keys (Redis's blocked.c + timeout.c): BLPOP & co, BZPOPMIN & co, XREAD BLOCK.
 *
 * API for command families (server.blocking is the one instance):
 *
 *   const deadline = Blocking.parseTimeout(c, argv[n], 'seconds');   // or 'ms' (XREAD BLOCK)
 *   if (deadline === null) return;                  // the error reply is already written
 *   ...try to serve at once; if nothing to serve:
 *   c.server.blocking.block(c, {
 *     keys: ['k1', 'k2'],                           // keys of c.db to wait on (may repeat)
 *     timeout: deadline,                            // absolute ms, 0 = forever
 *     serve: (key, db) => boolean,                  // see below
 *     onTimeout: () => c.reply.nullArray(),         // the reply the command gives on timeout
 *   });
 *
 * - parseTimeout follows getTimeoutFromObjectOrReply: 'seconds' takes a float ("ERR timeout is
 *   not a float or out of range"), 'ms' an integer ("ERR timeout is not an integer or out of
 *   range"); negative -> "ERR timeout is negative"; the value is truncated to whole ms, so 0.0001
 *   means 0 = forever, as in Redis.
 * - block(): when c.inExec (EXEC, later scripts) the client cannot block: onTimeout() runs at once,
 *   as Redis answers inside MULTI. Otherwise the client is blocked (c.block('keys'): no more input
 *   is processed) and queued FIFO on every key.
 * - serve(key, db) is called when `key` (in db, the client's database) may serve it: after the
 *   command that made it ready (c.server.events.ready) has finished -- after EXEC as a whole,
 *   later after a command of the replication stream -- and before the next input of any client
 *   is processed. It must check the key's type/contents itself, do the work on behalf of the
 *   blocked client (pop, push, notify, dirty++, events.ready for a destination key), write the
 *   reply to c.reply and return true; return false to leave the client blocked (wrong type,
 *   nothing for it). Use the `db` given (or c.db), not a Database captured when blocking: SWAPDB
 *   exchanges the objects. Clients waiting on one key are offered it first-blocked first;
 *   offering stops when the key is gone.
 *   A served client is unblocked and its reply flushed by the framework.
 * - onTimeout() writes the timeout reply; the framework unblocks and flushes. CLIENT UNBLOCK id
 *   TIMEOUT does the same; CLIENT UNBLOCK id ERROR replies "-UNBLOCKED client unblocked via CLIENT
 *   UNBLOCK" (unblockClient()).
 * - Disconnection: Client.close() calls remove(c).
 * - blockedClients / inTimeoutTable: INFO's blocked_clients and clients_in_timeout_table.
 * - handleReady(): Client.processInput calls it after each command; a microtask also runs it for
 *   writes made outside a client's input (timers, replication).
 * - SWAPDB/FLUSHDB (events.dbChanged): every blocked key of that db that exists is marked ready,
 *   as Redis's scanDatabaseForReadyKeys.
 */
import type { Client } from './client.js';
import type { Server } from './server.js';
import type { Database } from '../store/db.js';
import { parseLL, parseLongDouble } from '../commands/string.js';
import { logger } from './log.js';

export interface BlockRequest {
  /** Keys of the client's current database to wait on. */
  readonly keys: readonly string[];
  /** Absolute unix ms deadline; 0 = forever. */
  readonly timeout: number;
  /** Tries to serve the client from `key` of `db`; true when it did and wrote the reply. */
  serve(key: string, db: Database): boolean;
  /** Writes the reply for a timeout (null, null array ...). */
  onTimeout(): void;
}

interface BlockState {
  readonly client: Client;
  readonly dbId: number;
  readonly req: BlockRequest;
  readonly keys: string[];
  timer: NodeJS.Timeout | null;
  done: boolean;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export const UNBLOCKED_ERROR = 'UNBLOCKED client unblocked via CLIENT UNBLOCK';

export class Blocking {
  /** db index -> key -> clients blocked on it, in blocking order (Set keeps insertion order). */
  private readonly waiting = new Map<number, Map<string, Set<BlockState>>>();
  private readonly byClient = new Map<Client, BlockState>();
  /** Keys signalled ready, in signalling order, deduplicated by readySet ("<db>\0<key>"). */
  private readyList: Array<{ dbId: number; key: string }> = [];
  private readonly readySet = new Set<string>();
  private microtaskQueued = false;
  private timeouts = 0;
  private handling = false;

  constructor(private readonly server: Server) {
    server.events.onReady((db, key) => this.signalReady(db, key));
    server.events.onDbChanged((dbId) => this.scanDb(dbId));
  }

  /** Redis's getTimeoutFromObjectOrReply: an absolute ms deadline, 0 = forever, or null after an error reply. */
  static parseTimeout(c: Client, arg: string, unit: 'seconds' | 'ms'): number | null {
    let ms: number;
    if (unit === 'seconds') {
      const v = parseLongDouble(arg);
      if (v === null) {
        c.reply.error('ERR timeout is not a float or out of range');
        return null;
      }
      const secs = typeof v === 'number' ? v : (v.neg ? -1 : 1) * Number(v.m) * 2 ** v.e;
      const scaled = secs * 1000;
      // C's (long long) cast: truncation toward zero; out of range gives LLONG_MIN on x86.
      ms = Number.isFinite(scaled) && Math.abs(scaled) < 2 ** 63 ? Math.trunc(scaled) : -1;
    } else {
      const v = parseLL(arg);
      if (v === null) {
        c.reply.error('ERR timeout is not an integer or out of range');
        return null;
      }
      ms = Number(v);
    }
    if (ms < 0) {
      c.reply.error('ERR timeout is negative');
      return null;
    }
    return ms > 0 ? ms + Date.now() : 0;
  }

  /** Clients blocked on keys (INFO blocked_clients). */
  get blockedClients(): number {
    return this.byClient.size;
  }

  /** Blocked clients with a deadline (INFO clients_in_timeout_table). */
  get inTimeoutTable(): number {
    return this.timeouts;
  }

  /** True when the client is blocked by this framework. */
  isBlocked(c: Client): boolean {
    return this.byClient.has(c);
  }

  /** Blocks c on req.keys of its database, or answers the timeout reply at once inside EXEC. */
  block(c: Client, req: BlockRequest): void {
    if (c.inExec || c.closed) {
      req.onTimeout();
      return;
    }
    const dbId = c.dbIndex;
    const st: BlockState = { client: c, dbId, req, keys: [], timer: null, done: false };
    let perDb = this.waiting.get(dbId);
    if (!perDb) this.waiting.set(dbId, (perDb = new Map()));
    for (const key of req.keys) {
      let q = perDb.get(key);
      if (!q) perDb.set(key, (q = new Set()));
      if (q.has(st)) continue; // a key named twice waits once
      q.add(st);
      st.keys.push(key);
    }
    this.byClient.set(c, st);
    if (req.timeout > 0) {
      this.timeouts++;
      this.arm(st);
    }
    c.block('keys');
  }

  /** CLIENT UNBLOCK: true when c was blocked here and is now answered and unblocked. */
  unblockClient(c: Client, how: 'timeout' | 'error'): boolean {
    const st = this.byClient.get(c);
    if (!st) return false;
    if (how === 'timeout') st.req.onTimeout();
    else c.reply.error(UNBLOCKED_ERROR);
    this.finish(st);
    return true;
  }

  /** Forgets a client (disconnection): no reply. */
  remove(c: Client): void {
    const st = this.byClient.get(c);
    if (st) this.detach(st);
  }

  /** True when some ready key waits for handleReady(). */
  get pending(): boolean {
    return this.readyList.length > 0;
  }

  /**
   * Redis's handleClientsBlockedOnKeys: offers every ready key to its blocked clients in order.
   * Serving may make more keys ready (BLMOVE pushes); they are handled in the same call.
   */
  handleReady(): void {
    if (this.handling) return;
    this.handling = true;
    try {
      while (this.readyList.length > 0) {
        const batch = this.readyList;
        this.readyList = [];
        this.readySet.clear();
        for (const { dbId, key } of batch) this.serveKey(dbId, key);
      }
    } finally {
      this.handling = false;
    }
  }

  private serveKey(dbId: number, key: string): void {
    const q = this.waiting.get(dbId)?.get(key);
    if (!q) return;
    const db = this.server.keyspace.dbs[dbId];
    for (const st of [...q]) {
      if (db.lookup(key) === undefined) break;
      if (st.done) continue;
      let served: boolean;
      try {
        served = st.req.serve(key, db);
      } catch (err) {
        logger.warning(`Internal error serving a blocked client: ${(err as Error)?.stack ?? String(err)}`);
        st.client.reply.error(`ERR internal error while serving a blocked client: ${(err as Error)?.message ?? String(err)}`);
        served = true;
      }
      if (served) this.finish(st);
    }
  }

  private signalReady(db: Database, key: string): void {
    const dbId = db.id;
    if (!this.waiting.get(dbId)?.has(key)) return;
    const id = `${dbId}\0${key}`;
    if (this.readySet.has(id)) return;
    this.readySet.add(id);
    this.readyList.push({ dbId, key });
    if (!this.microtaskQueued) {
      // Writes outside a client's input loop (timers, replication) still get served.
      this.microtaskQueued = true;
      queueMicrotask(() => {
        this.microtaskQueued = false;
        this.handleReady();
      });
    }
  }

  private scanDb(dbId: number): void {
    for (const [id, perDb] of this.waiting) {
      if (dbId !== -1 && id !== dbId) continue;
      const db = this.server.keyspace.dbs[id];
      for (const key of perDb.keys()) if (db.lookup(key) !== undefined) this.signalReady(db, key);
    }
  }

  /** Node timers cap at 2^31-1 ms (about 24.8 days): longer deadlines re-arm on the way. */
  private arm(st: BlockState): void {
    const delay = st.req.timeout - Date.now() + 1;
    st.timer = setTimeout(() => this.timeOut(st), Math.min(Math.max(0, delay), MAX_TIMER_MS));
  }

  private timeOut(st: BlockState): void {
    st.timer = null;
    if (st.done) return;
    if (Date.now() <= st.req.timeout) return this.arm(st);
    st.req.onTimeout();
    this.finish(st);
  }

  /** Unblocks after a reply was written and sends it. */
  private finish(st: BlockState): void {
    this.detach(st);
    st.client.unblock();
    st.client.flush();
  }

  private detach(st: BlockState): void {
    if (st.done) return;
    st.done = true;
    if (st.timer) clearTimeout(st.timer);
    if (st.req.timeout > 0) this.timeouts--;
    st.timer = null;
    this.byClient.delete(st.client);
    const perDb = this.waiting.get(st.dbId);
    if (perDb) {
      for (const key of st.keys) {
        const q = perDb.get(key);
        if (!q) continue;
        q.delete(st);
        if (q.size === 0) perDb.delete(key);
      }
      if (perDb.size === 0) this.waiting.delete(st.dbId);
    }
  }
}
