/**
 * The server: listeners, connected clients, the keyspace, the command table, statistics and
 * the cron (hz). It knows how to run commands, never what they do.
 */
import type net from 'node:net';
import { randomBytes } from 'node:crypto';
import { Config } from '../config/config.js';
import { CommandTable, type TableEntry } from '../commands/table.js';
import { Keyspace } from '../store/db.js';
import { ActiveExpire } from '../store/expire.js';
import { updateLruClock } from '../store/keytable.js';
import { Client } from './client.js';
import { Dispatcher } from './dispatcher.js';
import { logger } from './log.js';
import { KeyEvents } from './keyevents.js';
import { Blocking } from './blocking.js';
import { WatchRegistry } from './watch.js';
import { PubSub } from './pubsub.js';
import { MetricsSampler } from '../metrics/memory.js';
import { Persistence, type ShutdownFlags } from '../persistence/persistence.js';
import { Acl, Denied, PROTECTED_MODE_DENIED, WRONGPASS, protectedModeDenies } from './acl.js';
import { ReplicationStream, NULL_REPL_ID } from '../replication/propagate.js';
import { Listeners } from './listeners.js';

export const PETREL_VERSION = '0.1.0';
/** The Redis version whose behaviour we follow; reported as redis_version so tools accept us. */
export const REDIS_COMPAT_VERSION = '7.0.15';

export interface ServerStats {
  commandsProcessed: number;
  connectionsReceived: number;
  rejectedConnections: number;
  unknownCommands: number;
  totalErrorReplies: number;
  netInputBytes: number;
  netOutputBytes: number;
  clientQbufLimitDisconnections: number;
  /** Socket reads and writes (total_reads_processed, total_writes_processed). */
  readsProcessed: number;
  writesProcessed: number;
  /** Time spent in active expiry (expire_cycle_cpu_milliseconds), microseconds. */
  expireCycleUsec: number;
  /** Failed AUTH / HELLO AUTH attempts (Redis 7.0 has no INFO field; ACL LOG records them). */
  authFailures: number;
  /** errorstats: error code ("ERR", "WRONGTYPE") -> count */
  errorCodes: Map<string, number>;
}

/** CLIENT PAUSE state. */
export interface PauseState {
  mode: 'write' | 'all' | null;
  /** Absolute ms when the pause ends. */
  until: number;
  timer: NodeJS.Timeout | null;
}

/** One SLOWLOG entry. */
export interface SlowlogEntry {
  id: number;
  time: number;
  usec: number;
  argv: string[];
  addr: string;
  name: string;
}

export class Server {
  readonly config: Config;
  keyspace!: Keyspace;
  readonly table = new CommandTable();
  readonly dispatcher = new Dispatcher(this);
  readonly clients = new Map<number, Client>();
  private nextClientId = 1;
  readonly runId = randomBytes(20).toString('hex');
  readonly startTime = Date.now();
  readonly stats: ServerStats = {
    commandsProcessed: 0,
    connectionsReceived: 0,
    rejectedConnections: 0,
    unknownCommands: 0,
    totalErrorReplies: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    clientQbufLimitDisconnections: 0,
    readsProcessed: 0,
    writesProcessed: 0,
    expireCycleUsec: 0,
    authFailures: 0,
    errorCodes: new Map(),
  };
  /** Changes since the last save (rdb_changes_since_last_save); handlers bump it on writes. */
  dirty = 0;
  lastSave = Math.floor(Date.now() / 1000);
  activeExpire!: ActiveExpire;
  readonly pause: PauseState = { mode: null, until: 0, timer: null };
  readonly monitors = new Set<Client>();
  /** Key changes, told to WATCH, blocking commands, notifications (see keyevents.ts). */
  readonly events = new KeyEvents();
  /** Clients blocked on keys (BLPOP, BZPOPMIN, XREAD BLOCK ...): see blocking.ts. */
  readonly blocking = new Blocking(this);
  /** WATCHed keys (MULTI/EXEC optimistic locking): see watch.ts. */
  readonly watch = new WatchRegistry(this);
  /** Pub/sub channels, patterns and keyspace notifications: see pubsub.ts. */
  readonly pubsub = new PubSub(this);
  slowlog: SlowlogEntry[] = [];
  /** ACL users, permissions and the ACL LOG (acl.ts). */
  readonly acl: Acl;
  slowlogNextId = 0;
  /** Replication identity; a master with no history yet. */
  replId = randomBytes(20).toString('hex');
  replOffset = 0;
  /** The previous replication ID and the offset where it ended (PSYNC2; none yet). */
  replId2 = NULL_REPL_ID;
  secondReplOffset = -1;
  /** The replication stream: backlog, SELECT state, feeds to replica links (replication/propagate.ts). */
  readonly repl: ReplicationStream = new ReplicationStream(this);
  /** Listening sockets (port, tls-port, admin-port, metrics-port): see listeners.ts. */
  readonly listeners = new Listeners(this);
  private cronTimer: NodeJS.Timeout | null = null;
  /** Peak memory and instantaneous network rates for INFO, sampled by the cron. */
  readonly metrics = new MetricsSampler(this);
  /** RDB save/load, BGSAVE snapshots and their write barrier (persistence/persistence.ts). */
  readonly persistence: Persistence = new Persistence(this);
  /** Samples for instantaneous_ops_per_sec (Redis's trackInstantaneousMetric). */
  private opsSamples: number[] = [];
  private lastOpsSample = { time: Date.now(), count: 0 };
  private shuttingDown = false;

  constructor(config: Config) {
    this.config = config;
    this.acl = new Acl({
      table: this.table,
      pubsubDefaultAll: () => config.str('acl-pubsub-default') === 'allchannels',
      logMaxLen: () => config.num('acllog-max-len'),
      clients: () => [...this.clients.values()],
    });
    // requirepass is the default user's password, as in Redis (ACLUpdateDefaultUserPassword).
    this.acl.setRequirepass(config.str('requirepass'));
    config.onChange('requirepass', (v) => this.acl.setRequirepass(String(v)));
    this.keyspace = new Keyspace(config.num('databases'));
    this.activeExpire = new ActiveExpire(this.keyspace);
    // Expiry deletes keys on its own: that is a modification WATCH and notifications must see.
    this.keyspace.events = {
      expired: (db, key) => {
        this.events.modified(db, key);
        this.events.notify('x', 'expired', key, db.id);
        // Replicas never expire keys themselves: the master sends the deletion.
        this.repl.add(db.id, [this.config.bool('lazyfree-lazy-expire') ? 'UNLINK' : 'DEL', key]);
      },
    };
    this.config.onChange('repl-backlog-size', () => this.repl.resizeBacklog(this.backlogSize()));
  }

  /** Opens the listeners; resolves when every mandatory address is bound. */
  async listen(): Promise<void> {
    await this.listeners.open();
  }

  /** Actual port of the first listener (tests bind port 0 indirectly via free ports). */
  get boundPort(): number {
    return this.listeners.boundPort;
  }

  /**
   * A new connection from any listener (plain or TLS). `first`: bytes already read from it
   * (the admin port reads some to tell HTTP from RESP).
   */
  accept(socket: net.Socket, first?: Buffer): void {
    this.stats.connectionsReceived++;
    if (this.clients.size >= this.config.num('maxclients')) {
      this.stats.rejectedConnections++;
      socket.end('-ERR max number of clients reached\r\n');
      socket.resume(); // accepted paused: read (and drop) so the peer's close is seen
      return;
    }
    socket.setNoDelay(true);
    const keepalive = this.config.num('tcp-keepalive');
    if (keepalive > 0) socket.setKeepAlive(true, keepalive * 1000);
    if (protectedModeDenies(this.config.bool('protected-mode'), this.acl.defaultUser.nopass, socket.remoteAddress)) {
      this.stats.rejectedConnections++;
      socket.end(PROTECTED_MODE_DENIED);
      socket.resume();
      return;
    }
    const c = new Client(this, socket, this.nextClientId++);
    c.authenticated = !this.acl.authRequired();
    c.reply.onError = (msg) => this.countError(msg);
    this.clients.set(c.id, c);
    socket.on('error', () => c.close());
    socket.on('close', () => c.close());
    if (first) c.onData(first);
    c.startReading();
  }

  removeClient(c: Client): void {
    this.clients.delete(c.id);
    this.monitors.delete(c);
  }

  private countError(msg: string): void {
    this.stats.totalErrorReplies++;
    const sp = msg.indexOf(' ');
    const code = sp < 0 ? msg : msg.slice(0, sp);
    this.stats.errorCodes.set(code, (this.stats.errorCodes.get(code) ?? 0) + 1);
  }

  /** repl-backlog-size in bytes. */
  backlogSize(): number {
    return this.config.num('repl-backlog-size');
  }

  /** 'master' or 'slave' as ROLE and HELLO say it. */
  get role(): 'master' | 'slave' {
    return 'master';
  }

  /**
   * AUTH / HELLO AUTH against the ACL users. Returns Redis's error or null. A failure never
   * says whether the user exists; it goes to the ACL LOG (object "AUTH").
   */
  authenticate(c: Client, user: string, pass: string): string | null {
    const u = this.acl.checkPassword(user, pass);
    if (u !== null) {
      c.authenticated = true;
      c.user = u.name;
      return null;
    }
    this.acl.addLog(c, Denied.Auth, c.multi !== null ? 'multi' : 'toplevel', 'AUTH', user, 'auth');
    return WRONGPASS;
  }

  /**
   * Checks made before a command runs (auth, replica read-only, loading ...). Returns Redis's
   * error text, or null to run it. Grows as those features land.
   */
  checkCommand(c: Client, e: TableEntry, argv: string[]): string | null {
    const guard = e.spec.protectedBy ?? e.parent?.spec.protectedBy;
    if (guard !== undefined && !this.protectedAllowed(c, guard)) {
      const name = (e.parent ?? e).spec.name.toUpperCase();
      return `ERR ${name} command not allowed. If the ${guard} option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.`;
    }
    if (!c.authenticated && !e.spec.flags.includes('no_auth') && this.acl.authRequired()) return 'NOAUTH Authentication required.';
    const denied = this.acl.checkCommand(c, e, argv);
    if (denied !== null) return denied;
    return this.persistence.checkCommand(c, e, argv);
  }

  /** Redis's allowProtectedAction: "yes", or "local" from a loopback connection. */
  private protectedAllowed(c: Client, directive: string): boolean {
    const v = this.config.raw(directive);
    if (v === 'yes') return true;
    if (v !== 'local') return false;
    const ip = c.addr.slice(0, c.addr.lastIndexOf(':'));
    return ip === '127.0.0.1' || ip === '::1';
  }

  /** True when CLIENT PAUSE holds this command back. */
  isPaused(e: TableEntry): boolean {
    if (this.pause.mode === null) return false;
    if (this.pause.mode === 'all') return true;
    const f = e.spec.flags;
    return f.includes('write') || f.includes('may_replicate');
  }

  /** Accounting after a command ran: slowlog and MONITOR feeds hook in here. */
  afterCommand(c: Client, e: TableEntry, argv: string[], usec: number, _dirtied: boolean): void {
    const slower = this.config.num('slowlog-log-slower-than');
    const flags = e.spec.flags;
    if (slower >= 0 && usec >= slower && !flags.includes('skip_slowlog')) this.addSlowlog(c, argv, usec);
    if (this.monitors.size > 0 && !flags.includes('skip_monitor') && !flags.includes('admin')) this.feedMonitors(c, argv);
  }

  private addSlowlog(c: Client, argv: string[], usec: number): void {
    const max = this.config.num('slowlog-max-len');
    if (max <= 0) return;
    // Redis keeps at most 32 arguments and 128 bytes per argument.
    const args: string[] = [];
    const n = Math.min(argv.length, 32);
    for (let i = 0; i < n; i++) {
      if (i === 31 && argv.length > 32) {
        args.push(`... (${argv.length - 31} more arguments)`);
        break;
      }
      const a = argv[i];
      args.push(a.length > 128 ? `${a.slice(0, 128)}... (${a.length - 128} more bytes)` : a);
    }
    this.slowlog.unshift({ id: this.slowlogNextId++, time: Math.floor(Date.now() / 1000), usec: Math.round(usec), argv: args, addr: c.addr, name: c.name });
    if (this.slowlog.length > max) this.slowlog.length = max;
  }

  /** MONITOR line: `+<sec>.<usec> [<db> <addr>] "arg" ...` with Redis's escaping. */
  private feedMonitors(c: Client, argv: string[]): void {
    const now = Date.now() * 1000 + (Number(process.hrtime.bigint() / 1000n) % 1000);
    const sec = Math.floor(now / 1e6);
    const us = String(now % 1e6).padStart(6, '0');
    let line = `+${sec}.${us} [${c.dbIndex} ${c.addr}]`;
    for (const a of argv) line += ' ' + quoteRepr(a);
    line += '\r\n';
    for (const m of this.monitors) {
      if (m === c) continue;
      m.reply.rawString(line);
      m.flush();
    }
  }

  /** Starts the hz-driven cron: active expiry, ops/sec samples, CLIENT PAUSE expiry. */
  startCron(): void {
    const tick = () => {
      const hz = Math.max(1, Math.min(500, this.config.num('hz')));
      this.cron(hz);
      this.cronTimer = setTimeout(tick, 1000 / hz);
      this.cronTimer.unref?.();
    };
    this.cronTimer = setTimeout(tick, 100);
  }

  private cron(hz: number): void {
    const expireStart = performance.now();
    // Access times have Redis's one-second resolution: one clock read per cron tick, not per lookup.
    updateLruClock();
    this.activeExpire.cycle(hz);
    this.stats.expireCycleUsec += (performance.now() - expireStart) * 1000;
    this.metrics.sample();
    this.persistence.cron();
    const now = Date.now();
    if (now - this.lastOpsSample.time >= 100) {
      const ops = ((this.stats.commandsProcessed - this.lastOpsSample.count) * 1000) / (now - this.lastOpsSample.time);
      this.opsSamples.push(ops);
      if (this.opsSamples.length > 16) this.opsSamples.shift();
      this.lastOpsSample = { time: now, count: this.stats.commandsProcessed };
    }
    const timeout = this.config.num('timeout');
    if (timeout > 0) {
      for (const c of this.clients.values()) {
        if (c.blocked === null && !c.monitor && now - c.lastInteraction > timeout * 1000) c.close();
      }
    }
  }

  get instantaneousOps(): number {
    if (this.opsSamples.length === 0) return 0;
    return Math.round(this.opsSamples.reduce((a, b) => a + b, 0) / this.opsSamples.length);
  }

  /** Pauses clients (CLIENT PAUSE) until `until`. As Redis: the stricter mode and the later end win. */
  pauseClients(mode: 'write' | 'all', until: number): void {
    if (this.pause.mode !== 'all') this.pause.mode = mode;
    this.pause.until = Math.max(until, this.pause.until);
    if (this.pause.timer) clearTimeout(this.pause.timer);
    this.pause.timer = setTimeout(() => this.unpauseClients(), Math.max(0, this.pause.until - Date.now()));
  }

  /** Ends a CLIENT PAUSE and lets held clients continue. */
  unpauseClients(): void {
    this.pause.mode = null;
    this.pause.until = 0;
    if (this.pause.timer) clearTimeout(this.pause.timer);
    this.pause.timer = null;
    for (const c of this.clients.values()) if (c.blocked === 'pause') c.unblock();
  }

  /**
   * CONFIG RESETSTAT: zeroes every counter in `stats` (errorstats too), the per-command stats
   * and the instantaneous samples, as Redis's resetServerStats + resetCommandTableStats.
   */
  resetStats(): void {
    const st = this.stats as unknown as Record<string, unknown>;
    for (const k of Object.keys(st)) {
      const v = st[k];
      if (typeof v === 'number') st[k] = 0;
      else if (v instanceof Map) v.clear();
    }
    for (const e of this.table.all()) {
      e.stats.calls = 0;
      e.stats.usec = 0;
      e.stats.rejectedCalls = 0;
      e.stats.failedCalls = 0;
    }
    this.opsSamples = [];
    this.lastOpsSample = { time: Date.now(), count: 0 };
  }

  /**
   * CONFIG SET port/bind: closes the TCP listeners and opens them again from the current
   * config. Rejects when a mandatory address cannot be bound (the caller restores the config
   * and calls it again).
   */
  async rebind(): Promise<void> {
    await this.listeners.rebind();
  }

  /**
   * Redis's prepareForShutdown, before shutdown(): the final RDB save. False when the save
   * failed and FORCE was not given: the server must keep running.
   */
  prepareShutdown(flags: ShutdownFlags): boolean {
    return this.persistence.prepareShutdown(flags);
  }

  /** Closes listeners and connections; resolves when done. */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    if (this.cronTimer) clearTimeout(this.cronTimer);
    if (this.pause.timer) clearTimeout(this.pause.timer);
    this.listeners.close();
    for (const c of [...this.clients.values()]) {
      c.flush();
      c.close(true);
    }
  }
}

/** Redis's sdscatrepr: quotes a string, escaping \\ " \n \r \t \a \b and non-printables as \xHH. */
export function quoteRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += c >= 0x20 && c < 0x7f ? s[i] : '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}
