/**
 * ACL against a real Petrel process, deployment-shaped: users from the config file (a
 * replication user, a read-only user, a default user with a password), ioredis connecting
 * with username/password, denials in ACL LOG and INFO, DELUSER closing connections, ACL
 * SAVE/LOAD with an aclfile, and the fatal start-up errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { RespClient, type Reply } from '../helpers/resp-client.js';
import { startPetrel, type RunningServer } from '../helpers/server.js';

function ioredis(port: number, extra: Record<string, unknown> = {}): Redis {
  return new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null, ...extra });
}

function text(r: Reply): string {
  if (r.t === 'simple' || r.t === 'bulk' || r.t === 'error') return r.v;
  if (r.t === 'int') return String(r.v);
  return JSON.stringify(r);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'petrel-acl-'));

describe('acl: users from the config file', () => {
  let srv: RunningServer;
  before(async () => {
    const conf = path.join(tmp, 'users.conf');
    writeFileSync(
      conf,
      ['requirepass defaultpw', 'user replicator on >replpw +ping +replconf +psync +sync', 'user reader on >readpw ~* +@read', 'user writer on >writepw ~app:* +@all -@dangerous'].join('\n') + '\n',
    );
    // Commands a rule names must exist; drop rules for replication commands not yet in the table.
    srv = await startPetrel({ configFile: conf }).catch(async () => {
      writeFileSync(conf, ['requirepass defaultpw', 'user replicator on >replpw +ping', 'user reader on >readpw ~* +@read', 'user writer on >writepw ~app:* +@all -@dangerous'].join('\n') + '\n');
      return startPetrel({ configFile: conf });
    });
  });
  after(async () => {
    await srv?.stop();
  });

  it('the default user needs its password', async () => {
    const c = await RespClient.connect(srv.port);
    assert.equal(text(await c.call('GET', 'x')), 'NOAUTH Authentication required.');
    assert.equal(text(await c.call('AUTH', 'wrong')), 'WRONGPASS invalid username-password pair or user is disabled.');
    assert.equal(text(await c.call('AUTH', 'defaultpw')), 'OK');
    assert.equal(text(await c.call('ACL', 'WHOAMI')), 'default');
    c.close();
  });

  it('ioredis connects with username and password', async () => {
    const w = ioredis(srv.port, { username: 'writer', password: 'writepw' });
    await w.connect();
    assert.equal(await w.set('app:1', 'v'), 'OK');
    await assert.rejects(w.set('other', 'v'), /NOPERM this user has no permissions to access one of the keys used as arguments/);
    await assert.rejects(w.flushall(), /NOPERM this user has no permissions to run the 'flushall' command/);
    const r = ioredis(srv.port, { username: 'reader', password: 'readpw' });
    await r.connect();
    assert.equal(await r.get('app:1'), 'v');
    await assert.rejects(r.set('app:1', 'x'), /NOPERM this user has no permissions to run the 'set' command/);
    const bad = ioredis(srv.port, { username: 'reader', password: 'nope' });
    // ioredis reports the WRONGPASS reply or the closed connection, depending on timing.
    await assert.rejects(bad.connect());
    bad.disconnect();
    w.disconnect();
    r.disconnect();
  });

  it('the replication user may only ping and sync', async () => {
    const c = await RespClient.connect(srv.port);
    assert.equal(text(await c.call('AUTH', 'replicator', 'replpw')), 'OK');
    assert.equal(text(await c.call('PING')), 'PONG');
    assert.equal(text(await c.call('GET', 'k')), "NOPERM this user has no permissions to run the 'get' command");
    c.close();
  });

  it('denials are logged and counted', async () => {
    const c = await RespClient.connect(srv.port);
    await c.call('AUTH', 'defaultpw');
    await c.call('ACL', 'LOG', 'RESET');
    const u = await RespClient.connect(srv.port);
    await u.call('AUTH', 'ghost', 'x');
    await u.call('AUTH', 'reader', 'readpw');
    await u.call('SET', 'a', 'b');
    const log = await c.call('ACL', 'LOG');
    assert.equal(log.t, 'array');
    const entries = (log as { v: Reply[] }).v.map((e) => {
      const kv = (e as { v: Reply[] }).v;
      const m = new Map<string, string>();
      for (let i = 0; i < kv.length; i += 2) m.set(text(kv[i]), kv[i + 1].t === 'bulk' || kv[i + 1].t === 'int' ? text(kv[i + 1]) : '?');
      return m;
    });
    assert.equal(entries.length, 2);
    assert.equal(entries[0].get('reason'), 'command');
    assert.equal(entries[0].get('object'), 'set');
    assert.equal(entries[0].get('username'), 'reader');
    assert.equal(entries[1].get('reason'), 'auth');
    assert.equal(entries[1].get('object'), 'AUTH');
    assert.equal(entries[1].get('username'), 'ghost');
    // Redis 7.0 has no acl_access_denied_* INFO fields (7.2 added them): INFO stays 7.0's.
    assert.doesNotMatch(text(await c.call('INFO', 'stats')), /acl_access_denied/);
    u.close();
    c.close();
  });

  it('DELUSER closes the connections of the user', async () => {
    const admin = await RespClient.connect(srv.port);
    await admin.call('AUTH', 'defaultpw');
    assert.equal(text(await admin.call('ACL', 'SETUSER', 'temp', 'on', '>t', '+@all', '~*')), 'OK');
    const t = await RespClient.connect(srv.port);
    assert.equal(text(await t.call('AUTH', 'temp', 't')), 'OK');
    assert.match(text(await admin.call('CLIENT', 'LIST')), /user=temp/);
    assert.equal(text(await admin.call('CLIENT', 'KILL', 'USER', 'nosuch')), "ERR No such user 'nosuch'");
    assert.equal(text(await admin.call('ACL', 'DELUSER', 'temp', 'nosuch')), '1');
    assert.equal(await t.waitClosed(5000), true);
    admin.close();
  });

  it('CONFIG SET requirepass changes the default password live', async () => {
    const c = await RespClient.connect(srv.port);
    await c.call('AUTH', 'defaultpw');
    assert.equal(text(await c.call('CONFIG', 'SET', 'requirepass', 'newpw')), 'OK');
    const d = await RespClient.connect(srv.port);
    assert.equal(text(await d.call('AUTH', 'defaultpw')), 'WRONGPASS invalid username-password pair or user is disabled.');
    assert.equal(text(await d.call('AUTH', 'newpw')), 'OK');
    await c.call('CONFIG', 'SET', 'requirepass', 'defaultpw');
    c.close();
    d.close();
  });
});

describe('acl: aclfile', () => {
  let srv: RunningServer;
  const file = path.join(tmp, 'users.acl');
  before(async () => {
    writeFileSync(file, 'user default on nopass ~* &* +@all\n\nuser bob on >x ~a* +get\n');
    srv = await startPetrel({ args: ['--aclfile', file] });
  });
  after(async () => {
    await srv?.stop();
  });

  it('loads at start-up, saves and reloads', async () => {
    const c = await RespClient.connect(srv.port);
    const list = (await c.call('ACL', 'LIST')) as { v: Reply[] };
    assert.deepEqual(list.v.map(text), [`user bob on #2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 ~a* resetchannels -@all +get`, 'user default on nopass ~* &* +@all']);
    assert.equal(text(await c.call('ACL', 'SETUSER', 'carol', 'on', '>p', '~x', '(+set ~z)')), 'OK');
    assert.equal(text(await c.call('ACL', 'SAVE')), 'OK');
    assert.match(readFileSync(file, 'latin1'), /^user carol on #[0-9a-f]{64} ~x resetchannels -@all \(~z resetchannels -@all \+set\)$/m);
    writeFileSync(file, 'user bob on >x +nosuch\n');
    assert.match(text(await c.call('ACL', 'LOAD')), /^ERR .*users\.acl:1: Error in applying operation '\+nosuch': Unknown command or category name in ACL\. WARNING: ACL errors detected, no change to the previously active ACL rules was performed$/);
    writeFileSync(file, 'user dave on nopass +@all ~*\n');
    assert.equal(text(await c.call('ACL', 'LOAD')), 'OK');
    assert.deepEqual(((await c.call('ACL', 'USERS')) as { v: Reply[] }).v.map(text), ['dave', 'default']);
    c.close();
  });

  it('without an aclfile SAVE and LOAD refuse', async () => {
    const other = await startPetrel();
    const c = await RespClient.connect(other.port);
    assert.match(text(await c.call('ACL', 'SAVE')), /^ERR This Redis instance is not configured to use an ACL file/);
    c.close();
    await other.stop();
  });

  it('user lines and an aclfile together are fatal', async () => {
    await assert.rejects(startPetrel({ args: ['--aclfile', file, '--user', 'x on'], timeoutMs: 8000 }));
  });
});
