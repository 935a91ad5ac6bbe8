/**
 * Hash family (Redis's t_hash.c). The structure lives in src/store/types/hash.ts; here are
 * argument parsing, encoding conversion by the configured thresholds, replies, notifications.
 * Also home of the SCAN-style helpers HSCAN and SSCAN share.
 */
import type { Client } from '../server/client.js';
import type { Value } from '../store/db.js';
import { HashObject } from '../store/types/hash.js';
import { compileGlob } from '../store/glob.js';
import { ERR, OK, ZERO, ONE } from '../protocol/shared.js';
import { addLD, formatLongDouble, INT64_MAX, INT64_MIN, parseLL, parseLLNumber, parseLongDouble, type LongDouble } from './string.js';
import { cmd, type CommandSpec } from './types.js';
import { lookupOfType } from './lookup.js';

/* ------------------------------------------------------------------------------------------ */
/* Shared helpers (also used by the set family)                                                */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX) for HRANDFIELD/SRANDMEMBER counts.
 * Returns the count, or null after replying the error.
 */
export function parseRandomCount(c: Client, s: string): number | null {
  const v = parseLL(s);
  if (v === null) {
    c.reply.error(ERR.notInteger);
    return null;
  }
  if (typeof v === 'bigint' && v === INT64_MIN) {
    c.reply.error('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    return null;
  }
  return Number(v);
}

/**
 * Redis's parseScanCursorOrReply: strtoul in base 10 (a sign is accepted and "-1" wraps), no
 * leading space, nothing after the digits. Returns the cursor or null after replying.
 */
export function parseScanCursor(c: Client, s: string): number | null {
  if (s.length === 0) return 0;
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (m !== null) {
    const v = BigInt(m[2]);
    const max = (1n << 64n) - 1n;
    if (v <= max) {
      const u = m[1] === '-' && v !== 0n ? (1n << 64n) - v : v;
      // Petrel's cursors are positions (< 2^32); anything larger restarts from the top.
      return u > 0xffffffffn ? 0xffffffff : Number(u);
    }
  }
  c.reply.error('ERR invalid cursor');
  return null;
}

export interface ScanOptions {
  count: number;
  match: ((s: string) => boolean) | null;
}

/** The options of HSCAN/SSCAN/ZSCAN from argv[from] on (COUNT, MATCH). Null after replying. */
export function parseScanOptions(c: Client, argv: string[], from: number): ScanOptions | null {
  let count = 10;
  let match: ((s: string) => boolean) | null = null;
  for (let i = from; i < argv.length; i += 2) {
    const opt = argv[i].toLowerCase();
    const more = i + 1 < argv.length;
    if (opt === 'count' && more) {
      const n = parseLLNumber(argv[i + 1]);
      if (n === null) {
        c.reply.error(ERR.notInteger);
        return null;
      }
      if (n < 1) {
        c.reply.error(ERR.syntax);
        return null;
      }
      count = n;
    } else if (opt === 'match' && more) {
      const pat = argv[i + 1];
      match = pat === '*' ? null : compileGlob(pat);
    } else {
      c.reply.error(ERR.syntax);
      return null;
    }
  }
  return { count, match };
}

/** The empty SCAN reply for a missing key: ["0", []]. */
export function replyEmptyScan(c: Client): void {
  c.reply.array(2);
  c.reply.bulk('0');
  c.reply.array(0);
}

/**
 * `n` distinct random indexes in [0, size) (0 < n < size), as Redis's SRANDMEMBER/HRANDFIELD
 * cases 3 and 4: remove random ones from a full list when n is close to size, else sample.
 */
export function distinctRandomIndexes(size: number, n: number): number[] {
  if (n * 3 > size) {
    const all = new Array<number>(size);
    for (let i = 0; i < size; i++) all[i] = i;
    for (let left = size; left > n; left--) {
      const j = Math.floor(Math.random() * left);
      all[j] = all[left - 1];
    }
    all.length = n;
    return all;
  }
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(Math.random() * size));
  return [...picked];
}

/* ------------------------------------------------------------------------------------------ */
/* Lookups and conversion                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** The hash at key for reading; undefined when missing, null after replying WRONGTYPE. */
function readHash(c: Client, key: string): HashObject | undefined | null {
  return lookupOfType<HashObject>(c, key, 'hash');
}

/** The hash at key for writing; undefined when missing, null after replying WRONGTYPE. */
function writeHash(c: Client, key: string): HashObject | undefined | null {
  return lookupOfType<HashObject>(c, key, 'hash', true);
}

/** Redis's hashTypeLookupWriteOrCreate: the hash, created empty (not yet stored) when missing. */
function writeOrCreate(c: Client, key: string): HashObject | null {
  const h = writeHash(c, key);
  if (h === null) return null;
  if (h !== undefined) return h;
  const created = new HashObject();
  c.db.set(key, created);
  return created;
}

/**
 * Sets one field, converting to a hashtable as Redis does: a field or value longer than
 * hash-max-listpack-value, or more entries than hash-max-listpack-entries. True when new.
 */
export function hashSet(c: Client, h: HashObject, field: string, value: string): boolean {
  if (!h.isTable) {
    const maxValue = c.server.config.num('hash-max-listpack-value');
    if (field.length > maxValue || value.length > maxValue) h.convertToTable();
  }
  const added = h.set(field, value);
  if (added && !h.isTable && h.size > c.server.config.num('hash-max-listpack-entries')) h.convertToTable();
  return added;
}

function written(c: Client, key: string, event: string, changes: number): void {
  c.server.events.modified(c.db, key);
  c.server.events.notify('h', event, key, c.db.id);
  c.server.dirty += changes;
}

/* ------------------------------------------------------------------------------------------ */
/* Commands                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** HSET and HMSET: the same work, HMSET replies OK. */
function hsetGeneric(c: Client, argv: string[], okReply: boolean): void {
  if (argv.length % 2 === 1) return c.reply.error(ERR.wrongArgs(argv[0].toLowerCase()));
  const h = writeOrCreate(c, argv[1]);
  if (h === null) return;
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) if (hashSet(c, h, argv[i], argv[i + 1])) created++;
  written(c, argv[1], 'hset', (argv.length - 2) / 2);
  if (okReply) c.reply.raw(OK);
  else c.reply.integer(created);
}

/* HSET key field value [field value ...] */
function hset(c: Client, argv: string[]): void {
  hsetGeneric(c, argv, false);
}

/* HMSET key field value [field value ...] */
function hmset(c: Client, argv: string[]): void {
  hsetGeneric(c, argv, true);
}

/* HSETNX key field value */
function hsetnx(c: Client, argv: string[]): void {
  const h = writeHash(c, argv[1]);
  if (h === null) return;
  if (h !== undefined && h.has(argv[2])) return c.reply.raw(ZERO);
  const target = h ?? writeOrCreate(c, argv[1])!;
  hashSet(c, target, argv[2], argv[3]);
  written(c, argv[1], 'hset', 1);
  c.reply.raw(ONE);
}

/* HGET key field */
function hget(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  if (h === null) return;
  c.reply.bulk(h === undefined ? null : h.get(argv[2]) ?? null);
}

/* HMGET key field [field ...] */
function hmget(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  if (h === null) return;
  c.reply.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.reply.bulk(h === undefined ? null : h.get(argv[i]) ?? null);
}

/* HDEL key field [field ...] */
function hdel(c: Client, argv: string[]): void {
  const key = argv[1];
  const h = writeHash(c, key);
  if (h === null) return;
  if (h === undefined) return c.reply.raw(ZERO);
  let deleted = 0;
  let keyRemoved = false;
  for (let i = 2; i < argv.length; i++) {
    if (h.delete(argv[i])) {
      deleted++;
      if (h.size === 0) {
        c.db.delete(key);
        keyRemoved = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    written(c, key, 'hdel', deleted);
    if (keyRemoved) c.server.events.notify('g', 'del', key, c.db.id);
  }
  c.reply.integer(deleted);
}

/* HLEN key */
function hlen(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  if (h === null) return;
  c.reply.integer(h === undefined ? 0 : h.size);
}

/* HSTRLEN key field */
function hstrlen(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  if (h === null) return;
  c.reply.integer(h === undefined ? 0 : h.get(argv[2])?.length ?? 0);
}

/* HEXISTS key field */
function hexists(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  if (h === null) return;
  c.reply.raw(h !== undefined && h.has(argv[2]) ? ONE : ZERO);
}

const KEYS = 1;
const VALS = 2;

/** HKEYS / HVALS / HGETALL (Redis's genericHgetallCommand). */
function getAll(c: Client, key: string, what: number): void {
  const h = readHash(c, key);
  if (h === null) return;
  const n = h === undefined ? 0 : h.size;
  if (what === (KEYS | VALS)) c.reply.map(n);
  else c.reply.array(n);
  if (h === undefined) return;
  const kv = h.flat();
  for (let i = 0; i < kv.length; i += 2) {
    if (what & KEYS) c.reply.bulk(kv[i]);
    if (what & VALS) c.reply.bulk(kv[i + 1]);
  }
}

/* HKEYS key */
function hkeys(c: Client, argv: string[]): void {
  getAll(c, argv[1], KEYS);
}

/* HVALS key */
function hvals(c: Client, argv: string[]): void {
  getAll(c, argv[1], VALS);
}

/* HGETALL key */
function hgetall(c: Client, argv: string[]): void {
  getAll(c, argv[1], KEYS | VALS);
}

/* HINCRBY key field increment */
function hincrby(c: Client, argv: string[]): void {
  const inc = parseLL(argv[3]);
  if (inc === null) return c.reply.error(ERR.notInteger);
  const h = writeOrCreate(c, argv[1]);
  if (h === null) return;
  const cur = h.get(argv[2]);
  let value: number | bigint = 0;
  if (cur !== undefined) {
    const parsed = parseLL(cur);
    if (parsed === null) return c.reply.error('ERR hash value is not an integer');
    value = parsed;
  }
  let result: number | bigint;
  if (typeof value === 'number' && typeof inc === 'number' && Number.isSafeInteger(value + inc)) {
    result = value + inc;
  } else {
    const sum = BigInt(value) + BigInt(inc);
    if (sum > INT64_MAX || sum < INT64_MIN) return c.reply.error(ERR.overflow);
    result = sum;
  }
  hashSet(c, h, argv[2], String(result));
  written(c, argv[1], 'hincrby', 1);
  c.reply.integer(result);
}

/* HINCRBYFLOAT key field increment */
function hincrbyfloat(c: Client, argv: string[]): void {
  const inc = parseLongDouble(argv[3]);
  if (inc === null) return c.reply.error(ERR.notFloat);
  if (typeof inc === 'number') return c.reply.error('ERR value is NaN or Infinity');
  const h = writeOrCreate(c, argv[1]);
  if (h === null) return;
  const cur = h.get(argv[2]);
  let value: LongDouble | number = { neg: false, m: 0n, e: 0 };
  if (cur !== undefined) {
    const parsed = parseLongDouble(cur);
    if (parsed === null) return c.reply.error('ERR hash value is not a float');
    value = parsed;
  }
  const sum = typeof value === 'number' ? null : addLD(value, inc);
  if (sum === null) return c.reply.error('ERR increment would produce NaN or Infinity');
  const out = formatLongDouble(sum);
  hashSet(c, h, argv[2], out);
  written(c, argv[1], 'hincrbyfloat', 1);
  // Replicas store the master's result, not their own float arithmetic.
  c.propagateAs(['HSET', argv[1], argv[2], out]);
  c.reply.bulk(out);
}

const HALF_LONG_MAX = INT64_MAX / 2n;

/* HRANDFIELD key [count [WITHVALUES]] */
function hrandfield(c: Client, argv: string[]): void {
  if (argv.length >= 3) {
    const l = parseRandomCount(c, argv[2]);
    if (l === null) return;
    let withValues = false;
    if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== 'withvalues')) {
      return c.reply.error(ERR.syntax);
    } else if (argv.length === 4) {
      withValues = true;
      // Redis doubles the count for the flat reply and refuses what would overflow (exact
      // comparison: the bound is not representable as a double).
      const b = BigInt(parseLL(argv[2])!);
      if (b < -HALF_LONG_MAX || b > HALF_LONG_MAX) return c.reply.error('ERR value is out of range');
    }
    return hrandfieldWithCount(c, argv[1], l, withValues);
  }
  const h = readHash(c, argv[1]);
  if (h === null) return;
  if (h === undefined) return c.reply.null();
  c.reply.bulk(h.fieldAt(h.randomIndex()));
}

function replyPair(c: Client, h: HashObject, i: number, withValues: boolean): void {
  if (withValues && c.reply.proto === 3) c.reply.array(2);
  c.reply.bulk(h.fieldAt(i));
  if (withValues) c.reply.bulk(h.valueAt(i));
}

function hrandfieldWithCount(c: Client, key: string, l: number, withValues: boolean): void {
  const h = readHash(c, key);
  if (h === null) return;
  if (h === undefined || l === 0) return c.reply.array(0);
  const unique = l >= 0;
  const count = Math.abs(l);
  const size = h.size;
  const flat = withValues && c.reply.proto === 2;
  // Case 1: repetitions allowed (or a single pick).
  if (!unique || count === 1) {
    c.reply.array(flat ? count * 2 : count);
    for (let n = 0; n < count; n++) replyPair(c, h, h.randomIndex(), withValues);
    return;
  }
  // Case 2: the whole hash, in its order.
  if (count >= size) {
    c.reply.array(flat ? size * 2 : size);
    for (let i = 0; i < size; i++) replyPair(c, h, i, withValues);
    return;
  }
  // Cases 3 and 4: distinct random fields.
  const picks = distinctRandomIndexes(size, count);
  c.reply.array(flat ? count * 2 : count);
  for (const i of picks) replyPair(c, h, i, withValues);
}

/* HSCAN key cursor [MATCH pattern] [COUNT count] */
function hscan(c: Client, argv: string[]): void {
  const cursor = parseScanCursor(c, argv[2]);
  if (cursor === null) return;
  const h = readHash(c, argv[1]);
  if (h === null) return;
  if (h === undefined) return replyEmptyScan(c);
  const opts = parseScanOptions(c, argv, 3);
  if (opts === null) return;
  const out: string[] = [];
  let next = 0;
  const visit = (f: string, v: string): void => {
    if (opts.match === null || opts.match(f)) out.push(f, v);
  };
  if (h.isTable) {
    next = h.scan(cursor, opts.count, visit);
  } else {
    // A listpack is returned whole in one call, as Redis does.
    const kv = h.flat();
    for (let i = 0; i < kv.length; i += 2) visit(kv[i], kv[i + 1]);
  }
  c.reply.array(2);
  c.reply.bulk(String(next));
  c.reply.array(out.length);
  for (const s of out) c.reply.bulk(s);
}

/* ------------------------------------------------------------------------------------------ */

const g = { firstKey: 1, lastKey: 1, step: 1, group: 'hash' } as const;
const WF = ['write', 'denyoom', 'fast'] as const;
const RF = ['readonly', 'fast'] as const;
const NONDET = 'nondeterministic_output';
const NONDET_ORDER = 'nondeterministic_output_order';

export const hashCommands = [
  cmd({ name: 'hset', arity: -4, flags: WF, ...g, since: '2.0.0', summary: 'Set the string value of a hash field', complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.', handler: hset }),
  cmd({ name: 'hsetnx', arity: 4, flags: WF, ...g, keyFlags: ['RW', 'insert'], since: '2.0.0', summary: 'Set the value of a hash field, only if the field does not exist', complexity: 'O(1)', handler: hsetnx }),
  cmd({ name: 'hmset', arity: -4, flags: WF, ...g, since: '2.0.0', summary: 'Set multiple hash fields to multiple values', complexity: 'O(N) where N is the number of fields being set.', handler: hmset }),
  cmd({ name: 'hget', arity: 3, flags: RF, ...g, since: '2.0.0', summary: 'Get the value of a hash field', complexity: 'O(1)', handler: hget }),
  cmd({ name: 'hmget', arity: -3, flags: RF, ...g, since: '2.0.0', summary: 'Get the values of all the given hash fields', complexity: 'O(N) where N is the number of fields being requested.', handler: hmget }),
  cmd({ name: 'hdel', arity: -3, flags: ['write', 'fast'], ...g, keyFlags: ['RW', 'delete'], since: '2.0.0', summary: 'Delete one or more hash fields', complexity: 'O(N) where N is the number of fields to be removed.', handler: hdel }),
  cmd({ name: 'hlen', arity: 2, flags: RF, ...g, keyFlags: ['RO'], since: '2.0.0', summary: 'Get the number of fields in a hash', complexity: 'O(1)', handler: hlen }),
  cmd({ name: 'hstrlen', arity: 3, flags: RF, ...g, keyFlags: ['RO'], since: '3.2.0', summary: 'Get the length of the value of a hash field', complexity: 'O(1)', handler: hstrlen }),
  cmd({ name: 'hexists', arity: 3, flags: RF, ...g, keyFlags: ['RO'], since: '2.0.0', summary: 'Determine if a hash field exists', complexity: 'O(1)', handler: hexists }),
  cmd({ name: 'hkeys', arity: 2, flags: ['readonly'], ...g, tips: [NONDET_ORDER], since: '2.0.0', summary: 'Get all the fields in a hash', complexity: 'O(N) where N is the size of the hash.', handler: hkeys }),
  cmd({ name: 'hvals', arity: 2, flags: ['readonly'], ...g, tips: [NONDET_ORDER], since: '2.0.0', summary: 'Get all the values in a hash', complexity: 'O(N) where N is the size of the hash.', handler: hvals }),
  cmd({ name: 'hgetall', arity: 2, flags: ['readonly'], ...g, tips: [NONDET_ORDER], since: '2.0.0', summary: 'Get all the fields and values in a hash', complexity: 'O(N) where N is the size of the hash.', handler: hgetall }),
  cmd({ name: 'hincrby', arity: 4, flags: WF, ...g, keyFlags: ['RW', 'access', 'update'], since: '2.0.0', summary: 'Increment the integer value of a hash field by the given number', complexity: 'O(1)', handler: hincrby }),
  cmd({ name: 'hincrbyfloat', arity: 4, flags: WF, ...g, keyFlags: ['RW', 'access', 'update'], since: '2.6.0', summary: 'Increment the float value of a hash field by the given amount', complexity: 'O(1)', handler: hincrbyfloat }),
  cmd({ name: 'hrandfield', arity: -2, flags: ['readonly'], ...g, tips: [NONDET], since: '6.2.0', summary: 'Get one or multiple random fields from a hash', complexity: 'O(N) where N is the number of fields returned', handler: hrandfield }),
  cmd({ name: 'hscan', arity: -3, flags: ['readonly'], ...g, tips: [NONDET], since: '2.8.0', summary: 'Incrementally iterate hash fields and associated values', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..', handler: hscan }),
] satisfies CommandSpec[];
