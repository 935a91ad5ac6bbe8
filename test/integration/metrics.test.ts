/**
 * Prometheus metrics on metrics-port: the documented names (docs/metrics.md) carry the server's
 * numbers, and `promtool check metrics` (Debian package prometheus) accepts the exposition.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { Redis } from 'ioredis';
import { REQUIRE_PEERS, freePort, haveBinary, startPetrel, waitFor, type RunningServer } from '../helpers/server.js';

function promtoolSkip(): string | false {
  if (haveBinary('promtool')) return false;
  const msg = 'needs promtool (apt-get install prometheus)';
  if (REQUIRE_PEERS) throw new Error(`PETREL_REQUIRE_PEERS=1 but ${msg}`);
  return msg;
}

function get(port: number, path: string, host = '127.0.0.1'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Samples of an exposition: `name{labels}` (as printed) -> value. */
function samples(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    m.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  return m;
}

describe('Prometheus metrics', () => {
  let petrel: RunningServer;
  let metricsPort: number;
  let r: Redis;

  before(async () => {
    metricsPort = await freePort();
    petrel = await startPetrel({ args: ['--metrics-port', String(metricsPort)] });
    r = new Redis({ port: petrel.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await r.connect();
  });
  after(async () => {
    r?.disconnect();
    await petrel?.stop();
  });

  it('reports clients, commands, keyspace, expiry, hits and misses, replication', async () => {
    await r.set('a', '1');
    await r.set('ttl', '1', 'EX', 1000);
    await r.set('gone', '1', 'PX', 1);
    // Bounded: lazy expiry on access removes it once its 1 ms has passed.
    await waitFor(async () => (await r.exists('gone')) === 0, 5000, 'key expiry');
    await r.get('a');
    await r.get('missing');
    await assert.rejects(r.incr('a').then(() => r.hset('a', 'f', 'v')), /WRONGTYPE/);
    await r.select(2);
    await r.set('x', '1');
    await r.select(0);

    const res = await get(metricsPort, '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/plain; version=0\.0\.4; charset=utf-8$/);
    const m = samples(res.body);
    const v = (k: string) => {
      assert.ok(m.has(k), `missing sample ${k}`);
      return m.get(k)!;
    };
    assert.ok(v('petrel_connected_clients') >= 1);
    assert.ok(v('petrel_connections_received_total') >= 1);
    assert.ok(v('petrel_memory_used_bytes') > 0);
    assert.ok(v('petrel_memory_used_peak_bytes') >= v('petrel_memory_used_bytes') * 0.5);
    assert.ok(v('petrel_commands_processed_total') >= 10);
    assert.equal(v('petrel_commands_total{cmd="set"}'), 4);
    assert.equal(v('petrel_commands_total{cmd="incr"}'), 1);
    assert.equal(v('petrel_commands_failed_calls_total{cmd="hset"}'), 1);
    assert.ok(v('petrel_commands_duration_seconds_total{cmd="set"}') > 0);
    assert.equal(v('petrel_errors_total{err="WRONGTYPE"}'), 1);
    assert.equal(v('petrel_db_keys{db="db0"}'), 2);
    assert.equal(v('petrel_db_keys_expiring{db="db0"}'), 1);
    assert.equal(v('petrel_db_keys{db="db2"}'), 1);
    assert.ok(!m.has('petrel_db_keys{db="db1"}'), 'empty databases are not listed');
    assert.ok(v('petrel_expired_keys_total') >= 1);
    assert.equal(v('petrel_evicted_keys_total'), 0);
    assert.ok(v('petrel_keyspace_hits_total') >= 1);
    assert.ok(v('petrel_keyspace_misses_total') >= 1);
    assert.equal(v('petrel_replication_role{role="master"}'), 1);
    assert.equal(v('petrel_replication_role{role="replica"}'), 0);
    assert.equal(v('petrel_connected_replicas'), 0);
    assert.ok(v('petrel_master_repl_offset') >= 0);
    assert.equal(v('petrel_info{version="0.1.0",redis_version="7.0.15",mode="standalone"}'), 1);
    // prom-client's process and Node.js metrics.
    assert.ok(v('process_cpu_user_seconds_total') >= 0);
    assert.ok(v('process_resident_memory_bytes') > 0);
    assert.ok(v('nodejs_heap_size_used_bytes') > 0);

    // The numbers agree with INFO.
    const info = await r.info('stats');
    const hits = Number(/keyspace_hits:(\d+)/.exec(info)![1]);
    assert.ok(hits >= v('petrel_keyspace_hits_total'));
  });

  it('CONFIG RESETSTAT drops the per-command series', async () => {
    await r.config('RESETSTAT');
    const m = samples((await get(metricsPort, '/metrics')).body);
    assert.ok(!m.has('petrel_commands_total{cmd="set"}'));
    // The scrape itself runs no command: only CONFIG RESETSTAT was counted... and reset.
    assert.ok([...m.keys()].filter((k) => k.startsWith('petrel_commands_total{')).length <= 1);
  });

  it('answers 404 elsewhere and listens on 127.0.0.1 only', async () => {
    assert.equal((await get(metricsPort, '/other')).status, 404);
    const ss = spawnSync('ss', ['-ltnH', `sport = :${metricsPort}`], { encoding: 'latin1' });
    if (ss.status === 0) {
      const addrs = ss.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[3]);
      assert.deepEqual(addrs, [`127.0.0.1:${metricsPort}`]);
    }
  });

  it('promtool check metrics accepts the exposition', { skip: promtoolSkip() }, async () => {
    const { body } = await get(metricsPort, '/metrics');
    const res = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'latin1', timeout: 30000 });
    assert.equal(res.status, 0, `promtool: ${res.stdout}${res.stderr}`);
  });
});
