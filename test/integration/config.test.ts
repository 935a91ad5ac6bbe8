/**
 * CONFIG against a real Petrel process: GET * compared with a real redis-server 7.0, SET
 * (errors, atomicity, live effects, rebinding), RESETSTAT, REWRITE round trip, HELP.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RespClient, type Reply } from '../helpers/resp-client.js';
import { freePort, peerSkip, startPetrel, startRedis, type RunningServer } from '../helpers/server.js';

/** CONFIG GET reply (RESP2 flat array) as an object. */
function asMap(r: Reply): Record<string, string> {
  assert.equal(r.t, 'array');
  const items = (r as { v: Reply[] }).v.map((x) => (x as { v: string }).v);
  const out: Record<string, string> = {};
  for (let i = 0; i < items.length; i += 2) out[items[i]] = items[i + 1];
  return out;
}

const ok = { t: 'simple', v: 'OK' };
const err = (v: string) => ({ t: 'error', v });

/** Petrel's own directives: Redis 7.0 has none of these names. */
const PETREL_ONLY = new Set(['tls', 'admin-port', 'admin-bind', 'no-tls-on-admin-port', 'metrics-port']);

describe('CONFIG', () => {
  let s: RunningServer;
  let c: RespClient;
  before(async () => {
    s = await startPetrel({ args: ['--save', ''] });
    c = await RespClient.connect(s.port);
  });
  after(async () => {
    c?.close();
    await s?.stop();
  });

  it('GET * has the same names and defaults as a real redis-server 7.0', async (t) => {
    const skip = peerSkip('redis-server');
    if (skip) {
      t.skip(skip);
      return;
    }
    const r = await startRedis();
    try {
      const rc = await RespClient.connect(r.port);
      const ref = asMap(await rc.call('CONFIG', 'GET', '*'));
      rc.close();
      const mine = asMap(await c.call('CONFIG', 'GET', '*'));
      const mineNames = Object.keys(mine).filter((k) => !PETREL_ONLY.has(k)).sort();
      assert.deepEqual(mineNames, Object.keys(ref).sort());
      // Values differ only where they must: the port and the directory of each process.
      const differ = Object.keys(ref).filter((k) => ref[k] !== mine[k]).sort();
      assert.deepEqual(differ, ['dir', 'port']);
    } finally {
      await r.stop();
    }
  });

  it('GET takes several patterns, globs case-insensitively, exact names as given', async () => {
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'MAXMEMORY')), { MAXMEMORY: '0' });
    assert.deepEqual(Object.keys(asMap(await c.call('CONFIG', 'GET', 'maxmemory-p*', 'hz', 'hz'))).sort(), ['hz', 'maxmemory-policy']);
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'slave-read-only')), { 'slave-read-only': 'yes' });
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'watchdog*')), {});
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'watchdog-period')), { 'watchdog-period': '0' });
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'nosuch')), {});
  });

  it('SET answers with Redis error texts and is all or nothing', async () => {
    assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', 'abc'), err("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer"));
    assert.deepEqual(await c.call('CONFIG', 'SET', 'foo', 'bar'), err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
    assert.deepEqual(await c.call('CONFIG', 'SET', 'databases', '3'), err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"));
    assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', '5', 'maxmemory'), err('ERR syntax error'));
    assert.deepEqual(await c.call('CONFIG', 'SET', 'maxmemory'), err("ERR wrong number of arguments for 'config|set' command"));
    assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', '20', 'maxmemory', 'lots'), err("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"));
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'hz')), { hz: '10' });
    assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', '20', 'maxmemory', '1gb', 'save', '100 10'), ok);
    assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'hz', 'maxmemory', 'save')), { hz: '20', maxmemory: '1073741824', save: '100 10' });
    assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', '10', 'maxmemory', '0', 'save', ''), ok);
  });

  it('SET takes effect live: requirepass, maxclients, timeout', async () => {
    assert.deepEqual(await c.call('CONFIG', 'SET', 'requirepass', 'sesame'), ok);
    const a = await RespClient.connect(s.port);
    assert.deepEqual(await a.call('GET', 'x'), err('NOAUTH Authentication required.'));
    assert.deepEqual(await a.call('AUTH', 'sesame'), ok);
    a.close();
    assert.deepEqual(await c.call('CONFIG', 'SET', 'requirepass', ''), ok);

    assert.deepEqual(await c.call('CONFIG', 'SET', 'maxclients', '1'), ok);
    const b = await RespClient.connect(s.port);
    assert.deepEqual(await b.call('PING'), err('ERR max number of clients reached'));
    b.close();
    assert.deepEqual(await c.call('CONFIG', 'SET', 'maxclients', '10000'), ok);

    // Every idle connection goes, ours included: reconnect afterwards.
    assert.deepEqual(await c.call('CONFIG', 'SET', 'timeout', '1'), ok);
    const idle = await RespClient.connect(s.port);
    assert.deepEqual(await idle.call('PING'), { t: 'simple', v: 'PONG' });
    assert.equal(await idle.waitClosed(10000), true, 'idle client closed by timeout');
    c.close();
    c = await RespClient.connect(s.port);
    assert.deepEqual(await c.call('CONFIG', 'SET', 'timeout', '0'), ok);
  });

  it('SET port rebinds the listener; a port in use is refused and nothing changes', async () => {
    const other = await startPetrel();
    try {
      assert.deepEqual(await c.call('CONFIG', 'SET', 'port', String(other.port)), err("ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs."));
      assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'port')), { port: String(s.port) });
    } finally {
      await other.stop();
    }
    const newPort = await freePort();
    assert.deepEqual(await c.call('CONFIG', 'SET', 'port', String(newPort)), ok);
    const n = await RespClient.connect(newPort);
    assert.deepEqual(await n.call('PING'), { t: 'simple', v: 'PONG' });
    assert.deepEqual(await n.call('CONFIG', 'SET', 'port', String(s.port)), ok);
    n.close();
    const back = await RespClient.connect(s.port);
    assert.deepEqual(await back.call('PING'), { t: 'simple', v: 'PONG' });
    back.close();
  });

  it('RESETSTAT zeroes the stats', async () => {
    for (let i = 0; i < 5; i++) await c.call('PING');
    assert.deepEqual(await c.call('CONFIG', 'RESETSTAT'), ok);
    const info = await c.call('INFO', 'stats');
    if (info.t === 'bulk') {
      const m = /total_commands_processed:(\d+)/.exec(info.v);
      if (m) assert.ok(Number(m[1]) <= 1, info.v);
    }
  });

  it('REWRITE without a config file is an error; HELP lists the subcommands', async () => {
    assert.deepEqual(await c.call('CONFIG', 'REWRITE'), err('ERR The server is running without a config file'));
    const h = await c.call('CONFIG', 'HELP');
    assert.equal(h.t, 'array');
    assert.equal(((h as { v: Reply[] }).v[0] as { v: string }).v, 'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
  });
});

describe('CONFIG REWRITE round trip', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'petrel-rewrite-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites in place keeping comments, and a restart reads the same values', async () => {
    const conf = path.join(dir, 'petrel.conf');
    writeFileSync(conf, '# Petrel test config\n# keep me\nhz 15\nslave-read-only yes\nsave 900 1\n\n# tail comment\n');
    const s = await startPetrel({ configFile: conf });
    try {
      const c = await RespClient.connect(s.port);
      assert.deepEqual(await c.call('CONFIG', 'SET', 'hz', '25', 'maxmemory', '3mb', 'replica-read-only', 'no', 'notify-keyspace-events', 'Ex'), ok);
      assert.deepEqual(await c.call('CONFIG', 'REWRITE'), ok);
      c.close();
    } finally {
      await s.stop();
    }
    const text = readFileSync(conf, 'latin1');
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 5), ['# Petrel test config', '# keep me', 'hz 25', 'replica-read-only no', 'save 900 1']);
    assert.ok(lines.includes('# tail comment'));
    assert.ok(lines.includes('# Generated by CONFIG REWRITE'));
    assert.ok(lines.includes('maxmemory 3mb'));
    assert.ok(lines.includes('notify-keyspace-events "xE"'));
    // The first run's directory (the helper's temporary dir, written as `dir`) is gone now.
    assert.ok(lines.some((l) => l.startsWith('dir "')));
    writeFileSync(conf, text.replace(/^dir .*$/m, ''));
    // Start again from the rewritten file (the helper's --port/--dir come after it).
    const s2 = await startPetrel({ configFile: conf });
    try {
      const c = await RespClient.connect(s2.port);
      assert.deepEqual(asMap(await c.call('CONFIG', 'GET', 'hz', 'maxmemory', 'replica-read-only', 'notify-keyspace-events', 'save')), {
        hz: '25',
        maxmemory: '3145728',
        'replica-read-only': 'no',
        'notify-keyspace-events': 'xE',
        save: '900 1',
      });
      c.close();
    } finally {
      await s2.stop();
    }
  });
});
