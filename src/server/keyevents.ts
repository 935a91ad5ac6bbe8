/**
 * What happens to keys, told to whoever cares: WATCH (a modified key breaks transactions),
 * blocking commands (a key that may now serve a blocked client), keyspace notifications and,
 * later, the snapshot write barrier and replication. Command families only announce; the
 * subsystems subscribe. This is Redis's signalModifiedKey / signalKeyAsReady /
 * notifyKeyspaceEvent triple as one small observer.
 */
import type { Database } from '../store/db.js';

export type KeyListener = (db: Database, key: string) => void;
/** cls: Redis's notification class character ('g' generic, '$' string, 'l' list, 's' set,
 *  'h' hash, 'z' zset, 'x' expired, 'e' evicted, 't' stream, 'd' module, 'n' new key). */
export type NotifyListener = (cls: string, event: string, key: string, dbId: number) => void;

export class KeyEvents {
  private readonly modifiedListeners: KeyListener[] = [];
  private readonly readyListeners: KeyListener[] = [];
  private readonly notifyListeners: NotifyListener[] = [];
  /** Whole databases changed (FLUSHDB, FLUSHALL, SWAPDB): WATCH on any key of them breaks. */
  private readonly dbListeners: Array<(dbId: number) => void> = [];

  onModified(fn: KeyListener): void {
    this.modifiedListeners.push(fn);
  }
  onReady(fn: KeyListener): void {
    this.readyListeners.push(fn);
  }
  onNotify(fn: NotifyListener): void {
    this.notifyListeners.push(fn);
  }
  onDbChanged(fn: (dbId: number) => void): void {
    this.dbListeners.push(fn);
  }

  /** A key's value changed or the key was created/deleted (Redis's signalModifiedKey). */
  modified(db: Database, key: string): void {
    for (const fn of this.modifiedListeners) fn(db, key);
  }

  /** A list/zset/stream key received data blocked clients may want (signalKeyAsReady). */
  ready(db: Database, key: string): void {
    for (const fn of this.readyListeners) fn(db, key);
  }

  /** A keyspace event (notifyKeyspaceEvent); cheap when nobody listens. */
  notify(cls: string, event: string, key: string, dbId: number): void {
    for (const fn of this.notifyListeners) fn(cls, event, key, dbId);
  }

  /** Every key of database dbId may have changed (-1: all databases). */
  dbChanged(dbId: number): void {
    for (const fn of this.dbListeners) fn(dbId);
  }
}
