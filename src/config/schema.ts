/**
 * The one table of configuration directives: every directive Redis 7.0.15 accepts, with its
 * type, default (as `CONFIG GET` prints it), mutability, bounds, enum values and aliases —
 * checked against a real redis-server 7.0.15 and Redis's src/config.c standardConfig table —
 * plus Dragonfly's spellings (aliases) and Petrel's own directives (marked "Petrel").
 */

export type DirectiveType = 'bool' | 'int' | 'memory' | 'string' | 'enum' | 'special';

/** Directives whose value is not a single word; each has its own parser and printer in config.ts. */
export type SpecialKind =
  | 'dir'
  | 'save'
  | 'client-output-buffer-limit'
  | 'oom-score-adj-values'
  | 'notify-keyspace-events'
  | 'bind'
  | 'replicaof'
  | 'latency-tracking-info-percentiles';

export interface Directive {
  readonly name: string;
  readonly type: DirectiveType;
  /**
   * Typed default: boolean for bool, number for int/memory, string for string/enum, and for
   * specials the value in config.ts's representation (string[] for save, bind, replicaof ...).
   */
  readonly default: string | number | boolean | string[];
  /** False = IMMUTABLE_CONFIG: only the config file and argv may set it. */
  readonly mutable: boolean;
  /** Redis's own alias (slave-read-only ...); shown by CONFIG GET patterns, as Redis does. */
  readonly aliases?: readonly string[];
  /** Dragonfly's spellings: accepted everywhere, never listed by CONFIG GET patterns. */
  readonly dragonfly?: readonly string[];
  readonly min?: bigint;
  readonly max?: bigint;
  readonly values?: readonly string[];
  /** Enum spellings that mean another value (oom-score-adj relative = yes). */
  readonly enumAliases?: Readonly<Record<string, string>>;
  /** Enum of flags: several space separated values (shutdown-on-sigint "nosave now"). */
  readonly multiEnum?: boolean;
  /** Memory config that also takes "N%" (maxmemory-clients), stored as -N like Redis. */
  readonly percent?: boolean;
  /** Parsed and printed in octal (unixsocketperm). */
  readonly octal?: boolean;
  readonly special?: SpecialKind;
  /** PROTECTED_CONFIG: CONFIG SET needs enable-protected-configs. */
  readonly protected?: boolean;
  /** SENSITIVE_CONFIG: value redacted from slowlog/monitor. */
  readonly sensitive?: boolean;
  /** HIDDEN_CONFIG: CONFIG GET needs the exact name. */
  readonly hidden?: boolean;
  /** Petrel's own directive (Redis 7.0 has no such name). */
  readonly petrel?: boolean;
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n;
const LLONG_MAX = LONG_MAX;
const ULLONG_MAX = 18446744073709551615n;

type Extra = Partial<Omit<Directive, 'name' | 'type' | 'default'>>;

function bool(name: string, def: boolean, extra: Extra = {}): Directive {
  return { name, type: 'bool', default: def, mutable: true, ...extra };
}
function str(name: string, def: string, extra: Extra = {}): Directive {
  return { name, type: 'string', default: def, mutable: true, ...extra };
}
function enm(name: string, def: string, values: string[], extra: Extra = {}): Directive {
  return { name, type: 'enum', default: def, mutable: true, values, ...extra };
}
function int(name: string, min: bigint, max: bigint, def: number, extra: Extra = {}): Directive {
  return { name, type: 'int', default: def, mutable: true, min, max, ...extra };
}
function mem(name: string, min: bigint, max: bigint, def: number, extra: Extra = {}): Directive {
  return { name, type: 'memory', default: def, mutable: true, min, max, ...extra };
}
function special(name: string, kind: SpecialKind, def: string | string[], extra: Extra = {}): Directive {
  return { name, type: 'special', special: kind, default: def, mutable: true, ...extra };
}

const IMM = { mutable: false } as const;
const PROTECTED_ACTION = ['no', 'yes', 'local'];
const SHUTDOWN_FLAGS = ['default', 'save', 'nosave', 'now', 'force'];

export const DIRECTIVES: readonly Directive[] = [
  // Bool configs
  bool('rdbchecksum', true, IMM),
  bool('daemonize', false, IMM),
  bool('io-threads-do-reads', false, IMM),
  bool('always-show-logo', false, IMM),
  bool('protected-mode', true),
  bool('rdbcompression', true),
  bool('rdb-del-sync-files', false),
  bool('activerehashing', true),
  bool('stop-writes-on-bgsave-error', true),
  bool('set-proc-title', true, IMM),
  bool('dynamic-hz', true),
  bool('lazyfree-lazy-eviction', false),
  bool('lazyfree-lazy-expire', false),
  bool('lazyfree-lazy-server-del', false),
  bool('lazyfree-lazy-user-del', false),
  bool('lazyfree-lazy-user-flush', false),
  bool('repl-disable-tcp-nodelay', false),
  bool('repl-diskless-sync', true),
  bool('aof-rewrite-incremental-fsync', true),
  bool('no-appendfsync-on-rewrite', false),
  bool('cluster-require-full-coverage', true),
  bool('rdb-save-incremental-fsync', true),
  bool('aof-load-truncated', true),
  bool('aof-use-rdb-preamble', true),
  bool('aof-timestamp-enabled', false),
  bool('cluster-replica-no-failover', false, { aliases: ['cluster-slave-no-failover'] }),
  bool('replica-lazy-flush', false, { aliases: ['slave-lazy-flush'] }),
  bool('replica-serve-stale-data', true, { aliases: ['slave-serve-stale-data'] }),
  bool('replica-read-only', true, { aliases: ['slave-read-only'] }),
  bool('replica-ignore-maxmemory', true, { aliases: ['slave-ignore-maxmemory'] }),
  bool('jemalloc-bg-thread', true),
  bool('activedefrag', false),
  bool('syslog-enabled', false, IMM),
  bool('cluster-enabled', false, IMM),
  bool('appendonly', false),
  bool('cluster-allow-reads-when-down', false),
  bool('cluster-allow-pubsubshard-when-down', true),
  bool('crash-log-enabled', true),
  bool('crash-memcheck-enabled', true),
  bool('use-exit-on-panic', false, { hidden: true }),
  bool('disable-thp', true, IMM),
  bool('cluster-allow-replica-migration', true),
  bool('replica-announced', true),
  bool('latency-tracking', true),
  bool('aof-disable-auto-gc', false),
  bool('replica-ignore-disk-write-errors', false),

  // String configs
  str('aclfile', '', IMM),
  str('unixsocket', '', IMM),
  str('pidfile', '', IMM),
  str('replica-announce-ip', '', { aliases: ['slave-announce-ip'] }),
  str('masteruser', '', { sensitive: true }),
  str('cluster-announce-ip', ''),
  str('cluster-config-file', 'nodes.conf', IMM),
  str('cluster-announce-hostname', ''),
  str('syslog-ident', 'redis', IMM),
  str('dbfilename', 'dump.rdb', { protected: true }),
  str('appendfilename', 'appendonly.aof', IMM),
  str('appenddirname', 'appendonlydir', IMM),
  str('server_cpulist', '', IMM),
  str('bio_cpulist', '', IMM),
  str('aof_rewrite_cpulist', '', IMM),
  str('bgsave_cpulist', '', IMM),
  str('ignore-warnings', ''),
  str('proc-title-template', '{title} {listen-addr} {server-mode}'),
  str('bind-source-addr', ''),
  str('logfile', '', IMM),
  str('masterauth', '', { sensitive: true }),
  str('requirepass', '', { sensitive: true }),

  // Enum configs
  enm('supervised', 'no', ['upstart', 'systemd', 'auto', 'no'], IMM),
  enm('syslog-facility', 'local0', ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'], IMM),
  enm('repl-diskless-load', 'disabled', ['disabled', 'on-empty-db', 'swapdb']),
  enm('loglevel', 'notice', ['debug', 'verbose', 'notice', 'warning']),
  enm('maxmemory-policy', 'noeviction', ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction']),
  enm('appendfsync', 'everysec', ['everysec', 'always', 'no']),
  enm('oom-score-adj', 'no', ['no', 'yes', 'relative', 'absolute'], { enumAliases: { relative: 'yes' } }),
  enm('acl-pubsub-default', 'resetchannels', ['allchannels', 'resetchannels']),
  enm('sanitize-dump-payload', 'no', ['no', 'yes', 'clients']),
  enm('enable-protected-configs', 'no', PROTECTED_ACTION, IMM),
  enm('enable-debug-command', 'no', PROTECTED_ACTION, IMM),
  enm('enable-module-command', 'no', PROTECTED_ACTION, IMM),
  enm('cluster-preferred-endpoint-type', 'ip', ['ip', 'hostname', 'unknown-endpoint']),
  enm('propagation-error-behavior', 'ignore', ['ignore', 'panic', 'panic-on-replicas']),
  enm('shutdown-on-sigint', 'default', SHUTDOWN_FLAGS, { multiEnum: true }),
  enm('shutdown-on-sigterm', 'default', SHUTDOWN_FLAGS, { multiEnum: true }),

  // Integer configs
  int('databases', 1n, INT_MAX, 16, IMM),
  int('port', 0n, 65535n, 6379),
  int('io-threads', 1n, 128n, 1, IMM),
  int('auto-aof-rewrite-percentage', 0n, INT_MAX, 100),
  int('cluster-replica-validity-factor', 0n, INT_MAX, 10, { aliases: ['cluster-slave-validity-factor'] }),
  int('list-max-listpack-size', INT_MIN, INT_MAX, -2, { aliases: ['list-max-ziplist-size'] }),
  int('tcp-keepalive', 0n, INT_MAX, 300),
  int('cluster-migration-barrier', 0n, INT_MAX, 1),
  int('active-defrag-cycle-min', 1n, 99n, 1),
  int('active-defrag-cycle-max', 1n, 99n, 25),
  int('active-defrag-threshold-lower', 0n, 1000n, 10),
  int('active-defrag-threshold-upper', 0n, 1000n, 100),
  int('lfu-log-factor', 0n, INT_MAX, 10),
  int('lfu-decay-time', 0n, INT_MAX, 1),
  int('replica-priority', 0n, INT_MAX, 100, { aliases: ['slave-priority'] }),
  int('repl-diskless-sync-delay', 0n, INT_MAX, 5),
  int('maxmemory-samples', 1n, INT_MAX, 5),
  int('maxmemory-eviction-tenacity', 0n, 100n, 10),
  int('timeout', 0n, INT_MAX, 0),
  int('replica-announce-port', 0n, 65535n, 0, { aliases: ['slave-announce-port'] }),
  int('tcp-backlog', 0n, INT_MAX, 511, IMM),
  int('cluster-port', 0n, 65535n, 0, IMM),
  int('cluster-announce-bus-port', 0n, 65535n, 0),
  int('cluster-announce-port', 0n, 65535n, 0),
  int('cluster-announce-tls-port', 0n, 65535n, 0),
  int('repl-timeout', 1n, INT_MAX, 60),
  int('repl-ping-replica-period', 1n, INT_MAX, 10, { aliases: ['repl-ping-slave-period'] }),
  int('list-compress-depth', 0n, INT_MAX, 0),
  int('rdb-key-save-delay', INT_MIN, INT_MAX, 0, { hidden: true }),
  int('key-load-delay', INT_MIN, INT_MAX, 0, { hidden: true }),
  int('active-expire-effort', 1n, 10n, 1),
  int('hz', 0n, INT_MAX, 10),
  int('min-replicas-to-write', 0n, INT_MAX, 0, { aliases: ['min-slaves-to-write'] }),
  int('min-replicas-max-lag', 0n, INT_MAX, 10, { aliases: ['min-slaves-max-lag'] }),
  int('watchdog-period', 0n, INT_MAX, 0, { hidden: true }),
  int('shutdown-timeout', 0n, INT_MAX, 10),
  int('repl-diskless-sync-max-replicas', 0n, INT_MAX, 0),
  int('maxclients', 1n, UINT_MAX, 10000),
  int('unixsocketperm', 0n, 0o777n, 0, { mutable: false, octal: true }),
  int('socket-mark-id', 0n, UINT_MAX, 0, IMM),
  int('active-defrag-max-scan-fields', 1n, LONG_MAX, 1000),
  int('slowlog-max-len', 0n, LONG_MAX, 128),
  int('acllog-max-len', 0n, LONG_MAX, 128),
  int('busy-reply-threshold', 0n, LONG_MAX, 5000, { aliases: ['lua-time-limit'] }),
  int('cluster-node-timeout', 0n, LLONG_MAX, 15000),
  int('slowlog-log-slower-than', -1n, LLONG_MAX, 10000),
  int('latency-monitor-threshold', 0n, LLONG_MAX, 0),
  mem('proto-max-bulk-len', 1024n * 1024n, LONG_MAX, 512 * 1024 * 1024),
  int('stream-node-max-entries', 0n, LLONG_MAX, 100),
  mem('repl-backlog-size', 1n, LLONG_MAX, 1024 * 1024),
  mem('maxmemory', 0n, ULLONG_MAX, 0),
  mem('cluster-link-sendbuf-limit', 0n, ULLONG_MAX, 0),
  int('hash-max-listpack-entries', 0n, LONG_MAX, 512, { aliases: ['hash-max-ziplist-entries'] }),
  int('set-max-intset-entries', 0n, LONG_MAX, 512),
  int('zset-max-listpack-entries', 0n, LONG_MAX, 128, { aliases: ['zset-max-ziplist-entries'] }),
  mem('active-defrag-ignore-bytes', 1n, LLONG_MAX, 100 * 1024 * 1024),
  mem('hash-max-listpack-value', 0n, LONG_MAX, 64, { aliases: ['hash-max-ziplist-value'] }),
  mem('stream-node-max-bytes', 0n, LONG_MAX, 4096),
  mem('zset-max-listpack-value', 0n, LONG_MAX, 64, { aliases: ['zset-max-ziplist-value'] }),
  mem('hll-sparse-max-bytes', 0n, LONG_MAX, 3000),
  int('tracking-table-max-keys', 0n, LONG_MAX, 1000000),
  mem('client-query-buffer-limit', 1024n * 1024n, LONG_MAX, 1024 * 1024 * 1024),
  mem('maxmemory-clients', -100n, LONG_MAX, 0, { percent: true }),
  int('repl-backlog-ttl', 0n, LONG_MAX, 3600),
  mem('auto-aof-rewrite-min-size', 0n, LLONG_MAX, 64 * 1024 * 1024),
  int('loading-process-events-interval-bytes', 1024n, INT_MAX, 2 * 1024 * 1024, { hidden: true }),

  // TLS (Redis built with OpenSSL, as Debian's is)
  int('tls-port', 0n, 65535n, 0),
  int('tls-session-cache-size', 0n, INT_MAX, 20 * 1024),
  int('tls-session-cache-timeout', 0n, INT_MAX, 300),
  bool('tls-cluster', false),
  bool('tls-replication', false, { dragonfly: ['tls_replication'] }),
  enm('tls-auth-clients', 'yes', ['no', 'yes', 'optional']),
  bool('tls-prefer-server-ciphers', false),
  bool('tls-session-caching', true),
  str('tls-cert-file', '', { dragonfly: ['tls_cert_file'] }),
  str('tls-key-file', '', { dragonfly: ['tls_key_file'] }),
  str('tls-key-file-pass', ''),
  str('tls-client-cert-file', ''),
  str('tls-client-key-file', ''),
  str('tls-client-key-file-pass', ''),
  str('tls-dh-params-file', ''),
  str('tls-ca-cert-file', '', { dragonfly: ['tls_ca_cert_file'] }),
  str('tls-ca-cert-dir', ''),
  str('tls-protocols', ''),
  str('tls-ciphers', ''),
  str('tls-ciphersuites', ''),

  // Special configs
  special('dir', 'dir', '', { protected: true }),
  special('save', 'save', ['3600', '1', '300', '100', '60', '10000']),
  special('client-output-buffer-limit', 'client-output-buffer-limit', ['normal', '0', '0', '0', 'slave', '268435456', '67108864', '60', 'pubsub', '33554432', '8388608', '60']),
  special('oom-score-adj-values', 'oom-score-adj-values', ['0', '200', '800']),
  special('notify-keyspace-events', 'notify-keyspace-events', ''),
  // Redis's default is "* -::*" (all interfaces, guarded by protected-mode). Petrel defaults
  // to loopback, as Debian's redis.conf does: a fresh Petrel is never reachable from outside.
  special('bind', 'bind', ['127.0.0.1', '-::1']),
  special('replicaof', 'replicaof', [], { mutable: false, aliases: ['slaveof'] }),
  special('latency-tracking-info-percentiles', 'latency-tracking-info-percentiles', ['50', '99', '99.9']),

  // Petrel's own directives (Redis 7.0 has none of these names).
  // Petrel: serve TLS on the main port (Dragonfly's --tls); certificates from tls-cert-file etc.
  bool('tls', false, { petrel: true }),
  // Petrel: a second, plain-text listener for operators on a private network (Dragonfly's admin port).
  int('admin-port', 0n, 65535n, 0, { petrel: true, mutable: false, dragonfly: ['admin_port'] }),
  str('admin-bind', '', { petrel: true, mutable: false, dragonfly: ['admin_bind'] }),
  bool('no-tls-on-admin-port', false, { petrel: true, mutable: false, dragonfly: ['no_tls_on_admin_port'] }),
  // Petrel: Prometheus exposition port (0 = off).
  int('metrics-port', 0n, 65535n, 0, { petrel: true, mutable: false }),
];

const byName = new Map<string, Directive>();
const dragonflyNames = new Set<string>();
for (const d of DIRECTIVES) {
  byName.set(d.name, d);
  for (const a of d.aliases ?? []) byName.set(a, d);
  for (const a of d.dragonfly ?? []) {
    byName.set(a, d);
    dragonflyNames.add(a);
  }
}

/** Looks a directive up by its name or any alias, in any case. */
export function findDirective(name: string): Directive | undefined {
  return byName.get(name.toLowerCase());
}

/** True for a Dragonfly spelling (tls_key_file ...): its values may be true/false/1/0. */
export function isDragonflyName(name: string): boolean {
  return dragonflyNames.has(name.toLowerCase());
}

/**
 * Every name CONFIG GET may match with a pattern, with its directive: primary names and
 * Redis's aliases, hidden configs and Dragonfly spellings excluded (as Redis lists them).
 */
export function listableNames(): Array<[string, Directive]> {
  const out: Array<[string, Directive]> = [];
  for (const d of DIRECTIVES) {
    if (d.hidden) continue;
    out.push([d.name, d]);
    for (const a of d.aliases ?? []) out.push([a, d]);
  }
  return out;
}
