/**
 * Prometheus exposition with prom-client. Every value is read from the server's own state when
 * scraped (collect callbacks): commands pay nothing for metrics. Names and their meaning are in
 * docs/metrics.md. Served by GET /metrics on metrics-port (node:http) and on the admin port
 * (an HTTP request arriving there instead of RESP, see {@link PrometheusExporter.serveRaw}).
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { PETREL_VERSION, REDIS_COMPAT_VERSION, type Server } from '../server/server.js';
import { rssMemory, usedMemory } from './memory.js';

/** Largest HTTP request head read on the admin port before giving up. */
const MAX_HEAD = 16 * 1024;

export class PrometheusExporter {
  readonly registry = new Registry();

  constructor(private readonly server: Server) {
    const s = server;
    const r = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    // Gauges named *_total break Prometheus's naming rule (promtool check metrics): the same
    // counts stay available per handle type as nodejs_active_handles{type} and friends.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(name);
    }

    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({ name, help, registers: r, collect() { this.set(value()); } });
    const counter = (name: string, help: string, value: () => number) =>
      new Counter({ name, help, registers: r, collect() { this.reset(); this.inc(value()); } });

    new Gauge({
      name: 'petrel_info',
      help: 'Always 1; the labels tell the Petrel version and the Redis version it follows',
      labelNames: ['version', 'redis_version', 'mode'],
      registers: r,
      collect() {
        this.set({ version: PETREL_VERSION, redis_version: REDIS_COMPAT_VERSION, mode: 'standalone' }, 1);
      },
    });
    gauge('petrel_uptime_seconds', 'Seconds since the server started', () => Math.floor((Date.now() - s.startTime) / 1000));

    // Clients
    gauge('petrel_connected_clients', 'Client connections open now (connected_clients)', () => s.clients.size);
    gauge('petrel_blocked_clients', 'Clients waiting in a blocking command (blocked_clients)', () => {
      let n = 0;
      for (const c of s.clients.values()) if (c.blocked !== null && c.blocked !== 'pause') n++;
      return n;
    });
    gauge('petrel_max_clients', 'The maxclients setting', () => s.config.num('maxclients'));
    counter('petrel_connections_received_total', 'Connections accepted (total_connections_received)', () => s.stats.connectionsReceived);
    counter('petrel_rejected_connections_total', 'Connections refused by maxclients (rejected_connections)', () => s.stats.rejectedConnections);

    // Memory
    gauge('petrel_memory_used_bytes', 'Memory in use (used_memory)', () => {
      const used = usedMemory();
      s.metrics.notePeak(used);
      return used;
    });
    gauge('petrel_memory_used_peak_bytes', 'Peak of used memory (used_memory_peak)', () => s.metrics.peakMemory);
    gauge('petrel_memory_used_rss_bytes', 'Resident set size (used_memory_rss)', () => rssMemory());
    gauge('petrel_memory_max_bytes', 'The maxmemory setting, 0 = no limit', () => Number(s.config.raw('maxmemory') ?? 0));

    // Commands
    counter('petrel_commands_processed_total', 'Commands run (total_commands_processed)', () => s.stats.commandsProcessed);
    const perCommand = (name: string, help: string, pick: (st: { calls: number; usec: number; failedCalls: number; rejectedCalls: number }) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['cmd'],
        registers: r,
        collect() {
          // Rebuilt per scrape: CONFIG RESETSTAT zeroes the table, so old label sets must go.
          this.reset();
          for (const e of s.table.all()) if (e.stats.calls > 0 || e.stats.failedCalls > 0 || e.stats.rejectedCalls > 0) this.inc({ cmd: e.fullName }, pick(e.stats));
        },
      });
    perCommand('petrel_commands_total', 'Calls per command (INFO commandstats calls)', (st) => st.calls);
    perCommand('petrel_commands_duration_seconds_total', 'Time spent per command (INFO commandstats usec)', (st) => Math.round(st.usec) / 1e6);
    perCommand('petrel_commands_failed_calls_total', 'Calls that replied with an error while running (failed_calls)', (st) => st.failedCalls);
    perCommand('petrel_commands_rejected_calls_total', 'Calls refused before running (rejected_calls)', (st) => st.rejectedCalls);
    new Counter({
      name: 'petrel_errors_total',
      help: 'Error replies by error code (INFO errorstats)',
      labelNames: ['err'],
      registers: r,
      collect() {
        this.reset();
        for (const [code, n] of s.stats.errorCodes) this.inc({ err: code }, n);
      },
    });
    counter('petrel_net_input_bytes_total', 'Bytes read from clients (total_net_input_bytes)', () => s.stats.netInputBytes);
    counter('petrel_net_output_bytes_total', 'Bytes written to clients (total_net_output_bytes)', () => s.stats.netOutputBytes);

    // Keyspace
    const perDb = (name: string, help: string, pick: (db: { size: number; expires: { size: number } }) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['db'],
        registers: r,
        collect() {
          this.reset();
          // Only databases with keys, as INFO keyspace lists them.
          for (const db of s.keyspace.dbs) if (db.size > 0) this.set({ db: `db${db.id}` }, pick(db));
        },
      });
    perDb('petrel_db_keys', 'Keys per database (INFO keyspace keys)', (db) => db.size);
    perDb('petrel_db_keys_expiring', 'Keys with a time to live per database (INFO keyspace expires)', (db) => db.expires.size);
    const ks = s.keyspace.stats as typeof s.keyspace.stats & { evictedKeys?: number };
    counter('petrel_expired_keys_total', 'Keys deleted because their time to live ended (expired_keys)', () => ks.expiredKeys);
    counter('petrel_evicted_keys_total', 'Keys evicted by maxmemory (evicted_keys)', () => ks.evictedKeys ?? 0);
    counter('petrel_keyspace_hits_total', 'Key lookups that found the key (keyspace_hits)', () => ks.keyspaceHits);
    counter('petrel_keyspace_misses_total', 'Key lookups that did not (keyspace_misses)', () => ks.keyspaceMisses);
    gauge('petrel_rdb_changes_since_last_save', 'Writes since the last save (rdb_changes_since_last_save)', () => s.dirty);

    // Replication: what exists now. Per-replica lag gauges join here (docs/metrics.md).
    new Gauge({
      name: 'petrel_replication_role',
      help: '1 for the role the server has now (master or replica), 0 for the other',
      labelNames: ['role'],
      registers: r,
      collect() {
        const master = s.role === 'master';
        this.set({ role: 'master' }, master ? 1 : 0);
        this.set({ role: 'replica' }, master ? 0 : 1);
      },
    });
    gauge('petrel_connected_replicas', 'Replicas connected to this server (connected_slaves)', () => 0);
    gauge('petrel_master_repl_offset', 'Replication stream offset in bytes (master_repl_offset)', () => s.replOffset);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** node:http handler for metrics-port: GET /metrics (and / for convenience). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const route = route404(req.method ?? '', (req.url ?? '/').split('?')[0]);
    if (route !== null) {
      res.writeHead(route.status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(route.body);
      return;
    }
    this.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (e: Error) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${e.message}\n`);
      },
    );
  }

  /**
   * An HTTP request on the admin port: `head` holds the bytes read so far (at least the request
   * line). Reads the rest of the request head, answers once and closes (Connection: close), so
   * no HTTP parser state outlives the request.
   */
  serveRaw(socket: Socket, head: Buffer): void {
    let buf = head;
    const answer = (): void => {
      socket.removeListener('data', more);
      const line = buf.toString('latin1', 0, buf.indexOf(0x0a)).trim();
      const [method, target] = line.split(' ');
      const route = route404(method, (target ?? '/').split('?')[0]);
      const send = (status: number, type: string, body: string): void => {
        const text = { 200: 'OK', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' }[status] ?? '';
        const bytes = Buffer.from(body, 'utf8');
        socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${method === 'HEAD' ? '' : bytes.toString('latin1')}`, 'latin1');
      };
      if (route !== null) return send(route.status, 'text/plain; charset=utf-8', route.body);
      this.scrape().then(
        ({ contentType, body }) => send(200, contentType, body),
        (e: Error) => send(500, 'text/plain; charset=utf-8', `${e.message}\n`),
      );
    };
    const more = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.includes('\r\n\r\n') || buf.includes('\n\n')) answer();
      else if (buf.length > MAX_HEAD) socket.destroy();
    };
    if (buf.includes('\r\n\r\n') || buf.includes('\n\n')) return answer();
    socket.on('data', more);
    socket.resume();
  }
}

/** Null for GET/HEAD /metrics (or /); otherwise the error answer. */
function route404(method: string, path: string): { status: number; body: string } | null {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: 'Only GET /metrics is served here\n' };
  if (path !== '/metrics' && path !== '/') return { status: 404, body: 'Not found: Petrel serves Prometheus metrics at /metrics\n' };
  return null;
}
