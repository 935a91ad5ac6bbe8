/**
 * The replication stream a master produces (Redis 7.0's alsoPropagate, propagatePendingCommands,
 * replicationFeedSlaves): every write that changed the dataset, in the form that replays it
 * exactly, RESP-encoded, with a SELECT whenever the database changes.
 *
 * How commands get here (see Dispatcher.call):
 * - A command that moved server.dirty is propagated after it ran, as the client sent it or as
 *   its handler rewrote it (c.propagateAs: SET EX -> SET PXAT, EXPIRE -> PEXPIREAT ...).
 * - A handler may add more commands (c.alsoPropagate: SPOP count -> SREM each; XREADGROUP ->
 *   XCLAIM ...), and keep its own from being sent (c.preventPropagation) or send it without a
 *   change (c.forcePropagation: FLUSHDB on an empty db, PUBLISH).
 * - Deletions the server makes on its own (lazy and active expiry) add DEL/UNLINK.
 * Commands added while a command runs (depth > 0) are held until the outermost command ends,
 * then sent: one alone as it is, several wrapped in MULTI ... EXEC (so EXEC becomes MULTI + its
 * writes + EXEC, and a read-only transaction sends nothing). Commands added outside any
 * command (active expiry, blocked clients served after a push) are sent at once, one by one,
 * as Redis 7.0 does.
 *
 * Redis creates the backlog only when the first replica attaches; until then (no backlog and no
 * replica link) nothing is recorded and master_repl_offset stays put.
 */
import { randomBytes } from 'node:crypto';
import { Backlog } from './backlog.js';

/** Something that receives the stream's bytes (later: each replica link). */
export type StreamFeed = (bytes: Buffer) => void;

/** What the stream needs of the server (kept narrow so this module stays testable). */
export interface StreamHost {
  replId: string;
  replId2: string;
  replOffset: number;
  secondReplOffset: number;
  /** repl-backlog-size */
  backlogSize(): number;
}

interface PendingOp {
  dbId: number;
  argv: string[];
}

/** The null replication ID (master_replid2 when there is no previous history). */
export const NULL_REPL_ID = '0000000000000000000000000000000000000000';

export class ReplicationStream {
  backlog: Backlog | null = null;
  /** Receivers of the stream besides the backlog (replica links). */
  private readonly feeds: StreamFeed[] = [];
  /** Database of the last SELECT sent; -1 forces one before the next command (slaveseldb). */
  selectedDb = -1;
  /** Nesting of commands being run (Dispatcher.call); ops wait while > 0. */
  depth = 0;
  private pending: PendingOp[] = [];

  constructor(private readonly host: StreamHost) {}

  /** True when someone records the stream (a backlog or a link): otherwise nothing is built. */
  get active(): boolean {
    return this.backlog !== null || this.feeds.length > 0;
  }

  /**
   * Creates the backlog if there is none (Redis does it when the first replica attaches): a new
   * replication ID with no previous history, and a SELECT before the next command.
   */
  activateBacklog(): Backlog {
    if (this.backlog !== null) return this.backlog;
    this.host.replId = randomBytes(20).toString('hex');
    this.host.replId2 = NULL_REPL_ID;
    this.host.secondReplOffset = -1;
    this.backlog = new Backlog(this.host.backlogSize(), this.host.replOffset);
    this.selectedDb = -1;
    return this.backlog;
  }

  /** Drops the backlog (repl-backlog-ttl with no replicas; REPLICAOF changes). */
  freeBacklog(): void {
    this.backlog = null;
  }

  /** CONFIG SET repl-backlog-size */
  resizeBacklog(size: number): void {
    this.backlog?.resize(size);
  }

  addFeed(fn: StreamFeed): void {
    this.feeds.push(fn);
  }

  removeFeed(fn: StreamFeed): void {
    const i = this.feeds.indexOf(fn);
    if (i >= 0) this.feeds.splice(i, 1);
  }

  /** Makes the next command start with a SELECT (a new replica's stream begins here). */
  forceSelect(): void {
    this.selectedDb = -1;
  }

  /** Redis's alsoPropagate: queue (inside a command) or send (outside) one command. */
  add(dbId: number, argv: string[]): void {
    if (!this.active) return;
    if (this.depth > 0) this.pending.push({ dbId, argv });
    else this.emit(dbId, argv);
  }

  /**
   * Runs `fn` as one unit of the stream, as a command is: what it adds goes out together when
   * it ends, several commands in MULTI/EXEC (a blocked client served after a push).
   */
  unit<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.flushPending();
    }
  }

  /** Redis's propagatePendingCommands: called when the outermost command ends. */
  flushPending(): void {
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    if (!this.active) return;
    if (ops.length === 1) {
      this.emit(ops[0].dbId, ops[0].argv);
      return;
    }
    // MULTI carries the first command's db (its SELECT goes before MULTI), EXEC the last one's.
    this.emit(ops[0].dbId, MULTI);
    for (const op of ops) this.emit(op.dbId, op.argv);
    this.emit(ops[ops.length - 1].dbId, EXEC);
  }

  /** Sends one command, preceded by SELECT when the database differs from the last one. */
  private emit(dbId: number, argv: readonly string[]): void {
    let s = '';
    if (dbId !== this.selectedDb) {
      const id = String(dbId);
      s = `*2\r\n$6\r\nSELECT\r\n$${id.length}\r\n${id}\r\n`;
      this.selectedDb = dbId;
    }
    s += encodeCommand(argv);
    this.write(Buffer.from(s, 'latin1'));
  }

  /** Appends raw stream bytes: backlog, offset, links (a replica relays its master's bytes). */
  write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.backlog?.append(bytes);
    this.host.replOffset += bytes.length;
    for (const fn of this.feeds) fn(bytes);
  }
}

const MULTI = ['MULTI'];
const EXEC = ['EXEC'];

/** A command as a RESP multibulk (arguments are latin1 strings). */
export function encodeCommand(argv: readonly string[]): string {
  let s = `*${argv.length}\r\n`;
  for (const a of argv) s += `$${a.length}\r\n${a}\r\n`;
  return s;
}
