/**
 * Shared by the benchmarks: start Petrel (from dist/) and Debian's redis-server on free
 * 127.0.0.1 ports, each in its own temporary directory, and make sure no server outlives the
 * benchmark (SIGTERM then SIGKILL on stop; SIGKILL for every child on exit, error or Ctrl-C).
 * Also: VmRSS / smaps_rollup readers and a small raw-RESP connection for pipelined loading.
 * Benchmarks only; never imported by src/ or tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>();
/** Temp dirs of running servers (removed when they exit, or by killAll). */
const dirs = new Set<string>();

/** Last resort: whatever path ends the process, no server outlives the benchmark. */
export function killAll(): void {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** Puts any other child (a load generator) under the same rule: killed on every exit path. */
export function track(proc: ChildProcess): void {
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

let nextPort = 0;
/** The next port from `base` up that nothing listens on (ports are never handed out twice). */
export async function freePort(base: number): Promise<number> {
  if (nextPort < base) nextPort = base;
  for (let tries = 0; tries < 200; tries++) {
    const p = nextPort++;
    if (!(await portInUse(p))) return p;
  }
  throw new Error(`no free port found from ${base}`);
}

export interface Server {
  name: string;
  port: number;
  pid: number;
  /** Its working directory (removed when it exits). */
  dir: string;
  proc: ChildProcess;
  /** SIGTERM, SIGKILL after 5 s; resolves once it exited. */
  stop(): Promise<void>;
}

/** Spawns a server in `dir` and waits (bounded) for its "Ready to accept connections" line. */
export function startServer(name: string, cmd: string, args: string[], port: number, dir: string): Promise<Server> {
  const proc = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  dirs.add(dir);
  let out = '';
  let exited = false;
  const onOut = (d: Buffer) => {
    // Keep only the start of the log: enough to report why a server would not start.
    if (out.length < 16_384) out += d.toString('latin1');
  };
  proc.stdout!.on('data', onOut);
  proc.stderr!.on('data', onOut);
  const exitPromise = new Promise<void>((resolve) =>
    proc.on('exit', () => {
      exited = true;
      children.delete(proc);
      dirs.delete(dir);
      rmSync(dir, { recursive: true, force: true });
      resolve();
    }),
  );
  const server: Server = {
    name,
    port,
    pid: proc.pid ?? -1,
    dir,
    proc,
    async stop() {
      if (exited) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(t);
    },
  };
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (out.includes('Ready to accept connections')) {
        clearInterval(poll);
        resolve(server);
      } else if (exited || Date.now() - started > 15_000) {
        clearInterval(poll);
        void server.stop();
        reject(new Error(`${name} did not start (${exited ? 'exited' : 'timed out'}):\n${out}`));
      }
    }, 20);
  });
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ with `npx tsc -p .` when it is missing or older than src/. */
export function ensureBuilt(): void {
  const entry = path.join(ROOT, 'dist/bin/server.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  process.stderr.write('building dist/ (npx tsc -p .) ...\n');
  const r = spawnSync('npx', ['tsc', '-p', '.'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (!existsSync(entry)) throw new Error('build failed: dist/bin/server.js is missing');
  if (r.status !== 0) process.stderr.write('warning: tsc reported errors; measuring the dist/ it produced\n');
}

export function requireRedis(): void {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) throw new Error('redis-server not found (apt-get install redis-server)');
}

/** bin/petrel-server on `port` in a fresh temp dir, persistence off, DEBUG allowed. */
export function startPetrel(port: number, opts: { extraArgs?: string[]; nodeFlags?: string[]; prefix?: string } = {}): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'petrel-bench-'));
  const args = [
    ...(opts.nodeFlags ?? []),
    path.join(ROOT, 'bin/petrel-server'),
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes', '--dir', dir],
    ...(opts.extraArgs ?? []),
  ];
  return startServer('petrel', process.execPath, args, port, dir);
}

/** Debian's redis-server on `port` in a fresh temp dir, persistence off, in the foreground. */
export function startRedis(port: number, opts: { extraArgs?: string[]; prefix?: string } = {}): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'redis-bench-'));
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '', '--dir', dir],
    ...['--enable-debug-command', 'yes'],
    ...(opts.extraArgs ?? []),
  ];
  return startServer('redis', 'redis-server', args, port, dir);
}

// ---------------------------------------------------------------------------------------------
// /proc readers (Linux)

/** VmRSS of a process in bytes; 0 when it is gone. */
export function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** One field (e.g. Private_Dirty) of /proc/<pid>/smaps_rollup in bytes; 0 when it is gone. */
export function smapsRollup(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Child pids of a process (every thread's /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ')) if (c.trim() !== '') out.push(Number(c));
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // The process is gone.
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Raw RESP

/** Encodes one request (latin1: one char per byte). */
export function resp(args: string[]): string {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${a.length}\r\n${a}\r\n`;
  return s;
}

export type Reply = string | number | null | Error | Reply[];

/**
 * A connection that sends batches of requests and resolves once as many replies arrived.
 * Replies are parsed fully (simple, error, integer, bulk, arrays) but only kept when asked.
 * One batch at a time; every wait is bounded.
 */
export class Conn {
  private buf = '';
  private waiting = 0;
  private keep = false;
  private replies: Reply[] = [];
  private errors = 0;
  private firstError: string | null = null;
  private done: ((err?: Error) => void) | null = null;

  private constructor(private readonly sock: net.Socket) {
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
    sock.on('error', (e) => this.done?.(e));
    sock.on('close', () => this.done?.(new Error('connection closed')));
  }

  static connect(port: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new Conn(s)));
      s.once('error', reject);
    });
  }

  /** Parses one reply at `at`: [reply, next offset], or null when bytes are missing. */
  private parse(at: number): [Reply, number] | null {
    const b = this.buf;
    const nl = b.indexOf('\r\n', at);
    if (nl < 0) return null;
    const t = b[at];
    const line = b.slice(at + 1, nl);
    switch (t) {
      case '+':
        return [line, nl + 2];
      case '-':
        return [new Error(line), nl + 2];
      case ':':
        return [Number(line), nl + 2];
      case '$': {
        const n = Number(line);
        if (n < 0) return [null, nl + 2];
        if (b.length < nl + 2 + n + 2) return null;
        return [b.slice(nl + 2, nl + 2 + n), nl + 2 + n + 2];
      }
      case '*': {
        const n = Number(line);
        if (n < 0) return [null, nl + 2];
        const a: Reply[] = [];
        let p = nl + 2;
        for (let i = 0; i < n; i++) {
          const r = this.parse(p);
          if (r === null) return null;
          a.push(r[0]);
          p = r[1];
        }
        return [a, p];
      }
      default:
        throw new Error(`unexpected reply byte ${JSON.stringify(t)}`);
    }
  }

  private onData(s: string): void {
    this.buf += s;
    let at = 0;
    try {
      while (this.waiting > 0) {
        const r = this.parse(at);
        if (r === null) break;
        at = r[1];
        if (r[0] instanceof Error) {
          this.errors++;
          this.firstError ??= r[0].message;
        }
        if (this.keep) this.replies.push(r[0]);
        if (--this.waiting === 0) {
          this.buf = this.buf.slice(at);
          at = 0;
          const d = this.done;
          this.done = null;
          d?.();
        }
      }
    } catch (e) {
      this.done?.(e as Error);
    }
    if (at > 0) this.buf = this.buf.slice(at);
  }

  /**
   * Sends requests (already encoded) and waits, at most `ms`, for one reply each. An error
   * reply rejects unless `allowErrors`. Returns the replies when `keep`.
   */
  send(requests: string[], opts: { ms?: number; keep?: boolean; allowErrors?: boolean } = {}): Promise<Reply[]> {
    if (this.done !== null) return Promise.reject(new Error('a batch is already in flight'));
    this.keep = opts.keep ?? false;
    this.replies = [];
    this.errors = 0;
    this.firstError = null;
    this.waiting = requests.length;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.done = null;
        reject(new Error('timed out waiting for replies'));
      }, opts.ms ?? 120_000);
      this.done = (err) => {
        clearTimeout(t);
        this.done = null;
        if (err) reject(err);
        else if (this.errors > 0 && !opts.allowErrors) reject(new Error(`server replied -${this.firstError} (${this.errors} errors in the batch)`));
        else resolve(this.replies);
      };
      this.sock.write(requests.join(''), 'latin1');
    });
  }

  /** One command and its reply (an error reply rejects). */
  async call(...args: string[]): Promise<Reply> {
    return (await this.send([resp(args)], { keep: true }))[0];
  }

  close(): void {
    this.sock.destroy();
  }
}

/** An integer field of an INFO reply. */
export function infoField(info: Reply, name: string): number | undefined {
  if (typeof info !== 'string') return undefined;
  const m = new RegExp(`^${name}:(-?\\d+)`, 'm').exec(info);
  return m ? Number(m[1]) : undefined;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function mb(n: number): string {
  return (n / 1048576).toFixed(1);
}
