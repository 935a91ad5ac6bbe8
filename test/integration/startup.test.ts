/**
 * Starting real petrel-server processes the way redis-server is started: fatal config errors
 * (exit code and Redis's exact report), --version/--help, Debian's full redis.conf, stdin
 * config, pidfile, logfile, daemonize and clean shutdown on SIGTERM/SIGINT.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RespClient } from '../helpers/resp-client.js';
import { PETREL_BIN, REQUIRE_PEERS, freePort, haveBinary, startPetrel, waitFor } from '../helpers/server.js';

const DEBIAN_CONF = '/etc/redis/redis.conf';

function runPetrel(args: string[], input?: string) {
  return spawnSync(process.execPath, [PETREL_BIN, ...args], { input, encoding: 'latin1', timeout: 15000 });
}

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'petrel-startup-'));
}

describe('petrel-server start-up', () => {
  it('fails on a bad directive exactly as redis-server does', () => {
    const r = runPetrel(['--foo', 'bar']);
    assert.equal(r.status, 1);
    const expected = "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 2\n>>> 'foo \"bar\"'\nBad directive or wrong number of arguments\n";
    assert.equal(r.stderr, expected);
    if (haveBinary('redis-server')) {
      const ref = spawnSync('redis-server', ['--foo', 'bar'], { encoding: 'latin1', timeout: 15000 });
      assert.equal(ref.status, 1);
      assert.equal(r.stderr, ref.stderr);
    }
  });

  it('reports bad values and file lines like redis-server', () => {
    const dir = tmp();
    try {
      const conf = path.join(dir, 'bad.conf');
      const cases: string[][] = [['--port', '7000', '--hz', 'abc'], ['--maxmemory', '1', '2'], ['--hz', '--port'], ['--save', '--nosuch']];
      for (const args of cases) {
        const r = runPetrel(args);
        assert.equal(r.status, 1, args.join(' '));
        if (haveBinary('redis-server')) {
          const ref = spawnSync('redis-server', args, { encoding: 'latin1', timeout: 15000 });
          assert.equal(r.stderr, ref.stderr, args.join(' '));
        }
      }
      writeFileSync(conf, '# c\nport 7000\nrequirepass "unbalanced\n');
      const r = runPetrel([conf]);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 3\n>>> 'requirepass \"unbalanced'\nUnbalanced quotes in configuration line\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses modules and sentinel mode clearly', () => {
    const m = runPetrel(['--loadmodule', '/tmp/x.so']);
    assert.equal(m.status, 1);
    assert.match(m.stderr, /FATAL CONFIG FILE ERROR[\s\S]*modules/);
    const s = runPetrel(['--sentinel']);
    assert.equal(s.status, 1);
    assert.match(s.stderr, /Sentinel/);
  });

  it('prints its version and usage and exits 0', () => {
    for (const flag of ['--version', '-v']) {
      const r = runPetrel([flag]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Petrel server v=\d+\.\d+\.\d+\S* \(redis_version=7\.0\.15\) /);
    }
    for (const flag of ['--help', '-h']) {
      const r = runPetrel([flag]);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: petrel-server \[\/path\/to\/redis\.conf\] \[options\] \[-\]/);
    }
  });

  it("starts with Debian's redis.conf, writes and removes the pidfile, exits 0 on SIGTERM", async (t) => {
    if (!existsSync(DEBIAN_CONF)) {
      if (REQUIRE_PEERS) assert.fail(`PETREL_REQUIRE_PEERS=1 but ${DEBIAN_CONF} is missing (apt-get install redis-server)`);
      t.skip(`${DEBIAN_CONF} missing (apt-get install redis-server)`);
      return;
    }
    const dir = tmp();
    try {
      const conf = path.join(dir, 'redis.conf');
      copyFileSync(DEBIAN_CONF, conf);
      const pidfile = path.join(dir, 'p.pid');
      const s = await startPetrel({ configFile: conf, args: ['--daemonize', 'no', '--logfile', '', '--dir', dir, '--pidfile', pidfile] });
      try {
        const out = s.output();
        assert.match(out, new RegExp(`PID: ${s.proc.pid}`));
        assert.match(out, /Server initialized/);
        assert.match(out, /Ready to accept connections/);
        assert.equal(readFileSync(pidfile, 'latin1').trim(), String(s.proc.pid));
        const c = await RespClient.connect(s.port);
        assert.deepEqual(await c.call('CONFIG', 'GET', 'databases'), { t: 'array', v: [{ t: 'bulk', v: 'databases' }, { t: 'bulk', v: '16' }] });
        assert.deepEqual(await c.call('CONFIG', 'GET', 'auto-aof-rewrite-min-size'), { t: 'array', v: [{ t: 'bulk', v: 'auto-aof-rewrite-min-size' }, { t: 'bulk', v: '67108864' }] });
        c.close();
      } finally {
        assert.equal(await s.stop(), 0);
      }
      assert.equal(existsSync(pidfile), false, 'pidfile removed at exit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps running in the foreground with daemonize yes, and exits 0 on SIGINT', async () => {
    const s = await startPetrel({ args: ['--daemonize', 'yes'] });
    assert.match(s.output(), /daemonize yes is not supported/);
    const c = await RespClient.connect(s.port);
    assert.deepEqual(await c.call('PING'), { t: 'simple', v: 'PONG' });
    c.close();
    s.proc.kill('SIGINT');
    assert.equal(await s.exited(10000), 0);
  });

  it('reads config from stdin and logs to the logfile', async () => {
    const dir = tmp();
    const port = await freePort();
    const logfile = path.join(dir, 'petrel.log');
    const proc = spawn(process.execPath, [PETREL_BIN, '-', '--port', String(port), '--bind', '127.0.0.1', '--logfile', logfile, '--loglevel', 'verbose'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      proc.stdin!.end('hz 33\nsave 100 1\nsave 200 2\n');
      await waitFor(() => existsSync(logfile) && readFileSync(logfile, 'latin1').includes('Ready to accept connections'), 15000, 'ready in the log file');
      const log = readFileSync(logfile, 'latin1');
      assert.match(log, /Server initialized/);
      assert.match(log, /PID: \d+/);
      const c = await RespClient.connect(port);
      assert.deepEqual(await c.call('CONFIG', 'GET', 'hz'), { t: 'array', v: [{ t: 'bulk', v: 'hz' }, { t: 'bulk', v: '33' }] });
      assert.deepEqual(await c.call('CONFIG', 'GET', 'save'), { t: 'array', v: [{ t: 'bulk', v: 'save' }, { t: 'bulk', v: '100 1 200 2' }] });
      c.close();
      assert.ok(!out.includes('Ready to accept connections'), 'logs go to the logfile, not stdout');
    } finally {
      proc.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10000))]);
      if (code === null) proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(await exited, 0);
  });

  it('applies rename-command', async () => {
    const s = await startPetrel({ args: ['--rename-command', 'echo', 'say', '--rename-command', 'get', ''] });
    try {
      const c = await RespClient.connect(s.port);
      assert.deepEqual(await c.call('SAY', 'hi'), { t: 'bulk', v: 'hi' });
      const r = await c.call('ECHO', 'hi');
      assert.equal(r.t, 'error');
      assert.equal((await c.call('GET', 'k')).t, 'error');
      c.close();
    } finally {
      await s.stop();
    }
  });
});
