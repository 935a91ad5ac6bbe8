/**
 * A connection: its parser, selected database, protocol version, flags and output buffer.
 * Input is processed a whole read at a time and the replies to one read leave in one write.
 */
import type { Socket } from 'node:net';
import { RequestParser, ProtocolError } from '../protocol/request-parser.js';
import { ReplyWriter } from '../protocol/reply-writer.js';
import type { Database } from '../store/db.js';
import type { Server } from './server.js';
import type { MultiState } from '../commands/transaction.js';
import type { ClientSubscriptions } from './pubsub.js';
import { logger } from './log.js';

/** CLIENT REPLY mode; SKIP is counted in skipReplies. */
export type ReplyMode = 'on' | 'off';

export class Client {
  readonly id: number;
  readonly parser: RequestParser;
  readonly reply = new ReplyWriter();
  /** Index of the selected database (SELECT); the object is looked up per command (SWAPDB). */
  dbIndex = 0;
  name = '';
  libName = '';
  libVer = '';
  readonly createdAt = Date.now();
  lastInteraction = Date.now();
  /** Full name of the last command run ("client|list"), for CLIENT LIST `cmd=`. */
  lastCommand = 'NULL';
  /** Number of commands run in this connection (for flags and stats). */
  commandsProcessed = 0;
  replyMode: ReplyMode = 'on';
  /** Replies still to drop: CLIENT REPLY SKIP sets 2 (its own and the next command's). */
  skipReplies = 0;
  /** MONITOR mode: the client receives every command and sends nothing more. */
  monitor = false;
  /** CLIENT NO-EVICT */
  noEvict = false;
  /** CLIENT PAUSE etc.: while set, input is left in the parser and not processed. */
  blocked: string | null = null;
  /** True while EXEC (later: a script) runs queued commands: blocking commands must not block. */
  inExec = false;
  /** MULTI state (queued commands), null outside a transaction: commands/transaction.ts. */
  multi: MultiState | null = null;
  /** Pub/sub subscriptions, null when subscribed to nothing: server/pubsub.ts. */
  pubsub: ClientSubscriptions | null = null;
  /** Since when (ms) output has been above the soft output buffer limit; 0 = not above. */
  obufSoftLimitSince = 0;
  /** A request read but held back (paused); run first on resume. */
  heldRequest: string[] | null = null;
  /**
   * Replication of the running command (replication/propagate.ts): the argv it is sent as
   * instead of its own (propagateAs), and PROP_PREVENT / PROP_FORCE. Reset per command.
   */
  propagateArgv: string[] | null = null;
  propagateFlags = 0;
  /** Close once pending output is written (QUIT, protocol error). */
  closeAfterReply = false;
  closed = false;
  /** User name (ACL); "default" until ACLs exist. */
  user = 'default';
  authenticated = true;
  readonly addr: string;
  readonly laddr: string;
  readonly fd: number;

  constructor(
    readonly server: Server,
    readonly socket: Socket,
    id: number,
  ) {
    this.id = id;
    this.parser = new RequestParser({ maxBulkLen: server.config.num('proto-max-bulk-len'), authRequired: () => !this.authenticated });
    this.addr = formatAddr(socket.remoteAddress, socket.remotePort);
    this.laddr = formatAddr(socket.localAddress, socket.localPort);
    // Node hides the descriptor; Redis prints it in CLIENT LIST. Use it when visible.
    this.fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  /** The selected database. */
  get db(): Database {
    return this.server.keyspace.dbs[this.dbIndex];
  }

  /**
   * Starts reading the socket (accepted paused). Where Node allows it, bytes arrive through the
   * socket's `onread` mode into one buffer shared by every connection: no Buffer allocated per
   * read, no Readable stream push/emit per read. This halves the CPU Node spends per request at
   * pipeline depth 1 (bench/RESULTS.md). Otherwise, plain 'data' events.
   */
  startReading(): void {
    const stats = this.server.stats;
    const onRead = (n: number, buf: Buffer): void => {
      stats.netInputBytes += n;
      stats.readsProcessed++;
      this.onData(buf.subarray(0, n), true);
    };
    if (!useSharedReadBuffer(this.socket, onRead)) {
      this.socket.on('data', (chunk: Buffer) => {
        stats.netInputBytes += chunk.length;
        stats.readsProcessed++;
        this.onData(chunk);
      });
    }
    this.socket.resume();
  }

  /**
   * Called with each chunk read from the socket. `reused`: the chunk's memory is overwritten by
   * the next read, so the parser must copy what it keeps.
   */
  onData(chunk: Buffer, reused = false): void {
    if (this.closed) return;
    this.lastInteraction = Date.now();
    this.parser.push(chunk);
    this.processInput();
    if (reused) this.parser.detach();
  }

  /** Runs every complete request available, then flushes the replies in one write. */
  processInput(): void {
    try {
      while (!this.closed && !this.closeAfterReply && this.blocked === null && !this.readPaused) {
        let argv = this.heldRequest;
        if (argv) this.heldRequest = null;
        else argv = this.parser.next();
        if (argv === null) break;
        this.server.dispatcher.execute(this, argv);
        // Serve clients blocked on keys this command made ready before the next command runs.
        if (this.server.blocking.pending) this.server.blocking.handleReady();
        // A pipeline of big replies: hand them to the socket as they come, and stop running
        // commands (flush pauses us) while the client does not read them.
        if (this.reply.pending > OUTPUT_FLUSH_BYTES) this.flush();
      }
      // The limit is at least 1mb (CONFIG's minimum): skip the config lookup below that.
      const pending = this.parser.pending;
      if (!this.closed && pending >= 1024 * 1024 && pending > this.server.config.num('client-query-buffer-limit')) {
        logger.warning(`Closing client that reached max query buffer length: ${this.describe()}`);
        this.server.stats.clientQbufLimitDisconnections++;
        this.close();
        return;
      }
    } catch (e) {
      if (e instanceof ProtocolError) {
        logger.verbose(`Protocol error (${e.message}) from client: ${this.describe()}`);
        this.reply.error('ERR ' + e.message);
        this.closeAfterReply = true;
      } else {
        throw e;
      }
    }
    this.flush();
  }

  /** Sends what the writer holds; honours closeAfterReply. */
  flush(): void {
    if (this.closed) return;
    const out = this.reply.take();
    if (out) {
      this.server.stats.netOutputBytes += out.length;
      this.server.stats.writesProcessed++;
      this.socket.write(out);
      // Backpressure: a client that sends faster than it reads its replies would grow our
      // output without bound. Stop reading it until the kernel takes the output ('drain').
      if (!this.readPaused && this.socket.writableLength > OUTPUT_PAUSE_BYTES) this.pauseReading();
    }
    if (this.closeAfterReply) this.close(true);
  }

  /** True while input is not read because output is backed up (see {@link flush}). */
  readPaused = false;

  private pauseReading(): void {
    this.readPaused = true;
    this.socket.pause();
    this.socket.once('drain', () => {
      this.readPaused = false;
      if (this.closed) return;
      this.socket.resume();
      this.processInput(); // requests left in the parser when we paused
    });
  }

  /** Stops processing input (pause, blocking commands). */
  block(reason: string): void {
    this.blocked = reason;
  }

  /** Resumes input processing after {@link block}. */
  unblock(): void {
    if (this.blocked === null) return;
    this.blocked = null;
    if (!this.closed) setImmediate(() => this.processInput());
  }

  /** Closes the connection; graceful = after pending output. */
  close(graceful = false): void {
    if (this.closed) return;
    this.closed = true;
    this.server.blocking.remove(this);
    this.multi = null;
    this.server.watch.unwatchAll(this);
    this.server.pubsub.removeClient(this);
    if (graceful) this.socket.end();
    else this.socket.destroy();
    this.server.removeClient(this);
  }

  /**
   * Replicate this command as `argv` instead of as sent (Redis's rewriteClientCommandVector):
   * SET EX -> SET PXAT, EXPIRE -> PEXPIREAT, XADD * -> XADD <id> ... Only if it changed data.
   */
  propagateAs(argv: string[]): void {
    this.propagateArgv = argv;
  }

  /**
   * Replicate `argv` too, in `dbId` (default: the selected db), before this command's own
   * propagation (Redis's alsoPropagate). Outside a command (a blocked client served later) it
   * is sent at once.
   */
  alsoPropagate(argv: string[], dbId = this.dbIndex): void {
    this.server.repl.add(dbId, argv);
  }

  /** Do not replicate this command itself (its effects went out with alsoPropagate). */
  preventPropagation(): void {
    this.propagateFlags |= PROP_PREVENT;
  }

  /** Replicate this command even if it changed nothing (FLUSHDB on an empty db, PUBLISH). */
  forcePropagation(): void {
    this.propagateFlags |= PROP_FORCE;
  }

  describe(): string {
    return `id=${this.id} addr=${this.addr} laddr=${this.laddr} name=${this.name}`;
  }
}

/** Client.propagateFlags bits (Redis's CLIENT_PREVENT_PROP / CLIENT_FORCE_REPL). */
export const PROP_PREVENT = 1;
export const PROP_FORCE = 2;

/** Output still queued in the socket above which we stop reading that client. */
const OUTPUT_PAUSE_BYTES = 1024 * 1024;
/** Replies buffered by one batch of commands above which they are flushed before the next. */
const OUTPUT_FLUSH_BYTES = 256 * 1024;

/**
 * One read buffer for every connection: a read is processed to the end before the next read,
 * and the parser copies what it keeps (RequestParser.detach), so nothing aliases it. 64 KiB is
 * what libuv would otherwise allocate per read.
 */
const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * Switches an accepted, not yet reading socket to Node's `onread` mode, the one documented for
 * client sockets (`new net.Socket({ onread: { buffer, callback } })`): net.Server gives no way
 * to ask for it, so we set the same internal fields the constructor would set (found by their
 * symbol descriptions) and give the handle our buffer. Node's own pause()/resume() honour
 * this mode. Returns false, changing nothing, where the internals differ (other Node
 * versions): the caller then uses 'data' events.
 */
function useSharedReadBuffer(socket: Socket, callback: (n: number, buf: Buffer) => void): boolean {
  const handle = (socket as unknown as { _handle?: { useUserBuffer?: (b: Uint8Array) => void; reading?: boolean } })._handle;
  // Plain TCP only: a TLS socket's handle decrypts into its own buffers.
  if ((socket as { encrypted?: boolean }).encrypted) return false;
  if (!handle || typeof handle.useUserBuffer !== 'function' || handle.reading) return false;
  const syms = Object.getOwnPropertySymbols(socket);
  const kBuffer = syms.find((s) => s.description === 'kBuffer');
  const kBufferCb = syms.find((s) => s.description === 'kBufferCb');
  const kBufferGen = syms.find((s) => s.description === 'kBufferGen');
  if (!kBuffer || !kBufferCb || !kBufferGen) return false;
  const fields = socket as unknown as Record<symbol, unknown>;
  if (fields[kBuffer] !== null || fields[kBufferGen] !== null) return false;
  fields[kBuffer] = sharedReadBuffer;
  fields[kBufferCb] = callback;
  handle.useUserBuffer(sharedReadBuffer);
  return true;
}

function formatAddr(host: string | undefined, port: number | undefined): string {
  if (!host) return '?:0';
  if (host.startsWith('::ffff:')) host = host.slice(7);
  return `${host}:${port ?? 0}`;
}
