/**
 * Starting real server processes for tests: Petrel (from dist/, built by `npm test`) and
 * Debian's redis-server as the reference. Every server binds 127.0.0.1 on a free port, every
 * wait is bounded, and every process is killed when the test process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PETREL_BIN = path.join(ROOT, 'bin/petrel-server');

/** CI sets PETREL_REQUIRE_PEERS=1: tests that need Redis binaries then fail instead of skipping. */
export const REQUIRE_PEERS = process.env.PETREL_REQUIRE_PEERS === '1';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** True when a binary is on PATH. */
export function haveBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * For tests that need Debian's Redis binaries: returns a skip reason when they are missing
 * (so the test skips visibly), or throws under PETREL_REQUIRE_PEERS=1.
 */
export function peerSkip(...bins: string[]): string | false {
  const missing = bins.filter((b) => !haveBinary(b));
  if (missing.length === 0) return false;
  const msg = `needs ${missing.join(', ')} (apt-get install redis-server redis-tools redis-sentinel)`;
  if (REQUIRE_PEERS) throw new Error(`PETREL_REQUIRE_PEERS=1 but ${msg}`);
  return msg;
}

export interface RunningServer {
  port: number;
  proc: ChildProcess;
  dir: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after a bound; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Resolves when the process has exited (bounded). */
  exited(timeoutMs?: number): Promise<number | null>;
}

interface StartOptions {
  /** Extra arguments after the defaults (later directives win, as in redis-server). */
  args?: string[];
  /** A config file path given as the first argument. */
  configFile?: string;
  /** Port to use (default: a free one). */
  port?: number;
  /** Text that means the server is ready. */
  readyText?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

function startProcess(cmd: string, argv: string[], port: number, dir: string, opts: StartOptions): Promise<RunningServer> {
  const proc = spawn(cmd, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  children.add(proc);
  let out = '';
  let exitCode: number | null | undefined;
  const exitWaiters: Array<(c: number | null) => void> = [];
  proc.stdout!.on('data', (d) => (out += d.toString('latin1')));
  proc.stderr!.on('data', (d) => (out += d.toString('latin1')));
  proc.on('exit', (code, signal) => {
    exitCode = code ?? (signal ? -1 : null);
    children.delete(proc);
    for (const w of exitWaiters.splice(0)) w(exitCode);
  });
  const exited = (timeoutMs = 10000) =>
    new Promise<number | null>((resolve) => {
      if (exitCode !== undefined) return resolve(exitCode);
      const t = setTimeout(() => resolve(null), timeoutMs);
      exitWaiters.push((c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
  const server: RunningServer = {
    port,
    proc,
    dir,
    output: () => out,
    exited,
    async stop() {
      if (exitCode !== undefined) return exitCode;
      proc.kill('SIGTERM');
      const code = await exited(5000);
      if (exitCode === undefined) {
        proc.kill('SIGKILL');
        return exited(5000);
      }
      return code;
    },
  };
  const ready = opts.readyText ?? 'Ready to accept connections';
  const timeoutMs = opts.timeoutMs ?? 15000;
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      clearInterval(poll);
      void server.stop();
      reject(new Error(`${cmd} did not become ready within ${timeoutMs}ms:\n${out}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (out.includes(ready)) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(server);
      } else if (exitCode !== undefined) {
        clearInterval(poll);
        clearTimeout(deadline);
        reject(new Error(`${cmd} exited with ${exitCode} before ready:\n${out}`));
      }
    }, 20);
  });
}

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts bin/petrel-server on a free loopback port. */
export async function startPetrel(opts: StartOptions = {}): Promise<RunningServer> {
  if (!existsSync(path.join(ROOT, 'dist/bin/server.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it) before the tests');
  }
  const port = opts.port ?? (await freePort());
  const dir = tempDir('petrel-test-');
  const argv = [PETREL_BIN];
  if (opts.configFile) argv.push(opts.configFile);
  argv.push('--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--enable-debug-command', 'yes');
  // No save points unless the test's config file or arguments set some: stopping stays fast.
  if (!opts.configFile) argv.push('--save', '');
  argv.push(...(opts.args ?? []));
  const s = await startProcess(process.execPath, argv, port, dir, opts);
  s.proc.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return s;
}

/** Starts Debian's redis-server (the reference) on a free loopback port, persistence off. */
export async function startRedis(opts: StartOptions = {}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const dir = tempDir('petrel-redis-');
  const argv: string[] = [];
  if (opts.configFile) argv.push(opts.configFile);
  argv.push('--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes', '--daemonize', 'no', '--logfile', '', ...(opts.args ?? []));
  const s = await startProcess('redis-server', argv, port, dir, opts);
  s.proc.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return s;
}

/** Polls `check` until it returns true, at most `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
