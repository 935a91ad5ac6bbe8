/**
 * Transactions (Redis's multi.c): MULTI EXEC DISCARD WATCH UNWATCH, and the dispatcher's gate
 * that queues commands inside MULTI (txGate).
 *
 * Inside MULTI every command but EXEC DISCARD MULTI WATCH QUIT RESET is queued and answered
 * +QUEUED; a command rejected while queueing (unknown, wrong arity, refused by a check) flags
 * the transaction and EXEC answers EXECABORT. EXEC runs the queued commands through the
 * dispatcher's call(), so commandstats, slowlog and MONITOR see each one, with c.inExec set so
 * blocking commands answer at once instead of blocking.
 */
import type { Client } from '../server/client.js';
import type { TableEntry } from './table.js';
import { OK, QUEUED } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';

/** One client's open transaction. */
export interface MultiState {
  readonly queue: Array<{ e: TableEntry; argv: string[] }>;
  /** A command was rejected while queueing (Redis's CLIENT_DIRTY_EXEC). */
  dirty: boolean;
  /** Bytes of queued arguments (CLIENT LIST multi-mem). */
  mem: number;
}

const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

/** Commands that run at once inside MULTI instead of being queued (Redis's processCommand). */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/** Commands a RESP2 client may send while subscribed. */
const PUBSUB_ALLOWED = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);

/** Redis's flagTransaction: a rejected command inside MULTI makes EXEC fail. */
export function flagTransaction(c: Client): void {
  if (c.multi !== null) c.multi.dirty = true;
}

/**
 * The checks processCommand makes for MULTI and pub/sub after the generic ones: no_multi
 * commands, the RESP2 subscribed context, and queueing. Returns true when it answered (the
 * command must not run now).
 */
export function txGate(c: Client, e: TableEntry, argv: string[]): boolean {
  const name = (e.parent ?? e).spec.name;
  if (c.multi !== null && e.spec.flags.includes('no_multi')) {
    e.stats.rejectedCalls++;
    flagTransaction(c);
    c.reply.error('ERR Command not allowed inside a transaction');
    return true;
  }
  if (c.pubsub !== null && c.reply.proto === 2 && !PUBSUB_ALLOWED.has(name)) {
    e.stats.rejectedCalls++;
    flagTransaction(c);
    c.reply.error(
      `ERR Can't execute '${e.fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
    );
    return true;
  }
  if (c.multi !== null && !NOT_QUEUED.has(name)) {
    let mem = 0;
    for (const a of argv) mem += a.length;
    c.multi.queue.push({ e, argv });
    c.multi.mem += mem;
    c.reply.raw(QUEUED);
    return true;
  }
  return false;
}

/** Redis's discardTransaction: leaves MULTI and forgets watches. */
export function discardTransaction(c: Client): void {
  c.multi = null;
  c.server.watch.reset(c);
}

/* MULTI */
function multi(c: Client): void {
  if (c.multi !== null) return c.reply.error('ERR MULTI calls can not be nested');
  c.multi = { queue: [], dirty: false, mem: 0 };
  c.reply.raw(OK);
}

/* EXEC */
function exec(c: Client): void {
  const m = c.multi;
  if (m === null) return c.reply.error('ERR EXEC without MULTI');
  const watch = c.server.watch;
  watch.checkExpired(c);
  if (m.dirty || watch.isDirty(c)) {
    discardTransaction(c);
    if (m.dirty) c.reply.error(EXECABORT);
    else c.reply.nullArray();
    return;
  }
  // Unwatch first: the transaction's own writes must not matter to it.
  discardTransaction(c);
  const wasInExec = c.inExec;
  c.inExec = true;
  // Errors of the queued commands count against them, not against EXEC (Redis's call()).
  const errors = c.reply.errors;
  const dispatcher = c.server.dispatcher;
  try {
    c.reply.array(m.queue.length);
    for (const q of m.queue) dispatcher.call(c, q.e, q.argv);
  } finally {
    c.inExec = wasInExec;
    c.reply.errors = errors;
  }
}

/* DISCARD */
function discard(c: Client): void {
  if (c.multi === null) return c.reply.error('ERR DISCARD without MULTI');
  discardTransaction(c);
  c.reply.raw(OK);
}

/* WATCH key [key ...] */
function watch(c: Client, argv: string[]): void {
  if (c.multi !== null) return c.reply.error('ERR WATCH inside MULTI is not allowed');
  for (let i = 1; i < argv.length; i++) c.server.watch.watch(c, argv[i]);
  c.reply.raw(OK);
}

/* UNWATCH */
function unwatch(c: Client): void {
  c.server.watch.reset(c);
  c.reply.raw(OK);
}

const none = { firstKey: 0, lastKey: 0, step: 0, group: 'transactions' } as const;

export const transactionCommands = [
  cmd({ name: 'multi', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], ...none, since: '1.2.0', summary: 'Mark the start of a transaction block', complexity: 'O(1)', handler: multi }),
  cmd({ name: 'exec', arity: 1, flags: ['noscript', 'loading', 'stale', 'skip_slowlog'], ...none, since: '1.2.0', summary: 'Execute all commands issued after MULTI', complexity: 'Depends on commands in the transaction', handler: exec }),
  cmd({ name: 'discard', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], ...none, since: '2.0.0', summary: 'Discard all commands issued after MULTI', complexity: 'O(N), when N is the number of queued commands', handler: discard }),
  cmd({ name: 'watch', arity: -2, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], firstKey: 1, lastKey: -1, step: 1, group: 'transactions', keyFlags: ['RO'], since: '2.2.0', summary: 'Watch the given keys to determine execution of the MULTI/EXEC block', complexity: 'O(1) for every key.', handler: watch }),
  cmd({ name: 'unwatch', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'], ...none, since: '2.2.0', summary: 'Forget about all watched keys', complexity: 'O(1)', handler: unwatch }),
] satisfies CommandSpec[];
