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
 */
export class KeyTable<V> {
  private index = new Map<string, number>();
  private keyArr: string[] = [];
  private valArr: V[] = [];

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

  /** Inserts or overwrites; returns true when the key is new. */
  set(key: string, value: V): boolean {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.valArr[i] = value;
      return false;
    }
    this.index.set(key, this.keyArr.length);
    this.keyArr.push(key);
    this.valArr.push(value);
    return true;
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
    }
    this.keyArr.pop();
    this.valArr.pop();
    return value;
  }

  clear(): void {
    this.index = new Map();
    this.keyArr = [];
    this.valArr = [];
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
