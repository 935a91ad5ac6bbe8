/**
 * The server's listening sockets, opened from the config:
 *  - `port` on every `bind` address: plain RESP, or TLS with `tls yes` (Dragonfly's --tls);
 *  - `tls-port` on the same addresses: RESP over TLS (Redis's way);
 *  - `admin-port` on `admin-bind` (default: the `bind` addresses): a second RESP listener,
 *    TLS when the main port is, plain with `no-tls-on-admin-port yes`. An HTTP request
 *    arriving there (`GET <path> HTTP/1.x`) is answered with the Prometheus metrics instead;
 *  - `metrics-port` on `admin-bind` (default 127.0.0.1): HTTP GET /metrics.
 * Errors carry Redis's start-up messages; a bad TLS file is a TlsConfigError.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Server } from './server.js';
import { logger } from './log.js';
import { tlsServerSettings, tlsWanted, type TlsServerSettings } from './tls.js';
import { PrometheusExporter } from '../metrics/prometheus.js';

/** What a listener serves. */
type Kind = 'tcp' | 'tls' | 'admin' | 'metrics';

/** Bytes read from an admin connection before deciding it is RESP after all. */
const MAX_SNIFF = 8 * 1024;

export class Listeners {
  /** `port` and `tls-port`: reopened by CONFIG SET port/bind. */
  private main: net.Server[] = [];
  /** `admin-port` and `metrics-port`: fixed at start-up (immutable directives). */
  private extra: net.Server[] = [];
  private exporter: PrometheusExporter | null = null;

  constructor(private readonly server: Server) {}

  /** The Prometheus exporter, made on first use (nothing is collected before a scrape). */
  get prometheus(): PrometheusExporter {
    return (this.exporter ??= new PrometheusExporter(this.server));
  }

  /** Opens every configured listener; rejects with the start-up error to log. */
  async open(): Promise<void> {
    await this.openMain();
    await this.openExtra();
  }

  /** CONFIG SET port/bind: the main listeners close and open again from the current config. */
  async rebind(): Promise<void> {
    this.closeAll(this.main);
    this.main = [];
    await this.openMain();
  }

  /** Actual port of the first main listener. */
  get boundPort(): number {
    const a = this.main[0]?.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  /** Stops accepting; open connections are the server's to close. */
  close(): void {
    this.closeAll(this.main);
    this.closeAll(this.extra);
    this.main = [];
    this.extra = [];
  }

  private closeAll(list: net.Server[]): void {
    for (const l of list) {
      l.close();
      // Keep-alive scrapes on metrics-port would otherwise hold the process open.
      if (l instanceof http.Server) l.closeAllConnections();
    }
  }

  private async openMain(): Promise<void> {
    const config = this.server.config;
    const port = config.num('port');
    const tlsPort = config.num('tls-port');
    const tlsMain = config.bool('tls');
    if (port === 0 && tlsPort === 0) return;
    const settings = tlsWanted(config) ? tlsServerSettings(config) : null;
    const binds = config.list('bind');
    if (port !== 0) await this.bindAll(this.main, tlsMain ? 'tls' : 'tcp', port, binds, tlsMain ? settings : null);
    // With `tls yes` and tls-port equal to port, the one TLS listener serves both.
    if (tlsPort !== 0 && !(tlsMain && tlsPort === port)) await this.bindAll(this.main, 'tls', tlsPort, binds, settings);
  }

  private async openExtra(): Promise<void> {
    const config = this.server.config;
    const adminBind = config.str('admin-bind').split(/[\s,]+/).filter((a) => a !== '');
    const adminPort = config.num('admin-port');
    if (adminPort !== 0) {
      const useTls = config.bool('tls') && !config.bool('no-tls-on-admin-port');
      const settings = useTls ? tlsServerSettings(config) : null;
      await this.bindAll(this.extra, 'admin', adminPort, adminBind.length ? adminBind : config.list('bind'), settings);
      logger.notice(`Admin port ${adminPort} ready (${useTls ? 'TLS' : 'plain TCP'}; HTTP GET /metrics answered too)`);
    }
    const metricsPort = config.num('metrics-port');
    if (metricsPort !== 0) {
      const hosts = adminBind.length ? adminBind : ['127.0.0.1'];
      await this.bindAll(this.extra, 'metrics', metricsPort, hosts, null);
      logger.notice(`Prometheus metrics at http://${hosts[0]}:${metricsPort}/metrics`);
    }
  }

  /**
   * Binds one kind of listener on every address (a leading '-' marks an address that may fail,
   * as Redis's bind). Throws Redis's messages when a mandatory address or all of them fail.
   */
  private async bindAll(into: net.Server[], kind: Kind, port: number, binds: string[], settings: TlsServerSettings | null): Promise<void> {
    let bound = 0;
    for (const spec of binds) {
      const optional = spec.startsWith('-');
      const host = optional ? spec.slice(1) : spec;
      const srv = this.create(kind, settings);
      try {
        await new Promise<void>((resolve, reject) => {
          srv.once('error', reject);
          srv.listen({ host: host === '*' ? '0.0.0.0' : host, port, backlog: 511 }, () => {
            srv.off('error', reject);
            resolve();
          });
        });
        into.push(srv);
        bound++;
      } catch (err) {
        const msg = (err as Error).message;
        if (optional) {
          logger.warning(`Warning: Could not create server TCP listening socket ${host}:${port}: ${msg}`);
          continue;
        }
        throw new Error(`Could not create server TCP listening socket ${host}:${port}: ${msg}`);
      }
    }
    const label = kind === 'tls' || (kind === 'admin' && settings) ? 'tls' : 'tcp';
    if (bound === 0) throw new Error(`Failed listening on port ${port} (${label}), aborting.`);
  }

  private create(kind: Kind, settings: TlsServerSettings | null): net.Server {
    if (kind === 'metrics') return http.createServer((req, res) => this.prometheus.handle(req, res));
    const onSocket = kind === 'admin' ? (s: net.Socket) => this.sniff(s) : (s: net.Socket) => this.server.accept(s);
    if (settings === null) {
      // Main port: accepted paused, so Client.startReading picks how the socket is read before
      // any byte is. The admin port reads the first bytes itself (sniff).
      return net.createServer({ noDelay: true, pauseOnConnect: kind !== 'admin' }, onSocket);
    }
    const srv = tls.createServer({ ...settings.options, noDelay: true }, (s: tls.TLSSocket) => {
      // tls-auth-clients optional: no certificate is fine, a certificate that fails is not.
      if (settings.authClients === 'optional' && !s.authorized && Object.keys(s.getPeerCertificate() ?? {}).length > 0) {
        logger.verbose(`Error accepting a client connection: ${String(s.authorizationError)} (addr=${s.remoteAddress}:${s.remotePort})`);
        s.destroy();
        return;
      }
      onSocket(s);
    });
    // Failed handshakes (no/invalid client certificate, plain text on a TLS port, old protocol).
    srv.on('tlsClientError', (err, s) => {
      logger.verbose(`Error accepting a client connection: ${err.message.trim()} (addr=${s.remoteAddress}:${s.remotePort})`);
    });
    return srv;
  }

  /**
   * Admin connection: HTTP (Prometheus) or RESP? Reads until the first bytes decide, then hands
   * the socket and the bytes read to the exporter or to the server.
   */
  private sniff(socket: net.Socket): void {
    let buf: Buffer = Buffer.alloc(0);
    // Until handed over nobody else listens for errors; an unhandled one would end the process.
    socket.on('error', () => socket.destroy());
    const onData = (chunk: Buffer): void => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      const verdict = sniffHttp(buf);
      if (verdict === 'wait') return;
      socket.removeListener('data', onData);
      socket.pause();
      if (verdict === 'http') this.prometheus.serveRaw(socket, buf);
      else this.server.accept(socket, buf);
    };
    socket.on('data', onData);
    socket.resume();
  }
}

/**
 * 'http' when the bytes start with an HTTP GET request line (`GET <path> HTTP/1.1`), 'resp'
 * as soon as they cannot, 'wait' while undecided. An inline RESP `GET key` has no HTTP version
 * and stays RESP.
 */
export function sniffHttp(buf: Buffer): 'http' | 'resp' | 'wait' {
  const prefix = 'GET ';
  const n = Math.min(buf.length, prefix.length);
  for (let i = 0; i < n; i++) if (buf[i] !== prefix.charCodeAt(i)) return 'resp';
  const nl = buf.indexOf(0x0a);
  if (nl < 0) return buf.length > MAX_SNIFF ? 'resp' : 'wait';
  const line = buf.toString('latin1', 0, nl).replace(/\r$/, '');
  return /^GET \S+ HTTP\/\d(\.\d)?$/.test(line) ? 'http' : 'resp';
}
