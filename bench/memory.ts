/**
 * Memory per key, side by side: loads N small values of one type into Petrel and into Debian's
 * redis-server 7.0 and compares the resident set size (RSS) each process grew by. Each type
 * gets fresh servers, so nothing left over from one type (freed but not returned pages, grown
 * tables) is charged to the next. Never run in CI.
 *
 *   node --import tsx bench/memory.ts [--keys N] [--only string,hash,set,zset] [--port-base P]
 *                                     [--node-flags "--max-semi-space-size=2 ..."]
 *
 * Values (all small, below the listpack/intset thresholds of both servers):
 *   string  SET key:<i> <10-byte value>
 *   hash    HSET h:<i> with 3-5 fields  f<j> -> v<i>:<j>
 *   set     SADD s:<i> with 3-5 members m<j>:<i>      (not integers: Redis 7.0 keeps a hashtable)
 *   zset    ZADD z:<i> with 3-5 members m<j> scored <i+j>
 *
 * Loading writes raw RESP over one socket in batches of a few thousand commands and waits for
 * all their replies before the next batch (bounded memory on both sides, no client library in
 * the way). RSS is VmRSS from /proc/<pid>/status, read before loading and after a settle: for
 * Petrel `DEBUG GC` (a Petrel-only DEBUG action: a full garbage collection) then a short
 * wait; for Redis a short wait. Petrel also reports its V8 heap (INFO memory's used_memory is
 * heap in use + external + ArrayBuffers). Both servers are stopped on every exit path.
 */
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { ensureBuilt, freePort, killAll, mb, resp, rss, sleep, startPetrel, startRedis, type Server } from './lib/servers.js';


type Kind = 'string' | 'hash' | 'set' | 'zset';
const KINDS: Kind[] = ['string', 'hash', 'set', 'zset'];

/** Commands per batch: big enough to keep both servers busy, small enough to bound buffers. */
const BATCH = 5000;
/** What the bench reports as the goal (issue point 6): Petrel RSS at most this times Redis's. */
const TARGET_RATIO = 1.5;

interface Options {
  keys: number;
  kinds: Kind[];
  portBase: number;
  /** Extra node flags for Petrel's process (to try V8 settings: --node-flags "--max-semi-space-size=2"). */
  nodeFlags: string[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = { keys: 1_000_000, kinds: KINDS, portBase: 7600, nodeFlags: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--keys':
      case '-n': {
        const n = Number(val());
        if (!Number.isInteger(n) || n <= 0) throw new Error(`${a}: expected a positive integer`);
        o.keys = n;
        break;
      }
      case '--only':
        o.kinds = val()
          .toLowerCase()
          .split(',')
          .map((k) => {
            if (!(KINDS as string[]).includes(k)) throw new Error(`--only: unknown type '${k}' (string, hash, set, zset)`);
            return k as Kind;
          });
        break;
      case '--port-base': {
        const n = Number(val());
        if (!Number.isInteger(n) || n <= 0 || n > 65000) throw new Error(`${a}: expected a port`);
        o.portBase = n;
        break;
      }
      case '--node-flags':
        o.nodeFlags = val().split(' ').filter((f) => f !== '');
        break;
      case '--help':
      case '-h':
        process.stdout.write('usage: node --import tsx bench/memory.ts [--keys N] [--only string,hash,set,zset] [--port-base P] [--node-flags "--flag ..."]\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Processes: bench/lib/servers.ts kills every child on every exit path

// Servers, ports, builds and /proc readers are shared with the other benchmarks.

/** The i-th command for a type. Fields/members count 3, 4 or 5 by i, all a few bytes each. */
function command(kind: Kind, i: number): string[] {
  const n = 3 + (i % 3);
  switch (kind) {
    case 'string':
      return ['SET', `key:${i}`, `v${String(i).padStart(9, '0')}`];
    case 'hash': {
      const a = ['HSET', `h:${i}`];
      for (let j = 0; j < n; j++) a.push(`f${j}`, `v${i % 1000}:${j}`);
      return a;
    }
    case 'set': {
      const a = ['SADD', `s:${i}`];
      for (let j = 0; j < n; j++) a.push(`m${j}:${i % 1000}`);
      return a;
    }
    case 'zset': {
      const a = ['ZADD', `z:${i}`];
      for (let j = 0; j < n; j++) a.push(String(i + j), `m${j}`);
      return a;
    }
  }
}

/**
 * A connection that sends a batch of requests and resolves when as many replies arrived. Every
 * reply of the commands used here is one line (+OK, :n, -ERR); an error reply fails the load.
 */
class Pipe {
  private sock: net.Socket;
  private waiting = 0;
  private tail = '';
  private done: ((err?: Error) => void) | null = null;
  private lines: string[] = [];
  /** Keep whole reply lines (for `call`) rather than only counting them. */
  private keep = false;

  private constructor(sock: net.Socket) {
    this.sock = sock;
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
    sock.on('error', (e) => this.done?.(e));
    sock.on('close', () => this.done?.(new Error('connection closed')));
  }

  static connect(port: number): Promise<Pipe> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new Pipe(s)));
      s.once('error', reject);
    });
  }

  private onData(s: string): void {
    let text = this.tail + s;
    let at = 0;
    for (;;) {
      const nl = text.indexOf('\r\n', at);
      if (nl < 0) break;
      const line = text.slice(at, nl);
      at = nl + 2;
      if (this.keep) {
        // Bulk replies ($n) keep their payload line with them.
        if (line[0] === '$' && line !== '$-1') {
          const len = Number(line.slice(1));
          if (text.length < at + len + 2) {
            at -= line.length + 2;
            break;
          }
          this.lines.push(text.slice(at, at + len));
          at += len + 2;
        } else this.lines.push(line);
      } else if (line[0] === '-') {
        this.done?.(new Error(`server replied ${line}`));
        return;
      }
      if (--this.waiting === 0) {
        text = text.slice(at);
        at = 0;
        this.tail = '';
        const d = this.done;
        this.done = null;
        d?.();
      }
    }
    this.tail = text.slice(at);
  }

  /** Sends requests and waits (bounded by `ms`) for one reply each. */
  send(requests: string[], ms = 120_000, keep = false): Promise<string[]> {
    this.keep = keep;
    this.lines = [];
    this.waiting = requests.length;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for replies')), ms);
      this.done = (err) => {
        clearTimeout(t);
        this.done = null;
        if (err) reject(err);
        else resolve(this.lines);
      };
      this.sock.write(requests.join(''), 'latin1');
    });
  }

  /** One command; its reply lines (a bulk reply's payload for INFO). */
  async call(...args: string[]): Promise<string> {
    return (await this.send([resp(args)], 120_000, true))[0];
  }

  close(): void {
    this.sock.destroy();
  }
}

async function load(pipe: Pipe, kind: Kind, keys: number): Promise<void> {
  for (let start = 0; start < keys; start += BATCH) {
    const end = Math.min(keys, start + BATCH);
    const reqs = new Array<string>(end - start);
    for (let i = start; i < end; i++) reqs[i - start] = resp(command(kind, i));
    await pipe.send(reqs);
  }
}

interface Measure {
  before: number;
  after: number;
  /** Petrel: INFO used_memory after the settle (V8 heap used + external + ArrayBuffers). */
  used?: number;
  heapTotal?: number;
}

function infoField(info: string, name: string): number | undefined {
  const m = new RegExp(`^${name}:(\\d+)`, 'm').exec(info);
  return m ? Number(m[1]) : undefined;
}

/** Starts a fresh server, loads `keys` values of `kind`, returns RSS before and after. */
async function measureOne(start: (port: number) => Promise<Server>, kind: Kind, keys: number, portBase: number): Promise<Measure> {
  const server = await start(await freePort(portBase));
  let pipe: Pipe | null = null;
  try {
    pipe = await Pipe.connect(server.port);
    const isPetrel = server.name === 'petrel';
    await pipe.call('PING');
    if (isPetrel) await pipe.call('DEBUG', 'GC');
    await sleep(300);
    const before = rss(server.pid);
    await load(pipe, kind, keys);
    const dbsize = await pipe.call('DBSIZE');
    if (dbsize !== `:${keys}`) throw new Error(`${server.name}: DBSIZE ${dbsize}, expected ${keys}`);
    if (isPetrel) await pipe.call('DEBUG', 'GC');
    await sleep(1000);
    const after = rss(server.pid);
    const m: Measure = { before, after };
    if (isPetrel) {
      const info = await pipe.call('INFO', 'memory');
      m.used = infoField(info, 'used_memory');
    }
    return m;
  } finally {
    pipe?.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) throw new Error('redis-server not found (apt-get install redis-server)');
  ensureBuilt();
  process.stderr.write(`${o.keys} keys per type; fresh servers per type\n`);
  const rows: string[][] = [];
  for (const kind of o.kinds) {
    const p = await measureOne((port) => startPetrel(port, { nodeFlags: o.nodeFlags, prefix: 'petrel-mem-' }), kind, o.keys, o.portBase);
    const r = await measureOne((port) => startRedis(port, { prefix: 'redis-mem-' }), kind, o.keys, o.portBase);
    const pd = p.after - p.before;
    const rd = r.after - r.before;
    const ratio = p.after / r.after;
    process.stderr.write(`  ${kind}: petrel ${mb(p.before)} -> ${mb(p.after)} MB (used_memory ${mb(p.used ?? 0)} MB), redis ${mb(r.before)} -> ${mb(r.after)} MB\n`);
    rows.push([
      kind,
      mb(p.after),
      mb(r.after),
      ratio.toFixed(2),
      (pd / o.keys).toFixed(0),
      (rd / o.keys).toFixed(0),
      (pd / rd).toFixed(2),
      mb(p.used ?? 0),
      ratio <= TARGET_RATIO ? '' : `above ${TARGET_RATIO}x`,
    ]);
  }
  const head = ['type', 'Petrel RSS MB', 'Redis RSS MB', 'RSS ratio', 'Petrel B/key', 'Redis B/key', 'B/key ratio', 'Petrel used_memory MB', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const left = (i: number) => i === 0 || i === head.length - 1;
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  process.stdout.write(line(head) + '\n');
  process.stdout.write('|' + widths.map((w, i) => (left(i) ? ':' : '-') + '-'.repeat(w) + (left(i) ? '-' : ':')).join('|') + '|\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
  process.stdout.write(`\nB/key = (RSS after - RSS before loading) / keys. RSS ratio compares whole processes after loading.\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench/memory: ${e.message}\n`);
  killAll();
  process.exit(1);
});
