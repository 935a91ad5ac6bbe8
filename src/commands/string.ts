/**
 * String family (Redis's t_string.c). Values are latin1 strings stored as is; integers are
 * parsed with Redis's string2ll rules on demand, INCRBYFLOAT emulates the x87 long double
 * arithmetic Redis uses so results print identically.
 */
import type { Client } from '../server/client.js';
import type { Database } from '../store/db.js';
import { ERR, OK, ZERO, ONE } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';

/* ------------------------------------------------------------------------------------------ */
/* Integer parsing (Redis's string2ll)                                                         */
/* ------------------------------------------------------------------------------------------ */

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/**
 * Redis's string2ll: optional '-', no '+', no spaces, no leading zeros (except "0"), within
 * int64. Returns a number when the value is a safe integer, a bigint otherwise, null when the
 * string is not a valid int64.
 */
export function parseLL(s: string): number | bigint | null {
  const len = s.length;
  if (len === 0) return null;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* '-' */) {
    neg = true;
    i = 1;
    if (len === 1) return null;
  }
  let c = s.charCodeAt(i);
  if (c === 48 /* '0' */) return len === 1 ? 0 : null;
  if (c < 49 || c > 57) return null;
  if (len - i <= 15) {
    // At most 15 digits: exact in a double.
    let n = c - 48;
    for (i++; i < len; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      n = n * 10 + (c - 48);
    }
    return neg ? -n : n;
  }
  if (len - i > 19) return null;
  for (let j = i + 1; j < len; j++) {
    c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const b = BigInt(s);
  if (b > INT64_MAX || b < INT64_MIN) return null;
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

/** Redis's getLongLongFromObject as a bigint, or null. */
export function parseLLBig(s: string): bigint | null {
  const v = parseLL(s);
  return v === null ? null : BigInt(v);
}

/**
 * An int64 argument as a number for range checks (counts, offsets, db indexes), or null when it
 * is not a valid int64 (the caller replies "value is not an integer or out of range"). Values
 * beyond 2^53 lose precision, which no range check on them can observe.
 */
export function parseLLNumber(s: string): number | null {
  const v = parseLL(s);
  if (v === null) return null;
  return typeof v === 'number' ? v : Number(v);
}

/* ------------------------------------------------------------------------------------------ */
/* Object encoding as Redis would report it                                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * OBJECT ENCODING of a string value: "int" when it is a long of at most 20 chars
 * (tryObjectEncoding), "embstr" up to 44 bytes, else "raw". Redis also reports "raw" for short
 * values produced by APPEND/SETRANGE on an existing key; Petrel does not track that (it would
 * cost a mark per key on every write) and reports what the value itself would encode to.
 */
export function stringEncoding(v: string): string {
  if (v.length <= 20 && parseLL(v) !== null) return 'int';
  return v.length <= 44 ? 'embstr' : 'raw';
}

/** OBJECT REFCOUNT of a string: Redis shares the integers 0..9999 (refcount INT_MAX). */
export function stringRefcount(v: string): number {
  if (v.length <= 4) {
    const n = parseLL(v);
    if (typeof n === 'number' && n >= 0 && n < 10000) return 2147483647;
  }
  return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Expire arguments                                                                            */
/* ------------------------------------------------------------------------------------------ */

/** Largest value whose * 1000 + now stays exact in a double. */
const SAFE_SECONDS = 9e12;

/**
 * Redis's getExpireMillisecondsOrReply: `arg` in seconds or ms, relative (EX/PX) or absolute
 * (EXAT/PXAT). Non-positive values and int64 overflow are "invalid expire time". Returns the
 * absolute unix time in ms, or null after replying an error.
 */
function expireArg(c: Client, arg: string, seconds: boolean, relative: boolean, name: string): number | null {
  const n = parseLL(arg);
  if (n === null) {
    c.reply.error(ERR.notInteger);
    return null;
  }
  if (typeof n === 'number' && n > 0 && n < SAFE_SECONDS) {
    let ms = seconds ? n * 1000 : n;
    if (relative) ms += Date.now();
    return ms;
  }
  const b = BigInt(n);
  if (b <= 0n || (seconds && b > INT64_MAX / 1000n)) {
    c.reply.error(ERR.invalidExpire(name));
    return null;
  }
  let ms = seconds ? b * 1000n : b;
  if (relative) ms += BigInt(Date.now());
  // Redis adds in int64 and rejects the wrapped (non-positive) result.
  if (ms > INT64_MAX) {
    c.reply.error(ERR.invalidExpire(name));
    return null;
  }
  return Number(ms);
}

/** Redis's checkAlreadyExpired: a time in the past deletes, except on a replica. */
function alreadyExpired(c: Client, when: number): boolean {
  return when <= Date.now() && !c.server.keyspace.replicaMode;
}

/* ------------------------------------------------------------------------------------------ */
/* GET SET and friends                                                                         */
/* ------------------------------------------------------------------------------------------ */

const F_NX = 1;
const F_XX = 2;
const F_GET = 4;
const F_KEEPTTL = 8;
const F_PERSIST = 16;
const F_EX = 32;
const F_PX = 64;
const F_EXAT = 128;
const F_PXAT = 256;
const F_ANY_EXPIRE = F_EX | F_PX | F_EXAT | F_PXAT;

interface ExtendedArgs {
  flags: number;
  expire: string | null;
}

/**
 * Redis's parseExtendedStringArgumentsOrReply for SET (forSet) and GETEX. Conflicting options
 * are a syntax error; an expire option repeated alone is allowed (the last one wins).
 */
function parseExtended(c: Client, argv: string[], from: number, forSet: boolean): ExtendedArgs | null {
  let flags = 0;
  let expire: string | null = null;
  for (let j = from; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const hasNext = j + 1 < argv.length;
    if (opt === 'nx' && forSet && !(flags & F_XX)) {
      flags |= F_NX;
    } else if (opt === 'xx' && forSet && !(flags & F_NX)) {
      flags |= F_XX;
    } else if (opt === 'get' && forSet) {
      flags |= F_GET;
    } else if (opt === 'keepttl' && forSet && !(flags & (F_PERSIST | F_ANY_EXPIRE))) {
      flags |= F_KEEPTTL;
    } else if (opt === 'persist' && !forSet && !(flags & (F_ANY_EXPIRE | F_KEEPTTL))) {
      flags |= F_PERSIST;
    } else if (opt === 'ex' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EXAT | F_PX | F_PXAT))) {
      flags |= F_EX;
      expire = argv[++j];
    } else if (opt === 'px' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_EXAT | F_PXAT))) {
      flags |= F_PX;
      expire = argv[++j];
    } else if (opt === 'exat' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_PX | F_PXAT))) {
      flags |= F_EXAT;
      expire = argv[++j];
    } else if (opt === 'pxat' && hasNext && !(flags & (F_KEEPTTL | F_PERSIST | F_EX | F_EXAT | F_PX))) {
      flags |= F_PXAT;
      expire = argv[++j];
    } else {
      c.reply.error(ERR.syntax);
      return null;
    }
  }
  return { flags, expire };
}

function expireFromFlags(c: Client, flags: number, arg: string, name: string): number | null {
  return expireArg(c, arg, (flags & (F_EX | F_EXAT)) !== 0, (flags & (F_EX | F_PX)) !== 0, name);
}

/**
 * A write to `key` of c's database: tells WATCH and blocked clients (signalModifiedKey) and
 * sends the keyspace notification (notifyKeyspaceEvent) of class `cls` named `event`.
 */
export function keyWritten(c: Client, key: string, cls: string, event: string): void {
  const db = c.db;
  const ev = c.server.events;
  ev.modified(db, key);
  ev.notify(cls, event, key, db.id);
}

/**
 * Redis's setGenericCommand. `when` is the absolute expiry (ms) or undefined. Writes the reply
 * (OK / null / old value for GET).
 */
function setGeneric(c: Client, key: string, value: string, flags: number, when: number | undefined): void {
  const db = c.db;
  if (flags & F_GET) {
    const old = db.lookupRead(key);
    if (old !== undefined && typeof old !== 'string') return c.reply.error(ERR.wrongType);
    c.reply.bulk(old === undefined ? null : old);
  }
  const found = db.lookup(key) !== undefined;
  if ((flags & F_NX && found) || (flags & F_XX && !found)) {
    if (!(flags & F_GET)) c.reply.null();
    return;
  }
  db.set(key, value, (flags & F_KEEPTTL) !== 0);
  c.server.dirty++;
  if (when !== undefined) {
    db.setExpire(key, when);
    // Replicas get the absolute time (SET key value PXAT ms), as Redis 7.0 sends it.
    if (!(flags & F_PXAT)) c.propagateAs(['SET', key, value, 'PXAT', String(when)]);
  }
  keyWritten(c, key, '$', 'set');
  if (when !== undefined) c.server.events.notify('g', 'expire', key, db.id);
  if (!(flags & F_GET)) c.reply.raw(OK);
}

/* GET key */
function get(c: Client, argv: string[]): void {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.null();
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  c.reply.bulk(v);
}

/* SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
   PXAT unix-time-milliseconds | KEEPTTL] */
function set(c: Client, argv: string[]): void {
  if (argv.length === 3) {
    // Hot path: no options. The lookup expires a stale key first, as Redis's does.
    const db = c.db;
    if (db.expires.size > 0) db.lookup(argv[1]);
    db.set(argv[1], argv[2]);
    c.server.dirty++;
    keyWritten(c, argv[1], '$', 'set');
    c.reply.raw(OK);
    return;
  }
  const opts = parseExtended(c, argv, 3, true);
  if (opts === null) return;
  let when: number | undefined;
  if (opts.expire !== null) {
    const w = expireFromFlags(c, opts.flags, opts.expire, 'set');
    if (w === null) return;
    when = w;
  }
  setGeneric(c, argv[1], argv[2], opts.flags, when);
}

/* SETNX key value */
function setnx(c: Client, argv: string[]): void {
  const db = c.db;
  if (db.lookup(argv[1]) !== undefined) return c.reply.raw(ZERO);
  db.set(argv[1], argv[2]);
  c.server.dirty++;
  keyWritten(c, argv[1], '$', 'set');
  c.reply.raw(ONE);
}

/* SETEX key seconds value */
function setex(c: Client, argv: string[]): void {
  const when = expireArg(c, argv[2], true, true, 'setex');
  if (when === null) return;
  setGeneric(c, argv[1], argv[3], 0, when);
}

/* PSETEX key milliseconds value */
function psetex(c: Client, argv: string[]): void {
  const when = expireArg(c, argv[2], false, true, 'psetex');
  if (when === null) return;
  setGeneric(c, argv[1], argv[3], 0, when);
}

/* GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST] */
function getex(c: Client, argv: string[]): void {
  const opts = parseExtended(c, argv, 2, false);
  if (opts === null) return;
  const db = c.db;
  const key = argv[1];
  const v = db.lookupRead(key);
  if (v === undefined) return c.reply.null();
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  let when: number | undefined;
  if (opts.expire !== null) {
    const w = expireFromFlags(c, opts.flags, opts.expire, 'getex');
    if (w === null) return;
    when = w;
  }
  c.reply.bulk(v);
  if (when !== undefined) {
    if (opts.flags & (F_EXAT | F_PXAT) && alreadyExpired(c, when)) {
      db.delete(key);
      keyWritten(c, key, 'g', 'del');
      c.propagateAs([c.server.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key]);
    } else {
      db.setExpire(key, when);
      keyWritten(c, key, 'g', 'expire');
      c.propagateAs(['PEXPIREAT', key, String(when)]);
    }
    c.server.dirty++;
  } else if (opts.flags & F_PERSIST) {
    if (db.persist(key)) {
      c.server.dirty++;
      keyWritten(c, key, 'g', 'persist');
      c.propagateAs(['PERSIST', key]);
    }
  }
}

/* GETDEL key */
function getdel(c: Client, argv: string[]): void {
  const db = c.db;
  const v = db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.null();
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  c.reply.bulk(v);
  db.delete(argv[1]);
  c.server.dirty++;
  keyWritten(c, argv[1], 'g', 'del');
  c.propagateAs(['DEL', argv[1]]);
}

/* GETSET key value */
function getset(c: Client, argv: string[]): void {
  const db = c.db;
  const v = db.lookupRead(argv[1]);
  if (v !== undefined && typeof v !== 'string') return c.reply.error(ERR.wrongType);
  c.reply.bulk(v === undefined ? null : v);
  db.set(argv[1], argv[2]);
  c.server.dirty++;
  keyWritten(c, argv[1], '$', 'set');
}

/* MGET key [key ...] */
function mget(c: Client, argv: string[]): void {
  const db = c.db;
  c.reply.array(argv.length - 1);
  for (let i = 1; i < argv.length; i++) {
    const v = db.lookupRead(argv[i]);
    if (typeof v === 'string') c.reply.bulk(v);
    else c.reply.null();
  }
}

/* MSET key value [key value ...] */
function mset(c: Client, argv: string[]): void {
  if ((argv.length & 1) === 0) return c.reply.error(ERR.wrongArgs('mset'));
  const db = c.db;
  const volatile = db.expires.size > 0;
  for (let i = 1; i < argv.length; i += 2) {
    if (volatile) db.lookup(argv[i]);
    db.set(argv[i], argv[i + 1]);
    keyWritten(c, argv[i], '$', 'set');
  }
  c.server.dirty += (argv.length - 1) >> 1;
  c.reply.raw(OK);
}

/* MSETNX key value [key value ...] */
function msetnx(c: Client, argv: string[]): void {
  if ((argv.length & 1) === 0) return c.reply.error(ERR.wrongArgs('msetnx'));
  const db = c.db;
  for (let i = 1; i < argv.length; i += 2) {
    if (db.lookup(argv[i]) !== undefined) return c.reply.raw(ZERO);
  }
  for (let i = 1; i < argv.length; i += 2) {
    db.set(argv[i], argv[i + 1]);
    keyWritten(c, argv[i], '$', 'set');
  }
  c.server.dirty += (argv.length - 1) >> 1;
  c.reply.raw(ONE);
}

/** Redis's checkStringLength: a result longer than proto-max-bulk-len is refused. */
function tooLong(c: Client, total: number): boolean {
  if (total > c.server.config.num('proto-max-bulk-len')) {
    c.reply.error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    return true;
  }
  return false;
}

/* APPEND key value */
function append(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const v = db.lookup(key);
  let out: string;
  if (v === undefined) {
    out = argv[2];
    db.set(key, out);
  } else {
    if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
    if (tooLong(c, v.length + argv[2].length)) return;
    out = v + argv[2];
    db.replace(key, out);
    // Appending makes Redis's value a raw sds string (OBJECT ENCODING "raw").
    db.markRawString(key);
  }
  c.server.dirty++;
  keyWritten(c, key, '$', 'append');
  c.reply.integer(out.length);
}

/* STRLEN key */
function strlen(c: Client, argv: string[]): void {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.raw(ZERO);
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  c.reply.integer(v.length);
}

/* GETRANGE key start end (SUBSTR is its old name) */
function getrange(c: Client, argv: string[]): void {
  let start = parseLLNumber(argv[2]);
  let end = parseLLNumber(argv[3]);
  if (start === null || end === null) return c.reply.error(ERR.notInteger);
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.bulk('');
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  const len = v.length;
  // Redis 7.0's rules, including its quirk that two negative indexes clamp to 0.
  if (start < 0 && end < 0 && start > end) return c.reply.bulk('');
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return c.reply.bulk('');
  c.reply.bulk(v.slice(start, end + 1));
}

/* SETRANGE key offset value */
function setrange(c: Client, argv: string[]): void {
  const offset = parseLLNumber(argv[2]);
  if (offset === null) return c.reply.error(ERR.notInteger);
  if (offset < 0) return c.reply.error('ERR offset is out of range');
  const db = c.db;
  const key = argv[1];
  const value = argv[3];
  const v = db.lookup(key);
  let old = '';
  if (v === undefined) {
    if (value.length === 0) return c.reply.raw(ZERO);
  } else {
    if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
    if (value.length === 0) return c.reply.integer(v.length);
    old = v;
  }
  if (tooLong(c, offset + value.length)) return;
  let out: string;
  if (offset > old.length) out = old + '\0'.repeat(offset - old.length) + value;
  else out = old.slice(0, offset) + value + old.slice(offset + value.length);
  if (v === undefined) db.set(key, out);
  else db.replace(key, out);
  // Redis builds SETRANGE results as raw sds strings (OBJECT ENCODING "raw").
  db.markRawString(key);
  c.server.dirty++;
  keyWritten(c, key, '$', 'setrange');
  c.reply.integer(out.length);
}

/* ------------------------------------------------------------------------------------------ */
/* INCR family                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Shared body of INCR DECR INCRBY DECRBY: the value keeps its TTL (Redis's dbOverwrite). */
function incrBy(c: Client, key: string, incr: number | bigint): void {
  const db = c.db;
  const v = db.lookup(key);
  let cur: number | bigint = 0;
  if (v !== undefined) {
    if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
    const n = parseLL(v);
    if (n === null) return c.reply.error(ERR.notInteger);
    cur = n;
  }
  let out: string;
  if (typeof cur === 'number' && typeof incr === 'number' && Math.abs(cur) < 2 ** 52 && Math.abs(incr) < 2 ** 52) {
    const r = cur + incr;
    out = String(r);
    if (v === undefined) db.set(key, out);
    else db.replace(key, out);
    c.server.dirty++;
    keyWritten(c, key, '$', 'incrby');
    c.reply.integer(r);
    return;
  }
  const r = BigInt(cur) + BigInt(incr);
  if (r > INT64_MAX || r < INT64_MIN) return c.reply.error(ERR.overflow);
  out = r.toString();
  if (v === undefined) db.set(key, out);
  else db.replace(key, out);
  c.server.dirty++;
  keyWritten(c, key, '$', 'incrby');
  c.reply.integer(r);
}

/* INCR key */
function incr(c: Client, argv: string[]): void {
  incrBy(c, argv[1], 1);
}

/* DECR key */
function decr(c: Client, argv: string[]): void {
  incrBy(c, argv[1], -1);
}

/* INCRBY key increment */
function incrby(c: Client, argv: string[]): void {
  const n = parseLL(argv[2]);
  if (n === null) return c.reply.error(ERR.notInteger);
  incrBy(c, argv[1], n);
}

/* DECRBY key decrement */
function decrby(c: Client, argv: string[]): void {
  const n = parseLL(argv[2]);
  if (n === null) return c.reply.error(ERR.notInteger);
  if (typeof n === 'bigint') {
    // Negating LLONG_MIN overflows.
    if (n === INT64_MIN) return c.reply.error('ERR decrement would overflow');
    return incrBy(c, argv[1], -n);
  }
  incrBy(c, argv[1], -n);
}

/* ------------------------------------------------------------------------------------------ */
/* INCRBYFLOAT: x87 80-bit long double emulation                                               */
/* ------------------------------------------------------------------------------------------ */

/**
 * A finite long double: (-1)^neg * m * 2^e with m < 2^64. Redis parses with strtold, adds in
 * long double and prints with "%.17Lf" minus trailing zeros; emulating the 64-bit significand
 * exactly (with BigInt) gives byte-identical results, e.g. 0.1 + 0.2 = "0.3".
 */
export interface LongDouble {
  neg: boolean;
  m: bigint;
  e: number;
}

const LD_MANT_BITS = 64;
/** Exponent of the smallest subnormal: 2^-16445. */
const LD_MIN_EXP = -16445;
/** Values at or above 2^16384 overflow. */
const LD_MAX_BITS = 16384;
const TWO64 = 1n << 64n;
const TWO63 = 1n << 63n;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds num/den (positive) to the nearest long double, ties to even. Returns null on
 * overflow, a zero significand on underflow to zero.
 */
function roundLD(neg: boolean, num: bigint, den: bigint): LongDouble | null {
  if (num === 0n) return { neg, m: 0n, e: 0 };
  let e = bitLength(num) - bitLength(den) - LD_MANT_BITS;
  const quotient = (ex: number): [bigint, bigint, bigint] => {
    const n2 = ex >= 0 ? num : num << BigInt(-ex);
    const d2 = ex >= 0 ? den << BigInt(ex) : den;
    return [n2 / d2, n2, d2];
  };
  let [q, n2, d2] = quotient(e);
  while (q >= TWO64) [q, n2, d2] = quotient(++e);
  while (q < TWO63) [q, n2, d2] = quotient(--e);
  if (e < LD_MIN_EXP) {
    e = LD_MIN_EXP;
    [q, n2, d2] = quotient(e);
  }
  const r2 = (n2 - q * d2) * 2n;
  if (r2 > d2 || (r2 === d2 && (q & 1n) === 1n)) q++;
  if (q === TWO64) {
    q >>= 1n;
    e++;
  }
  if (q !== 0n && bitLength(q) + e > LD_MAX_BITS) return null;
  return { neg, m: q, e };
}

function isSpace(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13);
}

/**
 * Redis's string2ld (strtold, rejecting leading space, trailing garbage, NaN, overflow and
 * underflow to zero). Returns a long double, Infinity/-Infinity for "inf", or null.
 */
export function parseLongDouble(s: string): LongDouble | number | null {
  if (s.indexOf('\0') >= 0) return null; // Redis 7.0.15 refuses embedded NULs
  if (s.length === 0 || s.length >= 5 * 1024) return null;
  if (isSpace(s.charCodeAt(0))) return null;
  let i = 0;
  let neg = false;
  const sign = s[0];
  if (sign === '+' || sign === '-') {
    neg = sign === '-';
    i = 1;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === 'inf' || rest === 'infinity') return neg ? -Infinity : Infinity;
  let num: bigint;
  let den = 1n;
  let m: RegExpExecArray | null;
  if ((m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(rest)) && (m[1] + (m[2] ?? '')).length > 0) {
    const digits = m[1] + (m[2] ?? '');
    let exp2 = -4 * (m[2] ?? '').length + (m[3] !== undefined ? clampExp(m[3]) : 0);
    num = BigInt('0x' + digits);
    if (num === 0n) return { neg, m: 0n, e: 0 };
    if (bitLength(num) + exp2 > LD_MAX_BITS + 8) return null;
    if (bitLength(num) + exp2 < LD_MIN_EXP - 8) return null;
    if (exp2 >= 0) num <<= BigInt(exp2);
    else den = 1n << BigInt(-exp2);
  } else if ((m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(rest)) && (m[1] + (m[2] ?? '')).length > 0) {
    const int = m[1];
    const frac = m[2] ?? '';
    let exp10 = -frac.length + (m[3] !== undefined ? clampExp(m[3]) : 0);
    const digits = (int + frac).replace(/^0+/, '');
    if (digits.length === 0) return { neg, m: 0n, e: 0 };
    // log10 magnitude bounds decide overflow/underflow before big arithmetic.
    const mag = digits.length + exp10;
    if (mag > 4934) return null;
    if (mag < -4952) return null;
    num = BigInt(digits);
    if (exp10 >= 0) num *= 10n ** BigInt(exp10);
    else den = 10n ** BigInt(-exp10);
    exp10 = 0;
  } else {
    return null;
  }
  const r = roundLD(neg, num, den);
  if (r === null || r.m === 0n) return null; // ERANGE: overflow or underflow to zero
  return r;
}

/** Exponent text to a number, saturated far beyond the long double range. */
function clampExp(s: string): number {
  const n = Number(s);
  return Math.max(-1e6, Math.min(1e6, n));
}

export function addLD(a: LongDouble, b: LongDouble): LongDouble | null {
  const e = Math.min(a.e, b.e);
  const ma = (a.neg ? -a.m : a.m) << BigInt(a.e - e);
  const mb = (b.neg ? -b.m : b.m) << BigInt(b.e - e);
  const sum = ma + mb;
  if (sum === 0n) return { neg: a.neg && b.neg, m: 0n, e: 0 };
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  return e >= 0 ? roundLD(neg, abs << BigInt(e), 1n) : roundLD(neg, abs, 1n << BigInt(-e));
}

/** printf("%.17Lf") with trailing zeros (and a bare '.') removed, "-0" as "0" (ld2string human). */
export function formatLongDouble(v: LongDouble): string {
  let s: string;
  if (v.e >= 0) {
    s = (v.m << BigInt(v.e)).toString();
  } else {
    const shift = BigInt(-v.e);
    const scaled = v.m * 10n ** 17n;
    let q = scaled >> shift;
    const r2 = (scaled - (q << shift)) * 2n;
    const unit = 1n << shift;
    if (r2 > unit || (r2 === unit && (q & 1n) === 1n)) q++;
    const digits = q.toString().padStart(18, '0');
    const ip = digits.slice(0, -17);
    const fp = digits.slice(-17).replace(/0+$/, '');
    s = fp.length > 0 ? ip + '.' + fp : ip;
  }
  if (v.neg && s !== '0') s = '-' + s;
  return s;
}

/* INCRBYFLOAT key increment */
function incrbyfloat(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const v = db.lookup(key);
  if (v !== undefined && typeof v !== 'string') return c.reply.error(ERR.wrongType);
  const cur = v === undefined ? { neg: false, m: 0n, e: 0 } : parseLongDouble(v);
  const inc = cur === null ? null : parseLongDouble(argv[2]);
  if (cur === null || inc === null) return c.reply.error(ERR.notFloat);
  if (typeof cur === 'number' || typeof inc === 'number') {
    return c.reply.error('ERR increment would produce NaN or Infinity');
  }
  const sum = addLD(cur, inc);
  if (sum === null) return c.reply.error('ERR increment would produce NaN or Infinity');
  const out = formatLongDouble(sum);
  if (v === undefined) db.set(key, out);
  else db.replace(key, out);
  c.server.dirty++;
  keyWritten(c, key, '$', 'incrbyfloat');
  // Float formatting must not differ between master and replica: send the result.
  c.propagateAs(['SET', key, out, 'KEEPTTL']);
  c.reply.bulk(out);
}

/* ------------------------------------------------------------------------------------------ */
/* LCS                                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN] */
function lcs(c: Client, argv: string[]): void {
  const db: Database = c.db;
  const va = db.lookupRead(argv[1]);
  const vb = db.lookupRead(argv[2]);
  if ((va !== undefined && typeof va !== 'string') || (vb !== undefined && typeof vb !== 'string')) {
    return c.reply.error('ERR The specified keys must contain string values');
  }
  const a = va ?? '';
  const b = vb ?? '';
  let getLen = false;
  let getIdx = false;
  let withMatchLen = false;
  let minMatchLen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'idx') getIdx = true;
    else if (opt === 'len') getLen = true;
    else if (opt === 'withmatchlen') withMatchLen = true;
    else if (opt === 'minmatchlen' && j + 1 < argv.length) {
      const n = parseLLNumber(argv[++j]);
      if (n === null) return c.reply.error(ERR.notInteger);
      minMatchLen = n < 0 ? 0 : n;
    } else return c.reply.error(ERR.syntax);
  }
  if (getIdx && getLen) {
    return c.reply.error('ERR If you want both the length and indexes, please just use IDX.');
  }
  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  if (cells * 4 > c.server.config.num('proto-max-bulk-len')) {
    return c.reply.error('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  }
  // Dynamic programming table: T[i][j] = LCS length of a[0..i) and b[0..j).
  const w = blen + 1;
  const t = new Uint32Array(cells);
  for (let i = 1; i <= alen; i++) {
    const ac = a.charCodeAt(i - 1);
    const row = i * w;
    const prev = row - w;
    for (let j = 1; j <= blen; j++) {
      if (ac === b.charCodeAt(j - 1)) t[row + j] = t[prev + j - 1] + 1;
      else {
        const x = t[prev + j];
        const y = t[row + j - 1];
        t[row + j] = x > y ? x : y;
      }
    }
  }
  const total = t[alen * w + blen];
  if (getLen) return c.reply.integer(total);
  // Walk back from the end, collecting the string and the matching ranges.
  const chars: number[] = new Array(total);
  let idx = total;
  const ranges: number[][] = [];
  let i = alen;
  let j = blen;
  let aStart = alen;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      chars[idx - 1] = a.charCodeAt(i - 1);
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (t[(i - 1) * w + j] > t[i * w + j - 1]) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getIdx && (minMatchLen === 0 || matchLen >= minMatchLen)) {
        ranges.push([aStart, aEnd, bStart, bEnd, matchLen]);
      }
      aStart = alen;
    }
  }
  if (!getIdx) return c.reply.bulk(charsToString(chars));
  const r = c.reply;
  r.map(2);
  r.bulk('matches');
  r.array(ranges.length);
  for (const [as, ae, bs, be, ml] of ranges) {
    r.array(withMatchLen ? 3 : 2);
    r.array(2);
    r.integer(as);
    r.integer(ae);
    r.array(2);
    r.integer(bs);
    r.integer(be);
    if (withMatchLen) r.integer(ml);
  }
  r.bulk('len');
  r.integer(total);
}

/** Builds a latin1 string from byte values without exceeding the argument-count limit. */
function charsToString(chars: number[]): string {
  let s = '';
  for (let k = 0; k < chars.length; k += 8192) s += String.fromCharCode(...chars.slice(k, k + 8192));
  return s;
}

/* ------------------------------------------------------------------------------------------ */

const W = ['write', 'denyoom'] as const;
const WF = ['write', 'denyoom', 'fast'] as const;
const RF = ['readonly', 'fast'] as const;
const one = { firstKey: 1, lastKey: 1, step: 1, group: 'string' } as const;

export const stringCommands = [
  cmd({ name: 'get', arity: 2, flags: RF, ...one, since: '1.0.0', summary: 'Get the value of a key', complexity: 'O(1)', handler: get }),
  cmd({ name: 'set', arity: -3, flags: W, ...one, keySpecs: [{ notes: 'RW and ACCESS due to the optional `GET` argument', flags: ['RW', 'access', 'update', 'variable_flags'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Set the string value of a key', complexity: 'O(1)', handler: set }),
  cmd({ name: 'setnx', arity: 3, flags: WF, ...one, keyFlags: ['OW', 'insert'], since: '1.0.0', summary: 'Set the value of a key, only if the key does not exist', complexity: 'O(1)', handler: setnx }),
  cmd({ name: 'setex', arity: 4, flags: W, ...one, keyFlags: ['OW', 'update'], since: '2.0.0', summary: 'Set the value and expiration of a key', complexity: 'O(1)', handler: setex }),
  cmd({ name: 'psetex', arity: 4, flags: W, ...one, keyFlags: ['OW', 'update'], since: '2.6.0', summary: 'Set the value and expiration in milliseconds of a key', complexity: 'O(1)', handler: psetex }),
  cmd({ name: 'getex', arity: -2, flags: ['write', 'fast'], ...one, keySpecs: [{ notes: 'RW and UPDATE because it changes the TTL', flags: ['RW', 'access', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Get the value of a key and optionally set its expiration', complexity: 'O(1)', handler: getex }),
  cmd({ name: 'getdel', arity: 2, flags: ['write', 'fast'], ...one, keyFlags: ['RW', 'access', 'delete'], since: '6.2.0', summary: 'Get the value of a key and delete the key', complexity: 'O(1)', handler: getdel }),
  cmd({ name: 'getset', arity: 3, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Set the string value of a key and return its old value', complexity: 'O(1)', handler: getset }),
  cmd({ name: 'mget', arity: -2, flags: RF, firstKey: 1, lastKey: -1, step: 1, group: 'string', tips: ['request_policy:multi_shard'], since: '1.0.0', summary: 'Get the values of all the given keys', complexity: 'O(N) where N is the number of keys to retrieve.', handler: mget }),
  cmd({ name: 'mset', arity: -3, flags: W, firstKey: 1, lastKey: -1, step: 2, group: 'string', tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'], keyFlags: ['OW', 'update'], since: '1.0.1', summary: 'Set multiple keys to multiple values', complexity: 'O(N) where N is the number of keys to set.', handler: mset }),
  cmd({ name: 'msetnx', arity: -3, flags: W, firstKey: 1, lastKey: -1, step: 2, group: 'string', tips: ['request_policy:multi_shard', 'response_policy:agg_min'], keyFlags: ['OW', 'insert'], since: '1.0.1', summary: 'Set multiple keys to multiple values, only if none of the keys exist', complexity: 'O(N) where N is the number of keys to set.', handler: msetnx }),
  cmd({ name: 'append', arity: 3, flags: WF, ...one, keyFlags: ['RW', 'insert'], since: '2.0.0', summary: 'Append a value to a key', complexity: 'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.', handler: append }),
  cmd({ name: 'strlen', arity: 2, flags: RF, ...one, keyFlags: ['RO'], since: '2.2.0', summary: 'Get the length of the value stored in a key', complexity: 'O(1)', handler: strlen }),
  cmd({ name: 'incr', arity: 2, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Increment the integer value of a key by one', complexity: 'O(1)', handler: incr }),
  cmd({ name: 'decr', arity: 2, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Decrement the integer value of a key by one', complexity: 'O(1)', handler: decr }),
  cmd({ name: 'incrby', arity: 3, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Increment the integer value of a key by the given amount', complexity: 'O(1)', handler: incrby }),
  cmd({ name: 'decrby', arity: 3, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Decrement the integer value of a key by the given number', complexity: 'O(1)', handler: decrby }),
  cmd({ name: 'incrbyfloat', arity: 3, flags: WF, ...one, keyFlags: ['RW', 'access', 'update'], since: '2.6.0', summary: 'Increment the float value of a key by the given amount', complexity: 'O(1)', handler: incrbyfloat }),
  cmd({ name: 'getrange', arity: 4, flags: ['readonly'], ...one, since: '2.4.0', summary: 'Get a substring of the string stored at a key', complexity: 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.', handler: getrange }),
  cmd({ name: 'substr', arity: 4, flags: ['readonly'], ...one, since: '1.0.0', summary: 'Get a substring of the string stored at a key', complexity: 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.', handler: getrange }),
  cmd({ name: 'setrange', arity: 4, flags: W, ...one, since: '2.2.0', summary: 'Overwrite part of a string at key starting at the specified offset', complexity: 'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.', handler: setrange }),
  cmd({ name: 'lcs', arity: -3, flags: ['readonly'], firstKey: 1, lastKey: 2, step: 1, group: 'string', since: '7.0.0', summary: 'Find longest common substring', complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively', handler: lcs }),
] satisfies CommandSpec[];
