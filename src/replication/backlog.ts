/**
 * The replication backlog (Redis's repl_backlog): a ring buffer holding the latest
 * `repl-backlog-size` bytes of the replication stream, so a replica that lost its link can
 * continue with PSYNC from its offset instead of a full sync.
 *
 * Offsets follow Redis: the stream's bytes are numbered from 1; `endOffset` is the number of the
 * last byte appended (master_repl_offset), `firstByteOffset` the number of the oldest byte held
 * (repl_backlog_first_byte_offset; endOffset + 1 while empty). A replica that has processed the
 * stream up to offset N asks for N + 1 (PSYNC <id> N+1): {@link read} answers the bytes from
 * there to the end, or null when they are no longer (or not yet) here.
 *
 * The memory grows with the history up to the configured size, as Redis 7.0's block list does,
 * so a large repl-backlog-size costs nothing until the stream fills it.
 */

/** Redis's CONFIG_REPL_BACKLOG_MIN_SIZE: smaller settings are raised to it. */
export const BACKLOG_MIN_SIZE = 16 * 1024;
/** First allocation; doubled as the history grows, up to the configured size. */
const INITIAL_CAPACITY = 64 * 1024;

export class Backlog {
  /** Holds the history; its length is the capacity, at most `size`. */
  private buf: Buffer;
  /** Index in buf where the next byte goes. */
  private idx = 0;
  /** Bytes of history held (repl_backlog_histlen). */
  private hist = 0;
  private limit: number;
  /** Offset of the last byte appended. */
  private end: number;

  /** `size`: repl-backlog-size; `endOffset`: the stream offset the backlog starts after. */
  constructor(size: number, endOffset: number) {
    this.limit = Math.max(BACKLOG_MIN_SIZE, size);
    this.end = endOffset;
    this.buf = Buffer.allocUnsafe(Math.min(this.limit, INITIAL_CAPACITY));
  }

  /** The configured size (repl_backlog_size), after the minimum is applied. */
  get size(): number {
    return this.limit;
  }

  /** Bytes of history held (repl_backlog_histlen). */
  get histlen(): number {
    return this.hist;
  }

  /** Offset of the last byte appended (master_repl_offset). */
  get endOffset(): number {
    return this.end;
  }

  /** Offset of the oldest byte held (repl_backlog_first_byte_offset). */
  get firstByteOffset(): number {
    return this.end - this.hist + 1;
  }

  /** Appends stream bytes, forgetting the oldest beyond the size. */
  append(data: Buffer): void {
    const n = data.length;
    if (n === 0) return;
    this.end += n;
    if (n >= this.limit) {
      // Only the tail survives: the buffer becomes exactly the latest `limit` bytes.
      this.buf = Buffer.from(data.subarray(n - this.limit));
      this.idx = 0;
      this.hist = this.limit;
      return;
    }
    if (this.buf.length < this.limit && this.idx + n > this.buf.length) this.grow(this.idx + n);
    const cap = this.buf.length;
    const first = Math.min(n, cap - this.idx);
    data.copy(this.buf, this.idx, 0, first);
    if (first < n) data.copy(this.buf, 0, first, n);
    // Below the size the history stays linear in buf[0, idx) (idx may reach cap: the next
    // append grows); at the size it wraps.
    this.idx += n;
    if (this.idx >= cap && cap === this.limit) this.idx -= cap;
    this.hist = Math.min(this.limit, this.hist + n);
  }

  /**
   * The bytes from stream offset `from` (inclusive) to the end; empty when `from` is
   * endOffset + 1. Null when `from` is outside [firstByteOffset, endOffset + 1]: the replica
   * must do a full sync.
   */
  read(from: number): Buffer | null {
    if (!Number.isSafeInteger(from) || from < this.firstByteOffset || from > this.end + 1) return null;
    const len = this.end + 1 - from;
    return this.tail(len);
  }

  /** CONFIG SET repl-backlog-size: keeps as much of the latest history as the new size holds. */
  resize(size: number): void {
    const limit = Math.max(BACKLOG_MIN_SIZE, size);
    if (limit === this.limit) return;
    const keep = Math.min(this.hist, limit);
    const data = this.tail(keep);
    this.limit = limit;
    this.buf = Buffer.allocUnsafe(Math.max(keep, Math.min(limit, INITIAL_CAPACITY)));
    data.copy(this.buf, 0);
    this.idx = keep % limit;
    this.hist = keep;
  }

  /** The latest `len` bytes (len <= hist), as a new Buffer. */
  private tail(len: number): Buffer {
    const out = Buffer.allocUnsafe(len);
    if (len === 0) return out;
    const cap = this.buf.length;
    const start = (this.idx - len + cap) % cap;
    if (start + len <= cap) {
      this.buf.copy(out, 0, start, start + len);
    } else {
      const first = cap - start;
      this.buf.copy(out, 0, start, cap);
      this.buf.copy(out, first, 0, len - first);
    }
    return out;
  }

  /** Grows the (not yet wrapped) buffer to hold at least `need` bytes, at most the size. */
  private grow(need: number): void {
    let cap = this.buf.length;
    while (cap < need) cap *= 2;
    cap = Math.min(cap, this.limit);
    const next = Buffer.allocUnsafe(cap);
    // Below the size the history has never wrapped: it is buf[0, idx).
    this.buf.copy(next, 0, 0, this.idx);
    this.buf = next;
  }
}
