/**
 * INFO (Redis 7.0's genRedisInfoString): sections, field names, order and format as redis-server
 * 7.0.15 prints them. Every value is computed from the running server; a constant appears only
 * where it is the truth for Petrel (no fork, no AOF, no Lua yet ...).
 */
import { BACKLOG_MIN_SIZE } from '../replication/backlog.js';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from '../server/server.js';
import { PETREL_VERSION, REDIS_COMPAT_VERSION } from '../server/server.js';
import { allocatorStats, bytesToHuman, rssMemory, usedMemory } from './memory.js';

/** Section names in the order Redis prints them. */
export const INFO_SECTIONS = [
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'modules',
  'commandstats',
  'errorstats',
  'latencystats',
  'cluster',
  'keyspace',
] as const;

export type InfoSection = (typeof INFO_SECTIONS)[number];

/** What plain INFO (and INFO default) prints. */
const DEFAULT_SECTIONS: ReadonlySet<string> = new Set([
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'modules',
  'errorstats',
  'cluster',
  'keyspace',
]);

const HEADERS: Record<InfoSection, string> = {
  server: 'Server',
  clients: 'Clients',
  memory: 'Memory',
  persistence: 'Persistence',
  stats: 'Stats',
  replication: 'Replication',
  cpu: 'CPU',
  modules: 'Modules',
  commandstats: 'Commandstats',
  errorstats: 'Errorstats',
  latencystats: 'Latencystats',
  cluster: 'Cluster',
  keyspace: 'Keyspace',
};

/**
 * Which sections the INFO arguments select (7.0's genInfoSectionDict): none = default;
 * "all" = every section; "everything" = all plus module-generated ones (there are none);
 * "default" adds the defaults; other names select themselves, case-insensitively; unknown
 * names select nothing.
 */
export function selectSections(args: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (args.length === 0) return new Set(DEFAULT_SECTIONS);
  for (const raw of args) {
    const a = raw.toLowerCase();
    if (a === 'all' || a === 'everything') for (const s of INFO_SECTIONS) out.add(s);
    else if (a === 'default') for (const s of DEFAULT_SECTIONS) out.add(s);
    else out.add(a);
  }
  return out;
}

/** The INFO text for the given arguments: "# Server\r\nfield:value\r\n..." sections joined by a blank line. */
export function genInfo(server: Server, args: readonly string[]): string {
  const wanted = selectSections(args);
  const parts: string[] = [];
  for (const s of INFO_SECTIONS) {
    if (!wanted.has(s)) continue;
    const fields = SECTION_FNS[s](server);
    let text = `# ${HEADERS[s]}\r\n`;
    for (const [k, v] of fields) text += `${k}:${v}\r\n`;
    parts.push(text);
  }
  return parts.join('\r\n');
}

type Fields = Array<[string, string | number]>;

const SECTION_FNS: Record<InfoSection, (s: Server) => Fields> = {
  server: serverInfo,
  clients: clientsInfo,
  memory: memoryInfo,
  persistence: persistenceInfo,
  stats: statsInfo,
  replication: replicationInfo,
  cpu: cpuInfo,
  modules: () => [],
  commandstats: commandStatsInfo,
  errorstats: errorStatsInfo,
  latencystats: latencyStatsInfo,
  cluster: () => [['cluster_enabled', 0]],
  keyspace: keyspaceInfo,
};

/** C's %.2f */
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '0.00');

/** Microseconds since the epoch, with sub-millisecond precision. */
export function nowUsec(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

/** A stable id of this build, as Redis's redis_build_id hashes its build. */
let buildId = '';
function getBuildId(): string {
  // Computed on first use: server.ts's constants are not initialised yet when this module loads.
  if (!buildId) buildId = createHash('sha1').update(`petrel ${PETREL_VERSION} node ${process.version} ${process.arch}`).digest('hex').slice(0, 16);
  return buildId;
}

function multiplexingApi(): string {
  // libuv's backend per platform.
  switch (process.platform) {
    case 'linux':
      return 'epoll';
    case 'darwin':
    case 'freebsd':
    case 'openbsd':
      return 'kqueue';
    case 'sunos':
      return 'evport';
    case 'win32':
      return 'iocp';
    default:
      return 'poll';
  }
}

/** Redis's LRU clock: seconds, 24 bits. */
function lruClock(): number {
  return Math.floor(Date.now() / 1000) & ((1 << 24) - 1);
}

function serverInfo(s: Server): Fields {
  const uptime = Math.floor((Date.now() - s.startTime) / 1000);
  const hz = Math.max(1, Math.min(500, s.config.num('hz')));
  const script = process.argv[1] ? path.resolve(process.argv[1]) : process.execPath;
  return [
    ['redis_version', REDIS_COMPAT_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', getBuildId()],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', /64/.test(process.arch) ? 64 : 32],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', multiplexingApi()],
    // Petrel runs on one JS thread and uses no atomics.
    ['atomicvar_api', 'none'],
    // Not built by gcc: Redis prints 0.0.0 then.
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', s.runId],
    ['tcp_port', s.config.num('port')],
    ['server_time_usec', nowUsec()],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', s.config.num('hz')],
    ['lru_clock', lruClock()],
    ['executable', script],
    ['config_file', s.config.file ? path.resolve(s.config.file) : ''],
    ['io_threads_active', 0],
    ['petrel_version', PETREL_VERSION],
  ];
}

function clientsInfo(s: Server): Fields {
  let maxIn = 0;
  let maxOut = 0;
  let blocked = 0;
  for (const c of s.clients.values()) {
    maxIn = Math.max(maxIn, c.parser.pending);
    maxOut = Math.max(maxOut, c.reply.pending + c.socket.writableLength);
    // Paused clients are postponed, not blocked, in Redis's count.
    if (c.blocked !== null && c.blocked !== 'pause') blocked++;
  }
  return [
    ['connected_clients', s.clients.size],
    ['cluster_connections', 0],
    ['maxclients', s.config.num('maxclients')],
    ['client_recent_max_input_buffer', maxIn],
    ['client_recent_max_output_buffer', maxOut],
    ['blocked_clients', blocked],
    ['tracking_clients', 0],
    ['clients_in_timeout_table', s.blocking.inTimeoutTable],
  ];
}

/** Bytes held in client buffers (mem_clients_normal). */
function clientBuffers(s: Server): number {
  let n = 0;
  for (const c of s.clients.values()) n += c.parser.pending + c.reply.pending + c.socket.writableLength;
  return n;
}

function memoryInfo(s: Server): Fields {
  const used = usedMemory();
  const rss = rssMemory();
  s.metrics.notePeak(used);
  const peak = s.metrics.peakMemory;
  const startup = Math.min(s.metrics.startupMemory, used);
  const clientsNormal = clientBuffers(s);
  const overhead = Math.min(used, startup + clientsNormal);
  const dataset = used - overhead;
  const netUsed = used - startup;
  const alloc = allocatorStats();
  const maxmemory = Number(s.config.raw('maxmemory') ?? 0);
  const policy = String(s.config.raw('maxmemory-policy') ?? 'noeviction');
  const total = os.totalmem();
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', rss],
    ['used_memory_rss_human', bytesToHuman(rss)],
    ['used_memory_peak', peak],
    ['used_memory_peak_human', bytesToHuman(peak)],
    ['used_memory_peak_perc', f2(peak ? (used * 100) / peak : 0) + '%'],
    ['used_memory_overhead', overhead],
    ['used_memory_startup', startup],
    ['used_memory_dataset', dataset],
    ['used_memory_dataset_perc', f2(netUsed > 0 ? (dataset * 100) / netUsed : 0) + '%'],
    ['allocator_allocated', alloc.allocated],
    ['allocator_active', alloc.active],
    ['allocator_resident', alloc.resident],
    ['total_system_memory', total],
    ['total_system_memory_human', bytesToHuman(total)],
    // No scripting engine yet: Lua and functions use nothing.
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', bytesToHuman(0)],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', bytesToHuman(0)],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', bytesToHuman(0)],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', policy],
    ['allocator_frag_ratio', f2(alloc.allocated ? alloc.active / alloc.allocated : 0)],
    ['allocator_frag_bytes', alloc.active - alloc.allocated],
    ['allocator_rss_ratio', f2(alloc.active ? alloc.resident / alloc.active : 0)],
    ['allocator_rss_bytes', alloc.resident - alloc.active],
    ['rss_overhead_ratio', f2(alloc.resident ? rss / alloc.resident : 0)],
    ['rss_overhead_bytes', rss - alloc.resident],
    ['mem_fragmentation_ratio', f2(used ? rss / used : 0)],
    ['mem_fragmentation_bytes', rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', clientsNormal],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', `v8-${process.versions.v8}`],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
}

function persistenceInfo(s: Server): Fields {
  // No fork: a BGSAVE is an in-process snapshot (persistence/snapshot.ts), so copy-on-write
  // sizes are always 0; its progress shows in current_save_keys_* and current_fork_perc.
  const p = s.persistence;
  const snap = p.bgSnapshot;
  const total = snap?.keysTotal ?? 0;
  const done = snap?.keysWritten ?? 0;
  return [
    ['loading', p.loading ? 1 : 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', f2(total > 0 ? (done / total) * 100 : 0)],
    ['current_save_keys_processed', done],
    ['current_save_keys_total', total],
    ['rdb_changes_since_last_save', s.dirty],
    ['rdb_bgsave_in_progress', p.bgsaveInProgress ? 1 : 0],
    ['rdb_last_save_time', s.lastSave],
    ['rdb_last_bgsave_status', p.lastBgsaveStatus],
    ['rdb_last_bgsave_time_sec', p.lastBgsaveTimeSec],
    ['rdb_current_bgsave_time_sec', p.currentBgsaveTimeSec],
    ['rdb_saves', p.rdbSaves],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', p.lastLoadKeysExpired],
    ['rdb_last_load_keys_loaded', p.lastLoadKeysLoaded],
    ['aof_enabled', 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
    ...p.loadingFields(),
  ];
}

function statsInfo(s: Server): Fields {
  const st = s.stats;
  const ks = s.keyspace.stats;
  return [
    ['total_connections_received', st.connectionsReceived],
    ['total_commands_processed', st.commandsProcessed],
    ['instantaneous_ops_per_sec', s.instantaneousOps],
    ['total_net_input_bytes', st.netInputBytes],
    ['total_net_output_bytes', st.netOutputBytes],
    // Replication traffic is counted once replication exists.
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', f2(s.metrics.inputKbps)],
    ['instantaneous_output_kbps', f2(s.metrics.outputKbps)],
    ['instantaneous_input_repl_kbps', f2(0)],
    ['instantaneous_output_repl_kbps', f2(0)],
    ['rejected_connections', st.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', ks.expiredKeys],
    ['expired_stale_perc', f2(ks.expiredStalePerc * 100)],
    ['expired_time_cap_reached_count', ks.expiredTimeCapReachedCount],
    ['expire_cycle_cpu_milliseconds', Math.floor(st.expireCycleUsec / 1000)],
    // No eviction yet (maxmemory is not enforced).
    ['evicted_keys', 0],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', ks.keyspaceHits],
    ['keyspace_misses', ks.keyspaceMisses],
    ['pubsub_channels', s.pubsub.channels.size],
    ['pubsub_patterns', s.pubsub.patterns.size],
    ['pubsubshard_channels', s.pubsub.shardChannels.size],
    // Petrel never forks.
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', st.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', st.readsProcessed],
    ['total_writes_processed', st.writesProcessed],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
    // Redis 7.2's ACL denial counters (7.0 has none; tools that know them read them here).
  ];
}

/**
 * INFO replication for a master without replicas or backlog. The replication work replaces
 * this function with the real state (replica links, backlog, master link).
 */
export function replicationInfo(s: Server): Fields {
  const backlog = s.repl.backlog;
  return [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', s.replId],
    ['master_replid2', s.replId2],
    ['master_repl_offset', s.replOffset],
    ['second_repl_offset', s.secondReplOffset],
    // Redis reports the configured size, and zeros until the backlog exists.
    ['repl_backlog_active', backlog !== null ? 1 : 0],
    ['repl_backlog_size', Math.max(BACKLOG_MIN_SIZE, s.backlogSize())],
    ['repl_backlog_first_byte_offset', backlog !== null ? backlog.firstByteOffset : 0],
    ['repl_backlog_histlen', backlog !== null ? backlog.histlen : 0],
  ];
}

/** CPU seconds of the main thread from /proc (Linux); null elsewhere. */
function mainThreadCpu(): { user: number; sys: number } | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1');
    // Fields after the ")" that closes the command name; utime and stime are 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = 100; // USER_HZ on Linux
    return { user: Number(rest[11]) / tick, sys: Number(rest[12]) / tick };
  } catch {
    return null;
  }
}

function cpuInfo(): Fields {
  const u = process.cpuUsage();
  const sys = u.system / 1e6;
  const user = u.user / 1e6;
  const main = mainThreadCpu() ?? { user, sys };
  return [
    ['used_cpu_sys', sys.toFixed(6)],
    ['used_cpu_user', user.toFixed(6)],
    // Petrel never forks children.
    ['used_cpu_sys_children', (0).toFixed(6)],
    ['used_cpu_user_children', (0).toFixed(6)],
    ['used_cpu_sys_main_thread', main.sys.toFixed(6)],
    ['used_cpu_user_main_thread', main.user.toFixed(6)],
  ];
}

/** Redis's getSafeInfoString: '#', ':', CR and LF become '_'. */
function safeName(n: string): string {
  return n.replace(/[#:\r\n]/g, '_');
}

function commandStatsInfo(s: Server): Fields {
  const out: Fields = [];
  for (const e of s.table.all()) {
    const st = e.stats;
    if (st.calls === 0 && st.failedCalls === 0 && st.rejectedCalls === 0) continue;
    const usec = Math.floor(st.usec);
    out.push([
      `cmdstat_${safeName(e.fullName)}`,
      `calls=${st.calls},usec=${usec},usec_per_call=${f2(st.calls ? usec / st.calls : 0)},rejected_calls=${st.rejectedCalls},failed_calls=${st.failedCalls}`,
    ]);
  }
  return out;
}

function errorStatsInfo(s: Server): Fields {
  // Redis keeps them in a radix tree: sorted by error code.
  const codes = [...s.stats.errorCodes.keys()].sort();
  return codes.map((code) => [`errorstat_${safeName(code)}`, `count=${s.stats.errorCodes.get(code)}`]);
}

/** Per-command latency histograms are not tracked yet: the section is present and empty. */
function latencyStatsInfo(): Fields {
  return [];
}

function keyspaceInfo(s: Server): Fields {
  const out: Fields = [];
  const dbs = s.keyspace.dbs;
  for (let i = 0; i < dbs.length; i++) {
    const db = dbs[i];
    if (db.size === 0) continue;
    out.push([`db${i}`, `keys=${db.size},expires=${db.expires.size},avg_ttl=${Math.round(db.avgTtl)}`]);
  }
  return out;
}
