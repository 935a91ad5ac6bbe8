/**
 * Sorted-set family (Redis 7.0's t_zset.c). The structure lives in src/store/types/zset.ts; this
 * file parses arguments with Redis's rules (strtod for scores and ranges, the exact error texts),
 * calls it, replies, and announces changes (modified, notify, ready, dirty).
 *
 * Replies: scores are doubles (RESP2 bulk "%.17g", RESP3 `,`); WITHSCORES results are flat in
 * RESP2 and [member, score] pairs in RESP3, as 7.0 answers.
 */
import type { Client } from '../server/client.js';
import type { Database } from '../store/db.js';
import { Blocking } from '../server/blocking.js';
import { Zset, type ZsetLimits, type Pred } from '../store/types/zset.js';
import { compileGlob } from '../store/glob.js';
import { formatDouble as formatDoubleText } from '../protocol/reply-writer.js';
import { ERR, EMPTY_ARRAY, ZERO } from '../protocol/shared.js';
import { parseLL, parseLLNumber } from './string.js';
import { cmd, type CommandSpec } from './types.js';
import { lookupOfType } from './lookup.js';

/* ------------------------------------------------------------------------------------------ */
/* Number parsing: C's strtod and Redis's wrappers                                             */
/* ------------------------------------------------------------------------------------------ */

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Result of {@link strtod}: value, index after the number, and C's ERANGE. */
export interface StrtodResult {
  value: number;
  end: number;
  erange: boolean;
}

/**
 * C's strtod in the "C" locale from index `from`: leading white space, a sign, then "inf",
 * "infinity", "nan[(chars)]", a hex float ("0x1.8p3") or a decimal. When nothing converts, `end`
 * is `from` and the value 0. `erange` is set on overflow (a finite literal that became inf) and
 * on underflow to zero, as glibc sets errno.
 */
export function strtod(s: string, from = 0): StrtodResult {
  const n = s.length;
  let i = from;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const start = i;
  let neg = false;
  if (i < n && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  const word = s.slice(i, i + 8).toLowerCase();
  if (word.startsWith('inf')) {
    const len = word === 'infinity' ? 8 : 3;
    return { value: neg ? -Infinity : Infinity, end: i + len, erange: false };
  }
  if (word.startsWith('nan')) {
    let end = i + 3;
    if (s[end] === '(') {
      let j = end + 1;
      while (j < n && /[0-9A-Za-z_]/.test(s[j])) j++;
      if (s[j] === ')') end = j + 1;
    }
    return { value: NaN, end, erange: false };
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    let j = i + 2;
    let mant = 0n;
    let digits = 0;
    let frac = 0;
    let nonzero = false;
    while (j < n && hexVal(s.charCodeAt(j)) >= 0) {
      const h = hexVal(s.charCodeAt(j++));
      mant = mant * 16n + BigInt(h);
      if (h) nonzero = true;
      digits++;
    }
    if (s[j] === '.') {
      let k = j + 1;
      while (k < n && hexVal(s.charCodeAt(k)) >= 0) {
        const h = hexVal(s.charCodeAt(k++));
        mant = mant * 16n + BigInt(h);
        if (h) nonzero = true;
        digits++;
        frac++;
      }
      if (digits > 0) j = k;
    }
    if (digits === 0) return { value: neg ? -0 : 0, end: i + 1, erange: false }; // just the "0"
    let exp = 0;
    if (s[j] === 'p' || s[j] === 'P') {
      let k = j + 1;
      let eneg = false;
      if (s[k] === '+' || s[k] === '-') eneg = s[k++] === '-';
      if (k < n && isDigit(s.charCodeAt(k))) {
        let e = 0;
        while (k < n && isDigit(s.charCodeAt(k))) e = Math.min(e * 10 + (s.charCodeAt(k++) - 48), 1e6);
        exp = eneg ? -e : e;
        j = k;
      }
    }
    let v = Number(mant);
    let e2 = exp - 4 * frac;
    while (e2 > 0 && Number.isFinite(v) && v !== 0) {
      const k = Math.min(e2, 1000);
      v *= 2 ** k;
      e2 -= k;
    }
    while (e2 < 0 && v !== 0) {
      const k = Math.min(-e2, 1000);
      v /= 2 ** k;
      e2 += k;
    }
    const erange = (!Number.isFinite(v)) || (v === 0 && nonzero);
    return { value: neg ? -v : v, end: j, erange };
  }
  let j = i;
  let digits = 0;
  let nonzero = false;
  while (j < n && isDigit(s.charCodeAt(j))) {
    if (s[j] !== '0') nonzero = true;
    j++;
    digits++;
  }
  if (s[j] === '.') {
    let k = j + 1;
    while (k < n && isDigit(s.charCodeAt(k))) {
      if (s[k] !== '0') nonzero = true;
      k++;
      digits++;
    }
    if (digits > 0) j = k;
  }
  if (digits === 0) return { value: 0, end: from, erange: false };
  if (s[j] === 'e' || s[j] === 'E') {
    let k = j + 1;
    if (s[k] === '+' || s[k] === '-') k++;
    if (k < n && isDigit(s.charCodeAt(k))) {
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      j = k;
    }
  }
  const v = Number(s.slice(start, j));
  const erange = !Number.isFinite(v) || (v === 0 && nonzero);
  return { value: v, end: j, erange };
}

/**
 * Redis's getDoubleFromObject: the whole string must be a number (no leading space, nothing
 * after), not NaN, and without overflow or underflow to zero. Null when invalid.
 */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  const r = strtod(s);
  if (r.end !== s.length || r.erange || Number.isNaN(r.value)) return null;
  return r.value;
}

/** A score range (zrangespec). */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** One end of Redis's zslParseRange: strtod up to a NUL or the end, "(" for exclusive. */
function parseRangeEnd(s: string): [number, boolean] | null {
  const ex = s.charCodeAt(0) === 40; /* '(' */
  const r = strtod(s, ex ? 1 : 0);
  if ((r.end !== s.length && s.charCodeAt(r.end) !== 0) || Number.isNaN(r.value)) return null;
  return [r.value, ex];
}

export function parseScoreRange(min: string, max: string): ScoreRange | null {
  const a = parseRangeEnd(min);
  const b = parseRangeEnd(max);
  if (a === null || b === null) return null;
  return { min: a[0], minex: a[1], max: b[0], maxex: b[1] };
}

/** A lex range end: a string, or -inf / +inf ("-" / "+"). */
type LexItem = string | typeof LEX_MIN | typeof LEX_MAX;
const LEX_MIN = Symbol('-');
const LEX_MAX = Symbol('+');

interface LexRange {
  min: LexItem;
  max: LexItem;
  minex: boolean;
  maxex: boolean;
}

/** zslParseLexRangeItem: "+", "-", "(x" or "[x". */
function parseLexItem(s: string): [LexItem, boolean] | null {
  const c = s.charCodeAt(0);
  const alone = s.length === 1 || s.charCodeAt(1) === 0;
  if (c === 43 /* + */) return alone ? [LEX_MAX, false] : null;
  if (c === 45 /* - */) return alone ? [LEX_MIN, false] : null;
  if (c === 40 /* ( */) return [s.slice(1), true];
  if (c === 91 /* [ */) return [s.slice(1), false];
  return null;
}

function parseLexRange(min: string, max: string): LexRange | null {
  const a = parseLexItem(min);
  const b = parseLexItem(max);
  if (a === null || b === null) return null;
  return { min: a[0], minex: a[1], max: b[0], maxex: b[1] };
}

/** sdscmplex: -inf and +inf compare below and above everything. */
function cmpLex(a: LexItem, b: LexItem): number {
  if (a === b) return 0;
  if (a === LEX_MIN || b === LEX_MAX) return -1;
  if (a === LEX_MAX || b === LEX_MIN) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Range predicates and searches shared by ZRANGE*, ZCOUNT, ZLEXCOUNT, ZREMRANGEBY*            */
/* ------------------------------------------------------------------------------------------ */

function scoreGteMin(r: ScoreRange): Pred {
  const { min } = r;
  return r.minex ? (s) => s > min : (s) => s >= min;
}
function scoreLteMax(r: ScoreRange): Pred {
  const { max } = r;
  return r.maxex ? (s) => s < max : (s) => s <= max;
}
function lexGteMin(r: LexRange): Pred {
  const { min } = r;
  return r.minex ? (_s, m) => cmpLex(m, min) > 0 : (_s, m) => cmpLex(m, min) >= 0;
}
function lexLteMax(r: LexRange): Pred {
  const { max } = r;
  return r.maxex ? (_s, m) => cmpLex(m, max) < 0 : (_s, m) => cmpLex(m, max) <= 0;
}

/** A range ready for searching: its two predicates and Redis's emptiness pre-check. */
interface Bounds {
  gte: Pred;
  lte: Pred;
  /** zslIsInRange / zslIsInLexRange's first test: the range itself is empty. */
  empty: boolean;
  /** Whether the pre-check also tests the first/last elements (lex: always; score: same result). */
}

function scoreBounds(r: ScoreRange): Bounds {
  return {
    gte: scoreGteMin(r),
    lte: scoreLteMax(r),
    empty: r.min > r.max || (r.min === r.max && (r.minex || r.maxex)),
  };
}

function lexBounds(r: LexRange): Bounds {
  const c = cmpLex(r.min, r.max);
  return { gte: lexGteMin(r), lte: lexLteMax(r), empty: c > 0 || (c === 0 && (r.minex || r.maxex)) };
}

/** zsl/zzlIsInRange: empty range, or the last element below min, or the first above max. */
function outOfRange(z: Zset, b: Bounds): boolean {
  const n = z.size;
  if (b.empty || n === 0) return true;
  if (!b.gte(z.scoreAt(n - 1), z.memberAt(n - 1))) return true;
  return !b.lte(z.scoreAt(0), z.memberAt(0));
}

/** Rank of the first element in range (zslFirstInRange), or -1. */
function firstInRange(z: Zset, b: Bounds): number {
  if (outOfRange(z, b)) return -1;
  const i = z.firstWhere(b.gte);
  if (i >= z.size || !b.lte(z.scoreAt(i), z.memberAt(i))) return -1;
  return i;
}

/** Rank of the last element in range (zslLastInRange), or -1. */
function lastInRange(z: Zset, b: Bounds): number {
  if (outOfRange(z, b)) return -1;
  const i = z.lastWhere(b.lte);
  if (i < 0 || !b.gte(z.scoreAt(i), z.memberAt(i))) return -1;
  return i;
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The listpack thresholds from the configuration, read per command (CONFIG SET applies). */
export function zsetLimits(c: Client): ZsetLimits {
  return {
    entries: c.server.config.num('zset-max-listpack-entries'),
    value: c.server.config.num('zset-max-listpack-value'),
  };
}

/** A zset for reading: undefined when missing, null after a WRONGTYPE reply. */
function readZset(c: Client, key: string): Zset | undefined | null {
  return lookupOfType<Zset>(c, key, 'zset');
}

/** As readZset for writes (no hit/miss stats). */
function writeZset(c: Client, key: string): Zset | undefined | null {
  return lookupOfType<Zset>(c, key, 'zset', true);
}

/** After a removal: deletes the key when the set became empty; true if it did. */
function dropIfEmpty(c: Client, key: string, z: Zset): boolean {
  if (z.size > 0) return false;
  c.db.delete(key);
  c.server.events.notify('g', 'del', key, c.db.id);
  return true;
}

function eq(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b;
}

/**
 * Writes (member, score) results: members only, or with scores as a flat array (RESP2) or
 * pairs (RESP3).
 */
function replyEntries(c: Client, items: ReadonlyArray<readonly [string, number]>, withScores: boolean): void {
  const r = c.reply;
  if (!withScores) {
    r.array(items.length);
    for (const it of items) r.bulk(it[0]);
    return;
  }
  if (r.proto === 3) {
    r.array(items.length);
    for (const it of items) {
      r.array(2);
      r.bulk(it[0]);
      r.double(it[1]);
    }
  } else {
    r.array(items.length * 2);
    for (const it of items) {
      r.bulk(it[0]);
      r.double(it[1]);
    }
  }
}

/** Redis's getLongFromObjectOrReply (int64 here). */
function longArg(c: Client, s: string): number | null {
  const n = parseLLNumber(s);
  if (n === null) c.reply.error(ERR.notInteger);
  return n;
}

/* ------------------------------------------------------------------------------------------ */
/* ZADD / ZINCRBY                                                                              */
/* ------------------------------------------------------------------------------------------ */

const NAN_ERR = 'ERR resulting score is not a number (NaN)';

/**
 * The core of ZADD/ZINCRBY/GEOADD: argv[scoreIdx..] are score/member pairs after the flags.
 * Exported for GEOADD, which builds its own argument vector.
 */
export function zaddGeneric(c: Client, argv: string[], incrCmd: boolean, event = incrCmd ? 'zincr' : 'zadd'): void {
  const key = argv[1];
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCmd;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const o = argv[idx].toLowerCase();
    if (o === 'nx') nx = true;
    else if (o === 'xx') xx = true;
    else if (o === 'ch') ch = true;
    else if (o === 'incr') incr = true;
    else if (o === 'gt') gt = true;
    else if (o === 'lt') lt = true;
    else break;
  }
  let elements = argv.length - idx;
  if (elements % 2 !== 0 || elements === 0) return c.reply.error(ERR.syntax);
  elements /= 2;
  if (nx && xx) return c.reply.error('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return c.reply.error('ERR GT, LT, and/or NX options at the same time are not compatible');
  }
  if (incr && elements > 1) return c.reply.error('ERR INCR option supports a single increment-element pair');
  const scores = new Array<number>(elements);
  for (let j = 0; j < elements; j++) {
    const s = parseDouble(argv[idx + j * 2]);
    if (s === null) return c.reply.error(ERR.notFloat);
    scores[j] = s;
  }
  let z = writeZset(c, key);
  if (z === null) return;
  const limits = zsetLimits(c);
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  let created = false;
  let nanError = false;
  if (z === undefined) {
    if (xx) return incr ? c.reply.null() : c.reply.raw(ZERO);
    z = Zset.create(limits, argv[idx + 1].length);
    created = true;
  }
  for (let j = 0; j < elements; j++) {
    const member = argv[idx + j * 2 + 1];
    score = scores[j];
    const cur = z.score(member);
    if (cur !== undefined) {
      if (nx) continue;
      if (incr) {
        score += cur;
        if (Number.isNaN(score)) {
          nanError = true;
          break;
        }
      }
      if ((lt && score >= cur) || (gt && score <= cur)) continue;
      processed++;
      if (score !== cur) {
        z.update(member, score);
        updated++;
      }
    } else if (!xx) {
      z.insert(member, score, limits);
      added++;
      processed++;
    }
  }
  if (created && z.size > 0) c.db.set(key, z);
  if (added || updated) {
    c.server.events.modified(c.db, key);
    c.server.events.notify('z', event, key, c.db.id);
    if (added) c.server.events.ready(c.db, key);
  }
  // Redis jumps past the dirty count on this error.
  if (nanError) return c.reply.error(NAN_ERR);
  c.server.dirty += added + updated;
  if (incr) {
    if (processed) c.reply.double(score);
    else c.reply.null();
  } else {
    c.reply.integer(ch ? added + updated : added);
  }
}

/* ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] */
function zadd(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, false);
}

/* ZINCRBY key increment member */
function zincrby(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, true);
}

/* ------------------------------------------------------------------------------------------ */
/* Simple reads and ZREM                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* ZREM key member [member ...] */
function zrem(c: Client, argv: string[]): void {
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === null) return;
  if (z === undefined) return c.reply.raw(ZERO);
  let deleted = 0;
  let removed = false;
  for (let j = 2; j < argv.length; j++) {
    if (z.remove(argv[j])) deleted++;
    if (z.size === 0) {
      c.db.delete(key);
      removed = true;
      break;
    }
  }
  if (deleted) {
    c.server.events.notify('z', 'zrem', key, c.db.id);
    if (removed) c.server.events.notify('g', 'del', key, c.db.id);
    c.server.events.modified(c.db, key);
    c.server.dirty += deleted;
  }
  c.reply.integer(deleted);
}

/* ZCARD key */
function zcard(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  if (z === null) return;
  c.reply.integer(z === undefined ? 0 : z.size);
}

/* ZSCORE key member */
function zscore(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  if (z === null) return;
  const s = z?.score(argv[2]);
  if (s === undefined) return c.reply.null();
  c.reply.double(s);
}

/* ZMSCORE key member [member ...] */
function zmscore(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  if (z === null) return;
  c.reply.array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = z?.score(argv[j]);
    if (s === undefined) c.reply.null();
    else c.reply.double(s);
  }
}

/* ZRANK key member   /   ZREVRANK key member */
function zrankGeneric(c: Client, argv: string[], rev: boolean): void {
  const z = readZset(c, argv[1]);
  if (z === null) return;
  const r = z === undefined ? -1 : z.rank(argv[2]);
  if (r < 0) return c.reply.null();
  c.reply.integer(rev ? z!.size - 1 - r : r);
}

/* ZCOUNT key min max */
function zcount(c: Client, argv: string[]): void {
  const range = parseScoreRange(argv[2], argv[3]);
  if (range === null) return c.reply.error('ERR min or max is not a float');
  countGeneric(c, argv[1], scoreBounds(range));
}

/* ZLEXCOUNT key min max */
function zlexcount(c: Client, argv: string[]): void {
  const range = parseLexRange(argv[2], argv[3]);
  if (range === null) return c.reply.error('ERR min or max not valid string range item');
  countGeneric(c, argv[1], lexBounds(range));
}

function countGeneric(c: Client, key: string, b: Bounds): void {
  const z = readZset(c, key);
  if (z === null) return;
  if (z === undefined) return c.reply.raw(ZERO);
  const first = firstInRange(z, b);
  if (first < 0) return c.reply.raw(ZERO);
  if (z.compact) {
    // zzlCount: walk forward from the first while in range.
    let n = 0;
    z.walk(first, z.size - 1, false, (m, s) => {
      if (!b.lte(s, m)) return false;
      n++;
    });
    return c.reply.integer(n);
  }
  const last = lastInRange(z, b);
  c.reply.integer(last < first ? 0 : last - first + 1);
}

/* ------------------------------------------------------------------------------------------ */
/* ZRANGE family                                                                               */
/* ------------------------------------------------------------------------------------------ */

type RangeType = 'auto' | 'rank' | 'score' | 'lex';
type Direction = 'auto' | 'forward' | 'reverse';

/** Selects the elements of a rank range (genericZrangebyrankCommand's arithmetic). */
function rankRange(z: Zset, start: number, end: number, rev: boolean): Array<[string, number]> {
  const llen = z.size;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  const out: Array<[string, number]> = [];
  if (start > end || start >= llen) return out;
  if (end >= llen) end = llen - 1;
  if (!rev) z.walk(start, end, false, (m, s) => void out.push([m, s]));
  else z.walk(llen - 1 - start, llen - 1 - end, true, (m, s) => void out.push([m, s]));
  return out;
}

/**
 * Elements of a score or lex range with LIMIT (genericZrangebyscore/lexCommand): from the
 * first element in range (last, when reversed), skip `offset`, then take up to `limit`
 * (negative: all) while still in range.
 */
function boundedRange(z: Zset, b: Bounds, rev: boolean, offset: number, limit: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  if (offset < 0 || (offset > 0 && offset >= z.size)) return out;
  let i = rev ? lastInRange(z, b) : firstInRange(z, b);
  if (i < 0) return out;
  i = rev ? i - offset : i + offset;
  if (i < 0 || i >= z.size) return out;
  const check = rev ? b.gte : b.lte;
  z.walk(i, rev ? 0 : z.size - 1, rev, (m, s) => {
    if (limit === 0 || !check(s, m)) return false;
    out.push([m, s]);
    if (limit > 0) limit--;
  });
  return out;
}

/**
 * Redis's zrangeGenericCommand for ZRANGE, ZRANGESTORE and the legacy forms. `base` is the
 * index of the source key (1, or 2 for ZRANGESTORE); `store` the destination key.
 */
function zrangeGeneric(c: Client, argv: string[], base: number, store: string | null, rangeType: RangeType, direction: Direction): void {
  const key = argv[base];
  let minArg = argv[base + 1];
  let maxArg = argv[base + 2];
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = base + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const o = argv[j].toLowerCase();
    if (store === null && o === 'withscores') {
      withScores = true;
    } else if (o === 'limit' && left >= 2) {
      const off = longArg(c, argv[j + 1]);
      if (off === null) return;
      const lim = longArg(c, argv[j + 2]);
      if (lim === null) return;
      offset = off;
      limit = lim;
      j += 2;
    } else if (direction === 'auto' && o === 'rev') {
      direction = 'reverse';
    } else if (rangeType === 'auto' && o === 'bylex') {
      rangeType = 'lex';
    } else if (rangeType === 'auto' && o === 'byscore') {
      rangeType = 'score';
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  if (direction === 'auto') direction = 'forward';
  if (rangeType === 'auto') rangeType = 'rank';
  const rev = direction === 'reverse';
  if (limit !== -1 && rangeType === 'rank') {
    return c.reply.error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  }
  if (withScores && rangeType === 'lex') {
    return c.reply.error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  }
  if (rev && rangeType !== 'rank') [minArg, maxArg] = [maxArg, minArg];

  let start = 0;
  let end = 0;
  let bounds: Bounds | null = null;
  if (rangeType === 'rank') {
    const s = longArg(c, minArg);
    if (s === null) return;
    const e = longArg(c, maxArg);
    if (e === null) return;
    start = s;
    end = e;
  } else if (rangeType === 'score') {
    const r = parseScoreRange(minArg, maxArg);
    if (r === null) return c.reply.error('ERR min or max is not a float');
    bounds = scoreBounds(r);
  } else {
    const r = parseLexRange(minArg, maxArg);
    if (r === null) return c.reply.error('ERR min or max not valid string range item');
    bounds = lexBounds(r);
  }

  const z = store === null ? readZset(c, key) : writeZset(c, key);
  if (z === null) return;
  let items: Array<[string, number]>;
  if (z === undefined) items = [];
  else if (bounds === null) items = rankRange(z, start, end, rev);
  else items = boundedRange(z, bounds, rev, offset, limit);

  if (store === null) return replyEntries(c, items, withScores);
  storeResult(c, store, items, 'zrangestore', true);
}

/**
 * Writes a computed result to `dst` as the store commands do: a non-empty result replaces the
 * key (clearing its TTL) and is encoded by size; an empty one deletes it.
 */
function storeResult(c: Client, dst: string, items: Array<[string, number]>, event: string, sorted: boolean): void {
  const db = c.db;
  if (items.length > 0) {
    const z = sorted ? Zset.fromSorted(items, zsetLimits(c)) : Zset.fromEntries(items, zsetLimits(c));
    db.set(dst, z);
    c.server.events.modified(db, dst);
    c.server.events.notify('z', event, dst, db.id);
    c.server.events.ready(db, dst);
    c.server.dirty++;
    c.reply.integer(items.length);
  } else {
    c.reply.raw(ZERO);
    if (db.delete(dst)) {
      c.server.events.modified(db, dst);
      c.server.events.notify('g', 'del', dst, db.id);
      c.server.dirty++;
    }
  }
}

/* ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES] */
function zrange(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'auto', 'auto');
}

/* ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] */
function zrangestore(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 2, argv[1], 'auto', 'auto');
}

/* ZREVRANGE key start stop [WITHSCORES] */
function zrevrange(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'rank', 'reverse');
}

/* ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] */
function zrangebyscore(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'score', 'forward');
}

/* ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count] */
function zrevrangebyscore(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'score', 'reverse');
}

/* ZRANGEBYLEX key min max [LIMIT offset count] */
function zrangebylex(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'lex', 'forward');
}

/* ZREVRANGEBYLEX key max min [LIMIT offset count] */
function zrevrangebylex(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, null, 'lex', 'reverse');
}

/* ------------------------------------------------------------------------------------------ */
/* ZREMRANGEBY*                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* ZREMRANGEBYRANK key start stop / ZREMRANGEBYSCORE key min max / ZREMRANGEBYLEX key min max */
function zremrangeGeneric(c: Client, argv: string[], type: 'rank' | 'score' | 'lex'): void {
  const key = argv[1];
  let start = 0;
  let end = 0;
  let bounds: Bounds | null = null;
  if (type === 'rank') {
    const s = longArg(c, argv[2]);
    if (s === null) return;
    const e = longArg(c, argv[3]);
    if (e === null) return;
    start = s;
    end = e;
  } else if (type === 'score') {
    const r = parseScoreRange(argv[2], argv[3]);
    if (r === null) return c.reply.error('ERR min or max is not a float');
    bounds = scoreBounds(r);
  } else {
    const r = parseLexRange(argv[2], argv[3]);
    if (r === null) return c.reply.error('ERR min or max not valid string range item');
    bounds = lexBounds(r);
  }
  const z = writeZset(c, key);
  if (z === null) return;
  if (z === undefined) return c.reply.raw(ZERO);
  const llen = z.size;
  if (bounds === null) {
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (start > end || start >= llen) return c.reply.raw(ZERO);
    if (end >= llen) end = llen - 1;
  } else {
    // From the first element >= min, remove while <= max.
    start = bounds.empty ? llen : z.firstWhere(bounds.gte);
    end = start - 1;
    if (start < llen) {
      z.walk(start, llen - 1, false, (m, s) => {
        if (!bounds!.lte(s, m)) return false;
        end++;
      });
    }
    if (end < start) return c.reply.raw(ZERO);
  }
  const deleted = z.removeRange(start, end).length;
  const removed = z.size === 0;
  if (removed) c.db.delete(key);
  if (deleted) {
    c.server.events.modified(c.db, key);
    c.server.events.notify('z', 'zremrangeby' + type, key, c.db.id);
    if (removed) c.server.events.notify('g', 'del', key, c.db.id);
  }
  c.server.dirty += deleted;
  c.reply.integer(deleted);
}

/* ------------------------------------------------------------------------------------------ */
/* ZUNION / ZINTER / ZDIFF (+STORE), ZINTERCARD                                                */
/* ------------------------------------------------------------------------------------------ */

type SetOp = 'union' | 'inter' | 'diff';

/** An input of the set operations: a zset, a plain set (scores 1), or nothing. */
interface OpSource {
  /** Members with scores; null when the key is missing. */
  get: ((member: string) => number | undefined) | null;
  iter: () => Iterable<readonly [string, number]>;
  size: number;
  weight: number;
}

/** The plain-set shape we need from the set family's structure (it implements digestMembers). */
interface SetLike {
  readonly type: 'set';
  digestMembers(): Iterable<string>;
  has?(member: string): boolean;
  size?: number;
}

function sourceOf(v: unknown): OpSource | 'wrongtype' {
  if (v === undefined) return { get: null, iter: () => [], size: 0, weight: 1 };
  if (v instanceof Zset) return { get: (m) => v.score(m), iter: () => v.entries(), size: v.size, weight: 1 };
  if (typeof v === 'object' && v !== null && (v as SetLike).type === 'set') {
    const s = v as SetLike;
    let members: Set<string> | null = null;
    const all = (): Set<string> => (members ??= new Set(s.digestMembers()));
    return {
      get: (m) => ((s.has ? s.has(m) : all().has(m)) ? 1 : undefined),
      iter: function* () {
        for (const m of s.digestMembers()) yield [m, 1] as const;
      },
      size: typeof s.size === 'number' ? s.size : all().size,
      weight: 1,
    };
  }
  return 'wrongtype';
}

/** Sum that maps inf + -inf (NaN) to 0, as zunionInterAggregate. */
function aggregate(kind: 'sum' | 'min' | 'max', target: number, val: number): number {
  if (kind === 'sum') {
    const r = target + val;
    return Number.isNaN(r) ? 0 : r;
  }
  if (kind === 'min') return val < target ? val : target;
  return val > target ? val : target;
}

/**
 * Redis's zunionInterDiffGenericCommand. `numIdx` is the index of numkeys; `dst` the store
 * destination; `cardOnly` for ZINTERCARD.
 */
function zsetOpGeneric(c: Client, argv: string[], numIdx: number, dst: string | null, op: SetOp, cardOnly = false): void {
  const name = argv[0].toLowerCase();
  const setnum = parseLLNumber(argv[numIdx]);
  if (setnum === null) return c.reply.error(ERR.notInteger);
  if (setnum < 1) return c.reply.error(`ERR at least 1 input key is needed for '${name}' command`);
  if (setnum > argv.length - (numIdx + 1)) return c.reply.error(ERR.syntax);
  const db = c.db;
  const src: OpSource[] = [];
  let j = numIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const v = dst !== null ? db.lookup(argv[j]) : db.lookupRead(argv[j]);
    const s = sourceOf(v);
    if (s === 'wrongtype') return c.reply.error(ERR.wrongType);
    src.push(s);
  }
  let agg: 'sum' | 'min' | 'max' = 'sum';
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const o = argv[j].toLowerCase();
    if (op !== 'diff' && !cardOnly && remaining >= setnum + 1 && o === 'weights') {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseDouble(argv[j]);
        if (w === null) return c.reply.error('ERR weight value is not a float');
        src[i].weight = w;
      }
    } else if (op !== 'diff' && !cardOnly && remaining >= 2 && o === 'aggregate') {
      const a = argv[j + 1].toLowerCase();
      if (a !== 'sum' && a !== 'min' && a !== 'max') return c.reply.error(ERR.syntax);
      agg = a;
      j += 2;
    } else if (remaining >= 1 && dst === null && !cardOnly && o === 'withscores') {
      withScores = true;
      j++;
    } else if (cardOnly && remaining >= 2 && o === 'limit') {
      const l = parseLLNumber(argv[j + 1]);
      if (l === null || l < 0) return c.reply.error("ERR LIMIT can't be negative");
      limit = l;
      j += 2;
    } else {
      return c.reply.error(ERR.syntax);
    }
  }

  // Smallest first (a stable sort, as glibc's qsort merge sort); the minuend of a diff stays first.
  const ordered = op === 'diff' ? [src[0], ...src.slice(1)] : src.slice().sort((a, b) => a.size - b.size);
  const result = new Map<string, number>();
  if (op === 'inter') {
    const first = ordered[0];
    if (first.get !== null && first.size > 0) {
      outer: for (const [m, s0] of first.iter()) {
        let score = first.weight * s0;
        if (Number.isNaN(score)) score = 0;
        for (let k = 1; k < ordered.length; k++) {
          const other = ordered[k];
          const s = other.get === null ? undefined : other.get(m);
          if (s === undefined) continue outer;
          let v = other.weight * s;
          if (Number.isNaN(v)) v = 0;
          score = aggregate(agg, score, v);
        }
        if (cardOnly) {
          result.set(m, 0);
          if (limit && result.size >= limit) break;
        } else {
          result.set(m, score);
        }
      }
    }
  } else if (op === 'union') {
    for (const s of ordered) {
      if (s.get === null) continue;
      for (const [m, sc] of s.iter()) {
        let v = s.weight * sc;
        if (Number.isNaN(v)) v = 0;
        const cur = result.get(m);
        result.set(m, cur === undefined ? v : aggregate(agg, cur, v));
      }
    }
  } else {
    const first = ordered[0];
    if (first.get !== null) {
      outer: for (const [m, s0] of first.iter()) {
        for (let k = 1; k < ordered.length; k++) {
          const g = ordered[k].get;
          if (g !== null && g(m) !== undefined) continue outer;
        }
        result.set(m, s0);
      }
    }
  }

  if (cardOnly) return c.reply.integer(result.size);
  const items = Array.from(result);
  items.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (dst !== null) return storeResult(c, dst, items, `z${op}store`, true);
  replyEntries(c, items, withScores);
}

/* ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] */
function zunionstore(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 2, argv[1], 'union');
}
/* ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] */
function zinterstore(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 2, argv[1], 'inter');
}
/* ZDIFFSTORE destination numkeys key [key ...] */
function zdiffstore(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 2, argv[1], 'diff');
}
/* ZUNION numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] */
function zunion(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 1, null, 'union');
}
/* ZINTER numkeys key [key ...] [WEIGHTS weight ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] */
function zinter(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 1, null, 'inter');
}
/* ZDIFF numkeys key [key ...] [WITHSCORES] */
function zdiff(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 1, null, 'diff');
}
/* ZINTERCARD numkeys key [key ...] [LIMIT limit] */
function zintercard(c: Client, argv: string[]): void {
  zsetOpGeneric(c, argv, 1, null, 'inter', true);
}

/** Keys of a numkeys command: argv[numIdx] keys after it (COMMAND GETKEYS). */
function numkeysKeys(numIdx: number, extra: number[] = []): (argv: string[]) => number[] {
  return (argv) => {
    const n = Number(argv[numIdx]);
    const out = [...extra];
    if (!Number.isInteger(n) || n < 1) return out;
    for (let i = 0; i < n && numIdx + 1 + i < argv.length; i++) out.push(numIdx + 1 + i);
    return out;
  };
}

/* ------------------------------------------------------------------------------------------ */
/* ZPOPMIN / ZPOPMAX / ZMPOP and the blocking forms                                            */
/* ------------------------------------------------------------------------------------------ */

type Where = 'min' | 'max';

/**
 * Pops up to `count` elements from the zset at `key` (present, non-empty) and returns them;
 * announces the change (zpopmin/zpopmax, then del when emptied) and counts dirty.
 */
export function popFrom(c: Client, db: Database, key: string, z: Zset, where: Where, count: number): Array<[string, number]> {
  const n = Math.min(count, z.size);
  const out: Array<[string, number]> = [];
  if (n <= 0) return out;
  const start = where === 'min' ? 0 : z.size - n;
  const end = where === 'min' ? n - 1 : z.size - 1;
  z.walk(where === 'min' ? start : end, where === 'min' ? end : start, where === 'max', (m, s) => void out.push([m, s]));
  z.removeRange(start, end);
  c.server.events.notify('z', where === 'min' ? 'zpopmin' : 'zpopmax', key, db.id);
  if (z.size === 0) {
    db.delete(key);
    c.server.events.notify('g', 'del', key, db.id);
  }
  c.server.events.modified(db, key);
  c.server.dirty += out.length;
  return out;
}

/** Pop reply shapes (genericZpopCommand). */
function replyPopped(c: Client, key: string, items: Array<[string, number]>, emitKey: boolean, nested: boolean): void {
  const r = c.reply;
  if (emitKey && nested) {
    r.array(2);
    r.bulk(key);
    r.array(items.length);
  } else if (emitKey) {
    r.array(items.length * 2 + 1);
    r.bulk(key);
  } else if (nested) {
    r.array(items.length);
  } else {
    r.array(items.length * 2);
  }
  for (const [m, s] of items) {
    if (nested) r.array(2);
    r.bulk(m);
    r.double(s);
  }
}

/* ZPOPMIN key [count]   /   ZPOPMAX key [count] */
function zpopGeneric(c: Client, argv: string[], where: Where): void {
  if (argv.length > 3) return c.reply.error(ERR.syntax);
  let count = -1;
  if (argv.length === 3) {
    const n = parseLLNumber(argv[2]);
    if (n === null || n < 0) return c.reply.error('ERR value is out of range, must be positive');
    count = n;
  }
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === null) return;
  if (z === undefined || count === 0) return c.reply.raw(EMPTY_ARRAY);
  const items = popFrom(c, c.db, key, z, where, count === -1 ? 1 : count);
  replyPopped(c, key, items, false, argv.length === 3 && c.reply.proto === 3);
}

/** The first non-empty zset among keys: its key and object, null after WRONGTYPE, undefined if none. */
function firstNonEmpty(c: Client, keys: readonly string[]): [string, Zset] | null | undefined {
  for (const key of keys) {
    const z = writeZset(c, key);
    if (z === null) return null;
    if (z !== undefined && z.size > 0) return [key, z];
  }
  return undefined;
}

/** Parses ZMPOP/BZMPOP's numkeys, keys, MIN|MAX and COUNT from argv[numIdx]. */
function parseMpop(c: Client, argv: string[], numIdx: number): { keys: string[]; where: Where; count: number } | null {
  const numkeys = parseLLNumber(argv[numIdx]);
  if (numkeys === null || numkeys < 1) {
    c.reply.error('ERR numkeys should be greater than 0');
    return null;
  }
  const whereIdx = numIdx + numkeys + 1;
  if (whereIdx >= argv.length) {
    c.reply.error(ERR.syntax);
    return null;
  }
  const w = argv[whereIdx].toLowerCase();
  if (w !== 'min' && w !== 'max') {
    c.reply.error(ERR.syntax);
    return null;
  }
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && argv[j].toLowerCase() === 'count' && more) {
      j++;
      const n = parseLLNumber(argv[j]);
      if (n === null || n < 1) {
        c.reply.error('ERR count should be greater than 0');
        return null;
      }
      count = n;
    } else {
      c.reply.error(ERR.syntax);
      return null;
    }
  }
  return { keys: argv.slice(numIdx + 1, whereIdx), where: w, count: count === -1 ? 1 : count };
}

/* ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] */
function zmpop(c: Client, argv: string[]): void {
  const p = parseMpop(c, argv, 1);
  if (p === null) return;
  const found = firstNonEmpty(c, p.keys);
  if (found === null) return;
  if (found === undefined) return c.reply.nullArray();
  const items = popFrom(c, c.db, found[0], found[1], p.where, p.count);
  // Replicated as ZPOPMIN/ZPOPMAX key <number popped> (Redis 7.0).
  c.propagateAs(popArgv(found[0], p.where, items.length));
  replyPopped(c, found[0], items, true, true);
}

/** The non-blocking pop a replica runs for a (B)ZMPOP (with the number popped) or BZPOPMIN/MAX (without). */
function popArgv(key: string, where: Where, count: number | null): string[] {
  const name = where === 'min' ? 'ZPOPMIN' : 'ZPOPMAX';
  return count === null ? [name, key] : [name, key, String(count)];
}

/**
 * Redis's blockingGenericZpopCommand: pops at once from the first non-empty key, else blocks
 * until one of the keys holds a non-empty zset (serving pops from it) or the timeout.
 */
function blockingPop(c: Client, keys: string[], timeoutArg: string, where: Where, count: number, nested: boolean): void {
  const deadline = Blocking.parseTimeout(c, timeoutArg, 'seconds');
  if (deadline === null) return;
  const found = firstNonEmpty(c, keys);
  if (found === null) return;
  if (found !== undefined) {
    const items = popFrom(c, c.db, found[0], found[1], where, count);
    c.propagateAs(popArgv(found[0], where, nested ? items.length : null));
    return replyPopped(c, found[0], items, true, nested);
  }
  c.server.blocking.block(c, {
    keys,
    timeout: deadline,
    serve: (key) => {
      const db = c.db;
      const v = db.lookup(key);
      if (!(v instanceof Zset) || v.size === 0) return false;
      const items = popFrom(c, db, key, v, where, count);
      // Served after the command: the pop goes to the stream on its own.
      c.alsoPropagate(popArgv(key, where, nested ? items.length : null), db.id);
      replyPopped(c, key, items, true, nested);
      return true;
    },
    onTimeout: () => c.reply.nullArray(),
  });
}

/* BZPOPMIN key [key ...] timeout   /   BZPOPMAX key [key ...] timeout */
function bzpopGeneric(c: Client, argv: string[], where: Where): void {
  blockingPop(c, argv.slice(1, -1), argv[argv.length - 1], where, 1, false);
}

/* BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count] */
function bzmpop(c: Client, argv: string[]): void {
  const p = parseMpop(c, argv, 2);
  if (p === null) return;
  blockingPop(c, p.keys, argv[1], p.where, p.count, true);
}

/* ------------------------------------------------------------------------------------------ */
/* ZRANDMEMBER, ZSCAN                                                                          */
/* ------------------------------------------------------------------------------------------ */

const LONG_MAX = 9223372036854775807n;

/* ZRANDMEMBER key [count [WITHSCORES]] */
function zrandmember(c: Client, argv: string[]): void {
  if (argv.length >= 3) {
    const v = parseLL(argv[2]);
    if (v === null) return c.reply.error(ERR.notInteger);
    if (BigInt(v) < -LONG_MAX) {
      return c.reply.error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    }
    let withScores = false;
    if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== 'withscores')) return c.reply.error(ERR.syntax);
    if (argv.length === 4) {
      withScores = true;
      const b = BigInt(v);
      if (b < -LONG_MAX / 2n || b > LONG_MAX / 2n) return c.reply.error('ERR value is out of range');
    }
    return zrandmemberCount(c, argv[1], Number(v), withScores);
  }
  const z = readZset(c, argv[1]);
  if (z === null) return;
  if (z === undefined) return c.reply.null();
  c.reply.bulk(z.random()![0]);
}

function zrandmemberCount(c: Client, key: string, count: number, withScores: boolean): void {
  const z = readZset(c, key);
  if (z === null) return;
  if (z === undefined || count === 0) return c.reply.raw(EMPTY_ARRAY);
  const size = z.size;
  if (count < 0) {
    // Repetitions allowed: -count independent draws.
    const n = -count;
    const items: Array<[string, number]> = [];
    for (let i = 0; i < n; i++) items.push(z.random()!);
    return replyEntries(c, items, withScores);
  }
  // The whole set, from the highest rank down (what 7.0 answers).
  if (count >= size) return replyEntries(c, Array.from(z.entries()).reverse(), withScores);
  // Distinct members: partial Fisher-Yates over ranks (small counts) or rank sampling.
  const picked = new Set<number>();
  const items: Array<[string, number]> = [];
  if (count * 3 > size) {
    const ranks = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const k = i + Math.floor(Math.random() * (size - i));
      [ranks[i], ranks[k]] = [ranks[k], ranks[i]];
    }
    const all = Array.from(z.entries());
    for (let i = 0; i < count; i++) items.push(all[ranks[i]]);
  } else {
    while (items.length < count) {
      const r = Math.floor(Math.random() * size);
      if (picked.has(r)) continue;
      picked.add(r);
      items.push([z.memberAt(r), z.scoreAt(r)]);
    }
  }
  replyEntries(c, items, withScores);
}

/** Redis's parseScanCursorOrReply (strtoul rules), as a number. */
function parseCursor(s: string): number | null {
  if (s.length === 0) return 0;
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (m === null) return null;
  const v = BigInt(m[2]);
  if (v > (1n << 64n) - 1n) return null;
  const u = m[1] === '-' && v !== 0n ? (1n << 64n) - v : v;
  return Number(u);
}

/* ZSCAN key cursor [MATCH pattern] [COUNT count] */
function zscan(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[2]);
  if (cursor === null) return c.reply.error('ERR invalid cursor');
  const z = readZset(c, argv[1]);
  if (z === null) return;
  let count = 10;
  let pattern: string | null = null;
  for (let i = 3; i < argv.length; ) {
    const o = argv[i].toLowerCase();
    const more = argv.length - i >= 2;
    if (o === 'count' && more) {
      const n = parseLLNumber(argv[i + 1]);
      if (n === null) return c.reply.error(ERR.notInteger);
      if (n < 1) return c.reply.error(ERR.syntax);
      count = n;
    } else if (o === 'match' && more) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else {
      return c.reply.error(ERR.syntax);
    }
    i += 2;
  }
  if (z === undefined) {
    c.reply.array(2);
    c.reply.bulk('0');
    return c.reply.array(0);
  }
  const match = pattern === null ? null : compileGlob(pattern);
  const out: string[] = [];
  const next = z.scan(cursor > z.size ? 0 : cursor, count, (m, s) => {
    if (match !== null && !match(m)) return;
    out.push(m, formatScore(s));
  });
  c.reply.array(2);
  c.reply.bulk(String(next));
  c.reply.array(out.length);
  for (const s of out) c.reply.bulk(s);
}

/** Redis's d2string for scores in ZSCAN (same text as the %.17g replies). */
function formatScore(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) < 2 ** 52) return String(d);
  return formatDoubleText(d);
}

/* ------------------------------------------------------------------------------------------ */
/* Command table                                                                               */
/* ------------------------------------------------------------------------------------------ */

const g = { group: 'sorted-set' } as const;
const k1 = { firstKey: 1, lastKey: 1, step: 1 } as const;
const nokeys = { firstKey: 0, lastKey: 0, step: 0 } as const;

export const zsetCommands = [
  cmd({ name: 'zadd', arity: -4, flags: ['write', 'denyoom', 'fast'], ...k1, ...g, since: '1.2.0', summary: 'Add one or more members to a sorted set, or update its score if it already exists', complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.', keyFlags: ['RW', 'update'], handler: zadd }),
  cmd({ name: 'zincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], ...k1, ...g, since: '1.2.0', summary: 'Increment the score of a member in a sorted set', complexity: 'O(log(N)) where N is the number of elements in the sorted set.', keyFlags: ['RW', 'access', 'update'], handler: zincrby }),
  cmd({ name: 'zrem', arity: -3, flags: ['write', 'fast'], ...k1, ...g, since: '1.2.0', summary: 'Remove one or more members from a sorted set', complexity: 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.', keyFlags: ['RW', 'delete'], handler: zrem }),
  cmd({ name: 'zcard', arity: 2, flags: ['readonly', 'fast'], ...k1, ...g, since: '1.2.0', summary: 'Get the number of members in a sorted set', complexity: 'O(1)', keyFlags: ['RO'], handler: zcard }),
  cmd({ name: 'zscore', arity: 3, flags: ['readonly', 'fast'], ...k1, ...g, since: '1.2.0', summary: 'Get the score associated with the given member in a sorted set', complexity: 'O(1)', handler: zscore }),
  cmd({ name: 'zmscore', arity: -3, flags: ['readonly', 'fast'], ...k1, ...g, since: '6.2.0', summary: 'Get the score associated with the given members in a sorted set', complexity: 'O(N) where N is the number of members being requested.', handler: zmscore }),
  cmd({ name: 'zrank', arity: 3, flags: ['readonly', 'fast'], ...k1, ...g, since: '2.0.0', summary: 'Determine the index of a member in a sorted set', complexity: 'O(log(N))', handler: (c, a) => zrankGeneric(c, a, false) }),
  cmd({ name: 'zrevrank', arity: 3, flags: ['readonly', 'fast'], ...k1, ...g, since: '2.0.0', summary: 'Determine the index of a member in a sorted set, with scores ordered from high to low', complexity: 'O(log(N))', handler: (c, a) => zrankGeneric(c, a, true) }),
  cmd({ name: 'zcount', arity: 4, flags: ['readonly', 'fast'], ...k1, ...g, since: '2.0.0', summary: 'Count the members in a sorted set with scores within the given values', complexity: 'O(log(N)) with N being the number of elements in the sorted set.', handler: zcount }),
  cmd({ name: 'zlexcount', arity: 4, flags: ['readonly', 'fast'], ...k1, ...g, since: '2.8.9', summary: 'Count the number of members in a sorted set between a given lexicographical range', complexity: 'O(log(N)) with N being the number of elements in the sorted set.', handler: zlexcount }),
  cmd({ name: 'zrange', arity: -4, flags: ['readonly'], ...k1, ...g, since: '1.2.0', summary: 'Return a range of members in a sorted set', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.', handler: zrange }),
  cmd({ name: 'zrangestore', arity: -5, flags: ['write', 'denyoom'], firstKey: 1, lastKey: 2, step: 1, ...g, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Store a range of members from sorted set into another key', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.', keyFlags: ['OW', 'update'], handler: zrangestore }),
  cmd({ name: 'zrevrange', arity: -4, flags: ['readonly'], ...k1, ...g, since: '1.2.0', summary: 'Return a range of members in a sorted set, by index, with scores ordered from high to low', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.', handler: zrevrange }),
  cmd({ name: 'zrangebyscore', arity: -4, flags: ['readonly'], ...k1, ...g, since: '1.0.5', summary: 'Return a range of members in a sorted set, by score', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).', handler: zrangebyscore }),
  cmd({ name: 'zrevrangebyscore', arity: -4, flags: ['readonly'], ...k1, ...g, since: '2.2.0', summary: 'Return a range of members in a sorted set, by score, with scores ordered from high to low', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).', handler: zrevrangebyscore }),
  cmd({ name: 'zrangebylex', arity: -4, flags: ['readonly'], ...k1, ...g, since: '2.8.9', summary: 'Return a range of members in a sorted set, by lexicographical range', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).', handler: zrangebylex }),
  cmd({ name: 'zrevrangebylex', arity: -4, flags: ['readonly'], ...k1, ...g, since: '2.8.9', summary: 'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).', handler: zrevrangebylex }),
  cmd({ name: 'zremrangebyrank', arity: 4, flags: ['write'], ...k1, ...g, since: '2.0.0', summary: 'Remove all members in a sorted set within the given indexes', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', keyFlags: ['RW', 'delete'], handler: (c, a) => zremrangeGeneric(c, a, 'rank') }),
  cmd({ name: 'zremrangebyscore', arity: 4, flags: ['write'], ...k1, ...g, since: '1.2.0', summary: 'Remove all members in a sorted set within the given scores', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', keyFlags: ['RW', 'delete'], handler: (c, a) => zremrangeGeneric(c, a, 'score') }),
  cmd({ name: 'zremrangebylex', arity: 4, flags: ['write'], ...k1, ...g, since: '2.8.9', summary: 'Remove all members in a sorted set between the given lexicographical range', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', keyFlags: ['RW', 'delete'], handler: (c, a) => zremrangeGeneric(c, a, 'lex') }),
  cmd({ name: 'zunionstore', arity: -4, flags: ['write', 'denyoom'], ...k1, ...g, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '2.0.0', summary: 'Add multiple sorted sets and store the resulting sorted set in a new key', complexity: 'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.', keyFlags: ['OW', 'update'], getKeys: numkeysKeys(2, [1]), handler: zunionstore }),
  cmd({ name: 'zinterstore', arity: -4, flags: ['write', 'denyoom'], ...k1, ...g, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '2.0.0', summary: 'Intersect multiple sorted sets and store the resulting sorted set in a new key', complexity: 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.', keyFlags: ['OW', 'update'], getKeys: numkeysKeys(2, [1]), handler: zinterstore }),
  cmd({ name: 'zdiffstore', arity: -4, flags: ['write', 'denyoom'], ...k1, ...g, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '6.2.0', summary: 'Subtract multiple sorted sets and store the resulting sorted set in a new key', complexity: 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.', keyFlags: ['OW', 'update'], getKeys: numkeysKeys(2, [1]), handler: zdiffstore }),
  cmd({ name: 'zunion', arity: -3, flags: ['readonly'], ...nokeys, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '6.2.0', summary: 'Add multiple sorted sets', complexity: 'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.', getKeys: numkeysKeys(1), handler: zunion }),
  cmd({ name: 'zinter', arity: -3, flags: ['readonly'], ...nokeys, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '6.2.0', summary: 'Intersect multiple sorted sets', complexity: 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.', getKeys: numkeysKeys(1), handler: zinter }),
  cmd({ name: 'zdiff', arity: -3, flags: ['readonly'], ...nokeys, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '6.2.0', summary: 'Subtract multiple sorted sets', complexity: 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.', getKeys: numkeysKeys(1), handler: zdiff }),
  cmd({ name: 'zintercard', arity: -3, flags: ['readonly'], ...nokeys, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Intersect multiple sorted sets and return the cardinality of the result', complexity: 'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.', getKeys: numkeysKeys(1), handler: zintercard }),
  cmd({ name: 'zpopmin', arity: -2, flags: ['write', 'fast'], ...k1, ...g, since: '5.0.0', summary: 'Remove and return members with the lowest scores in a sorted set', complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.', keyFlags: ['RW', 'access', 'delete'], handler: (c, a) => zpopGeneric(c, a, 'min') }),
  cmd({ name: 'zpopmax', arity: -2, flags: ['write', 'fast'], ...k1, ...g, since: '5.0.0', summary: 'Remove and return members with the highest scores in a sorted set', complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.', keyFlags: ['RW', 'access', 'delete'], handler: (c, a) => zpopGeneric(c, a, 'max') }),
  cmd({ name: 'zmpop', arity: -4, flags: ['write'], ...nokeys, ...g, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Remove and return members with scores in a sorted set', complexity: 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.', keyFlags: ['RW', 'access', 'delete'], getKeys: numkeysKeys(1), handler: zmpop }),
  cmd({ name: 'bzpopmin', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], firstKey: 1, lastKey: -2, step: 1, ...g, since: '5.0.0', summary: 'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available', complexity: 'O(log(N)) with N being the number of elements in the sorted set.', keyFlags: ['RW', 'access', 'delete'], handler: (c, a) => bzpopGeneric(c, a, 'min') }),
  cmd({ name: 'bzpopmax', arity: -3, flags: ['write', 'noscript', 'blocking', 'fast'], firstKey: 1, lastKey: -2, step: 1, ...g, since: '5.0.0', summary: 'Remove and return the member with the highest score from one or more sorted sets, or block until one is available', complexity: 'O(log(N)) with N being the number of elements in the sorted set.', keyFlags: ['RW', 'access', 'delete'], handler: (c, a) => bzpopGeneric(c, a, 'max') }),
  cmd({ name: 'bzmpop', arity: -5, flags: ['write', 'blocking'], ...nokeys, ...g, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 2 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Remove and return members with scores in a sorted set or block until one is available', complexity: 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.', keyFlags: ['RW', 'access', 'delete'], getKeys: numkeysKeys(2), handler: bzmpop }),
  cmd({ name: 'zrandmember', arity: -2, flags: ['readonly'], ...k1, ...g, since: '6.2.0', summary: 'Get one or multiple random elements from a sorted set', complexity: 'O(N) where N is the number of elements returned', tips: ['nondeterministic_output'], handler: zrandmember }),
  cmd({ name: 'zscan', arity: -3, flags: ['readonly'], ...k1, ...g, since: '2.8.0', summary: 'Incrementally iterate sorted sets elements and associated scores', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..', tips: ['nondeterministic_output'], handler: zscan }),
] satisfies CommandSpec[];
