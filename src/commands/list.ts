/**
 * List family (Redis 7.0's t_list.c and the list half of blocked.c). Values are ListValue
 * deques (store/types/list.ts). Blocking forms wait through server/blocking.ts and, when served
 * later, do exactly what the non-blocking form would have done for the blocked client.
 */
import type { Client } from '../server/client.js';
import type { Database } from '../store/db.js';
import { Blocking } from '../server/blocking.js';
import { ERR, OK, ZERO, EMPTY_ARRAY } from '../protocol/shared.js';
import { ListValue } from '../store/types/list.js';
import { parseLL } from './string.js';
import { cmd, type CommandSpec } from './types.js';
import { lookupOfType } from './lookup.js';

type Where = 'left' | 'right';

/**
 * How a pop/move made on behalf of a blocking command replicates (Redis rewrites BLPOP as LPOP,
 * BLMOVE as LMOVE ...): `as` when it runs inside the command (c.propagateAs), `also` when a
 * blocked client is served later (c.alsoPropagate, in the key's db), null to replicate the
 * command as sent.
 */
type Propagate = ((argv: string[]) => void) | null;

const WHERE_ARG = { left: 'LEFT', right: 'RIGHT' } as const;
const POP_CMD = { left: 'LPOP', right: 'RPOP' } as const;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The list at key for a write, undefined when missing, null after a WRONGTYPE reply. */
function listForWrite(c: Client, key: string): ListValue | undefined | null {
  return lookupOfType<ListValue>(c, key, 'list', true);
}

/** Same for a read (counts keyspace hits/misses). */
function listForRead(c: Client, key: string): ListValue | undefined | null {
  return lookupOfType<ListValue>(c, key, 'list');
}

/** Redis's getLongFromObjectOrReply with the default message: a number, or null after the error. */
function parseLong(c: Client, s: string): number | null {
  const v = parseLL(s);
  if (v === null) {
    c.reply.error(ERR.notInteger);
    return null;
  }
  return Number(v);
}

/** getRangeLongFromObjectOrReply(min..LONG_MAX) with a custom message for both failures. */
function parseAtLeast(c: Client, s: string, min: number, msg: string): number | null {
  const v = parseLL(s);
  if (v === null || v < min) {
    c.reply.error('ERR ' + msg);
    return null;
  }
  return Number(v);
}

/** LEFT|RIGHT (getListPositionFromObjectOrReply). */
function parseWhere(c: Client, s: string): Where | null {
  const w = s.toLowerCase();
  if (w === 'left' || w === 'right') return w;
  c.reply.error(ERR.syntax);
  return null;
}

function pop(l: ListValue, where: Where): string {
  return (where === 'left' ? l.popHead() : l.popTail())!;
}

/** Pushes onto key, creating the list; the caller checked the type. Notifies and signals. */
function pushTo(c: Client, db: Database, key: string, l: ListValue | undefined, value: string, where: Where): void {
  if (l === undefined) {
    l = new ListValue();
    db.set(key, l);
  }
  if (where === 'left') l.pushHead(value);
  else l.pushTail(value);
  const ev = c.server.events;
  ev.modified(db, key);
  ev.notify('l', where === 'left' ? 'lpush' : 'rpush', key, db.id);
  ev.ready(db, key);
}

/**
 * Redis's listElementsRemoved: the pop notification, the key's deletion when emptied, the
 * modification signal and `count` changes to dirty.
 */
function elementsRemoved(c: Client, db: Database, key: string, l: ListValue, where: Where, count: number): void {
  const ev = c.server.events;
  ev.notify('l', where === 'left' ? 'lpop' : 'rpop', key, db.id);
  if (l.length === 0) {
    db.delete(key);
    ev.notify('g', 'del', key, db.id);
  }
  ev.modified(db, key);
  c.server.dirty += count;
}

/** Pops up to count and replies [key, [elements]] (listPopRangeAndReplyWithKey). */
function popRangeWithKey(c: Client, db: Database, key: string, l: ListValue, where: Where, count: number, prop: Propagate): void {
  const n = Math.min(count, l.length);
  // Replicated as [LR]POP key n, as Redis's mpopGenericCommand / serveClientBlockedOnList.
  prop?.([POP_CMD[where], key, String(n)]);
  c.reply.array(2);
  c.reply.bulk(key);
  c.reply.array(n);
  for (let i = 0; i < n; i++) c.reply.bulk(pop(l, where));
  elementsRemoved(c, db, key, l, where, n);
}

/* ------------------------------------------------------------------------------------------ */
/* Push                                                                                        */
/* ------------------------------------------------------------------------------------------ */

function pushGeneric(c: Client, argv: string[], where: Where, onlyExisting: boolean): void {
  const key = argv[1];
  const db = c.db;
  let l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) {
    if (onlyExisting) return c.reply.raw(ZERO);
    l = new ListValue();
    db.set(key, l);
  }
  if (where === 'left') for (let i = 2; i < argv.length; i++) l.pushHead(argv[i]);
  else for (let i = 2; i < argv.length; i++) l.pushTail(argv[i]);
  c.reply.integer(l.length);
  const ev = c.server.events;
  ev.modified(db, key);
  ev.notify('l', where === 'left' ? 'lpush' : 'rpush', key, db.id);
  ev.ready(db, key);
  c.server.dirty += argv.length - 2;
}

/* LPUSH key element [element ...] */
function lpush(c: Client, argv: string[]): void {
  pushGeneric(c, argv, 'left', false);
}

/* RPUSH key element [element ...] */
function rpush(c: Client, argv: string[]): void {
  pushGeneric(c, argv, 'right', false);
}

/* LPUSHX key element [element ...] */
function lpushx(c: Client, argv: string[]): void {
  pushGeneric(c, argv, 'left', true);
}

/* RPUSHX key element [element ...] */
function rpushx(c: Client, argv: string[]): void {
  pushGeneric(c, argv, 'right', true);
}

/* ------------------------------------------------------------------------------------------ */
/* Pop                                                                                         */
/* ------------------------------------------------------------------------------------------ */

function popGeneric(c: Client, argv: string[], where: Where): void {
  if (argv.length > 3) return c.reply.error(ERR.wrongArgs(argv[0].toLowerCase()));
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = parseAtLeast(c, argv[2], 0, 'value is out of range, must be positive');
    if (n === null) return;
    count = n;
  }
  const key = argv[1];
  const l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) return hasCount ? c.reply.nullArray() : c.reply.null();
  if (hasCount && count === 0) return c.reply.raw(EMPTY_ARRAY);
  const db = c.db;
  if (!hasCount) {
    c.reply.bulk(pop(l, where));
    elementsRemoved(c, db, key, l, where, 1);
    return;
  }
  const n = Math.min(count, l.length);
  c.reply.array(n);
  for (let i = 0; i < n; i++) c.reply.bulk(pop(l, where));
  elementsRemoved(c, db, key, l, where, n);
}

/* LPOP key [count] */
function lpop(c: Client, argv: string[]): void {
  popGeneric(c, argv, 'left');
}

/* RPOP key [count] */
function rpop(c: Client, argv: string[]): void {
  popGeneric(c, argv, 'right');
}

/* ------------------------------------------------------------------------------------------ */
/* Reads and in-place edits                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* LLEN key */
function llen(c: Client, argv: string[]): void {
  const l = listForRead(c, argv[1]);
  if (l === null) return;
  c.reply.integer(l === undefined ? 0 : l.length);
}

/* LINDEX key index */
function lindex(c: Client, argv: string[]): void {
  const l = listForRead(c, argv[1]);
  if (l === null) return;
  if (l === undefined) return c.reply.null();
  let i = parseLong(c, argv[2]);
  if (i === null) return;
  if (i < 0) i += l.length;
  if (i < 0 || i >= l.length) return c.reply.null();
  c.reply.bulk(l.get(i));
}

/* LSET key index element */
function lset(c: Client, argv: string[]): void {
  const key = argv[1];
  const l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) return c.reply.error(ERR.noSuchKey);
  let i = parseLong(c, argv[2]);
  if (i === null) return;
  if (i < 0) i += l.length;
  if (i < 0 || i >= l.length) return c.reply.error(ERR.outOfRange);
  l.set(i, argv[3]);
  c.reply.raw(OK);
  const db = c.db;
  c.server.events.modified(db, key);
  c.server.events.notify('l', 'lset', key, db.id);
  c.server.dirty++;
}

/** Clamps a Redis start/end pair to [start, end] within 0..len-1; null when empty. */
function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

/* LRANGE key start stop */
function lrange(c: Client, argv: string[]): void {
  const start = parseLong(c, argv[2]);
  if (start === null) return;
  const end = parseLong(c, argv[3]);
  if (end === null) return;
  const l = listForRead(c, argv[1]);
  if (l === null) return;
  if (l === undefined) return c.reply.raw(EMPTY_ARRAY);
  const r = clampRange(start, end, l.length);
  if (r === null) return c.reply.raw(EMPTY_ARRAY);
  const w = c.reply;
  w.array(r[1] - r[0] + 1);
  for (let i = r[0]; i <= r[1]; i++) w.bulk(l.get(i));
}

/* LTRIM key start stop */
function ltrim(c: Client, argv: string[]): void {
  const start = parseLong(c, argv[2]);
  if (start === null) return;
  const end = parseLong(c, argv[3]);
  if (end === null) return;
  const key = argv[1];
  const l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) return c.reply.raw(OK);
  const len = l.length;
  const r = clampRange(start, end, len);
  const removed = r === null ? len : len - (r[1] - r[0] + 1);
  if (r === null) l.trim(1, 0);
  else l.trim(r[0], r[1]);
  const db = c.db;
  const ev = c.server.events;
  ev.notify('l', 'ltrim', key, db.id);
  if (l.length === 0) {
    db.delete(key);
    ev.notify('g', 'del', key, db.id);
  }
  ev.modified(db, key);
  c.server.dirty += removed;
  c.reply.raw(OK);
}

/* LREM key count element */
function lrem(c: Client, argv: string[]): void {
  const count = parseLong(c, argv[2]);
  if (count === null) return;
  const key = argv[1];
  const l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) return c.reply.raw(ZERO);
  const el = argv[3];
  const limit = count === 0 ? Infinity : Math.abs(count);
  let removed = 0;
  if (count >= 0) {
    removed = l.filter((v) => {
      if (removed >= limit || v !== el) return true;
      removed++;
      return false;
    });
  } else {
    // From the tail: mark the indexes to drop, then filter.
    const drop = new Set<number>();
    for (let i = l.length - 1; i >= 0 && drop.size < limit; i--) if (l.get(i) === el) drop.add(i);
    if (drop.size > 0) removed = l.filter((_, i) => !drop.has(i));
  }
  const db = c.db;
  const ev = c.server.events;
  if (removed > 0) ev.notify('l', 'lrem', key, db.id);
  if (l.length === 0) {
    db.delete(key);
    ev.notify('g', 'del', key, db.id);
  }
  if (removed > 0) {
    ev.modified(db, key);
    c.server.dirty += removed;
  }
  c.reply.integer(removed);
}

/* LINSERT key BEFORE|AFTER pivot element */
function linsert(c: Client, argv: string[]): void {
  const pos = argv[2].toLowerCase();
  if (pos !== 'before' && pos !== 'after') return c.reply.error(ERR.syntax);
  const key = argv[1];
  const l = listForWrite(c, key);
  if (l === null) return;
  if (l === undefined) return c.reply.raw(ZERO);
  const pivot = argv[3];
  let at = -1;
  for (let i = 0; i < l.length; i++) {
    if (l.get(i) === pivot) {
      at = i;
      break;
    }
  }
  if (at < 0) return c.reply.integer(-1);
  l.insertAt(pos === 'after' ? at + 1 : at, argv[4]);
  const db = c.db;
  c.server.events.modified(db, key);
  c.server.events.notify('l', 'linsert', key, db.id);
  c.server.dirty++;
  c.reply.integer(l.length);
}

/* LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] */
function lpos(c: Client, argv: string[]): void {
  let rank = 1;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const more = argv.length - 1 - j;
    if (opt === 'rank' && more > 0) {
      const v = parseLL(argv[++j]);
      if (v === null) return c.reply.error(ERR.notInteger);
      if (v === 0) {
        return c.reply.error(
          "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        );
      }
      // LLONG_MIN negates to itself in C: every match satisfies it, as the first from the tail.
      rank = typeof v === 'bigint' && v === -(2n ** 63n) ? -1 : Number(v);
    } else if (opt === 'count' && more > 0) {
      const v = parseAtLeast(c, argv[++j], 0, "COUNT can't be negative");
      if (v === null) return;
      count = v;
    } else if (opt === 'maxlen' && more > 0) {
      const v = parseAtLeast(c, argv[++j], 0, "MAXLEN can't be negative");
      if (v === null) return;
      maxlen = v;
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  const l = listForRead(c, argv[1]);
  if (l === null) return;
  if (l === undefined) return count === -1 ? c.reply.null() : c.reply.raw(EMPTY_ARRAY);
  const el = argv[2];
  const len = l.length;
  const fromTail = rank < 0;
  const want = Math.abs(rank);
  const found: number[] = [];
  let matches = 0;
  for (let seen = 0; seen < len && (maxlen === 0 || seen < maxlen); seen++) {
    const i = fromTail ? len - 1 - seen : seen;
    if (l.get(i) !== el) continue;
    matches++;
    if (matches < want) continue;
    found.push(i);
    if (count === -1 || (count !== 0 && found.length >= count)) break;
  }
  if (count === -1) return found.length > 0 ? c.reply.integer(found[0]) : c.reply.null();
  c.reply.array(found.length);
  for (const i of found) c.reply.integer(i);
}

/* ------------------------------------------------------------------------------------------ */
/* Moves                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's lmoveGenericCommand body once the source is known non-empty: checks the destination,
 * pops, pushes, replies with the element. Returns false (nothing done) after a WRONGTYPE reply.
 */
function moveElement(c: Client, db: Database, src: string, l: ListValue, dst: string, from: Where, to: Where, prop: Propagate = null, rpoplpush = false): boolean {
  const dv = db.lookup(dst);
  if (dv !== undefined && !(dv instanceof ListValue)) {
    c.reply.error(ERR.wrongType);
    return false;
  }
  prop?.(rpoplpush ? ['RPOPLPUSH', src, dst] : ['LMOVE', src, dst, WHERE_ARG[from], WHERE_ARG[to]]);
  const value = pop(l, from);
  pushTo(c, db, dst, dv, value, to);
  c.reply.bulk(value);
  const ev = c.server.events;
  ev.notify('l', from === 'left' ? 'lpop' : 'rpop', src, db.id);
  if (l.length === 0) {
    db.delete(src);
    ev.notify('g', 'del', src, db.id);
  }
  ev.modified(db, src);
  c.server.dirty++;
  return true;
}

function lmoveGeneric(c: Client, src: string, dst: string, from: Where, to: Where): void {
  const l = listForWrite(c, src);
  if (l === null) return;
  if (l === undefined) return c.reply.null();
  moveElement(c, c.db, src, l, dst, from, to);
}

/* RPOPLPUSH source destination */
function rpoplpush(c: Client, argv: string[]): void {
  lmoveGeneric(c, argv[1], argv[2], 'right', 'left');
}

/* LMOVE source destination LEFT|RIGHT LEFT|RIGHT */
function lmove(c: Client, argv: string[]): void {
  const from = parseWhere(c, argv[3]);
  if (from === null) return;
  const to = parseWhere(c, argv[4]);
  if (to === null) return;
  lmoveGeneric(c, argv[1], argv[2], from, to);
}

/* ------------------------------------------------------------------------------------------ */
/* LMPOP and the blocking commands                                                            */
/* ------------------------------------------------------------------------------------------ */

interface MpopArgs {
  keys: string[];
  where: Where;
  count: number;
}

/** Parses `numkeys key [key ...] LEFT|RIGHT [COUNT count]` from argv[idx]; null after an error. */
function parseMpop(c: Client, argv: string[], idx: number): MpopArgs | null {
  const numkeys = parseAtLeast(c, argv[idx], 1, 'numkeys should be greater than 0');
  if (numkeys === null) return null;
  const whereIdx = idx + numkeys + 1;
  if (whereIdx >= argv.length) {
    c.reply.error(ERR.syntax);
    return null;
  }
  const where = parseWhere(c, argv[whereIdx]);
  if (where === null) return null;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && argv[j].toLowerCase() === 'count' && j < argv.length - 1) {
      const n = parseAtLeast(c, argv[++j], 1, 'count should be greater than 0');
      if (n === null) return null;
      count = n;
    } else {
      c.reply.error(ERR.syntax);
      return null;
    }
  }
  return { keys: argv.slice(idx + 1, whereIdx), where, count: count === -1 ? 1 : count };
}

/* LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] */
function lmpop(c: Client, argv: string[]): void {
  const a = parseMpop(c, argv, 1);
  if (a === null) return;
  const db = c.db;
  for (const key of a.keys) {
    const l = listForWrite(c, key);
    if (l === null) return;
    if (l === undefined) continue;
    popRangeWithKey(c, db, key, l, a.where, a.count, (argv) => c.propagateAs(argv));
    return;
  }
  c.reply.nullArray();
}

/**
 * Redis's blockingPopGenericCommand: pops at once from the first non-empty key, else blocks.
 * count -1: BLPOP/BRPOP reply [key, element]; otherwise BLMPOP's [key, [elements]].
 */
function blockingPop(c: Client, keys: string[], where: Where, count: number, timeout: number): void {
  const db = c.db;
  for (const key of keys) {
    const l = listForWrite(c, key);
    if (l === null) return;
    if (l === undefined || l.length === 0) continue;
    servePop(c, db, key, l, where, count, (argv) => c.propagateAs(argv));
    return;
  }
  c.server.blocking.block(c, {
    keys,
    timeout,
    onTimeout: () => c.reply.nullArray(),
    serve: (key, db) => {
      const v = db.lookup(key);
      if (!(v instanceof ListValue) || v.length === 0) return false;
      servePop(c, db, key, v, where, count, (argv) => c.alsoPropagate(argv, db.id));
      return true;
    },
  });
}

function servePop(c: Client, db: Database, key: string, l: ListValue, where: Where, count: number, prop: Propagate): void {
  if (count !== -1) return popRangeWithKey(c, db, key, l, where, count, prop);
  prop?.([POP_CMD[where], key]);
  c.reply.array(2);
  c.reply.bulk(key);
  c.reply.bulk(pop(l, where));
  elementsRemoved(c, db, key, l, where, 1);
}

/* BLPOP key [key ...] timeout */
function blpop(c: Client, argv: string[]): void {
  const timeout = Blocking.parseTimeout(c, argv[argv.length - 1], 'seconds');
  if (timeout === null) return;
  blockingPop(c, argv.slice(1, -1), 'left', -1, timeout);
}

/* BRPOP key [key ...] timeout */
function brpop(c: Client, argv: string[]): void {
  const timeout = Blocking.parseTimeout(c, argv[argv.length - 1], 'seconds');
  if (timeout === null) return;
  blockingPop(c, argv.slice(1, -1), 'right', -1, timeout);
}

/* BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count] */
function blmpop(c: Client, argv: string[]): void {
  const timeout = Blocking.parseTimeout(c, argv[1], 'seconds');
  if (timeout === null) return;
  const a = parseMpop(c, argv, 2);
  if (a === null) return;
  blockingPop(c, a.keys, a.where, a.count, timeout);
}

/** Redis's blmoveGenericCommand: moves at once when the source has elements, else blocks. */
function blmoveGeneric(c: Client, src: string, dst: string, from: Where, to: Where, timeout: number, rpoplpush: boolean): void {
  const l = listForWrite(c, src);
  if (l === null) return;
  if (l !== undefined) {
    moveElement(c, c.db, src, l, dst, from, to, (argv) => c.propagateAs(argv), rpoplpush);
    return;
  }
  c.server.blocking.block(c, {
    keys: [src],
    timeout,
    onTimeout: () => c.reply.null(),
    serve: (key, db) => {
      const v = db.lookup(key);
      if (!(v instanceof ListValue) || v.length === 0) return false;
      // As Redis 7.0: a destination of the wrong type answers WRONGTYPE and unblocks.
      moveElement(c, db, key, v, dst, from, to, (argv) => c.alsoPropagate(argv, db.id), rpoplpush);
      return true;
    },
  });
}

/* BRPOPLPUSH source destination timeout */
function brpoplpush(c: Client, argv: string[]): void {
  const timeout = Blocking.parseTimeout(c, argv[3], 'seconds');
  if (timeout === null) return;
  blmoveGeneric(c, argv[1], argv[2], 'right', 'left', timeout, true);
}

/* BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout */
function blmove(c: Client, argv: string[]): void {
  const from = parseWhere(c, argv[3]);
  if (from === null) return;
  const to = parseWhere(c, argv[4]);
  if (to === null) return;
  const timeout = Blocking.parseTimeout(c, argv[5], 'seconds');
  if (timeout === null) return;
  blmoveGeneric(c, argv[1], argv[2], from, to, timeout, false);
}

/* ------------------------------------------------------------------------------------------ */

/** Key positions of LMPOP (from 1) and BLMPOP (from 2): numkeys then the keys. */
function mpopKeys(idx: number): (argv: string[]) => number[] {
  return (argv) => {
    const n = parseLL(argv[idx] ?? '');
    if (n === null || n < 1) return [];
    const keys: number[] = [];
    for (let i = 0; i < Number(n) && idx + 1 + i < argv.length; i++) keys.push(idx + 1 + i);
    return keys;
  };
}

const one = { firstKey: 1, lastKey: 1, step: 1, group: 'list' } as const;
const two = { firstKey: 1, lastKey: 2, step: 1, group: 'list' } as const;
const noKey = { firstKey: 0, lastKey: 0, step: 0, group: 'list' } as const;
const WF = ['write', 'denyoom', 'fast'] as const;
const popFlags = ['RW', 'access', 'delete'];

export const listCommands = [
  cmd({ name: 'lpush', arity: -3, flags: WF, ...one, keyFlags: ['RW', 'insert'], since: '1.0.0', summary: 'Prepend one or multiple elements to a list', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', handler: lpush }),
  cmd({ name: 'rpush', arity: -3, flags: WF, ...one, keyFlags: ['RW', 'insert'], since: '1.0.0', summary: 'Append one or multiple elements to a list', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', handler: rpush }),
  cmd({ name: 'lpushx', arity: -3, flags: WF, ...one, keyFlags: ['RW', 'insert'], since: '2.2.0', summary: 'Prepend an element to a list, only if the list exists', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', handler: lpushx }),
  cmd({ name: 'rpushx', arity: -3, flags: WF, ...one, keyFlags: ['RW', 'insert'], since: '2.2.0', summary: 'Append an element to a list, only if the list exists', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', handler: rpushx }),
  cmd({ name: 'lpop', arity: -2, flags: ['write', 'fast'], ...one, keyFlags: popFlags, since: '1.0.0', summary: 'Remove and get the first elements in a list', complexity: 'O(N) where N is the number of elements returned', handler: lpop }),
  cmd({ name: 'rpop', arity: -2, flags: ['write', 'fast'], ...one, keyFlags: popFlags, since: '1.0.0', summary: 'Remove and get the last elements in a list', complexity: 'O(N) where N is the number of elements returned', handler: rpop }),
  cmd({ name: 'llen', arity: 2, flags: ['readonly', 'fast'], ...one, keyFlags: ['RO'], since: '1.0.0', summary: 'Get the length of a list', complexity: 'O(1)', handler: llen }),
  cmd({ name: 'lindex', arity: 3, flags: ['readonly'], ...one, keyFlags: ['RO', 'access'], since: '1.0.0', summary: 'Get an element from a list by its index', complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).', handler: lindex }),
  cmd({ name: 'lset', arity: 4, flags: ['write', 'denyoom'], ...one, keyFlags: ['RW', 'update'], since: '1.0.0', summary: 'Set the value of an element in a list by its index', complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).', handler: lset }),
  cmd({ name: 'lrange', arity: 4, flags: ['readonly'], ...one, keyFlags: ['RO', 'access'], since: '1.0.0', summary: 'Get a range of elements from a list', complexity: 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.', handler: lrange }),
  cmd({ name: 'ltrim', arity: 4, flags: ['write'], ...one, keyFlags: ['RW', 'delete'], since: '1.0.0', summary: 'Trim a list to the specified range', complexity: 'O(N) where N is the number of elements to be removed by the operation.', handler: ltrim }),
  cmd({ name: 'lrem', arity: 4, flags: ['write'], ...one, keyFlags: ['RW', 'delete'], since: '1.0.0', summary: 'Remove elements from a list', complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.', handler: lrem }),
  cmd({ name: 'linsert', arity: 5, flags: ['write', 'denyoom'], ...one, keyFlags: ['RW', 'insert'], since: '2.2.0', summary: 'Insert an element before or after another element in a list', complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).', handler: linsert }),
  cmd({ name: 'lpos', arity: -3, flags: ['readonly'], ...one, keyFlags: ['RO', 'access'], since: '6.0.6', summary: 'Return the index of matching elements on a list', complexity: 'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.', handler: lpos }),
  cmd({ name: 'rpoplpush', arity: 3, flags: ['write', 'denyoom'], ...two, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '1.2.0', summary: 'Remove the last element in a list, prepend it to another list and return it', complexity: 'O(1)', handler: rpoplpush }),
  cmd({ name: 'lmove', arity: 5, flags: ['write', 'denyoom'], ...two, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Pop an element from a list, push it to another list and return it', complexity: 'O(1)', handler: lmove }),
  cmd({ name: 'lmpop', arity: -4, flags: ['write'], ...noKey, getKeys: mpopKeys(1), keyFlags: popFlags, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Pop elements from a list', complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.', handler: lmpop }),
  cmd({ name: 'blpop', arity: -3, flags: ['write', 'noscript', 'blocking'], firstKey: 1, lastKey: -2, step: 1, group: 'list', keyFlags: popFlags, since: '2.0.0', summary: 'Remove and get the first element in a list, or block until one is available', complexity: 'O(N) where N is the number of provided keys.', handler: blpop }),
  cmd({ name: 'brpop', arity: -3, flags: ['write', 'noscript', 'blocking'], firstKey: 1, lastKey: -2, step: 1, group: 'list', keyFlags: popFlags, since: '2.0.0', summary: 'Remove and get the last element in a list, or block until one is available', complexity: 'O(N) where N is the number of provided keys.', handler: brpop }),
  cmd({ name: 'brpoplpush', arity: 4, flags: ['write', 'denyoom', 'noscript', 'blocking'], ...two, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '2.2.0', summary: 'Pop an element from a list, push it to another list and return it; or block until one is available', complexity: 'O(1)', handler: brpoplpush }),
  cmd({ name: 'blmove', arity: 6, flags: ['write', 'denyoom', 'noscript', 'blocking'], ...two, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RW', 'insert'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '6.2.0', summary: 'Pop an element from a list, push it to another list and return it; or block until one is available', complexity: 'O(1)', handler: blmove }),
  cmd({ name: 'blmpop', arity: -5, flags: ['write', 'blocking'], ...noKey, getKeys: mpopKeys(2), keyFlags: popFlags, keySpecs: [{ flags: ['RW', 'access', 'delete'], begin: { index: 2 }, find: { keynumidx: 0, firstkey: 1, keystep: 1 } }], since: '7.0.0', summary: 'Pop elements from a list, or block until one is available', complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.', handler: blmpop }),
] satisfies CommandSpec[];
