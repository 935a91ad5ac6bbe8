/**
 * CLIENT, AUTH and RESET against a real Petrel process, driven by ioredis and by the raw RESP
 * client (which keeps reply types apart and can pipeline without waiting for replies).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RespClient, type Reply } from '../helpers/resp-client.js';
import { startPetrel, waitFor, type RunningServer } from '../helpers/server.js';

function ioredis(port: number, extra: Record<string, unknown> = {}): Redis {
  return new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    enableReadyCheck: false,
    disableClientInfo: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    ...extra,
  });
}

function str(r: Reply): string {
  if (r.t === 'simple' || r.t === 'bulk' || r.t === 'verbatim' || r.t === 'error' || r.t === 'int') return r.v;
  throw new Error(`unexpected reply ${JSON.stringify(r)}`);
}

/** Parses one CLIENT LIST line into its fields, keeping their order. */
function fields(line: string): Array<[string, string]> {
  return line.split(' ').map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  });
}

const FIELD_ORDER = [
  'id', 'addr', 'laddr', 'fd', 'name', 'age', 'idle', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf',
  'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem', 'events', 'cmd',
  'user', 'redir', 'resp',
];

describe('CLIENT', () => {
  let srv: RunningServer;
  const open: Array<{ close(): void } | Redis> = [];
  const raw = async () => {
    const c = await RespClient.connect(srv.port);
    open.push(c);
    return c;
  };

  before(async () => {
    srv = await startPetrel();
  });
  after(async () => {
    for (const c of open) (c instanceof Redis ? c.disconnect() : c.close());
    await srv.stop();
  });

  it('ID, SETNAME, GETNAME', async () => {
    const r = ioredis(srv.port);
    open.push(r);
    await r.connect();
    const id = (await r.client('ID')) as number;
    assert.ok(Number.isInteger(id) && id > 0);
    assert.equal(await r.client('GETNAME'), null);
    assert.equal(await r.client('SETNAME', 'worker-1'), 'OK');
    assert.equal(await r.client('GETNAME'), 'worker-1');
    await assert.rejects(r.client('SETNAME', 'has space'), /ERR Client names cannot contain spaces, newlines or special characters\./);
    await assert.rejects(r.client('SETNAME', 'nl\n'), /Client names cannot contain/);
    assert.equal(await r.client('GETNAME'), 'worker-1');
    assert.equal(await r.client('SETNAME', ''), 'OK');
    assert.equal(await r.client('GETNAME'), null);
    const other = await raw();
    const otherId = Number(str(await other.call('CLIENT', 'ID')));
    assert.ok(otherId > id, 'ids increase with each connection');
  });

  it('LIST and INFO lines have Redis 7.0 fields in order with honest values', async () => {
    const a = await raw();
    await a.call('CLIENT', 'SETNAME', 'lister');
    await a.call('SELECT', '5');
    const id = str(await a.call('CLIENT', 'ID'));
    const info = await a.call('CLIENT', 'INFO');
    assert.equal(info.t, 'bulk');
    const line = str(info);
    assert.ok(line.endsWith('\n'));
    const f = fields(line.trimEnd());
    assert.deepEqual(f.map(([k]) => k), FIELD_ORDER);
    const m = new Map(f);
    assert.equal(m.get('id'), id);
    assert.equal(m.get('name'), 'lister');
    assert.equal(m.get('db'), '5');
    assert.equal(m.get('flags'), 'N');
    assert.equal(m.get('cmd'), 'client|info');
    assert.equal(m.get('user'), 'default');
    assert.equal(m.get('resp'), '2');
    assert.equal(m.get('multi'), '-1');
    assert.equal(m.get('redir'), '-1');
    assert.equal(m.get('argv-mem'), '10');
    assert.equal(m.get('laddr'), `127.0.0.1:${srv.port}`);
    assert.match(m.get('addr')!, /^127\.0\.0\.1:\d+$/);
    assert.match(m.get('age')!, /^\d+$/);
    assert.match(m.get('idle')!, /^\d+$/);

    const b = await raw();
    await b.call('PING');
    const list = str(await a.call('CLIENT', 'LIST'));
    const lines = list.trimEnd().split('\n');
    const bId = str(await b.call('CLIENT', 'ID'));
    const byId = new Map(lines.map((l) => [new Map(fields(l)).get('id'), new Map(fields(l))]));
    assert.equal(byId.get(id)!.get('cmd'), 'client|list', 'the caller shows its current command');
    assert.equal(byId.get(bId)!.get('cmd'), 'ping', 'others show their last command');
    assert.equal(byId.get(bId)!.get('argv-mem'), '0');
    const ids = lines.map((l) => Number(new Map(fields(l)).get('id')));
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'listed in connection order');

    const only = str(await a.call('CLIENT', 'LIST', 'ID', bId, '999999', id));
    assert.deepEqual(only.trimEnd().split('\n').map((l) => new Map(fields(l)).get('id')), [bId, id]);
    assert.equal(str(await a.call('CLIENT', 'LIST', 'ID', '999999')), '');
    assert.equal(str(await a.call('CLIENT', 'LIST', 'TYPE', 'pubsub')), '');
    assert.equal(str(await a.call('CLIENT', 'LIST', 'TYPE', 'master')), '');
    assert.equal(str(await a.call('CLIENT', 'LIST', 'TYPE', 'NORMAL')).trimEnd().split('\n').length, lines.length);
    assert.equal(str(await a.call('CLIENT', 'LIST', 'TYPE', 'bogus')), "ERR Unknown client type 'bogus'");
    assert.equal(str(await a.call('CLIENT', 'LIST', 'ID', 'x')), 'ERR Invalid client ID');
    assert.equal(str(await a.call('CLIENT', 'LIST', 'TYPE')), 'ERR syntax error');
    assert.equal(str(await a.call('CLIENT', 'LIST', 'foo')), 'ERR syntax error');

    await a.call('HELLO', '3');
    const v = await a.call('CLIENT', 'INFO');
    assert.equal(v.t, 'verbatim');
    assert.match(str(v), /resp=3\n$/);
  });

  it('KILL: old form, new form filters, SKIPME, errors', async () => {
    const killer = await raw();
    const victim = await raw();
    const victimId = str(await victim.call('CLIENT', 'ID'));
    const victimAddr = new Map(fields(str(await victim.call('CLIENT', 'INFO')).trimEnd())).get('addr')!;

    assert.equal(str(await killer.call('CLIENT', 'KILL', '1.2.3.4:5')), 'ERR No such client');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'ID')), 'ERR No such client');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'ID', 'abc')), 'ERR client-id should be greater than 0');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'ID', '0')), 'ERR client-id should be greater than 0');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'TYPE', 'x')), "ERR Unknown client type 'x'");
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'USER', 'nobody')), "ERR No such user 'nobody'");
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'SKIPME', 'maybe')), 'ERR syntax error');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'foo', 'bar')), 'ERR syntax error');
    assert.equal(str(await killer.call('CLIENT', 'KILL', 'ID', victimId, 'TYPE')), 'ERR syntax error');
    assert.deepEqual(await killer.call('CLIENT', 'KILL', 'ID', '999999'), { t: 'int', v: '0' });
    assert.deepEqual(await killer.call('CLIENT', 'KILL', 'TYPE', 'master'), { t: 'int', v: '0' });

    assert.deepEqual(await killer.call('CLIENT', 'KILL', 'ADDR', victimAddr, 'USER', 'default'), { t: 'int', v: '1' });
    assert.equal(await victim.waitClosed(5000), true);

    const v2 = await raw();
    const v2Addr = new Map(fields(str(await v2.call('CLIENT', 'INFO')).trimEnd())).get('addr')!;
    assert.deepEqual(await killer.call('CLIENT', 'KILL', v2Addr), { t: 'simple', v: 'OK' });
    assert.equal(await v2.waitClosed(5000), true);

    // SKIPME yes (default) spares the caller; the old form and SKIPME no may kill it, after the reply.
    const selfId = str(await killer.call('CLIENT', 'ID'));
    assert.deepEqual(await killer.call('CLIENT', 'KILL', 'ID', selfId), { t: 'int', v: '0' });
    assert.deepEqual(await killer.call('CLIENT', 'KILL', 'ID', selfId, 'SKIPME', 'no'), { t: 'int', v: '1' });
    assert.equal(await killer.waitClosed(5000), true);
  });

  it('PAUSE WRITE holds writes, lets reads through; UNPAUSE releases', async () => {
    const admin = await raw();
    const writer = await raw();
    assert.equal(str(await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE')), 'OK');
    const held = writer.call('SET', 'paused-key', 'v');
    // A read from another client runs, and the held SET has not happened.
    assert.deepEqual(await admin.call('GET', 'paused-key'), { t: 'nullbulk' });
    const flags = new Map(fields(str(await admin.call('CLIENT', 'LIST', 'ID', str(await admin.call('CLIENT', 'ID')))).trimEnd()));
    assert.equal(flags.get('flags'), 'N');
    assert.equal(str(await admin.call('CLIENT', 'UNPAUSE')), 'OK');
    assert.deepEqual(await held, { t: 'simple', v: 'OK' });
    assert.deepEqual(await admin.call('GET', 'paused-key'), { t: 'bulk', v: 'v' });

    assert.equal(str(await admin.call('CLIENT', 'PAUSE', 'abc')), 'ERR timeout is not an integer or out of range');
    assert.equal(str(await admin.call('CLIENT', 'PAUSE', '-1')), 'ERR timeout is negative');
    assert.equal(str(await admin.call('CLIENT', 'PAUSE', '10', 'foo')), 'ERR CLIENT PAUSE mode must be WRITE or ALL');
    assert.equal(str(await admin.call('CLIENT', 'PAUSE', '10', 'write', 'x')), "ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.");
  });

  it('a client held by a pause shows the b flag; a pause ends by itself', async () => {
    const admin = await raw();
    const writer = await raw();
    const wid = str(await writer.call('CLIENT', 'ID'));
    await admin.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    const held = writer.call('SET', 'held-k', '1');
    let flags = '';
    await waitFor(async () => {
      flags = new Map(fields(str(await admin.call('CLIENT', 'LIST', 'ID', wid)).trimEnd())).get('flags')!;
      return flags === 'b';
    }, 5000, 'writer to be held');
    assert.equal(flags, 'b');
    await admin.call('CLIENT', 'UNPAUSE');
    assert.deepEqual(await held, { t: 'simple', v: 'OK' });

    // ALL holds every command, CLIENT UNPAUSE included, until the timeout passes.
    await admin.call('CLIENT', 'PAUSE', '200', 'ALL');
    assert.deepEqual(await writer.call('PING'), { t: 'simple', v: 'PONG' });
  });

  it('REPLY OFF, SKIP and ON', async () => {
    const c = await raw();
    // SKIP drops its own reply and the next command's: the first reply is the PING's.
    const [r1] = await c.sendRaw('CLIENT REPLY SKIP\r\nSET skip-k 1\r\nPING\r\n', 1);
    assert.deepEqual(r1, { t: 'simple', v: 'PONG' });
    // OFF drops everything (errors too) until ON, whose +OK is sent.
    const [r2, r3] = await c.sendRaw('CLIENT REPLY OFF\r\nPING\r\nNOSUCH\r\nSET off-k 2\r\nCLIENT REPLY ON\r\nGET off-k\r\n', 2);
    assert.deepEqual(r2, { t: 'simple', v: 'OK' });
    assert.deepEqual(r3, { t: 'bulk', v: '2' });
    assert.equal(str(await c.call('CLIENT', 'REPLY', 'maybe')), 'ERR syntax error');
  });

  it('NO-EVICT, GETREDIR, TRACKING, CACHING, TRACKINGINFO, UNBLOCK, HELP, SETINFO', async () => {
    const c = await raw();
    assert.equal(str(await c.call('CLIENT', 'NO-EVICT', 'on')), 'OK');
    assert.match(str(await c.call('CLIENT', 'INFO')), / flags=e /);
    assert.equal(str(await c.call('CLIENT', 'NO-EVICT', 'off')), 'OK');
    assert.match(str(await c.call('CLIENT', 'INFO')), / flags=N /);
    assert.equal(str(await c.call('CLIENT', 'NO-EVICT', 'maybe')), 'ERR syntax error');
    assert.deepEqual(await c.call('CLIENT', 'GETREDIR'), { t: 'int', v: '-1' });
    assert.equal(str(await c.call('CLIENT', 'TRACKING', 'on')), 'ERR CLIENT TRACKING is not supported by Petrel yet');
    assert.equal(str(await c.call('CLIENT', 'TRACKING', 'off')), 'OK');
    assert.match(str(await c.call('CLIENT', 'CACHING', 'yes')), /^ERR CLIENT CACHING can be called only/);
    assert.deepEqual(await c.call('CLIENT', 'TRACKINGINFO'), {
      t: 'array',
      v: [{ t: 'bulk', v: 'flags' }, { t: 'array', v: [{ t: 'bulk', v: 'off' }] }, { t: 'bulk', v: 'redirect' }, { t: 'int', v: '-1' }, { t: 'bulk', v: 'prefixes' }, { t: 'array', v: [] }],
    });
    assert.deepEqual(await c.call('CLIENT', 'UNBLOCK', '999'), { t: 'int', v: '0' });
    assert.equal(str(await c.call('CLIENT', 'UNBLOCK', 'abc')), 'ERR value is not an integer or out of range');
    assert.equal(str(await c.call('CLIENT', 'UNBLOCK', '1', 'foo')), 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    const help = await c.call('CLIENT', 'HELP');
    assert.equal(help.t, 'array');
    assert.match(str((help as { v: Reply[] }).v[0]), /^CLIENT <subcommand>/);
    assert.equal(str(await c.call('CLIENT', 'SETINFO', 'LIB-NAME', 'x')), "ERR unknown subcommand 'SETINFO'. Try CLIENT HELP.");
    assert.equal(str(await c.call('CLIENT')), "ERR wrong number of arguments for 'client' command");
    assert.equal(str(await c.call('CLIENT', 'ID', 'x')), "ERR wrong number of arguments for 'client|id' command");
  });

  it('RESET restores a fresh connection state', async () => {
    const c = await raw();
    await c.call('SELECT', '4');
    await c.call('CLIENT', 'SETNAME', 'before');
    await c.call('CLIENT', 'NO-EVICT', 'on');
    await c.call('HELLO', '3');
    assert.deepEqual(await c.call('RESET'), { t: 'simple', v: 'RESET' });
    const m = new Map(fields(str(await c.call('CLIENT', 'INFO')).trimEnd()));
    assert.equal(m.get('db'), '0');
    assert.equal(m.get('name'), '');
    assert.equal(m.get('resp'), '2');
    assert.equal(m.get('flags'), 'N');
    // RESET clears REPLY OFF before answering.
    const [r] = await c.sendRaw('CLIENT REPLY OFF\r\nRESET\r\nPING\r\n', 2).then((x) => [x[0]]);
    assert.deepEqual(r, { t: 'simple', v: 'RESET' });
    assert.equal(str(await c.call('RESET', 'x')), "ERR wrong number of arguments for 'reset' command");
  });

  it('AUTH without a configured password', async () => {
    const c = await raw();
    assert.equal(str(await c.call('AUTH', 'x')), 'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
    assert.deepEqual(await c.call('AUTH', 'default', 'anything'), { t: 'simple', v: 'OK' });
    assert.equal(str(await c.call('AUTH', 'bob', 'pw')), 'WRONGPASS invalid username-password pair or user is disabled.');
    assert.equal(str(await c.call('AUTH', 'a', 'b', 'c')), 'ERR syntax error');
    assert.equal(str(await c.call('AUTH')), "ERR wrong number of arguments for 'auth' command");
  });
});

describe('AUTH with requirepass', () => {
  let srv: RunningServer;
  before(async () => {
    srv = await startPetrel({ args: ['--requirepass', 's3cret'] });
  });
  after(async () => {
    await srv.stop();
  });

  it('NOAUTH, WRONGPASS, then AUTH; RESET signs out', async () => {
    const c = await RespClient.connect(srv.port);
    try {
      assert.equal(str(await c.call('GET', 'k')), 'NOAUTH Authentication required.');
      assert.equal(str(await c.call('AUTH', 'wrong')), 'WRONGPASS invalid username-password pair or user is disabled.');
      assert.equal(str(await c.call('AUTH', 'default', 'wrong')), 'WRONGPASS invalid username-password pair or user is disabled.');
      assert.deepEqual(await c.call('AUTH', 's3cret'), { t: 'simple', v: 'OK' });
      assert.deepEqual(await c.call('GET', 'k'), { t: 'nullbulk' });
      assert.deepEqual(await c.call('AUTH', 'default', 's3cret'), { t: 'simple', v: 'OK' });
      assert.deepEqual(await c.call('RESET'), { t: 'simple', v: 'RESET' });
      assert.equal(str(await c.call('GET', 'k')), 'NOAUTH Authentication required.');
    } finally {
      c.close();
    }
  });

  it('ioredis authenticates with the password option', async () => {
    const r = ioredis(srv.port, { password: 's3cret' });
    try {
      await r.connect();
      assert.equal(await r.ping(), 'PONG');
    } finally {
      r.disconnect();
    }
  });
});
