/**
 * A connection: its parser, selected database, protocol version, flags and output buffer.
 * Input is processed a whole read at a time and the replies to one read leave in one write.
 */
import type { Socket } from 'node:net';
import { RequestParser, ProtocolError } from '../protocol/request-parser.js';
import { ReplyWriter } from '../protocol/reply-writer.js';
import type { Database } from '../store/db.js';
import type { Server } from './server.js';
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
  /** A request read but held back (paused); run first on resume. */
  heldRequest: string[] | null = null;
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
    this.parser = new RequestParser({ maxBulkLen: server.config.num('proto-max-bulk-len') });
    this.addr = formatAddr(socket.remoteAddress, socket.remotePort);
    this.laddr = formatAddr(socket.localAddress, socket.localPort);
    // Node hides the descriptor; Redis prints it in CLIENT LIST. Use it when visible.
    this.fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  /** The selected database. */
  get db(): Database {
    return this.server.keyspace.dbs[this.dbIndex];
  }

  /** Called with each chunk read from the socket. */
  onData(chunk: Buffer): void {
    if (this.closed) return;
    this.lastInteraction = Date.now();
    this.parser.push(chunk);
    this.processInput();
  }

  /** Runs every complete request available, then flushes the replies in one write. */
  processInput(): void {
    try {
      while (!this.closed && !this.closeAfterReply && this.blocked === null) {
        let argv = this.heldRequest;
        if (argv) this.heldRequest = null;
        else argv = this.parser.next();
        if (argv === null) break;
        this.server.dispatcher.execute(this, argv);
      }
      if (!this.closed && this.parser.pending > this.server.config.num('client-query-buffer-limit')) {
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
    if (out) this.socket.write(out);
    if (this.closeAfterReply) this.close(true);
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
    if (graceful) this.socket.end();
    else this.socket.destroy();
    this.server.removeClient(this);
  }

  describe(): string {
    return `id=${this.id} addr=${this.addr} laddr=${this.laddr} name=${this.name}`;
  }
}

function formatAddr(host: string | undefined, port: number | undefined): string {
  if (!host) return '?:0';
  if (host.startsWith('::ffff:')) host = host.slice(7);
  return `${host}:${port ?? 0}`;
}
