/**
 * WATCH: optimistic locking for MULTI/EXEC (Redis's multi.c, 7.0 rules).
 *
 * A client watching keys is made "dirty" (its EXEC answers a null array) when any client
 * modifies one of them (KeyEvents.modified, which expiry and eviction also signal), when
 * FLUSHDB/FLUSHALL/SWAPDB changes a watched key that existed, or when a watched key is
 * logically expired at EXEC time. A key that was already expired when it was watched is
 * remembered as such: its deletion is no logical change and does not break the transaction.
 *
 * Watches are kept per database *index*, as Redis keeps watched_keys with the index, not with
 * the contents SWAPDB moves around.
 */
import type { Database } from '../store/db.js';
import type { Client } from './client.js';
import type { Server } from './server.js';

interface WatchedKey {
  readonly client: Client;
  readonly dbId: number;
  readonly key: string;
  /** The key existed but was already expired when WATCH ran. */
  expired: boolean;
}

export class WatchRegistry {
  /** db index -> key -> watches on it. */
  private readonly byDb = new Map<number, Map<string, Set<WatchedKey>>>();
  private readonly byClient = new Map<Client, WatchedKey[]>();
  /** Clients whose transaction is already broken (Redis's CLIENT_DIRTY_CAS). */
  private readonly dirty = new Set<Client>();

  constructor(private readonly server: Server) {
    server.events.onModified((db, key) => this.touchKey(db, key));
  }

  /** Number of keys the client watches (CLIENT LIST has no field; used by tests and flags). */
  count(c: Client): number {
    return this.byClient.get(c)?.length ?? 0;
  }

  /** Redis's CLIENT_DIRTY_CAS. */
  isDirty(c: Client): boolean {
    return this.dirty.has(c);
  }

  /** WATCH key in the client's current database. */
  watch(c: Client, key: string): void {
    const dbId = c.dbIndex;
    let list = this.byClient.get(c);
    if (list) {
      for (const w of list) if (w.dbId === dbId && w.key === key) return;
    } else {
      list = [];
      this.byClient.set(c, list);
    }
    let keys = this.byDb.get(dbId);
    if (!keys) {
      keys = new Map();
      this.byDb.set(dbId, keys);
    }
    let set = keys.get(key);
    if (!set) {
      set = new Set();
      keys.set(key, set);
    }
    const w: WatchedKey = { client: c, dbId, key, expired: c.db.isExpired(key) };
    set.add(w);
    list.push(w);
  }

  /** Drops every watch of the client (UNWATCH, EXEC, DISCARD, disconnect); keeps the dirty flag. */
  unwatchAll(c: Client): void {
    const list = this.byClient.get(c);
    if (!list) return;
    this.byClient.delete(c);
    for (const w of list) {
      const keys = this.byDb.get(w.dbId);
      const set = keys?.get(w.key);
      if (!set) continue;
      set.delete(w);
      if (set.size === 0) {
        keys!.delete(w.key);
        if (keys!.size === 0) this.byDb.delete(w.dbId);
      }
    }
  }

  /** Forgets the client entirely (end of a transaction, UNWATCH, disconnect). */
  reset(c: Client): void {
    this.unwatchAll(c);
    this.dirty.delete(c);
  }

  /** At EXEC: a watched key (not expired when watched) that is expired now breaks it. */
  checkExpired(c: Client): void {
    const list = this.byClient.get(c);
    if (!list) return;
    const dbs = this.server.keyspace.dbs;
    const now = Date.now();
    for (const w of list) {
      if (!w.expired && dbs[w.dbId].isExpired(w.key, now)) {
        this.markDirty(c);
        return;
      }
    }
  }

  private markDirty(c: Client): void {
    this.dirty.add(c);
    // Nothing more can change the outcome: stop tracking its keys (as Redis 7.0 does).
    this.unwatchAll(c);
  }

  /** Redis's touchWatchedKey: `key` of `db` was modified. */
  private touchKey(db: Database, key: string): void {
    if (this.byDb.size === 0) return;
    const set = this.byDb.get(db.id)?.get(key);
    if (!set) return;
    for (const w of [...set]) {
      if (w.expired) {
        // An already-expired key that is now gone changed nothing logically.
        if (!db.dict.has(key)) {
          w.expired = false;
          continue;
        }
      }
      this.markDirty(w.client);
    }
  }

  /**
   * Redis's touchAllWatchedKeysInDb, called BEFORE `emptied` (a database index) loses its
   * contents: by FLUSHDB/FLUSHALL (replacedWith null) or SWAPDB (replacedWith: the database
   * whose contents will appear at that index).
   */
  touchDb(emptied: number, replacedWith: Database | null): void {
    const keys = this.byDb.get(emptied);
    if (!keys) return;
    const db = this.server.keyspace.dbs[emptied];
    for (const [key, set] of [...keys]) {
      const existsInEmptied = db.dict.has(key);
      const existsInNew = replacedWith !== null && replacedWith.dict.has(key);
      if (!existsInEmptied && !existsInNew) continue;
      for (const w of [...set]) {
        if (w.expired) {
          if (!existsInNew) {
            // The expired key is deleted: no logical change.
            w.expired = false;
            continue;
          } else if (replacedWith!.isExpired(key)) {
            continue;
          }
        } else if (!existsInEmptied && replacedWith!.isExpired(key)) {
          // A missing key replaced by an expired one is still missing.
          w.expired = true;
          continue;
        }
        this.markDirty(w.client);
      }
    }
  }
}
