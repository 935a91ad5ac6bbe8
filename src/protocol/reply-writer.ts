/**
 * Reply writer for RESP2 and RESP3. Replies accumulate in one buffer per connection and are
 * handed to the socket once per read batch, so a pipeline of N commands costs one write.
 * Strings are latin1 (one char per byte), so byte length equals string length.
 */

const CRLF = '\r\n';

export type Protocol = 2 | 3;

/** Where finished output goes; a socket in production, a collector in tests. */
export interface ReplySink {
  write(chunk: Buffer): void;
}

const INITIAL = 16 * 1024;

/** Up to this length a string is copied byte by byte in JS rather than by latin1Write. */
const SMALL_STRING = 64;

/** Writes a non-negative integer's decimal digits at `p`; returns the position after them. */
function writeDecimal(b: Buffer, p: number, n: number): number {
  if (n < 10) {
    b[p] = 48 + n;
    return p + 1;
  }
  let digits = 2;
  for (let t = n; t >= 100; t = Math.floor(t / 10)) digits++;
  for (let i = p + digits - 1; i >= p; i--) {
    b[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return p + digits;
}

export class ReplyWriter {
  private buf: Buffer = Buffer.allocUnsafe(INITIAL);
  private pos = 0;
  /** Total bytes buffered and not yet flushed (for output buffer limits and INFO). */
  get pending(): number {
    return this.pos;
  }
  /** RESP protocol version chosen with HELLO. */
  proto: Protocol = 2;
  /** Error replies written so far (failed_calls, total_error_replies). */
  errors = 0;
  /** Told of each error reply, for INFO errorstats. */
  onError: ((msg: string) => void) | null = null;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Appends raw bytes (pre-encoded replies, replication stream). */
  raw(b: Buffer): void {
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  /** Appends an ASCII/latin1 string as is. */
  rawString(s: string): void {
    this.ensure(s.length);
    this.pos += this.buf.latin1Write(s, this.pos);
  }

  simple(s: string): void {
    this.rawString('+' + s + CRLF);
  }

  /** An error reply; `msg` includes its code, e.g. "ERR syntax error" or "WRONGTYPE ...". */
  error(msg: string): void {
    // Redis replaces newlines in error strings so the protocol stays valid.
    if (msg.indexOf('\n') >= 0 || msg.indexOf('\r') >= 0) msg = msg.replace(/[\r\n]/g, ' ');
    this.errors++;
    this.onError?.(msg);
    this.rawString('-' + msg + CRLF);
  }

  integer(n: number | bigint): void {
    this.rawString(':' + n + CRLF);
  }

  /** A bulk string; null writes the protocol's null. */
  bulk(s: string | null): void {
    if (s === null) return this.null();
    const len = s.length;
    this.ensure(len + 24);
    let p = this.pos;
    const b = this.buf;
    b[p++] = 36; // '$'
    p = writeDecimal(b, p, len);
    b[p++] = 13;
    b[p++] = 10;
    if (len <= SMALL_STRING) {
      // Short values (the usual case) are copied in JS: cheaper than a call into C++.
      for (let i = 0; i < len; i++) b[p++] = s.charCodeAt(i);
    } else {
      p += b.latin1Write(s, p);
    }
    b[p++] = 13;
    b[p++] = 10;
    this.pos = p;
  }

  /** A bulk string from bytes. */
  bulkBuffer(b: Buffer): void {
    this.rawString('$' + b.length + CRLF);
    this.raw(b);
    this.rawString(CRLF);
  }

  /** RESP2 `$-1`, RESP3 `_`. */
  null(): void {
    this.rawString(this.proto === 3 ? '_\r\n' : '$-1\r\n');
  }

  /** Null array: RESP2 `*-1`, RESP3 `_`. */
  nullArray(): void {
    this.rawString(this.proto === 3 ? '_\r\n' : '*-1\r\n');
  }

  array(n: number): void {
    this.rawString('*' + n + CRLF);
  }

  /** A map of n pairs: RESP3 `%n`, RESP2 a flat array of 2n. */
  map(n: number): void {
    this.rawString(this.proto === 3 ? '%' + n + CRLF : '*' + 2 * n + CRLF);
  }

  /** A set: RESP3 `~n`, RESP2 an array. */
  set(n: number): void {
    this.rawString((this.proto === 3 ? '~' : '*') + n + CRLF);
  }

  /** Out-of-band push (RESP3 `>`), an array in RESP2. */
  push(n: number): void {
    this.rawString((this.proto === 3 ? '>' : '*') + n + CRLF);
  }

  /** A double: RESP3 `,`, RESP2 a bulk string formatted like Redis's %.17g. */
  double(d: number): void {
    const s = formatDouble(d);
    if (this.proto === 3) this.rawString(',' + s + CRLF);
    else this.bulk(s);
  }

  /** A boolean: RESP3 `#t`/`#f`, RESP2 `:1`/`:0`. */
  bool(v: boolean): void {
    this.rawString(this.proto === 3 ? (v ? '#t\r\n' : '#f\r\n') : v ? ':1\r\n' : ':0\r\n');
  }

  /** Verbatim text (RESP3 `=len\r\ntxt:...`), a bulk string in RESP2. Used by INFO, CLIENT LIST. */
  verbatim(s: string, format = 'txt'): void {
    if (this.proto === 3) {
      this.rawString('=' + (s.length + 4) + CRLF + format + ':');
      this.rawString(s);
      this.rawString(CRLF);
    } else {
      this.bulk(s);
    }
  }

  /** Takes what was written so far, leaving the writer empty. Null when nothing is pending. */
  take(): Buffer | null {
    if (this.pos === 0) return null;
    let out: Buffer;
    if (this.pos <= 4096) {
      // Small batch: copy into Node's pooled slab and keep our buffer for the next batch.
      out = Buffer.from(this.buf.subarray(0, this.pos));
    } else {
      // Large batch: hand the buffer itself to the socket and start a fresh one.
      out = this.buf.subarray(0, this.pos);
      this.buf = Buffer.allocUnsafe(INITIAL);
    }
    this.pos = 0;
    return out;
  }

  /** Drops what is pending (CLIENT REPLY OFF/SKIP). */
  discard(): void {
    this.pos = 0;
  }

  /** Current write position, so a reply written by mistake can be rolled back (MULTI queueing). */
  mark(): number {
    return this.pos;
  }

  rollback(mark: number): void {
    this.pos = mark;
  }
}

/**
 * Formats a double as Redis 7.0 does in replies: inf/-inf, integers without a decimal part when
 * exact, otherwise the shortest round-trip form (Redis 7.0 uses %.17g; Redis 7.2 moved to
 * shortest form). We follow 7.0: %.17g.
 */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  return formatG17(d);
}

/** C's printf("%.17g"). */
export function formatG17(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  // %g picks scientific notation when the decimal exponent is < -4 or >= the precision.
  const [mant, ex] = d.toExponential(16).split('e');
  const e = Number(ex);
  if (e < -4 || e >= 17) {
    return stripZeros(mant) + 'e' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  }
  return stripZeros(d.toFixed(16 - e));
}

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  s = s.replace(/0+$/, '');
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s;
}
