/**
 * A list value (Redis's quicklist): a deque on a ring buffer. O(1) push and pop at both ends,
 * O(1) access by index, O(n) insertion and removal in the middle (as a quicklist is). The buffer
 * starts small (small lists are the common case) and doubles; it halves when mostly empty.
 * Pure structure: no I/O, no server imports.
 */
import type { DataObject } from '../db.js';

const MIN_CAPACITY = 4;

export class ListValue implements DataObject {
  readonly type = 'list' as const;
  private buf: Array<string | undefined>;
  private head = 0;
  private len = 0;
  /** capacity - 1; capacity is a power of two. */
  private mask: number;

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY;
    while (cap < capacity) cap *= 2;
    this.buf = new Array<string | undefined>(cap);
    this.mask = cap - 1;
  }

  /** A list holding `elements` head to tail (RDB loading, tests). */
  static from(elements: readonly string[]): ListValue {
    const l = new ListValue(elements.length);
    for (let i = 0; i < elements.length; i++) l.buf[i] = elements[i];
    l.len = elements.length;
    return l;
  }

  get length(): number {
    return this.len;
  }

  /** Redis 7.0 reports every list as a quicklist. */
  encoding(): string {
    return 'quicklist';
  }

  clone(): ListValue {
    return ListValue.from(this.toArray());
  }

  pushTail(v: string): void {
    if (this.len > this.mask) this.resize((this.mask + 1) * 2);
    this.buf[(this.head + this.len) & this.mask] = v;
    this.len++;
  }

  pushHead(v: string): void {
    if (this.len > this.mask) this.resize((this.mask + 1) * 2);
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = v;
    this.len++;
  }

  popHead(): string | undefined {
    if (this.len === 0) return undefined;
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.len--;
    this.maybeShrink();
    return v;
  }

  popTail(): string | undefined {
    if (this.len === 0) return undefined;
    const i = (this.head + this.len - 1) & this.mask;
    const v = this.buf[i];
    this.buf[i] = undefined;
    this.len--;
    this.maybeShrink();
    return v;
  }

  /** Element at 0-based index i (0 <= i < length). */
  get(i: number): string {
    return this.buf[(this.head + i) & this.mask]!;
  }

  set(i: number, v: string): void {
    this.buf[(this.head + i) & this.mask] = v;
  }

  /** Elements start..end inclusive (already clamped, start <= end < length). */
  range(start: number, end: number): string[] {
    const out = new Array<string>(end - start + 1);
    for (let i = start, j = 0; i <= end; i++, j++) out[j] = this.buf[(this.head + i) & this.mask]!;
    return out;
  }

  /** Keeps only start..end inclusive (clamped, may be empty: start > end). */
  trim(start: number, end: number): void {
    if (start > end) {
      this.reset([]);
      return;
    }
    const removeTail = this.len - 1 - end;
    for (let k = 0; k < removeTail; k++) {
      const i = (this.head + this.len - 1) & this.mask;
      this.buf[i] = undefined;
      this.len--;
    }
    for (let k = 0; k < start; k++) {
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) & this.mask;
      this.len--;
    }
    this.maybeShrink();
  }

  /** Inserts v so that it becomes element i (0 <= i <= length). */
  insertAt(i: number, v: string): void {
    if (i === 0) return this.pushHead(v);
    if (i === this.len) return this.pushTail(v);
    const arr = this.toArray();
    arr.splice(i, 0, v);
    this.reset(arr);
  }

  /** Keeps the elements for which keep() is true; returns how many were removed. */
  filter(keep: (v: string, i: number) => boolean): number {
    const arr = this.toArray();
    const kept = arr.filter(keep);
    const removed = arr.length - kept.length;
    if (removed > 0) this.reset(kept);
    return removed;
  }

  toArray(): string[] {
    return this.len === 0 ? [] : this.range(0, this.len - 1);
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.len; i++) yield this.buf[(this.head + i) & this.mask]!;
  }

  /** Head to tail, for DEBUG DIGEST. */
  digestElements(): Iterable<string> {
    return this;
  }

  private reset(elements: string[]): void {
    let cap = MIN_CAPACITY;
    while (cap < elements.length) cap *= 2;
    const buf = new Array<string | undefined>(cap);
    for (let i = 0; i < elements.length; i++) buf[i] = elements[i];
    this.buf = buf;
    this.head = 0;
    this.len = elements.length;
    this.mask = cap - 1;
  }

  private resize(cap: number): void {
    const buf = new Array<string | undefined>(cap);
    for (let i = 0; i < this.len; i++) buf[i] = this.buf[(this.head + i) & this.mask];
    this.buf = buf;
    this.head = 0;
    this.mask = cap - 1;
  }

  private maybeShrink(): void {
    const cap = this.mask + 1;
    if (cap > 64 && this.len < cap / 4) this.resize(cap / 2);
  }
}
