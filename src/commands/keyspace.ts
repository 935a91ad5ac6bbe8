/**
 * Generic keyspace family (Redis's db.c and expire.c commands). Values of every type go through
 * typeOf()/DataObject, so these commands work for types added later.
 */
import type { Client } from '../server/client.js';
import { typeOf, type Database, type Value } from '../store/db.js';
import { compileGlob } from '../store/glob.js';
import { ERR, OK, ZERO, ONE } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';
import { keyWritten, parseLL, parseLLNumber, stringEncoding, stringRefcount, INT64_MAX, INT64_MIN } from './string.js';

const SAME_OBJECT = 'ERR source and destination objects are the same';

/* DEL key [key ...] (UNLINK is the same here: values are freed by the GC either way) */
function del(c: Client, argv: string[]): void {
  const db = c.db;
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i];
    if (db.expires.size > 0) db.expireIfNeeded(key);
    if (db.delete(key)) {
      keyWritten(c, key, 'g', 'del');
      n++;
    }
  }
  c.server.dirty += n;
  c.reply.integer(n);
}

/* EXISTS key [key ...] (a key named twice counts twice) */
function exists(c: Client, argv: string[]): void {
  const db = c.db;
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (db.lookupRead(argv[i]) !== undefined) n++;
  c.reply.integer(n);
}

/* TOUCH key [key ...] */
function touch(c: Client, argv: string[]): void {
  exists(c, argv);
}

/* TYPE key */
function type(c: Client, argv: string[]): void {
  const v = c.db.lookupRead(argv[1]);
  c.reply.simple(v === undefined ? 'none' : typeOf(v));
}

/* KEYS pattern */
function keys(c: Client, argv: string[]): void {
  const db = c.db;
  const match = compileGlob(argv[1]);
  const dict = db.dict;
  const now = Date.now();
  const out: string[] = [];
  // Expired keys are hidden, not deleted (Redis's keyIsExpired in KEYS).
  for (let i = 0; i < dict.size; i++) {
    const k = dict.keyAt(i);
    if (match(k) && !db.isExpired(k, now)) out.push(k);
  }
  c.reply.array(out.length);
  for (const k of out) c.reply.bulk(k);
}

/**
 * Redis's parseScanCursorOrReply: strtoul in base 10 (a sign is accepted and "-1" wraps), no
 * leading space, nothing after the digits, within unsigned long. Returns the cursor or null.
 */
function parseCursor(s: string): bigint | null {
  if (s.length === 0) return 0n;
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (m === null) return null;
  const v = BigInt(m[2]);
  const max = (1n << 64n) - 1n;
  if (v > max) return null;
  return m[1] === '-' && v !== 0n ? (1n << 64n) - v : v;
}

/* SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] */
function scan(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[1]);
  if (cursor === null) return c.reply.error('ERR invalid cursor');
  let count = 10;
  let pattern: string | null = null;
  let typeName: string | null = null;
  for (let i = 2; i < argv.length; ) {
    const opt = argv[i].toLowerCase();
    const more = argv.length - i >= 2;
    if (opt === 'count' && more) {
      const n = parseLLNumber(argv[i + 1]);
      if (n === null) return c.reply.error(ERR.notInteger);
      if (n < 1) return c.reply.error(ERR.syntax);
      count = n;
    } else if (opt === 'match' && more) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else if (opt === 'type' && more) {
      typeName = argv[i + 1];
    } else {
      return c.reply.error(ERR.syntax);
    }
    i += 2;
  }
  const db = c.db;
  const found: string[] = [];
  const start = cursor > BigInt(db.dict.size) ? 0 : Number(cursor);
  const next = db.dict.scan(start, count, (k) => {
    found.push(k);
  });
  // Filter after the walk (deleting expired keys during it would move slots).
  const match = pattern === null ? null : compileGlob(pattern);
  const out: string[] = [];
  for (const k of found) {
    if (match !== null && !match(k)) continue;
    const v = db.lookup(k);
    if (v === undefined) continue;
    if (typeName !== null && typeName.toLowerCase() !== typeOf(v)) continue;
    out.push(k);
  }
  c.reply.array(2);
  c.reply.bulk(String(next));
  c.reply.array(out.length);
  for (const k of out) c.reply.bulk(k);
}

/* RANDOMKEY */
function randomkey(c: Client): void {
  const k = c.db.randomKey();
  c.reply.bulk(k === undefined ? null : k);
}

/** Redis's renameGenericCommand. */
function renameGeneric(c: Client, argv: string[], nx: boolean): void {
  const db = c.db;
  const src = argv[1];
  const dst = argv[2];
  const v = db.lookup(src);
  if (v === undefined) return c.reply.error(ERR.noSuchKey);
  if (src === dst) return nx ? c.reply.raw(ZERO) : c.reply.raw(OK);
  const when = db.getExpire(src);
  if (db.lookup(dst) !== undefined) {
    if (nx) return c.reply.raw(ZERO);
    db.delete(dst);
  }
  db.delete(src);
  db.set(dst, v);
  if (when !== undefined) db.setExpire(dst, when);
  keyWritten(c, src, 'g', 'rename_from');
  keyWritten(c, dst, 'g', 'rename_to');
  c.server.dirty++;
  if (nx) c.reply.raw(ONE);
  else c.reply.raw(OK);
}

/* RENAME key newkey */
function rename(c: Client, argv: string[]): void {
  renameGeneric(c, argv, false);
}

/* RENAMENX key newkey */
function renamenx(c: Client, argv: string[]): void {
  renameGeneric(c, argv, true);
}

/**
 * Redis's getIntFromObjectOrReply + selectDb for a db index argument. Returns the database or
 * null after replying.
 */
function dbArg(c: Client, arg: string): Database | null {
  const n = parseLLNumber(arg);
  if (n === null) {
    c.reply.error(ERR.notInteger);
    return null;
  }
  if (n < -2147483648 || n > 2147483647) {
    c.reply.error('ERR value is out of range, value must between -2147483648 and 2147483647');
    return null;
  }
  const dbs = c.server.keyspace.dbs;
  if (n < 0 || n >= dbs.length) {
    c.reply.error(ERR.dbIndex);
    return null;
  }
  return dbs[n];
}

/* MOVE key db */
function move(c: Client, argv: string[]): void {
  const src = c.db;
  const dst = dbArg(c, argv[2]);
  if (dst === null) return;
  if (dst === src) return c.reply.error(SAME_OBJECT);
  const key = argv[1];
  const v = src.lookup(key);
  if (v === undefined) return c.reply.raw(ZERO);
  const when = src.getExpire(key);
  if (dst.lookup(key) !== undefined) return c.reply.raw(ZERO);
  dst.set(key, v);
  if (when !== undefined) dst.setExpire(key, when);
  src.delete(key);
  const ev = c.server.events;
  ev.modified(src, key);
  ev.modified(dst, key);
  ev.notify('g', 'move_from', key, src.id);
  ev.notify('g', 'move_to', key, dst.id);
  c.server.dirty++;
  c.reply.raw(ONE);
}

/** A deep copy of a value for COPY; strings are immutable and shared. */
function cloneValue(v: Value): Value | null {
  if (typeof v === 'string') return v;
  return v.clone ? v.clone() : null;
}

/* COPY source destination [DB destination-db] [REPLACE] */
function copy(c: Client, argv: string[]): void {
  const src = c.db;
  let dst = src;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'replace') {
      replace = true;
    } else if (opt === 'db' && j + 1 < argv.length) {
      const d = dbArg(c, argv[++j]);
      if (d === null) return;
      dst = d;
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  const key = argv[1];
  const newkey = argv[2];
  if (src === dst && key === newkey) return c.reply.error(SAME_OBJECT);
  const v = src.lookupRead(key);
  if (v === undefined) return c.reply.raw(ZERO);
  const when = src.getExpire(key);
  const exists = dst.lookup(newkey) !== undefined;
  if (exists && !replace) return c.reply.raw(ZERO);
  const dup = cloneValue(v);
  if (dup === null) return c.reply.error(`ERR COPY of a ${typeOf(v)} is not supported by Petrel yet`);
  if (exists) dst.delete(newkey);
  dst.set(newkey, dup);
  if (when !== undefined) dst.setExpire(newkey, when);
  c.server.events.modified(dst, newkey);
  c.server.events.notify('g', 'copy_to', newkey, dst.id);
  c.server.dirty++;
  c.reply.raw(ONE);
}

/* ------------------------------------------------------------------------------------------ */
/* Expiry                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const EX_NX = 1;
const EX_XX = 2;
const EX_GT = 4;
const EX_LT = 8;

/** An absolute time in ms as an integer string that stays within int64 (huge doubles round up). */
export function absMsString(when: number): string {
  if (Number.isSafeInteger(when)) return String(when);
  const b = BigInt(Math.trunc(when));
  return (b > INT64_MAX ? INT64_MAX : b < INT64_MIN ? INT64_MIN : b).toString();
}

/**
 * Redis's expireGenericCommand (7.0). `base` is now for relative forms, 0 for absolute ones.
 * Negative times are allowed; a time already past deletes the key (except on a replica).
 */
function expireGeneric(c: Client, argv: string[], base: number, seconds: boolean, name: string): void {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'nx') flags |= EX_NX;
    else if (opt === 'xx') flags |= EX_XX;
    else if (opt === 'gt') flags |= EX_GT;
    else if (opt === 'lt') flags |= EX_LT;
    else return c.reply.error(`ERR Unsupported option ${argv[j]}`);
  }
  if (flags & EX_NX && flags & (EX_XX | EX_GT | EX_LT)) {
    return c.reply.error('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EX_GT && flags & EX_LT) {
    return c.reply.error('ERR GT and LT options at the same time are not compatible');
  }
  const n = parseLL(argv[2]);
  if (n === null) return c.reply.error(ERR.notInteger);
  let when: number;
  if (typeof n === 'number' && Math.abs(n) < 9e12) {
    when = (seconds ? n * 1000 : n) + base;
  } else {
    let b = BigInt(n);
    if (seconds) {
      // C's truncating division: LLONG_MAX/1000 and LLONG_MIN/1000.
      if (b > INT64_MAX / 1000n || b < INT64_MIN / 1000n) return c.reply.error(ERR.invalidExpire(name));
      b *= 1000n;
    }
    if (b > INT64_MAX - BigInt(base)) return c.reply.error(ERR.invalidExpire(name));
    when = Number(b + BigInt(base));
  }
  const db = c.db;
  const key = argv[1];
  if (db.lookup(key) === undefined) return c.reply.raw(ZERO);
  if (flags) {
    const cur = db.getExpire(key);
    if (flags & EX_NX && cur !== undefined) return c.reply.raw(ZERO);
    if (flags & EX_XX && cur === undefined) return c.reply.raw(ZERO);
    // No TTL counts as infinite: GT always fails, LT always succeeds.
    if (flags & EX_GT && (cur === undefined || when <= cur)) return c.reply.raw(ZERO);
    if (flags & EX_LT && cur !== undefined && when >= cur) return c.reply.raw(ZERO);
  }
  if (when <= Date.now() && !c.server.keyspace.replicaMode) {
    db.delete(key);
    keyWritten(c, key, 'g', 'del');
    // Replicated as an explicit deletion, as Redis 7.0 does.
    c.propagateAs([c.server.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key]);
  } else {
    db.setExpire(key, when);
    keyWritten(c, key, 'g', 'expire');
    // Replicated as PEXPIREAT <absolute ms>, keeping the options (Redis rewrites argv 0 and 2).
    if (base !== 0 || seconds) {
      const out = argv.slice();
      out[0] = 'PEXPIREAT';
      out[2] = absMsString(when);
      c.propagateAs(out);
    }
  }
  c.server.dirty++;
  c.reply.raw(ONE);
}

/* EXPIRE key seconds [NX | XX | GT | LT] */
function expire(c: Client, argv: string[]): void {
  expireGeneric(c, argv, Date.now(), true, 'expire');
}

/* PEXPIRE key milliseconds [NX | XX | GT | LT] */
function pexpire(c: Client, argv: string[]): void {
  expireGeneric(c, argv, Date.now(), false, 'pexpire');
}

/* EXPIREAT key unix-time-seconds [NX | XX | GT | LT] */
function expireat(c: Client, argv: string[]): void {
  expireGeneric(c, argv, 0, true, 'expireat');
}

/* PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT] */
function pexpireat(c: Client, argv: string[]): void {
  expireGeneric(c, argv, 0, false, 'pexpireat');
}

/** Redis's ttlGenericCommand: -2 no key, -1 no TTL. */
function ttlGeneric(c: Client, key: string, ms: boolean, absolute: boolean): void {
  const db = c.db;
  if (db.lookupRead(key) === undefined) return c.reply.integer(-2);
  const when = db.getExpire(key);
  if (when === undefined) return c.reply.integer(-1);
  if (absolute) return c.reply.integer(ms ? when : Math.trunc(when / 1000));
  let ttl = when - Date.now();
  if (ttl < 0) ttl = 0;
  c.reply.integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

/* TTL key */
function ttl(c: Client, argv: string[]): void {
  ttlGeneric(c, argv[1], false, false);
}

/* PTTL key */
function pttl(c: Client, argv: string[]): void {
  ttlGeneric(c, argv[1], true, false);
}

/* EXPIRETIME key */
function expiretime(c: Client, argv: string[]): void {
  ttlGeneric(c, argv[1], false, true);
}

/* PEXPIRETIME key */
function pexpiretime(c: Client, argv: string[]): void {
  ttlGeneric(c, argv[1], true, true);
}

/* PERSIST key */
function persist(c: Client, argv: string[]): void {
  const db = c.db;
  if (db.lookup(argv[1]) === undefined) return c.reply.raw(ZERO);
  if (!db.persist(argv[1])) return c.reply.raw(ZERO);
  keyWritten(c, argv[1], 'g', 'persist');
  c.server.dirty++;
  c.reply.raw(ONE);
}

/* ------------------------------------------------------------------------------------------ */
/* OBJECT                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** What Redis 7.0 reports for a fresh value of each type when the type does not say. */
const DEFAULT_ENCODING: Record<string, string> = {
  list: 'quicklist',
  set: 'hashtable',
  zset: 'skiplist',
  hash: 'hashtable',
  stream: 'stream',
};

/** The value for OBJECT subcommands (no stats, like Redis's LOOKUP_NOTOUCH|LOOKUP_NONOTIFY). */
function objectLookup(c: Client, key: string): Value | undefined {
  const v = c.db.peek(key);
  if (v === undefined) c.reply.null();
  return v;
}

/* OBJECT ENCODING key */
function objectEncoding(c: Client, argv: string[]): void {
  const v = objectLookup(c, argv[2]);
  if (v === undefined) return;
  if (typeof v === 'string') return c.reply.bulk(c.db.isRawString(argv[2]) ? 'raw' : stringEncoding(v));
  c.reply.bulk(v.encoding ? v.encoding() : DEFAULT_ENCODING[v.type] ?? 'raw');
}

/* OBJECT REFCOUNT key */
function objectRefcount(c: Client, argv: string[]): void {
  const v = objectLookup(c, argv[2]);
  if (v === undefined) return;
  c.reply.integer(typeof v === 'string' ? stringRefcount(v) : 1);
}

/* OBJECT IDLETIME key */
function objectIdletime(c: Client, argv: string[]): void {
  const v = objectLookup(c, argv[2]);
  if (v === undefined) return;
  if (c.server.config.str('maxmemory-policy').includes('lfu')) {
    return c.reply.error('ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
  }
  c.reply.integer(c.db.idleSeconds(argv[2]));
}

/* OBJECT FREQ key (Redis tracks frequency only under an LFU maxmemory policy; Petrel has none) */
function objectFreq(c: Client, argv: string[]): void {
  const v = objectLookup(c, argv[2]);
  if (v === undefined) return;
  c.reply.error(
    'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  );
}

const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

/* OBJECT HELP */
function objectHelp(c: Client): void {
  c.reply.array(OBJECT_HELP.length);
  for (const line of OBJECT_HELP) c.reply.simple(line);
}

/* ------------------------------------------------------------------------------------------ */

const g = { group: 'generic' } as const;
const k1 = { firstKey: 1, lastKey: 1, step: 1, group: 'generic' } as const;
const k2 = { firstKey: 2, lastKey: 2, step: 1, group: 'generic' } as const;
const EXPIRE_CX = 'O(1)';

export const keyspaceCommands = [
  cmd({ name: 'del', arity: -2, flags: ['write'], firstKey: 1, lastKey: -1, step: 1, ...g, tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], keyFlags: ['RM', 'delete'], since: '1.0.0', summary: 'Delete a key', complexity: 'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).', handler: del }),
  cmd({ name: 'unlink', arity: -2, flags: ['write', 'fast'], firstKey: 1, lastKey: -1, step: 1, ...g, tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], keyFlags: ['RM', 'delete'], since: '4.0.0', summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', complexity: 'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.', handler: del }),
  cmd({ name: 'exists', arity: -2, flags: ['readonly', 'fast'], firstKey: 1, lastKey: -1, step: 1, ...g, tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], keyFlags: ['RO'], since: '1.0.0', summary: 'Determine if a key exists', complexity: 'O(N) where N is the number of keys to check.', handler: exists }),
  cmd({ name: 'touch', arity: -2, flags: ['readonly', 'fast'], firstKey: 1, lastKey: -1, step: 1, ...g, tips: ['request_policy:multi_shard', 'response_policy:agg_sum'], keyFlags: ['RO'], since: '3.2.1', summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.', complexity: 'O(N) where N is the number of keys that will be touched.', handler: touch }),
  cmd({ name: 'type', arity: 2, flags: ['readonly', 'fast'], ...k1, keyFlags: ['RO'], since: '1.0.0', summary: 'Determine the type stored at key', complexity: 'O(1)', handler: type }),
  cmd({ name: 'keys', arity: 2, flags: ['readonly'], firstKey: 0, lastKey: 0, step: 0, ...g, acl: ['dangerous'], tips: ['request_policy:all_shards', 'nondeterministic_output_order'], since: '1.0.0', summary: 'Find all keys matching the given pattern', complexity: 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.', handler: keys }),
  cmd({ name: 'scan', arity: -2, flags: ['readonly'], firstKey: 0, lastKey: 0, step: 0, ...g, tips: ['nondeterministic_output', 'request_policy:special'], since: '2.8.0', summary: 'Incrementally iterate the keys space', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.', handler: scan }),
  cmd({ name: 'randomkey', arity: 1, flags: ['readonly'], firstKey: 0, lastKey: 0, step: 0, ...g, tips: ['request_policy:all_shards', 'nondeterministic_output'], since: '1.0.0', summary: 'Return a random key from the keyspace', complexity: 'O(1)', handler: randomkey }),
  cmd({ name: 'rename', arity: 3, flags: ['write'], firstKey: 1, lastKey: 2, step: 1, ...g, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Rename a key', complexity: 'O(1)', handler: rename }),
  cmd({ name: 'renamenx', arity: 3, flags: ['write', 'fast'], firstKey: 1, lastKey: 2, step: 1, ...g, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Rename a key, only if the new key does not exist', complexity: 'O(1)', handler: renamenx }),
  cmd({ name: 'move', arity: 3, flags: ['write', 'fast'], ...k1, keyFlags: ['RW', 'access', 'update'], since: '1.0.0', summary: 'Move a key to another database', complexity: 'O(1)', handler: move }),
  cmd({ name: 'copy', arity: -3, flags: ['write', 'denyoom'], firstKey: 1, lastKey: 2, step: 1, ...g, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['OW', 'update'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Copy a key', complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.', handler: copy }),
  cmd({ name: 'expire', arity: -3, flags: ['write', 'fast'], ...k1, since: '1.0.0', summary: "Set a key's time to live in seconds", complexity: EXPIRE_CX, handler: expire }),
  cmd({ name: 'pexpire', arity: -3, flags: ['write', 'fast'], ...k1, since: '2.6.0', summary: "Set a key's time to live in milliseconds", complexity: EXPIRE_CX, handler: pexpire }),
  cmd({ name: 'expireat', arity: -3, flags: ['write', 'fast'], ...k1, since: '1.2.0', summary: 'Set the expiration for a key as a UNIX timestamp', complexity: EXPIRE_CX, handler: expireat }),
  cmd({ name: 'pexpireat', arity: -3, flags: ['write', 'fast'], ...k1, since: '2.6.0', summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', complexity: EXPIRE_CX, handler: pexpireat }),
  cmd({ name: 'ttl', arity: 2, flags: ['readonly', 'fast'], ...k1, tips: ['nondeterministic_output'], since: '1.0.0', summary: 'Get the time to live for a key in seconds', complexity: 'O(1)', handler: ttl }),
  cmd({ name: 'pttl', arity: 2, flags: ['readonly', 'fast'], ...k1, tips: ['nondeterministic_output'], since: '2.6.0', summary: 'Get the time to live for a key in milliseconds', complexity: 'O(1)', handler: pttl }),
  cmd({ name: 'expiretime', arity: 2, flags: ['readonly', 'fast'], ...k1, since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key', complexity: 'O(1)', handler: expiretime }),
  cmd({ name: 'pexpiretime', arity: 2, flags: ['readonly', 'fast'], ...k1, since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key in milliseconds', complexity: 'O(1)', handler: pexpiretime }),
  cmd({ name: 'persist', arity: 2, flags: ['write', 'fast'], ...k1, since: '2.2.0', summary: 'Remove the expiration from a key', complexity: 'O(1)', handler: persist }),
  cmd({
    name: 'object', arity: -2, flags: [], firstKey: 0, lastKey: 0, step: 0, ...g, since: '2.2.3', summary: 'A container for object introspection commands', complexity: 'Depends on subcommand.',
    subcommands: [
      cmd({ name: 'encoding', arity: 3, flags: ['readonly'], ...k2, tips: ['nondeterministic_output'], keyFlags: ['RO'], since: '2.2.3', summary: 'Inspect the internal encoding of a Redis object', complexity: 'O(1)', handler: objectEncoding }),
      cmd({ name: 'freq', arity: 3, flags: ['readonly'], ...k2, tips: ['nondeterministic_output'], keyFlags: ['RO'], since: '4.0.0', summary: 'Get the logarithmic access frequency counter of a Redis object', complexity: 'O(1)', handler: objectFreq }),
      cmd({ name: 'idletime', arity: 3, flags: ['readonly'], ...k2, tips: ['nondeterministic_output'], keyFlags: ['RO'], since: '2.2.3', summary: 'Get the time since a Redis object was last accessed', complexity: 'O(1)', handler: objectIdletime }),
      cmd({ name: 'refcount', arity: 3, flags: ['readonly'], ...k2, tips: ['nondeterministic_output'], keyFlags: ['RO'], since: '2.2.3', summary: 'Get the number of references to the value of the key', complexity: 'O(1)', handler: objectRefcount }),
      cmd({ name: 'help', arity: 2, flags: ['loading', 'stale'], firstKey: 0, lastKey: 0, step: 0, ...g, since: '6.2.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: objectHelp }),
    ],
  }),
] satisfies CommandSpec[];
