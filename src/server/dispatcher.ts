/**
 * The path of one command (Redis's processCommand + call): look up, check arity and
 * subcommand, run the handler, account for it (commandstats, slowlog, MONITOR).
 * The dispatcher never knows what a command does; the handlers never touch the socket.
 */
import { ERR } from '../protocol/shared.js';
import type { TableEntry } from '../commands/table.js';
import { PROP_FORCE, PROP_PREVENT, type Client } from './client.js';
import type { Server } from './server.js';
import { logger } from './log.js';
import { flagTransaction, txGate, transactionCommands } from '../commands/transaction.js';

/** EXEC's handler: never propagated itself. */
const execHandler = transactionCommands.find((s) => s.name === 'exec')!.handler;

export class Dispatcher {
  constructor(private readonly server: Server) {}

  /** Runs one request from a client, writing exactly one reply (unless CLIENT REPLY says no). */
  execute(c: Client, argv: string[]): void {
    const server = this.server;
    const w = c.reply;
    const mark = w.mark();
    let e = server.table.get(argv[0]);
    if (e === undefined) {
      server.stats.unknownCommands++;
      flagTransaction(c);
      w.error(ERR.unknownCommand(argv[0], argv.slice(1)));
      this.afterReply(c, mark);
      return;
    }
    if (e.subcommands !== null && argv.length >= 2) {
      const sub = e.subcommands.get(argv[1].toLowerCase());
      if (sub === undefined) {
        e.stats.rejectedCalls++;
        flagTransaction(c);
        w.error(ERR.unknownSubcommand(argv[1], e.spec.name));
        this.afterReply(c, mark);
        return;
      }
      e = sub;
    }
    const spec = e.spec;
    const arity = spec.arity;
    if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
      e.stats.rejectedCalls++;
      flagTransaction(c);
      w.error(ERR.wrongArgs(e.fullName));
      this.afterReply(c, mark);
      return;
    }
    if (server.pause.mode !== null && server.isPaused(e)) {
      // CLIENT PAUSE: hold the request and the rest of the input until unpaused.
      c.heldRequest = argv;
      c.block('pause');
      return;
    }
    const reject = server.checkCommand(c, e, argv);
    if (reject !== null) {
      e.stats.rejectedCalls++;
      flagTransaction(c);
      w.error(reject);
      this.afterReply(c, mark);
      return;
    }
    // MULTI queueing, no_multi commands, the RESP2 subscribed context (commands/transaction.ts).
    if ((c.multi !== null || c.pubsub !== null) && txGate(c, e, argv)) {
      this.afterReply(c, mark);
      return;
    }
    this.call(c, e, argv);
    this.afterReply(c, mark);
  }

  /** Runs a command that passed every check (Redis's call()). */
  call(c: Client, e: TableEntry, argv: string[]): void {
    const server = this.server;
    const errorsBefore = c.reply.errors;
    const dirtyBefore = server.dirty;
    // performance.now() (a double, sub-microsecond) rather than hrtime.bigint(): two BigInt
    // allocations per command showed in profiles of pipelined benchmarks.
    const start = performance.now();
    const mark = c.reply.mark();
    // Replication: commands run inside this one (EXEC) keep their own rewrite slots.
    const repl = server.repl;
    const savedArgv = c.propagateArgv;
    const savedFlags = c.propagateFlags;
    c.propagateArgv = null;
    c.propagateFlags = 0;
    repl.depth++;
    // Snapshot write barrier: keys this command names are written to a running snapshot first.
    if (server.persistence.snapshots.active.size > 0) server.persistence.barrierCommand(c, e, argv);
    try {
      e.spec.handler!(c, argv);
    } catch (err) {
      // A bug in a handler must cost one error reply, never the process and its data.
      c.reply.rollback(mark);
      logger.warning(`Internal error running '${e.fullName}': ${(err as Error)?.stack ?? String(err)}`);
      c.reply.error(`ERR internal error while running '${e.fullName}': ${(err as Error)?.message ?? String(err)}`);
    }
    // Redis's call(): a command that changed the dataset goes to the stream, as rewritten;
    // EXEC never itself (its commands were queued one by one and get MULTI/EXEC around them).
    const pflags = c.propagateFlags;
    if (((server.dirty > dirtyBefore && (pflags & PROP_PREVENT) === 0) || (pflags & PROP_FORCE) !== 0) && e.spec.handler !== execHandler) {
      repl.add(c.dbIndex, c.propagateArgv ?? argv);
    }
    c.propagateArgv = savedArgv;
    c.propagateFlags = savedFlags;
    if (--repl.depth === 0) repl.flushPending();
    const usec = (performance.now() - start) * 1000;
    const stats = e.stats;
    stats.calls++;
    stats.usec += usec;
    if (c.reply.errors !== errorsBefore) stats.failedCalls++;
    c.lastCommand = e.fullName;
    c.commandsProcessed++;
    server.stats.commandsProcessed++;
    server.afterCommand(c, e, argv, usec, server.dirty !== dirtyBefore);
  }

  /** CLIENT REPLY OFF/SKIP: drop what this command wrote. */
  private afterReply(c: Client, mark: number): void {
    if (c.replyMode === 'off') {
      c.reply.rollback(mark);
    } else if (c.skipReplies > 0) {
      c.skipReplies--;
      c.reply.rollback(mark);
    }
  }
}
