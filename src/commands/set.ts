/**
 * Set family (Redis's t_set.c, 7.0 behaviour). The structure lives in src/store/types/set.ts.
 * Random commands compute the exact members they remove before touching the set, so
 * replication can later propagate them as SREM.
 */
import type { Client } from '../server/client.js';
import { SetObject } from '../store/types/set.js';
import { ERR, ZERO, ONE } from '../protocol/shared.js';
import { parseLL } from './string.js';
import { distinctRandomIndexes, parseRandomCount, parseScanCursor, parseScanOptions, replyEmptyScan } from './hash.js';
import { cmd, type CommandSpec } from './types.js';
import { lookupOfType } from './lookup.js';

/* ------------------------------------------------------------------------------------------ */
/* Lookups                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The set at key; undefined when missing, null after replying WRONGTYPE. */
function getSet(c: Client, key: string, write: boolean): SetObject | undefined | null {
  return lookupOfType<SetObject>(c, key, 'set', write);
}

function maxIntset(c: Client): number {
  return c.server.config.num('set-max-intset-entries');
}

/** Redis's setTypeCreate: an intset when the first member is an integer, else a hashtable. */
function createFor(first: string): SetObject {
  return parseLL(first) !== null ? SetObject.empty() : SetObject.emptyTable();
}

function changed(c: Client, key: string, event: string): void {
  c.server.events.modified(c.db, key);
  c.server.events.notify('s', event, key, c.db.id);
}

/** Deletes an emptied set's key and tells so ('g' del). */
function removeIfEmpty(c: Client, key: string, s: SetObject): boolean {
  if (s.size !== 0) return false;
  c.db.delete(key);
  c.server.events.notify('g', 'del', key, c.db.id);
  return true;
}

/** Replies a set's members (RESP3 set type) in the structure's order. */
function replyMembers(c: Client, s: SetObject): void {
  const n = s.size;
  c.reply.set(n);
  for (let i = 0; i < n; i++) c.reply.bulk(s.at(i));
}

/* ------------------------------------------------------------------------------------------ */
/* Single-key commands                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* SADD key member [member ...] */
function sadd(c: Client, argv: string[]): void {
  const key = argv[1];
  let s = getSet(c, key, true);
  if (s === null) return;
  if (s === undefined) {
    s = createFor(argv[2]);
    c.db.set(key, s);
  }
  const max = maxIntset(c);
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (s.add(argv[i], max)) added++;
  if (added > 0) changed(c, key, 'sadd');
  c.server.dirty += added;
  c.reply.integer(added);
}

/* SREM key member [member ...] */
function srem(c: Client, argv: string[]): void {
  const key = argv[1];
  const s = getSet(c, key, true);
  if (s === null) return;
  if (s === undefined) return c.reply.raw(ZERO);
  let deleted = 0;
  let emptied = false;
  for (let i = 2; i < argv.length; i++) {
    if (s.delete(argv[i])) {
      deleted++;
      if (s.size === 0) {
        c.db.delete(key);
        emptied = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    changed(c, key, 'srem');
    if (emptied) c.server.events.notify('g', 'del', key, c.db.id);
    c.server.dirty += deleted;
  }
  c.reply.integer(deleted);
}

/* SMOVE source destination member */
function smove(c: Client, argv: string[]): void {
  const [, srcKey, dstKey, member] = argv;
  const srcV = c.db.lookup(srcKey);
  const dstV = c.db.lookup(dstKey);
  if (srcV === undefined) return c.reply.raw(ZERO);
  if (typeof srcV === 'string' || srcV.type !== 'set') return c.reply.error(ERR.wrongType);
  if (dstV !== undefined && (typeof dstV === 'string' || dstV.type !== 'set')) return c.reply.error(ERR.wrongType);
  const src = srcV as SetObject;
  if (src === dstV) return c.reply.raw(src.has(member) ? ONE : ZERO);
  if (!src.delete(member)) return c.reply.raw(ZERO);
  c.server.events.notify('s', 'srem', srcKey, c.db.id);
  removeIfEmpty(c, srcKey, src);
  let dst = dstV as SetObject | undefined;
  if (dst === undefined) {
    dst = createFor(member);
    c.db.set(dstKey, dst);
  }
  c.server.events.modified(c.db, srcKey);
  c.server.dirty++;
  if (dst.add(member, maxIntset(c))) {
    c.server.dirty++;
    changed(c, dstKey, 'sadd');
  }
  c.reply.raw(ONE);
}

/* SISMEMBER key member */
function sismember(c: Client, argv: string[]): void {
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  c.reply.raw(s !== undefined && s.has(argv[2]) ? ONE : ZERO);
}

/* SMISMEMBER key member [member ...] */
function smismember(c: Client, argv: string[]): void {
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  c.reply.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.reply.raw(s !== undefined && s.has(argv[i]) ? ONE : ZERO);
}

/* SCARD key */
function scard(c: Client, argv: string[]): void {
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  c.reply.integer(s === undefined ? 0 : s.size);
}

/* SMEMBERS key */
function smembers(c: Client, argv: string[]): void {
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  if (s === undefined) return c.reply.set(0);
  replyMembers(c, s);
}

/* SPOP key [count] */
function spop(c: Client, argv: string[]): void {
  if (argv.length === 3) return spopWithCount(c, argv);
  if (argv.length > 3) return c.reply.error(ERR.syntax);
  const key = argv[1];
  const s = getSet(c, key, true);
  if (s === null) return;
  if (s === undefined) return c.reply.null();
  const m = s.pop();
  changed(c, key, 'spop');
  removeIfEmpty(c, key, s);
  c.server.dirty++;
  // The replica removes the member the master drew (Redis: SREM key member).
  c.propagateAs(['SREM', key, m]);
  c.reply.bulk(m);
}

/** SPOP with a count (Redis's spopWithCountCommand): the popped members are known up front. */
function spopWithCount(c: Client, argv: string[]): void {
  const key = argv[1];
  const l = parseLL(argv[2]);
  if (l === null || l < 0) return c.reply.error('ERR value is out of range, must be positive');
  const s = getSet(c, key, true);
  if (s === null) return;
  if (s === undefined || l === 0) return c.reply.set(0);
  const count = Number(l);
  const size = s.size;
  c.server.events.notify('s', 'spop', key, c.db.id);
  c.server.dirty += count;
  // Case 1: everything goes; the key is deleted.
  if (count >= size) {
    replyMembers(c, s);
    c.db.delete(key);
    c.server.events.notify('g', 'del', key, c.db.id);
    c.server.events.modified(c.db, key);
    c.propagateAs([c.server.config.bool('lazyfree-lazy-server-del') ? 'UNLINK' : 'DEL', key]);
    return;
  }
  const remaining = size - count;
  let popped: string[];
  if (remaining * 5 > count) {
    // Case 2: pop `count` random members one by one.
    popped = new Array<string>(count);
    for (let i = 0; i < count; i++) popped[i] = s.pop();
  } else {
    // Case 3: keep `remaining` random members in a new set (which may become an intset again,
    // as in Redis) and return the others.
    const keep = new Set(distinctRandomIndexes(size, remaining));
    const fresh = createFor(s.at(keep.values().next().value as number));
    const max = maxIntset(c);
    popped = [];
    for (let i = 0; i < size; i++) {
      if (keep.has(i)) fresh.add(s.at(i), max);
      else popped.push(s.at(i));
    }
    c.db.replace(key, fresh);
  }
  c.server.events.modified(c.db, key);
  // One SREM per member drawn (Redis 7.0; several get MULTI/EXEC around them), not SPOP itself.
  for (const m of popped) c.alsoPropagate(['SREM', key, m]);
  c.preventPropagation();
  c.reply.set(popped.length);
  for (const m of popped) c.reply.bulk(m);
}

/* SRANDMEMBER key [count] */
function srandmember(c: Client, argv: string[]): void {
  if (argv.length === 3) return srandmemberWithCount(c, argv);
  if (argv.length > 3) return c.reply.error(ERR.syntax);
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  if (s === undefined) return c.reply.null();
  c.reply.bulk(s.random());
}

function srandmemberWithCount(c: Client, argv: string[]): void {
  const l = parseRandomCount(c, argv[2]);
  if (l === null) return;
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  if (s === undefined || l === 0) return c.reply.array(0);
  const unique = l >= 0;
  const count = Math.abs(l);
  const size = s.size;
  if (!unique || count === 1) {
    c.reply.array(count);
    for (let i = 0; i < count; i++) c.reply.bulk(s.random());
    return;
  }
  if (count >= size) {
    c.reply.array(size);
    for (let i = 0; i < size; i++) c.reply.bulk(s.at(i));
    return;
  }
  const picks = distinctRandomIndexes(size, count);
  c.reply.array(count);
  for (const i of picks) c.reply.bulk(s.at(i));
}

/* SSCAN key cursor [MATCH pattern] [COUNT count] */
function sscan(c: Client, argv: string[]): void {
  const cursor = parseScanCursor(c, argv[2]);
  if (cursor === null) return;
  const s = getSet(c, argv[1], false);
  if (s === null) return;
  if (s === undefined) return replyEmptyScan(c);
  const opts = parseScanOptions(c, argv, 3);
  if (opts === null) return;
  const out: string[] = [];
  const visit = (m: string): void => {
    if (opts.match === null || opts.match(m)) out.push(m);
  };
  let next = 0;
  if (s.isIntset) {
    // An intset is returned whole in one call, as Redis does.
    for (const m of s) visit(m);
  } else {
    next = s.scan(cursor, opts.count, visit);
  }
  c.reply.array(2);
  c.reply.bulk(String(next));
  c.reply.array(out.length);
  for (const m of out) c.reply.bulk(m);
}

/* ------------------------------------------------------------------------------------------ */
/* Multi-key operations                                                                        */
/* ------------------------------------------------------------------------------------------ */

/**
 * The sets at keys (null entries for missing keys), or undefined after replying WRONGTYPE.
 * Every key is type-checked, even after a missing one, as Redis does.
 */
function loadSets(c: Client, keys: string[], write: boolean): (SetObject | null)[] | undefined {
  const out: (SetObject | null)[] = [];
  for (const k of keys) {
    const v = write ? c.db.lookup(k) : c.db.lookupRead(k);
    if (v === undefined) {
      out.push(null);
      continue;
    }
    if (typeof v === 'string' || v.type !== 'set') {
      c.reply.error(ERR.wrongType);
      return undefined;
    }
    out.push(v as SetObject);
  }
  return out;
}

/** Stores a computed set at dstKey (or deletes dstKey when empty) and replies its size. */
function storeResult(c: Client, dstKey: string, result: SetObject, event: string): void {
  if (result.size > 0) {
    c.db.set(dstKey, result);
    c.server.events.modified(c.db, dstKey);
    c.reply.integer(result.size);
    c.server.events.notify('s', event, dstKey, c.db.id);
    c.server.dirty++;
    return;
  }
  c.reply.raw(ZERO);
  if (c.db.lookup(dstKey) !== undefined && c.db.delete(dstKey)) {
    c.server.dirty++;
    c.server.events.modified(c.db, dstKey);
    c.server.events.notify('g', 'del', dstKey, c.db.id);
  }
}

/**
 * Redis's sinterGenericCommand. dstKey: store the result; cardOnly: reply the cardinality,
 * stopping at `limit` when it is > 0.
 */
function interGeneric(c: Client, keys: string[], dstKey: string | null, cardOnly: boolean, limit: number): void {
  const sets = loadSets(c, keys, dstKey !== null);
  if (sets === undefined) return;
  if (sets.includes(null)) {
    if (dstKey !== null) storeResult(c, dstKey, SetObject.empty(), 'sinterstore');
    else if (cardOnly) c.reply.raw(ZERO);
    else c.reply.set(0);
    return;
  }
  const ordered = (sets as SetObject[]).slice().sort((a, b) => a.size - b.size);
  const [smallest, ...others] = ordered;
  if (cardOnly) {
    let card = 0;
    for (const m of smallest) {
      if (others.every((o) => o === smallest || o.has(m))) {
        card++;
        if (limit > 0 && card >= limit) break;
      }
    }
    return c.reply.integer(card);
  }
  const result = SetObject.empty();
  const max = maxIntset(c);
  for (const m of smallest) if (others.every((o) => o === smallest || o.has(m))) result.add(m, max);
  if (dstKey !== null) return storeResult(c, dstKey, result, 'sinterstore');
  replyMembers(c, result);
}

const UNION = 0;
const DIFF = 1;

/** Redis's sunionDiffGenericCommand. */
function unionDiffGeneric(c: Client, keys: string[], dstKey: string | null, op: number): void {
  const sets = loadSets(c, keys, dstKey !== null);
  if (sets === undefined) return;
  const result = SetObject.empty();
  const max = maxIntset(c);
  if (op === UNION) {
    for (const s of sets) if (s !== null) for (const m of s) result.add(m, max);
  } else if (sets[0] !== null) {
    const first = sets[0];
    const rest = sets.slice(1).filter((s): s is SetObject => s !== null);
    if (!rest.includes(first)) {
      for (const m of first) if (!rest.some((o) => o.has(m))) result.add(m, max);
    }
  }
  if (dstKey !== null) return storeResult(c, dstKey, result, op === UNION ? 'sunionstore' : 'sdiffstore');
  replyMembers(c, result);
}

/* SINTER key [key ...] */
function sinter(c: Client, argv: string[]): void {
  interGeneric(c, argv.slice(1), null, false, 0);
}

/* SINTERSTORE destination key [key ...] */
function sinterstore(c: Client, argv: string[]): void {
  interGeneric(c, argv.slice(2), argv[1], false, 0);
}

/* SINTERCARD numkeys key [key ...] [LIMIT limit] */
function sintercard(c: Client, argv: string[]): void {
  const n = parseLL(argv[1]);
  if (n === null || n < 1) return c.reply.error('ERR numkeys should be greater than 0');
  if (n > argv.length - 2) return c.reply.error("ERR Number of keys can't be greater than number of args");
  const numkeys = Number(n);
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    if (argv[j].toLowerCase() === 'limit' && j + 1 < argv.length) {
      const l = parseLL(argv[++j]);
      if (l === null || l < 0) return c.reply.error("ERR LIMIT can't be negative");
      limit = Number(l);
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  interGeneric(c, argv.slice(2, 2 + numkeys), null, true, limit);
}

/* SUNION key [key ...] */
function sunion(c: Client, argv: string[]): void {
  unionDiffGeneric(c, argv.slice(1), null, UNION);
}

/* SUNIONSTORE destination key [key ...] */
function sunionstore(c: Client, argv: string[]): void {
  unionDiffGeneric(c, argv.slice(2), argv[1], UNION);
}

/* SDIFF key [key ...] */
function sdiff(c: Client, argv: string[]): void {
  unionDiffGeneric(c, argv.slice(1), null, DIFF);
}

/* SDIFFSTORE destination key [key ...] */
function sdiffstore(c: Client, argv: string[]): void {
  unionDiffGeneric(c, argv.slice(2), argv[1], DIFF);
}

/** SINTERCARD's keys: numkeys at argv[1], then that many keys. */
function sintercardKeys(argv: string[]): number[] {
  const n = parseLL(argv[1] ?? '');
  if (n === null || n < 1 || n > argv.length - 2) return [];
  const out: number[] = [];
  for (let i = 0; i < Number(n); i++) out.push(2 + i);
  return out;
}

/* ------------------------------------------------------------------------------------------ */

const g = { firstKey: 1, lastKey: 1, step: 1, group: 'set' } as const;
const multi = { firstKey: 1, lastKey: -1, step: 1, group: 'set' } as const;
const RF = ['readonly', 'fast'] as const;
const NONDET = 'nondeterministic_output';
const NONDET_ORDER = 'nondeterministic_output_order';

export const setCommands = [
  cmd({ name: 'sadd', arity: -3, flags: ['write', 'denyoom', 'fast'], ...g, keyFlags: ['RW', 'insert'], since: '1.0.0', summary: 'Add one or more members to a set', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', handler: sadd }),
  cmd({ name: 'srem', arity: -3, flags: ['write', 'fast'], ...g, keyFlags: ['RW', 'delete'], since: '1.0.0', summary: 'Remove one or more members from a set', complexity: 'O(N) where N is the number of members to be removed.', handler: srem }),
  cmd({ name: 'scard', arity: 2, flags: RF, ...g, keyFlags: ['RO'], since: '1.0.0', summary: 'Get the number of members in a set', complexity: 'O(1)', handler: scard }),
  cmd({ name: 'sismember', arity: 3, flags: RF, ...g, keyFlags: ['RO'], since: '1.0.0', summary: 'Determine if a given value is a member of a set', complexity: 'O(1)', handler: sismember }),
  cmd({ name: 'smismember', arity: -3, flags: RF, ...g, since: '6.2.0', summary: 'Returns the membership associated with the given elements for a set', complexity: 'O(N) where N is the number of elements being checked for membership', handler: smismember }),
  cmd({ name: 'smembers', arity: 2, flags: ['readonly'], ...g, tips: [NONDET_ORDER], since: '1.0.0', summary: 'Get all the members in a set', complexity: 'O(N) where N is the set cardinality.', handler: smembers }),
  cmd({ name: 'spop', arity: -2, flags: ['write', 'fast'], ...g, keyFlags: ['RW', 'access', 'delete'], tips: [NONDET], since: '1.0.0', summary: 'Remove and return one or multiple random members from a set', complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.', handler: spop }),
  cmd({ name: 'srandmember', arity: -2, flags: ['readonly'], ...g, tips: [NONDET], since: '1.0.0', summary: 'Get one or multiple random members from a set', complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.', handler: srandmember }),
  cmd({ name: 'smove', arity: 4, flags: ['write', 'fast'], firstKey: 1, lastKey: 2, step: 1, group: 'set', keyFlags: ['RW', 'access', 'delete'], keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Move a member from one set to another', complexity: 'O(1)', handler: smove }),
  cmd({ name: 'sinter', arity: -2, flags: ['readonly'], ...multi, tips: [NONDET_ORDER], since: '1.0.0', summary: 'Intersect multiple sets', complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', handler: sinter }),
  cmd({ name: 'sintercard', arity: -3, flags: ['readonly'], firstKey: 0, lastKey: 0, step: 0, group: 'set', getKeys: sintercardKeys, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Intersect multiple sets and return the cardinality of the result', complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', handler: sintercard }),
  cmd({ name: 'sinterstore', arity: -3, flags: ['write', 'denyoom'], ...multi, keySpecs: [{ flags: ['RW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Intersect multiple sets and store the resulting set in a key', complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', handler: sinterstore }),
  cmd({ name: 'sunion', arity: -2, flags: ['readonly'], ...multi, tips: [NONDET_ORDER], since: '1.0.0', summary: 'Add multiple sets', complexity: 'O(N) where N is the total number of elements in all given sets.', handler: sunion }),
  cmd({ name: 'sunionstore', arity: -3, flags: ['write', 'denyoom'], ...multi, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Add multiple sets and store the resulting set in a key', complexity: 'O(N) where N is the total number of elements in all given sets.', handler: sunionstore }),
  cmd({ name: 'sdiff', arity: -2, flags: ['readonly'], ...multi, tips: [NONDET_ORDER], since: '1.0.0', summary: 'Subtract multiple sets', complexity: 'O(N) where N is the total number of elements in all given sets.', handler: sdiff }),
  cmd({ name: 'sdiffstore', arity: -3, flags: ['write', 'denyoom'], ...multi, keySpecs: [{ flags: ['OW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '1.0.0', summary: 'Subtract multiple sets and store the resulting set in a key', complexity: 'O(N) where N is the total number of elements in all given sets.', handler: sdiffstore }),
  cmd({ name: 'sscan', arity: -3, flags: ['readonly'], ...g, tips: [NONDET], since: '2.8.0', summary: 'Incrementally iterate Set elements', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..', handler: sscan }),
] satisfies CommandSpec[];
