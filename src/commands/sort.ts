/**
 * SORT and SORT_RO (Redis's sort.c) over lists, sets and sorted sets: BY (a pattern, a hash
 * field "key->field", or a constant meaning "do not sort"), LIMIT, GET (# and patterns),
 * ASC/DESC, ALPHA, STORE (the result becomes a list).
 */
import type { Client } from '../server/client.js';
import type { DataObject, Value } from '../store/db.js';
import { HashObject } from '../store/types/hash.js';
import { ListValue } from '../store/types/list.js';
import { SetObject } from '../store/types/set.js';
import { Zset } from '../store/types/zset.js';
import { ERR } from '../protocol/shared.js';
import { parseLL } from './string.js';
import { cmd, type CommandSpec } from './types.js';

/* ------------------------------------------------------------------------------------------ */
/* Patterns                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced
 * by the element and the key read as a string, or, with "->field" after the '*', as a hash
 * field. Null when the key is missing, of the wrong type, or the pattern has no '*'.
 */
function lookupByPattern(c: Client, pattern: string, elem: string): string | null {
  if (pattern === '#') return elem;
  // C string functions stop at the first NUL.
  const nul = pattern.indexOf('\0');
  const pat = nul >= 0 ? pattern.slice(0, nul) : pattern;
  const star = pat.indexOf('*');
  if (star < 0) return null;
  const arrow = pat.indexOf('->', star + 1);
  let field: string | null = null;
  let keyEnd = pattern.length;
  if (arrow >= 0 && arrow + 2 < pat.length) {
    field = pattern.slice(arrow + 2);
    keyEnd = arrow;
  }
  const key = pattern.slice(0, star) + elem + pattern.slice(star + 1, keyEnd);
  const v: Value | undefined = c.db.lookupRead(key);
  if (v === undefined) return null;
  if (field !== null) {
    if (typeof v === 'string' || v.type !== 'hash') return null;
    return (v as HashObject).get(field) ?? null;
  }
  return typeof v === 'string' ? v : null;
}

/**
 * C's strtod as SORT uses it: leading white space, decimal or hex floats, inf, nan; the whole
 * string must be consumed, out of range (ERANGE) and NaN are errors. "" converts to 0.
 * Returns null on error.
 */
function strtod(s: string): number | null {
  if (s.length === 0) return 0;
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(inf(?:inity)?)|(nan(?:\([0-9a-z_]*\))?)|0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?|(\d*\.?\d*(?:e[+-]?\d+)?))$/i.exec(s);
  if (m === null) return null;
  const neg = m[1] === '-';
  if (m[2] !== undefined) return neg ? -Infinity : Infinity;
  if (m[3] !== undefined) return null;
  let v: number;
  if (m[4] !== undefined || m[5] !== undefined) {
    const int = m[4] ?? '';
    const frac = m[5] ?? '';
    if (int.length + frac.length === 0) return null;
    v = 0;
    for (const ch of int + frac) v = v * 16 + parseInt(ch, 16);
    v *= Math.pow(2, -4 * frac.length + (m[6] !== undefined ? Number(m[6]) : 0));
  } else {
    const dec = m[7];
    if (!/\d/.test(dec.replace(/e.*$/i, ''))) return null;
    // A trailing exponent without digits is not consumed by strtod: the regex refuses it.
    v = Number(dec);
    if (!Number.isFinite(v)) return null; // overflow: ERANGE
    if (v === 0 && /[1-9]/.test(dec.replace(/e.*$/i, ''))) return null; // underflow to zero: ERANGE
  }
  return neg ? -v : v;
}

/** Binary comparison of latin1 strings (memcmp then length, as compareStringObjects). */
function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* SORT                                                                                        */
/* ------------------------------------------------------------------------------------------ */

interface SortItem {
  elem: string;
  score: number;
  cmp: string | null;
}

/* SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA]
   [STORE destination]
   SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC|DESC] [ALPHA] */
function sortGeneric(c: Client, argv: string[], readonly: boolean): void {
  let desc = false;
  let alpha = false;
  let dontsort = false;
  let limitStart = 0n;
  let limitCount = -1n;
  let sortby: string | null = null;
  let storeKey: string | null = null;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const left = argv.length - j - 1;
    if (opt === 'asc') desc = false;
    else if (opt === 'desc') desc = true;
    else if (opt === 'alpha') alpha = true;
    else if (opt === 'limit' && left >= 2) {
      const a = parseLL(argv[j + 1]);
      const b = a === null ? null : parseLL(argv[j + 2]);
      if (a === null || b === null) return c.reply.error(ERR.notInteger);
      limitStart = BigInt(a);
      limitCount = BigInt(b);
      j += 2;
    } else if (!readonly && opt === 'store' && left >= 1) {
      storeKey = argv[++j];
    } else if (opt === 'by' && left >= 1) {
      sortby = argv[++j];
      // A constant BY (no '*') means: do not sort.
      const nul = sortby.indexOf('\0');
      if ((nul >= 0 ? sortby.slice(0, nul) : sortby).indexOf('*') < 0) dontsort = true;
    } else if (opt === 'get' && left >= 1) {
      gets.push(argv[++j]);
    } else {
      return c.reply.error(ERR.syntax);
    }
  }

  const key = argv[1];
  const found = c.db.lookupRead(key);
  let obj: DataObject | null = null;
  if (found !== undefined) {
    if (typeof found === 'string' || (found.type !== 'set' && found.type !== 'list' && found.type !== 'zset')) {
      return c.reply.error(ERR.wrongType);
    }
    obj = found;
  }
  const type = obj === null ? 'list' : obj.type;

  // A set has no stable order: when the result is stored it is sorted (alphabetically) anyway.
  if (dontsort && type === 'set' && storeKey !== null) {
    dontsort = false;
    alpha = true;
    sortby = null;
  }

  // Redis converts a listpack sorted set to a skiplist before sorting it (visible in OBJECT
  // ENCODING): the same value, rebuilt in the skiplist form.
  if (obj !== null && type === 'zset' && (obj as Zset).compact) {
    const z = obj as Zset;
    obj = Zset.fromEntries(z.entries(), { entries: 0, value: 0 });
    c.db.replace(key, obj);
  }

  const all: string[] = obj === null ? [] : type === 'list' ? (obj as ListValue).toArray() : type === 'set' ? (obj as SetObject).toArray() : zsetMembers(obj as Zset);
  const vectorlen = all.length;

  // LIMIT sanity (in bigint: start + count - 1 may exceed int64; Redis then clamps too).
  let start = limitStart < 0n ? 0n : limitStart;
  let end = limitCount < 0n ? BigInt(vectorlen) - 1n : start + limitCount - 1n;
  if (start >= BigInt(vectorlen)) {
    start = BigInt(vectorlen) - 1n;
    end = BigInt(vectorlen) - 2n;
  }
  if (end >= BigInt(vectorlen)) end = BigInt(vectorlen) - 1n;
  let s = Number(start);
  let e = Number(end);

  let items: SortItem[];
  if ((type === 'list' || type === 'zset') && dontsort) {
    // Native order (reversed for DESC), only the LIMIT range.
    items = [];
    if (e >= s) {
      const n = all.length;
      for (let i = s; i <= e; i++) items.push({ elem: desc ? all[n - 1 - i] : all[i], score: 0, cmp: null });
      e -= s;
      s = 0;
    }
  } else {
    items = all.map((elem) => ({ elem, score: 0, cmp: null }));
  }

  let conversionError = false;
  if (!dontsort) {
    for (const it of items) {
      let byval: string | null;
      if (sortby !== null) {
        byval = lookupByPattern(c, sortby, it.elem);
        if (byval === null) continue;
      } else {
        byval = it.elem;
      }
      if (alpha) {
        if (sortby !== null) it.cmp = byval;
      } else {
        const d = strtod(byval);
        if (d === null) conversionError = true;
        else it.score = d;
      }
    }
    const byPattern = sortby !== null;
    const sign = desc ? -1 : 1;
    items.sort((a, b) => {
      let r: number;
      if (!alpha) {
        r = a.score > b.score ? 1 : a.score < b.score ? -1 : cmpBytes(a.elem, b.elem);
      } else if (byPattern) {
        if (a.cmp === null || b.cmp === null) r = a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1;
        else r = cmpBytes(a.cmp, b.cmp);
      } else {
        r = cmpBytes(a.elem, b.elem);
      }
      return sign * r;
    });
  }

  const count = e >= s ? e - s + 1 : 0;
  const outputlen = gets.length > 0 ? gets.length * count : count;
  if (conversionError) return c.reply.error("ERR One or more scores can't be converted into double");

  if (storeKey === null) {
    c.reply.array(outputlen);
    for (let j = s; j <= e; j++) {
      const elem = items[j].elem;
      if (gets.length === 0) c.reply.bulk(elem);
      for (const g of gets) c.reply.bulk(lookupByPattern(c, g, elem));
    }
    return;
  }

  const out: string[] = [];
  for (let j = s; j <= e; j++) {
    const elem = items[j].elem;
    if (gets.length === 0) out.push(elem);
    for (const g of gets) out.push(lookupByPattern(c, g, elem) ?? '');
  }
  if (outputlen > 0) {
    c.db.set(storeKey, ListValue.from(out));
    c.server.events.modified(c.db, storeKey);
    // A new list may serve clients blocked on it (Redis's dbAdd signals it ready).
    c.server.events.ready(c.db, storeKey);
    c.server.events.notify('l', 'sortstore', storeKey, c.db.id);
    c.server.dirty += outputlen;
  } else if (c.db.lookup(storeKey) !== undefined && c.db.delete(storeKey)) {
    c.server.events.modified(c.db, storeKey);
    c.server.events.notify('g', 'del', storeKey, c.db.id);
    c.server.dirty++;
  }
  c.reply.integer(outputlen);
}

/** A sorted set's members in rank order. */
function zsetMembers(z: Zset): string[] {
  const out: string[] = [];
  for (const [m] of z.entries()) out.push(m);
  return out;
}

/* SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination] */
function sort(c: Client, argv: string[]): void {
  sortGeneric(c, argv, false);
}

/* SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] */
function sortRo(c: Client, argv: string[]): void {
  sortGeneric(c, argv, true);
}

/** SORT's keys: the sorted key, plus the STORE destination (Redis's sortGetKeys). */
function sortKeys(argv: string[]): number[] {
  const keys = [1];
  // Skip option arguments so a value equal to "store" is not taken for the keyword.
  const skip: Record<string, number> = { limit: 2, get: 1, by: 1 };
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i].toLowerCase();
    if (opt in skip) i += skip[opt];
    else if (opt === 'store' && i + 1 < argv.length) {
      // The last STORE wins (Redis keeps overwriting the destination index).
      // Like Redis's sortGetKeys, the destination is not skipped over.
      keys.length = 1;
      keys.push(i + 1);
    }
  }
  return keys;
}

const g = { firstKey: 1, lastKey: 1, step: 1, group: 'generic' } as const;

export const sortCommands = [
  cmd({ name: 'sort', arity: -2, flags: ['write', 'denyoom'], ...g, acl: ['-keyspace', 'set', 'sortedset', 'list', 'dangerous'], getKeys: sortKeys, keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { notes: 'For the optional BY/GET keyword. It is marked \'unknown\' because the key names derive from the content of the key we sort', flags: ['RO', 'access'], begin: 'unknown', find: 'unknown' }, { notes: 'For the optional STORE keyword. It is marked \'unknown\' because the keyword can appear anywhere in the argument array', flags: ['OW', 'update'], begin: 'unknown', find: 'unknown' }], since: '1.0.0', summary: 'Sort the elements in a list, set or sorted set', complexity: 'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).', handler: sort }),
  cmd({ name: 'sort_ro', arity: -2, flags: ['readonly'], ...g, acl: ['-keyspace', 'set', 'sortedset', 'list', 'dangerous'], getKeys: () => [1], keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { notes: 'For the optional BY/GET keyword. It is marked \'unknown\' because the key names derive from the content of the key we sort', flags: ['RO', 'access'], begin: 'unknown', find: 'unknown' }], since: '7.0.0', summary: 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.', complexity: 'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).', handler: sortRo }),
] satisfies CommandSpec[];
