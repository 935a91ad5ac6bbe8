/**
 * HyperLogLog family (Redis's hyperloglog.c). An HLL is a plain string value holding Redis's
 * exact bytes (src/store/hll.ts), so GET returns what Redis would return and values cross
 * between the two servers unchanged. Each write converts the string to a Buffer once, works in
 * place and converts back once.
 */
import type { Client } from '../server/client.js';
import { ERR, OK, ONE, ZERO } from '../protocol/shared.js';
import {
  HLL_DENSE,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  HLL_SPARSE,
  denseGet,
  hllAdd,
  hllCachedCard,
  hllCountRaw,
  hllCountString,
  hllCreate,
  hllDecodeSparse,
  hllEncodingOf,
  hllFromString,
  hllInvalidateCache,
  hllMergeInto,
  hllSelfTest,
  hllSet,
  hllSetCachedCard,
  hllSparseToDense,
  hllToString,
  isHllString,
  type HllBuf,
} from '../store/hll.js';
import { cmd, type CommandSpec } from './types.js';

const NOT_HLL = 'WRONGTYPE Key is not a valid HyperLogLog string value.';
const INVALID_HLL = 'INVALIDOBJ Corrupted HLL object detected';

/** isHLLObjectOrReply: replies the error and returns null unless `v` is an HLL string. */
function asHll(c: Client, v: unknown): string | null {
  if (typeof v !== 'string') {
    c.reply.error(ERR.wrongType);
    return null;
  }
  if (!isHllString(v)) {
    c.reply.error(NOT_HLL);
    return null;
  }
  return v;
}

function sparseMax(c: Client): number {
  return c.server.config.num('hll-sparse-max-bytes');
}

/* PFADD key [element [element ...]] */
function pfadd(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const v = db.lookup(key);
  let h: HllBuf;
  let updated = 0;
  if (v === undefined) {
    h = hllCreate();
    updated++;
  } else {
    const s = asHll(c, v);
    if (s === null) return;
    h = hllFromString(s);
  }
  const max = sparseMax(c);
  for (let j = 2; j < argv.length; j++) {
    const r = hllAdd(h, argv[j], max);
    if (r === 1) updated++;
    else if (r === -1) return c.reply.error(INVALID_HLL);
  }
  if (updated) {
    hllInvalidateCache(h);
    const out = hllToString(h);
    if (v === undefined) db.set(key, out);
    else db.replace(key, out);
    c.server.events.modified(db, key);
    c.server.events.notify('$', 'pfadd', key, db.id);
    c.server.dirty += updated;
  }
  c.reply.raw(updated ? ONE : ZERO);
}

/* PFCOUNT key [key ...] */
function pfcount(c: Client, argv: string[]): void {
  const db = c.db;
  if (argv.length > 2) {
    // Union of several HLLs: merge into one byte per register, then estimate.
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const v = db.lookupRead(argv[j]);
      if (v === undefined) continue;
      const s = asHll(c, v);
      if (s === null) return;
      if (!hllMergeInto(max, s)) return c.reply.error(INVALID_HLL);
    }
    return c.reply.integer(hllCountRaw(max));
  }
  const key = argv[1];
  const v = db.lookupRead(key);
  if (v === undefined) return c.reply.raw(ZERO);
  const s = asHll(c, v);
  if (s === null) return;
  const cached = hllCachedCard(s);
  if (cached >= 0) return c.reply.integer(cached);
  const card = hllCountString(s);
  if (card < 0) return c.reply.error(INVALID_HLL);
  // Redis stores the fresh cardinality in the value: a change replicas must see too.
  const h = hllFromString(s);
  hllSetCachedCard(h, card);
  db.replace(key, hllToString(h));
  c.server.events.modified(db, key);
  c.server.dirty++;
  c.reply.integer(card);
}

/* PFMERGE destkey [sourcekey [sourcekey ...]] */
function pfmerge(c: Client, argv: string[]): void {
  const db = c.db;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  // The destination itself (argv[1]) is merged too, as Redis does.
  for (let j = 1; j < argv.length; j++) {
    const v = db.lookupRead(argv[j]);
    if (v === undefined) continue;
    const s = asHll(c, v);
    if (s === null) return;
    if (hllEncodingOf(s) === HLL_DENSE) useDense = true;
    if (!hllMergeInto(max, s)) return c.reply.error(INVALID_HLL);
  }
  const key = argv[1];
  const cur = db.lookup(key);
  const h = cur === undefined ? hllCreate() : hllFromString(cur as string);
  if (useDense && !hllSparseToDense(h)) return c.reply.error(INVALID_HLL);
  const sm = sparseMax(c);
  for (let j = 0; j < HLL_REGISTERS; j++) {
    if (max[j] !== 0) hllSet(h, j, max[j], sm);
  }
  hllInvalidateCache(h);
  const out = hllToString(h);
  if (cur === undefined) db.set(key, out);
  else db.replace(key, out);
  c.server.events.modified(db, key);
  // Redis announces a merge as "pfadd": in effect a mass add.
  c.server.events.notify('$', 'pfadd', key, db.id);
  c.server.dirty++;
  c.reply.raw(OK);
}

/* PFSELFTEST */
function pfselftest(c: Client): void {
  // Redis runs 1000 register cycles and 10M adds (about 2 s in C); a tenth of each keeps the
  // event loop blocked for a comparable time here.
  const err = hllSelfTest(sparseMax(c), 100, 1_000_000);
  if (err !== null) return c.reply.error(err);
  c.reply.raw(OK);
}

/* PFDEBUG subcommand key */
function pfdebug(c: Client, argv: string[]): void {
  const db = c.db;
  const sub = argv[1];
  const key = argv[2];
  // Redis looks the key up before looking at the subcommand.
  const v = db.lookup(key);
  if (v === undefined) return c.reply.error('ERR The specified key does not exist');
  const s = asHll(c, v);
  if (s === null) return;
  const name = sub.toLowerCase();
  if (name === 'getreg') {
    let dense = s;
    if (hllEncodingOf(s) === HLL_SPARSE) {
      const h = hllFromString(s);
      if (!hllSparseToDense(h)) return c.reply.error(INVALID_HLL);
      dense = hllToString(h);
      db.replace(key, dense);
      c.server.dirty++; // the encoding changed: propagate
    }
    const regs = Buffer.alloc(dense.length + 1);
    regs.latin1Write(dense, 0, dense.length);
    c.reply.array(HLL_REGISTERS);
    for (let j = 0; j < HLL_REGISTERS; j++) c.reply.integer(denseGet(regs, HLL_HDR_SIZE, j));
  } else if (name === 'decode') {
    if (hllEncodingOf(s) !== HLL_SPARSE) return c.reply.error('ERR HLL encoding is not sparse');
    c.reply.bulk(hllDecodeSparse(s));
  } else if (name === 'encoding') {
    c.reply.simple(hllEncodingOf(s) === HLL_DENSE ? 'dense' : 'sparse');
  } else if (name === 'todense') {
    let conv = false;
    if (hllEncodingOf(s) === HLL_SPARSE) {
      const h = hllFromString(s);
      if (!hllSparseToDense(h)) return c.reply.error(INVALID_HLL);
      db.replace(key, hllToString(h));
      conv = true;
      c.server.dirty++;
    }
    c.reply.raw(conv ? ONE : ZERO);
  } else {
    c.reply.error(`ERR Unknown PFDEBUG subcommand '${sub}'`);
  }
}

const group = 'hyperloglog' as const;

export const hyperloglogCommands = [
  cmd({ name: 'pfadd', arity: -2, flags: ['write', 'denyoom', 'fast'], firstKey: 1, lastKey: 1, step: 1, group, keyFlags: ['RW', 'insert'], since: '2.8.9', summary: 'Adds the specified elements to the specified HyperLogLog.', complexity: 'O(1) to add every element.', handler: pfadd }),
  cmd({ name: 'pfcount', arity: -2, flags: ['readonly'], firstKey: 1, lastKey: -1, step: 1, group, keyFlags: ['RW', 'access'], keySpecs: [{ notes: 'RW because it may change the internal representation of the key, and propagate to replicas', flags: ['RW', 'access'], begin: { index: 1 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '2.8.9', summary: 'Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).', complexity: 'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.', handler: pfcount }),
  cmd({ name: 'pfmerge', arity: -2, flags: ['write', 'denyoom'], firstKey: 1, lastKey: -1, step: 1, group, keyFlags: ['RW', 'access', 'insert'], keySpecs: [{ flags: ['RW', 'access', 'insert'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 2 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '2.8.9', summary: 'Merge N different HyperLogLogs into a single one.', complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.', handler: pfmerge }),
  cmd({ name: 'pfdebug', arity: 3, flags: ['write', 'denyoom', 'admin'], firstKey: 2, lastKey: 2, step: 1, group, keyFlags: ['RW', 'access'], since: '2.8.9', summary: 'Internal commands for debugging HyperLogLog values', complexity: 'N/A', handler: pfdebug }),
  cmd({ name: 'pfselftest', arity: 1, flags: ['admin'], firstKey: 0, lastKey: 0, step: 0, group, since: '2.8.9', summary: 'An internal command for testing HyperLogLog values', complexity: 'N/A', handler: pfselftest }),
] satisfies CommandSpec[];
