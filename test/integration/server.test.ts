/**
 * Server family against a real Petrel process with ioredis: DBSIZE FLUSHDB FLUSHALL SWAPDB TIME
 * LASTSAVE SHUTDOWN MONITOR SLOWLOG COMMAND. Replies and error texts were checked against
 * redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startPetrel, waitFor, type RunningServer } from '../helpers/server.js';
import { errorOf as err } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;

function client(port: number): Redis {
  return new Redis(port, '127.0.0.1', { enableReadyCheck: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
}

/** rdb_changes_since_last_save (server.dirty). */
async function dirty(): Promise<number> {
  const text = (await r.info('persistence')) as string;
  return Number(/rdb_changes_since_last_save:(\d+)/.exec(text)![1]);
}

before(async () => {
  // Every command is slow enough for the slowlog at threshold 0.
  srv = await startPetrel({ args: ['--slowlog-log-slower-than', '0'] });
  r = client(srv.port);
  await r.connect();
});

after(async () => {
  r.disconnect();
  await srv.stop();
});

describe('DBSIZE FLUSHDB FLUSHALL', () => {
  it('counts and flushes, bumping dirty by the keys removed', async () => {
    await r.flushall();
    await r.mset('a', '1', 'b', '2', 'c', '3');
    assert.equal(await r.dbsize(), 3);
    await r.select(1);
    await r.set('x', 'y');
    assert.equal(await r.dbsize(), 1);
    await r.select(0);
    const d0 = await dirty();
    assert.equal(await r.flushdb(), 'OK');
    assert.equal(await r.dbsize(), 0);
    assert.equal(await dirty(), d0 + 3);
    assert.equal(await r.flushdb(), 'OK');
    assert.equal(await dirty(), d0 + 3, 'flushing an empty db changes nothing');
    await r.select(1);
    assert.equal(await r.dbsize(), 1, 'FLUSHDB leaves other databases');
    await r.select(0);
    assert.equal(await r.call('FLUSHALL', 'ASYNC'), 'OK');
    assert.equal(await dirty(), d0 + 4);
    await r.select(1);
    assert.equal(await r.dbsize(), 0);
    await r.select(0);
    assert.equal(await r.call('FLUSHDB', 'sync'), 'OK');
    assert.equal(await r.call('FLUSHALL', 'SYNC'), 'OK');
  });

  it('rejects bad options', async () => {
    assert.equal(await err(r.call('FLUSHDB', 'x')), 'ERR syntax error');
    assert.equal(await err(r.call('FLUSHDB', 'ASYNC', 'x')), 'ERR syntax error');
    assert.equal(await err(r.call('FLUSHALL', 'x')), 'ERR syntax error');
    assert.equal(await err(r.call('DBSIZE', 'x')), "ERR wrong number of arguments for 'dbsize' command");
  });
});

describe('SWAPDB', () => {
  it('swaps contents; clients keep their index', async () => {
    await r.flushall();
    await r.set('in0', 'a');
    await r.select(1);
    await r.set('in1', 'b');
    await r.select(0);
    const d0 = await dirty();
    assert.equal(await r.swapdb(0, 1), 'OK');
    assert.equal(await dirty(), d0 + 1);
    assert.equal(await r.get('in1'), 'b');
    assert.equal(await r.get('in0'), null);
    assert.equal(await r.swapdb(0, 0), 'OK');
    assert.equal(await r.get('in1'), 'b');
  });

  it('errors as Redis 7.0', async () => {
    assert.equal(await err(r.call('SWAPDB', 'a', '1')), 'ERR invalid first DB index');
    assert.equal(await err(r.call('SWAPDB', '0', 'b')), 'ERR invalid second DB index');
    assert.equal(await err(r.call('SWAPDB', '0', '99')), 'ERR DB index is out of range');
    assert.equal(await err(r.call('SWAPDB', '-1', '0')), 'ERR DB index is out of range');
    assert.equal(await err(r.call('SWAPDB', '01', '0')), 'ERR invalid first DB index');
  });
});

describe('TIME and LASTSAVE', () => {
  it('TIME is [seconds, microseconds] near the clock', async () => {
    const [s, us] = (await r.time()) as unknown as [string, string];
    assert.match(s, /^\d+$/);
    assert.match(us, /^\d+$/);
    assert.ok(Number(us) < 1e6);
    assert.ok(Math.abs(Number(s) - Date.now() / 1000) < 60);
  });

  it('LASTSAVE is the start time (no save has happened)', async () => {
    const t = await r.lastsave();
    assert.ok(Math.abs(t - Date.now() / 1000) < 600);
    const text = (await r.info('persistence')) as string;
    assert.match(text, new RegExp(`rdb_last_save_time:${t}\\r\\n`));
  });
});

describe('SLOWLOG', () => {
  it('records commands with Redis 7.0 entry shape', async () => {
    await r.slowlog('RESET');
    await r.client('SETNAME', 'slowpoke');
    await r.set('slow-key', 'v');
    const entries = (await r.slowlog('GET', -1)) as unknown[][];
    assert.ok(entries.length >= 2);
    const setEntry = entries.find((e) => (e[3] as string[])[0] === 'set')!;
    assert.ok(setEntry, 'SET is in the slowlog');
    assert.equal(setEntry.length, 6);
    assert.equal(typeof setEntry[0], 'number');
    assert.ok(Math.abs((setEntry[1] as number) - Date.now() / 1000) < 60);
    assert.equal(typeof setEntry[2], 'number');
    assert.deepEqual(setEntry[3], ['set', 'slow-key', 'v']);
    assert.match(setEntry[4] as string, /^127\.0\.0\.1:\d+$/);
    assert.equal(setEntry[5], 'slowpoke');
    // Newest first.
    assert.ok((entries[0][0] as number) > (entries[entries.length - 1][0] as number));
    const one = (await r.slowlog('GET', 1)) as unknown[][];
    assert.equal(one.length, 1);
    assert.ok((await r.slowlog('LEN')) as number >= 2);
    assert.equal(await r.slowlog('RESET'), 'OK');
    // The RESET itself may already be logged: at most one entry.
    assert.ok(((await r.slowlog('LEN')) as number) <= 2);
  });

  it('errors and help', async () => {
    assert.equal(await err(r.slowlog('GET', -2)), 'ERR count should be greater than or equal to -1');
    assert.equal(await err(r.slowlog('GET', 'a')), 'ERR count should be greater than or equal to -1');
    assert.equal(await err(r.call('SLOWLOG', 'GET', '1', '2')), "ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.");
    assert.equal(await err(r.call('SLOWLOG', 'x')), "ERR unknown subcommand 'x'. Try SLOWLOG HELP.");
    assert.equal(await err(r.call('SLOWLOG')), "ERR wrong number of arguments for 'slowlog' command");
    assert.equal(await err(r.call('SLOWLOG', 'LEN', 'x')), "ERR wrong number of arguments for 'slowlog|len' command");
    const help = (await r.slowlog('HELP')) as string[];
    assert.equal(help[0], 'SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    assert.equal(help.length, 12);
  });
});

describe('MONITOR', () => {
  it('feeds commands in Redis format', async () => {
    const m = client(srv.port);
    await m.connect();
    const lines: string[] = [];
    const mon = await m.monitor();
    mon.on('monitor', (time: string, args: string[], source: string, db: string) => lines.push(`${time} [${db} ${source}] ${args.join(' ')}`));
    // ioredis parses the line; check the raw format with a raw socket too.
    await r.select(0);
    await r.set('mon-key', 'a b"c');
    await waitFor(() => lines.some((l) => l.includes('mon-key')), 5000, 'monitor line');
    assert.match(lines.find((l) => l.includes('mon-key'))!, /^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] set mon-key a b"c$/);
    mon.disconnect();
    m.disconnect();
  });

  it('raw line quotes and escapes arguments', async () => {
    const net = await import('node:net');
    const sock = net.connect(srv.port, '127.0.0.1');
    let buf = '';
    sock.on('data', (d) => (buf += d.toString('latin1')));
    sock.write('*1\r\n$7\r\nMONITOR\r\n');
    await waitFor(() => buf.startsWith('+OK\r\n'), 5000, 'MONITOR +OK');
    await r.select(2);
    await r.set('k\n', 'v\x01"');
    await waitFor(() => buf.includes('"set"') && buf.endsWith('\r\n'), 5000, 'monitor line');
    sock.destroy();
    await r.select(0);
    const line = buf.split('\r\n').find((l) => l.includes('"set"'))!;
    assert.match(line, /^\+\d+\.\d{6} \[2 127\.0\.0\.1:\d+\] "set" "k\\n" "v\\x01\\""$/);
  });
});

describe('COMMAND', () => {
  it('COUNT, LIST and filters', async () => {
    const count = (await r.call('COMMAND', 'COUNT')) as number;
    const all = (await r.call('COMMAND')) as unknown[][];
    assert.equal(all.length, count);
    const list = (await r.call('COMMAND', 'LIST')) as string[];
    assert.ok(list.includes('get') && list.includes('slowlog|get') && list.includes('command|info'));
    assert.deepEqual(((await r.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'slowlog*')) as string[]).sort(), ['slowlog', 'slowlog|get', 'slowlog|help', 'slowlog|len', 'slowlog|reset']);
    const keyspace = (await r.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'keyspace')) as string[];
    assert.ok(keyspace.includes('dbsize') && keyspace.includes('flushall') && !keyspace.includes('get'));
    assert.deepEqual(await r.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch'), []);
    assert.deepEqual(await r.call('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x'), []);
    assert.equal(await err(r.call('COMMAND', 'LIST', 'FILTERBY', 'x', 'y')), 'ERR syntax error');
    assert.equal(await err(r.call('COMMAND', 'LIST', 'FILTERBY', 'aclcat')), 'ERR syntax error');
  });

  it('INFO has the 7.0 shape', async () => {
    const [get, missing, slowGet] = (await r.call('COMMAND', 'INFO', 'get', 'nosuch', 'slowlog|get')) as unknown[][];
    assert.deepEqual(get.slice(0, 8), ['get', 2, ['readonly', 'fast'], 1, 1, 1, ['@read', '@string', '@fast'], []]);
    assert.deepEqual(get[8], [['flags', ['RO', 'access'], 'begin_search', ['type', 'index', 'spec', ['index', 1]], 'find_keys', ['type', 'range', 'spec', ['lastkey', 0, 'keystep', 1, 'limit', 0]]]]);
    assert.deepEqual(get[9], []);
    assert.equal(missing, null);
    assert.deepEqual(slowGet.slice(0, 8), ['slowlog|get', -2, ['admin', 'loading', 'stale'], 0, 0, 0, ['@admin', '@slow', '@dangerous'], ['request_policy:all_nodes', 'nondeterministic_output']]);
    const [slowlog] = (await r.call('COMMAND', 'INFO', 'slowlog')) as unknown[][];
    assert.equal((slowlog[9] as unknown[]).length, 4, 'subcommands');
    const [flushdb] = (await r.call('COMMAND', 'INFO', 'flushdb')) as unknown[][];
    assert.deepEqual(flushdb.slice(0, 8), ['flushdb', -1, ['write'], 0, 0, 0, ['@keyspace', '@write', '@slow', '@dangerous'], ['request_policy:all_shards', 'response_policy:all_succeeded']]);
  });

  it('DOCS', async () => {
    const docs = (await r.call('COMMAND', 'DOCS', 'time', 'nosuch', 'slowlog')) as unknown[];
    assert.equal(docs.length, 4);
    assert.equal(docs[0], 'time');
    assert.deepEqual(docs[1], ['summary', 'Return the current server time', 'since', '2.6.0', 'group', 'server', 'complexity', 'O(1)']);
    assert.equal(docs[2], 'slowlog');
    const sl = docs[3] as unknown[];
    assert.equal(sl[sl.length - 2], 'subcommands');
    assert.ok((sl[sl.length - 1] as unknown[]).includes('slowlog|len'));
  });

  it('GETKEYS and GETKEYSANDFLAGS', async () => {
    assert.deepEqual(await r.call('COMMAND', 'GETKEYS', 'get', 'a'), ['a']);
    assert.deepEqual(await r.call('COMMAND', 'GETKEYS', 'mset', 'a', 'b', 'c', 'd'), ['a', 'c']);
    assert.deepEqual(await r.call('COMMAND', 'GETKEYSANDFLAGS', 'get', 'a'), [['a', ['RO', 'access']]]);
    assert.equal(await err(r.call('COMMAND', 'GETKEYS', 'nosuch', 'x')), 'ERR Invalid command specified');
    assert.equal(await err(r.call('COMMAND', 'GETKEYS', 'ping', 'x')), 'ERR The command has no key arguments');
    assert.equal(await err(r.call('COMMAND', 'GETKEYS', 'get', 'a', 'b')), 'ERR Invalid number of arguments specified for command');
    assert.equal(await err(r.call('COMMAND', 'GETKEYS', 'get')), "ERR wrong number of arguments for 'command|getkeys' command");
  });

  it('HELP and unknown subcommands', async () => {
    const help = (await r.call('COMMAND', 'HELP')) as string[];
    assert.equal(help[0], 'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    assert.equal(help.length, 21);
    assert.equal(await err(r.call('COMMAND', 'FOO')), "ERR unknown subcommand 'FOO'. Try COMMAND HELP.");
  });
});

describe('SHUTDOWN', () => {
  it('argument errors, ABORT and SAVE without persistence', async () => {
    assert.equal(await err(r.call('SHUTDOWN', 'x')), 'ERR syntax error');
    assert.equal(await err(r.call('SHUTDOWN', 'NOSAVE', 'SAVE')), 'ERR syntax error');
    assert.equal(await err(r.call('SHUTDOWN', 'ABORT', 'NOW')), 'ERR syntax error');
    assert.equal(await err(r.call('SHUTDOWN', 'ABORT')), 'ERR No shutdown in progress.');
    // A save that cannot happen (its dir is gone) makes the server refuse to exit, as Redis does.
    const gone = mkdtempSync(path.join(os.tmpdir(), 'petrel-gone-'));
    const s = await startPetrel({ args: ['--dir', gone] });
    const c = client(s.port);
    try {
      await c.connect();
      rmSync(gone, { recursive: true, force: true });
      assert.equal(await err(c.call('SHUTDOWN', 'SAVE')), 'ERR Errors trying to SHUTDOWN. Check logs.');
      assert.equal(await c.ping(), 'PONG', 'still running');
    } finally {
      c.disconnect();
      await s.stop();
    }
  });

  for (const args of [[], ['NOSAVE'], ['NOW', 'NOSAVE', 'FORCE']]) {
    it(`SHUTDOWN ${args.join(' ')} exits with code 0`, async () => {
      const s = await startPetrel();
      const c = client(s.port);
      await c.connect();
      const other = client(s.port);
      await other.connect();
      const closed = new Promise<void>((resolve) => other.once('end', () => resolve()));
      await c.call('SHUTDOWN', ...args).catch(() => undefined);
      assert.equal(await s.exited(10000), 0);
      assert.match(s.output(), /User requested shutdown\.\.\./);
      assert.match(s.output(), /Petrel is now ready to exit, bye bye\.\.\./);
      await closed;
      c.disconnect();
      other.disconnect();
    });
  }
});
