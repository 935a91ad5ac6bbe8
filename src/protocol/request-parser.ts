/**
 * Incremental RESP request parser (multibulk and inline), the way Redis's networking.c reads
 * requests. A state machine over a byte offset: it returns to the caller when bytes run out and
 * never recurses on untrusted input. Arguments come out as latin1 strings: one char per byte,
 * binary safe, and never a view into the socket buffer (which would pin it in memory).
 *
 * Limits are checked where the bytes arrive, with Redis's error strings.
 */

import { constants } from 'node:buffer';

const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Redis's PROTO_INLINE_MAX_SIZE: an inline request or a `*`/`$` header line longer than this is refused. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** Redis 7.0 refuses multibulk counts above INT_MAX (unauthenticated clients: above 10). */
export const PROTO_MAX_MULTIBULK = 2147483647;

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const CR = 13;
const LF = 10;

const enum State {
  /** Waiting for the first byte of a request. */
  Start,
  /** Inside a multibulk request, waiting for a `$<len>` line. */
  BulkHeader,
  /** Reading `bulkLen` bytes plus CRLF of a bulk argument. */
  BulkData,
}

export interface ParserLimits {
  /** proto-max-bulk-len */
  maxBulkLen: number;
  /**
   * True while the connection still has to authenticate (Redis's authRequired): asked only for
   * a multibulk count above 10 or a bulk above 16384 bytes, which are then refused.
   */
  authRequired?: () => boolean;
}

/**
 * Feed it chunks with {@link push}; pull whole requests with {@link next}. A request is an
 * array of latin1 strings; an empty inline line yields nothing (Redis ignores it).
 */
export class RequestParser {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private state = State.Start;
  private argc = 0;
  private argv: string[] = [];
  private bulkLen = 0;
  /** False while `buf` is the caller's chunk (which it may reuse after {@link detach}). */
  private owned = true;
  /** Chunks of a large bulk argument still arriving, so big values cost one copy, not n^2. */
  private parts: Buffer[] = [];
  private partsLen = 0;
  /** True when the last request came inline (replication uses it: inline PINGs from a master). */
  lastWasInline = false;

  constructor(public limits: ParserLimits) {}

  /** Bytes received and not yet consumed by a complete request (for client-query-buffer-limit). */
  get pending(): number {
    return this.buf.length - this.pos + this.partsLen;
  }

  /**
   * Appends bytes read from the connection. The parser may keep a reference to `chunk` until
   * {@link detach} is called: a caller that reuses its read buffer must call detach() before.
   */
  push(chunk: Buffer): void {
    if (this.pos >= this.buf.length) {
      this.buf = chunk;
      this.pos = 0;
      this.owned = false;
    } else if (this.state === State.BulkData && this.bulkLen >= 32 * 1024) {
      // A big argument in flight: keep its pieces apart and join them once at the end. The
      // piece kept must not be the caller's buffer (see detach), so copy it unless owned.
      const rest = this.buf.subarray(this.pos);
      this.parts.push(this.owned ? rest : Buffer.from(rest));
      this.partsLen += rest.length;
      this.buf = chunk;
      this.pos = 0;
      this.owned = false;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
      this.pos = 0;
      this.owned = true;
    }
  }

  /**
   * Copies the unconsumed bytes into memory the parser owns, so the last chunk given to
   * {@link push} can be overwritten. The server reads every connection into one shared buffer
   * (no allocation per read); it calls this after each read's requests have been run. Only
   * a partial request is ever copied, so the cost is proportional to what is still pending.
   */
  detach(): void {
    if (this.pos >= this.buf.length) {
      this.buf = EMPTY;
      this.pos = 0;
      return;
    }
    if (this.owned) return;
    this.buf = Buffer.from(this.buf.subarray(this.pos));
    this.pos = 0;
    this.owned = true;
  }

  /**
   * Returns the next complete request, or null when more bytes are needed.
   * Throws {@link ProtocolError} on malformed input; the connection must then be closed.
   */
  next(): string[] | null {
    for (;;) {
      const buf = this.buf;
      switch (this.state) {
        case State.Start: {
          if (this.pos >= buf.length) return null;
          if (buf[this.pos] === 42 /* '*' */) {
            const eol = findCR(buf, this.pos + 1);
            if (eol < 0) {
              if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('Protocol error: too big mbulk count string');
              return null;
            }
            const n = parseLongLong(buf, this.pos + 1, eol);
            if (n === null || n > PROTO_MAX_MULTIBULK) throw new ProtocolError('Protocol error: invalid multibulk length');
            if (n > 10 && this.limits.authRequired?.()) throw new ProtocolError('Protocol error: unauthenticated multibulk length');
            this.pos = eol + 2;
            if (n <= 0) continue; // "*0" and "*-1" are ignored, as Redis does
            this.argc = n;
            this.argv = [];
            this.state = State.BulkHeader;
            continue;
          }
          const req = this.parseInline(buf);
          if (req === undefined) return null;
          if (req.length === 0) continue;
          this.lastWasInline = true;
          return req;
        }
        case State.BulkHeader: {
          if (this.pos >= buf.length) return null;
          const eol = findCR(buf, this.pos);
          if (eol < 0) {
            if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('Protocol error: too big bulk count string');
            return null;
          }
          if (buf[this.pos] !== 36 /* '$' */) {
            throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(buf[this.pos])}'`);
          }
          const n = parseLongLong(buf, this.pos + 1, eol);
          // V8 strings hold at most MAX_STRING_LENGTH (2^29-24) chars, 24 bytes short of the 512mb
          // default proto-max-bulk-len: such an argument is refused like an over-limit one.
          if (n === null || n < 0 || n > this.limits.maxBulkLen || n > MAX_STRING_LENGTH) throw new ProtocolError('Protocol error: invalid bulk length');
          if (n > 16384 && this.limits.authRequired?.()) throw new ProtocolError('Protocol error: unauthenticated bulk length');
          this.pos = eol + 2;
          this.bulkLen = n;
          this.state = State.BulkData;
          continue;
        }
        case State.BulkData: {
          const need = this.bulkLen + 2;
          const have = this.partsLen + buf.length - this.pos;
          if (have < need) return null;
          let arg: string;
          if (this.partsLen > 0) {
            const take = need - this.partsLen;
            this.parts.push(buf.subarray(this.pos, this.pos + take));
            const whole = Buffer.concat(this.parts, need);
            arg = whole.latin1Slice(0, this.bulkLen);
            this.pos += take;
            this.parts = [];
            this.partsLen = 0;
          } else {
            arg = buf.latin1Slice(this.pos, this.pos + this.bulkLen);
            this.pos += need;
          }
          // Redis does not check the CRLF after a bulk; neither do we.
          this.argv.push(arg);
          if (this.argv.length === this.argc) {
            const out = this.argv;
            this.argv = [];
            this.state = State.Start;
            if (this.pos >= this.buf.length) {
              this.buf = EMPTY;
              this.pos = 0;
            }
            this.lastWasInline = false;
            return out;
          }
          this.state = State.BulkHeader;
          continue;
        }
      }
    }
  }

  /** Inline request: space-separated words with Redis's quoting rules. undefined = incomplete. */
  private parseInline(buf: Buffer): string[] | undefined {
    const lf = buf.indexOf(LF, this.pos);
    if (lf < 0) {
      if (buf.length - this.pos > PROTO_INLINE_MAX_SIZE) throw new ProtocolError('Protocol error: too big inline request');
      return undefined;
    }
    let end = lf;
    if (end > this.pos && buf[end - 1] === CR) end--;
    // Redis splits the line as a C string: a NUL byte ends it.
    for (let i = this.pos; i < end; i++) {
      if (buf[i] === 0) {
        end = i;
        break;
      }
    }
    const line = buf.latin1Slice(this.pos, end);
    this.pos = lf + 1;
    if (this.pos >= buf.length) {
      this.buf = EMPTY;
      this.pos = 0;
    }
    const words = splitArgs(line);
    if (words === null) throw new ProtocolError('Protocol error: unbalanced quotes in request');
    return words;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Index of the CR ending the line that starts at `from`, or -1 while the CR and the byte after
 * it have not both arrived. Like Redis, the byte after the CR is assumed to be LF. A loop in JS
 * rather than buf.indexOf: header lines are a few bytes, cheaper than a call into C++.
 */
function findCR(buf: Buffer, from: number): number {
  const last = buf.length - 1; // the CR needs one byte after it
  for (let i = from; i < last; i++) if (buf[i] === CR) return i;
  return -1;
}

/**
 * Redis's string2ll on buf[start, end): an optional '-', then digits without a leading zero
 * ("0" alone is fine; "+1", "01", "-0", "" and " 1" are not), within a signed 64-bit range.
 * Returns null when invalid. Above 2^53 the value is approximate, which is enough: callers
 * only compare it with limits far below that.
 */
export function parseLongLong(buf: Buffer, start: number, end: number): number | null {
  let len = end - start;
  if (len <= 0) return null;
  if (len === 1 && buf[start] === 48) return 0;
  let i = start;
  let neg = false;
  if (buf[i] === 45 /* '-' */) {
    neg = true;
    i++;
    len--;
    if (len === 0) return null;
  }
  if (len > 19) return null;
  const first = buf[i] - 48;
  if (first < 1 || first > 9) return null;
  let n = first;
  for (i++; i < end; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  if (len === 19) {
    // 19 digits may overflow a long long: compare the digits with its bounds exactly.
    const digits = buf.latin1Slice(end - 19, end);
    if (digits > (neg ? '9223372036854775808' : '9223372036854775807')) return null;
  }
  return neg ? -n : n;
}

function isHex(c: string): boolean {
  return /^[0-9a-fA-F]$/.test(c);
}

/**
 * Splits a line into arguments like Redis's sdssplitargs: double quotes with \n \r \t \b \a
 * \\ \" and \xHH escapes, single quotes with \' only. A closing quote must be followed by a
 * space or the end. Returns null on unbalanced quotes. Also used by the config file reader.
 */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) return out;
    let inq = false; // double quotes
    let insq = false; // single quotes
    let done = false;
    let cur = '';
    while (!done) {
      if (inq) {
        if (i >= n) return null;
        const ch = line[i];
        if (ch === '\\' && line[i + 1] === 'x' && isHex(line[i + 2] ?? '') && isHex(line[i + 3] ?? '')) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (ch === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (ch === '"') {
          if (i + 1 < n && !isSpace(line.charCodeAt(i + 1))) return null;
          done = true;
        } else {
          cur += ch;
        }
      } else if (insq) {
        if (i >= n) return null;
        const ch = line[i];
        if (ch === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (ch === "'") {
          if (i + 1 < n && !isSpace(line.charCodeAt(i + 1))) return null;
          done = true;
        } else {
          cur += ch;
        }
      } else {
        if (i >= n) {
          done = true;
          break;
        }
        const ch = line[i];
        const cc = line.charCodeAt(i);
        if (isSpace(cc)) {
          done = true;
        } else if (ch === '"') {
          inq = true;
        } else if (ch === "'") {
          insq = true;
        } else {
          cur += ch;
        }
      }
      if (i < n) i++;
    }
    out.push(cur);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
