/**
 * INFO against a real Petrel process: sections, order, format, section selection, RESP3
 * verbatim reply, computed statistics, and (when Debian's redis-server is installed) the field
 * names of every default section compared with a real redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { peerSkip, startPetrel, startRedis, type RunningServer } from '../helpers/server.js';
import { RespClient } from '../helpers/resp-client.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

const DEFAULT = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Errorstats', 'Cluster', 'Keyspace'];
const ALL = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Commandstats', 'Errorstats', 'Latencystats', 'Cluster', 'Keyspace'];

function client(port: number): Redis {
  return ioredis(port, { lazyConnect: true });
}

function headers(text: string): string[] {
  return [...text.matchAll(/^# (\w+)\r$/gm)].map((m) => m[1]);
}

/** field -> value for every "name:value" line. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

/** Field names per section, in order. */
function sectionFields(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur = '';
  for (const line of text.split('\r\n')) {
    if (line.startsWith('# ')) out.set((cur = line.slice(2)), []);
    else if (line !== '') out.get(cur)!.push(line.slice(0, line.indexOf(':')));
  }
  return out;
}

before(async () => {
  srv = await startPetrel();
  r = client(srv.port);
  await r.connect();
});

after(async () => {
  r.disconnect();
  await srv.stop();
});

describe('INFO format and section selection', () => {
  it('default sections, in order, separated by blank lines', async () => {
    const text = (await r.info()) as string;
    assert.deepEqual(headers(text), DEFAULT);
    assert.ok(text.startsWith('# Server\r\nredis_version:7.0.15\r\n'));
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!text.includes('\n\n'), 'lines end with CRLF');
    assert.match(text, /\r\n\r\n# Clients\r\n/);
    assert.deepEqual(headers((await r.info('default')) as string), DEFAULT);
  });

  it('all, everything, several names, case, unknown', async () => {
    assert.deepEqual(headers((await r.info('all')) as string), ALL);
    assert.deepEqual(headers((await r.info('everything')) as string), ALL);
    assert.deepEqual(headers((await r.call('INFO', 'keyspace', 'SERVER', 'cpu')) as string), ['Server', 'CPU', 'Keyspace']);
    assert.deepEqual(headers((await r.call('INFO', 'default', 'commandstats')) as string), ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Commandstats', 'Errorstats', 'Cluster', 'Keyspace']);
    assert.equal(await r.info('nosuch'), '');
    assert.match((await r.call('INFO', 'modules', 'errorstats', 'cluster')) as string, /^# Modules\r\n\r\n# Errorstats\r\n(errorstat_\w+:count=\d+\r\n)*\r\n# Cluster\r\ncluster_enabled:0\r\n$/);
    assert.equal(await r.info('latencystats'), '# Latencystats\r\n');
  });

  it('RESP3 replies with a verbatim string', async () => {
    const c = await RespClient.connect(srv.port);
    await c.call('HELLO', '3');
    const reply = await c.call('INFO', 'server');
    c.close();
    assert.equal(reply.t, 'verbatim');
    assert.ok((reply as { v: string }).v.startsWith('txt:# Server\r\n'));
  });
});

describe('INFO values are computed', () => {
  it('server section', async () => {
    const f = fields((await r.info('server')) as string);
    assert.equal(f.get('redis_version'), '7.0.15');
    assert.equal(f.get('redis_mode'), 'standalone');
    assert.equal(f.get('tcp_port'), String(srv.port));
    assert.equal(f.get('process_id'), String(srv.proc.pid));
    assert.match(f.get('run_id')!, /^[0-9a-f]{40}$/);
    assert.match(f.get('petrel_version')!, /^\d+\.\d+\.\d+/);
    assert.ok(Math.abs(Number(f.get('server_time_usec')) / 1e6 - Date.now() / 1000) < 60);
  });

  it('memory section is honest', async () => {
    const f = fields((await r.info('memory')) as string);
    const used = Number(f.get('used_memory'));
    assert.ok(used > 1024 * 1024, 'a Node process uses megabytes');
    assert.ok(Number(f.get('used_memory_rss')) > used);
    assert.ok(Number(f.get('used_memory_peak')) >= used);
    assert.match(f.get('used_memory_human')!, /^\d+\.\d\dM$/);
    assert.equal(f.get('maxmemory'), '0');
    assert.equal(f.get('maxmemory_policy'), 'noeviction');
  });

  it('stats, commandstats, errorstats and keyspace follow activity', async () => {
    await r.call('CONFIG', 'RESETSTAT').catch(() => undefined);
    await r.flushall();
    const before = fields((await r.info('stats')) as string);
    await r.set('k1', 'v');
    await r.set('k2', 'v');
    await r.pexpire('k2', 100000);
    await r.get('k1');
    await r.get('missing');
    await r.slowlog('LEN');
    await r.call('NOSUCHCMD').catch(() => undefined);
    await r.call('GET').catch(() => undefined);
    await r.call('SWAPDB', 'x', '1').catch(() => undefined);
    const text = (await r.info('everything')) as string;
    const f = fields(text);
    assert.ok(Number(f.get('total_commands_processed')) > Number(before.get('total_commands_processed')));
    assert.ok(Number(f.get('total_net_input_bytes')) > Number(before.get('total_net_input_bytes')));
    assert.ok(Number(f.get('total_net_output_bytes')) > Number(before.get('total_net_output_bytes')));
    assert.ok(Number(f.get('total_reads_processed')) > 0);
    assert.ok(Number(f.get('total_writes_processed')) > 0);
    assert.ok(Number(f.get('keyspace_hits')) >= 1);
    assert.ok(Number(f.get('keyspace_misses')) >= 1);
    assert.ok(Number(f.get('total_error_replies')) >= 3);
    assert.match(f.get('cmdstat_set')!, /^calls=\d+,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0$/);
    assert.match(f.get('cmdstat_get')!, /rejected_calls=[1-9]/);
    assert.match(f.get('cmdstat_swapdb')!, /failed_calls=[1-9]/);
    assert.match(f.get('cmdstat_slowlog|len')!, /^calls=[1-9]/);
    assert.match(f.get('errorstat_ERR')!, /^count=\d+$/);
    assert.match(f.get('db0')!, /^keys=2,expires=1,avg_ttl=\d+$/);
    assert.ok(!f.has('db1'), 'empty databases are not listed');
    assert.match(f.get('rdb_changes_since_last_save')!, /^\d+$/);
    assert.equal(f.get('role'), 'master');
    assert.match(f.get('master_replid')!, /^[0-9a-f]{40}$/);
    assert.match(f.get('used_cpu_user')!, /^\d+\.\d{6}$/);
  });

  it('connected_clients counts connections', async () => {
    const a = fields((await r.info('clients')) as string);
    const extra = client(srv.port);
    await extra.connect();
    await extra.ping();
    const b = fields((await r.info('clients')) as string);
    extra.disconnect();
    assert.equal(Number(b.get('connected_clients')), Number(a.get('connected_clients')) + 1);
  });
});

describe('INFO field names match redis-server 7.0.15', () => {
  const skip = peerSkip('redis-server');
  it('every default section has the same fields in the same order', { skip }, async () => {
    const redis = await startRedis();
    const rc = client(redis.port);
    try {
      await rc.connect();
      const theirs = sectionFields((await rc.info('everything')) as string);
      const ours = sectionFields((await r.info('everything')) as string);
      // Keyspace, commandstats, errorstats and latencystats list what happened, not fixed names.
      for (const section of ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Cluster']) {
        const expected = theirs.get(section)!;
        // Petrel adds petrel_version at the end of Server; Redis adds fields only in some states.
        const got = ours.get(section)!.filter((n) => n !== 'petrel_version');
        assert.deepEqual(got, expected, `section ${section}`);
      }
      assert.deepEqual([...ours.keys()], [...theirs.keys()], 'section order');
    } finally {
      rc.disconnect();
      await redis.stop();
    }
  });
});
