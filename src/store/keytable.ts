/**
 * KeyTable: the keyspace's dictionary. A Map from key to slot index plus dense arrays of keys
 * and values, so that
 *  - lookup is one Map probe (V8 caches string hashes) and one array read, no object per entry;
 *  - a random key is O(1) (RANDOMKEY, active expiry sampling, eviction);
 *  - SCAN can walk slots from the top down with Redis's guarantee: deletion moves the last slot
 *    (already visited) into the hole, so an element present for the whole scan is never missed,
 *    at worst returned twice.
 *
 * Keys are latin1 strings (one char per byte).
 *
 * A table made with `meta` also keeps, per slot, the last access time (Redis's per-object LRU
 * clock, in seconds, for OBJECT IDLETIME) and a flags byte (STRING_RAW: a string Redis would hold
 * "raw", e.g. after APPEND), in typed arrays: five bytes a key, no object.
 */

/** Seconds clock for access times, advanced by the server cron (Redis's server.lruclock). */
let lruClock = Math.floor(Date.now() / 1000);
export function updateLruClock(nowMs = Date.now()): void {
  lruClock = Math.floor(nowMs / 1000);
}
export function currentLruClock(): number {
  return lruClock;
}

/** Slot flag: the string value is "raw" encoded in Redis's terms (APPEND, SETRANGE results). */
export const STRING_RAW = 1;

export class KeyTable<V> {
  private index = new Map<string, number>();
  private keyArr: string[] = [];
  private valArr: V[] = [];
  private lru: Uint32Array | null;
  private flags: Uint8Array | null;

  constructor(meta = false) {
    this.lru = meta ? new Uint32Array(16) : null;
    this.flags = meta ? new Uint8Array(16) : null;
  }

  get size(): number {
    return this.keyArr.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): V | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.valArr[i];
  }

  /** get() that also records the access (Redis's lookupKey updating the object's LRU). */
  getTouch(key: string): V | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    if (this.lru !== null) this.lru[i] = lruClock;
    return this.valArr[i];
  }

  /** Inserts or overwrites (a new value: flags cleared, accessed now); true when the key is new. */
  set(key: string, value: V): boolean {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.valArr[i] = value;
      if (this.lru !== null) {
        this.lru[i] = lruClock;
        this.flags![i] = 0;
      }
      return false;
    }
    const n = this.keyArr.length;
    this.index.set(key, n);
    this.keyArr.push(key);
    this.valArr.push(value);
    if (this.lru !== null) {
      if (n >= this.lru.length) this.growMeta(n + 1);
      this.lru[n] = lruClock;
      this.flags![n] = 0;
    }
    return true;
  }

  /** Overwrites the value of an existing key in its slot (accessed now, flags cleared); false if absent. */
  update(key: string, value: V): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    this.valArr[i] = value;
    if (this.lru !== null) {
      this.lru[i] = lruClock;
      this.flags![i] = 0;
    }
    return true;
  }

  /** Seconds since the key was last accessed, or -1 when absent or not tracked. */
  idleSeconds(key: string): number {
    const i = this.index.get(key);
    if (i === undefined || this.lru === null) return -1;
    return Math.max(0, lruClock - this.lru[i]);
  }

  /** Sets the access time idleSeconds ago (RESTORE IDLETIME, RDB IDLE). */
  setIdle(key: string, idleSeconds: number): void {
    const i = this.index.get(key);
    if (i !== undefined && this.lru !== null) this.lru[i] = Math.max(0, lruClock - idleSeconds);
  }

  /** Flags byte of the key's slot (0 when absent or not tracked). */
  flagsOf(key: string): number {
    const i = this.index.get(key);
    return i === undefined || this.flags === null ? 0 : this.flags[i];
  }

  setFlags(key: string, flags: number): void {
    const i = this.index.get(key);
    if (i !== undefined && this.flags !== null) this.flags[i] = flags;
  }

  private growMeta(min: number): void {
    let size = this.lru!.length * 2;
    while (size < min) size *= 2;
    const lru = new Uint32Array(size);
    lru.set(this.lru!);
    const flags = new Uint8Array(size);
    flags.set(this.flags!);
    this.lru = lru;
    this.flags = flags;
  }

  /** Removes the key; returns its value, or undefined when absent. */
  delete(key: string): V | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const value = this.valArr[i];
    this.index.delete(key);
    const last = this.keyArr.length - 1;
    if (i !== last) {
      const movedKey = this.keyArr[last];
      this.keyArr[i] = movedKey;
      this.valArr[i] = this.valArr[last];
      this.index.set(movedKey, i);
      if (this.lru !== null) {
        this.lru[i] = this.lru[last];
        this.flags![i] = this.flags![last];
      }
    }
    this.keyArr.pop();
    this.valArr.pop();
    return value;
  }

  clear(): void {
    this.index = new Map();
    this.keyArr = [];
    this.valArr = [];
    if (this.lru !== null) {
      this.lru = new Uint32Array(16);
      this.flags = new Uint8Array(16);
    }
  }

  /** Key in slot i (0 <= i < size). */
  keyAt(i: number): string {
    return this.keyArr[i];
  }

  valueAt(i: number): V {
    return this.valArr[i];
  }

  /** A uniformly random key, or undefined when empty. */
  randomKey(): string | undefined {
    const n = this.keyArr.length;
    return n === 0 ? undefined : this.keyArr[Math.floor(Math.random() * n)];
  }

  /**
   * One SCAN step. Cursor 0 starts at the top; the returned cursor is the slot to continue
   * below, 0 when done. Visits about `count` slots, calling `visit` for each key.
   */
  scan(cursor: number, count: number, visit: (key: string, value: V) => void): number {
    let i = cursor === 0 || cursor > this.keyArr.length ? this.keyArr.length : cursor;
    while (count-- > 0 && i > 0) {
      i--;
      visit(this.keyArr[i], this.valArr[i]);
    }
    return i;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  *entries(): IterableIterator<[string, V]> {
    for (let i = 0; i < this.keyArr.length; i++) yield [this.keyArr[i], this.valArr[i]];
  }
}
