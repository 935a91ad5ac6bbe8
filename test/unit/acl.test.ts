/**
 * ACL rules, the permission check, descriptions, ACL file parsing and the protected-mode
 * decision, on the real command table without a server.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommandTable } from '../../src/commands/table.js';
import { Acl, Denied, isLoopback, protectedModeDenies, sha256hex, splitArgs } from '../../src/server/acl.js';

function makeAcl(pubsubAll = false): Acl {
  const table = new CommandTable();
  return new Acl({ table, pubsubDefaultAll: () => pubsubAll, logMaxLen: () => 128, clients: () => [] });
}

function check(acl: Acl, user: string, ...argv: string[]): Denied {
  const u = acl.users.get(user)!;
  let e = acl.host.table.get(argv[0])!;
  if (e.subcommands && argv.length > 1) e = e.subcommands.get(argv[1].toLowerCase())!;
  return acl.check(u, e, argv).denied;
}

describe('acl rules', () => {
  it('default user is on, nopass, everything', () => {
    const acl = makeAcl();
    assert.deepEqual(acl.listLines(), ['user default on nopass ~* &* +@all']);
    assert.equal(acl.authRequired(), false);
  });

  it('requirepass sets the default password', () => {
    const acl = makeAcl();
    acl.setRequirepass('secret');
    assert.equal(acl.authRequired(), true);
    assert.equal(acl.defaultUser.passwords[0], sha256hex('secret'));
    assert.equal(acl.checkPassword('default', 'secret')?.name, 'default');
    assert.equal(acl.checkPassword('default', 'nope'), null);
    acl.setRequirepass('');
    assert.equal(acl.authRequired(), false);
  });

  it('describes users as Redis 7.0 does', () => {
    const acl = makeAcl();
    assert.equal(acl.setUser('alice', ['on', '>pw', '~foo*', '%R~r*', '&ch*', '+get', '+set']), null);
    assert.equal(acl.listLines()[0], `user alice on #${sha256hex('pw')} ~foo* %R~r* resetchannels &ch* -@all +get +set`);
    const cases: Array<[string[], string]> = [
      [['+@all', '-@admin'], '+@all -@admin'],
      [['-@all', '+@admin', '+@dangerous'], '-@all +@dangerous'],
      [['+@all', '-@dangerous', '-@admin'], '+@all -@dangerous'],
      [['-@all', '+get', '+@string'], '-@all +@string'],
      [['+select|0', '+config|get'], '-@all +select|0 +config|get'],
    ];
    for (const [rules, want] of cases) {
      acl.setUser('t', ['reset', ...rules]);
      assert.equal(acl.describeCommands(acl.users.get('t')!.root), want, rules.join(' '));
    }
  });

  it('refuses bad rules with Redis texts, atomically', () => {
    const acl = makeAcl();
    assert.equal(acl.setUser('x', ['+nosuch']), "ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL");
    assert.equal(acl.setUser('x', ['bogus']), "ERR Error in ACL SETUSER modifier 'bogus': Syntax error");
    assert.equal(acl.setUser('x', ['#abc']), "ERR Error in ACL SETUSER modifier '#abc': The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
    assert.equal(acl.setUser('x', ['<nope']), "ERR Error in ACL SETUSER modifier '<nope': The password you are trying to remove from the user does not exist");
    assert.match(acl.setUser('x', ['allkeys', '~a'])!, /Adding a pattern after the \* pattern \(or the 'allkeys' flag\)/);
    assert.equal(acl.setUser('x', ['(~a', '+get']), "ERR Unmatched parenthesis in acl selector starting at '(~a'.");
    assert.equal(acl.users.has('x'), false, 'no user created by a failed SETUSER');
  });

  it('checks commands, keys and channels', () => {
    const acl = makeAcl();
    acl.setUser('u', ['on', 'nopass', '~k*', '%R~r*', '&news.*', '+get', '+set', '+publish', '+subscribe', '+psubscribe', '+@hash', '-hdel', '+config|get']);
    assert.equal(check(acl, 'u', 'get', 'k1'), Denied.None);
    assert.equal(check(acl, 'u', 'get', 'r1'), Denied.None);
    assert.equal(check(acl, 'u', 'set', 'r1', 'v'), Denied.Key);
    assert.equal(check(acl, 'u', 'get', 'z'), Denied.Key);
    assert.equal(check(acl, 'u', 'del', 'k1'), Denied.Cmd);
    assert.equal(check(acl, 'u', 'hdel', 'k1', 'f'), Denied.Cmd);
    assert.equal(check(acl, 'u', 'hget', 'k1', 'f'), Denied.None);
    assert.equal(check(acl, 'u', 'config', 'get', 'x'), Denied.None);
    assert.equal(check(acl, 'u', 'config', 'set', 'x', 'y'), Denied.Cmd);
    assert.equal(check(acl, 'u', 'publish', 'news.a', 'm'), Denied.None);
    assert.equal(check(acl, 'u', 'publish', 'other', 'm'), Denied.Channel);
    assert.equal(check(acl, 'u', 'subscribe', 'news.a', 'other'), Denied.Channel);
    // A subscribed pattern must be granted literally.
    assert.equal(check(acl, 'u', 'psubscribe', 'news.*'), Denied.None);
    assert.equal(check(acl, 'u', 'psubscribe', 'news.a*'), Denied.Channel);
    // AUTH and the other no_auth commands are always allowed.
    assert.equal(check(acl, 'u', 'auth', 'a', 'b'), Denied.None);
  });

  it('first arguments and selectors', () => {
    const acl = makeAcl();
    acl.setUser('s', ['on', 'nopass', '+select|0', '(~x* +get)', '(%W~w* +set)']);
    assert.equal(check(acl, 's', 'select', '0'), Denied.None);
    assert.equal(check(acl, 's', 'select', '1'), Denied.Cmd);
    assert.equal(check(acl, 's', 'get', 'x1'), Denied.None);
    assert.equal(check(acl, 's', 'get', 'w1'), Denied.Key);
    assert.equal(check(acl, 's', 'set', 'w1', 'v'), Denied.None);
    assert.equal(acl.listLines()[1], 'user s on nopass resetchannels -@all +select|0 (~x* resetchannels -@all +get) (%W~w* resetchannels -@all +set)');
  });

  it('disabled users and unknown users fail the same way', () => {
    const acl = makeAcl();
    acl.setUser('off', ['off', '>pw', '+@all']);
    assert.equal(acl.checkPassword('off', 'pw'), null);
    assert.equal(acl.checkPassword('ghost', 'pw'), null);
  });
});

describe('acl files', () => {
  it('splits lines as sdssplitargs', () => {
    assert.deepEqual(splitArgs('user a on ">p w" \'x\''), ['user', 'a', 'on', '>p w', 'x']);
    assert.deepEqual(splitArgs('"\\x41b"'), ['Ab']);
    assert.equal(splitArgs('user "a'), null);
  });

  it('reports errors and keeps the old users', () => {
    const acl = makeAcl();
    const bad = acl.buildUsers([{ where: 'f.acl:1', words: ['user', 'bob', 'on', '+nosuch'] }], true);
    assert.equal(bad, "f.acl:1: Error in applying operation '+nosuch': Unknown command or category name in ACL. WARNING: ACL errors detected, no change to the previously active ACL rules was performed");
    const dup = acl.buildUsers([{ where: 'f:1', words: ['user', 'bob', 'on'] }, { where: 'f:2', words: ['user', 'bob', 'off'] }], true);
    assert.equal(dup, "WARNING: Duplicate user 'bob' found on line 2. WARNING: ACL errors detected, no change to the previously active ACL rules was performed");
    const noUser = acl.buildUsers([{ where: 'f:1', words: ['bob', 'on'] }], true);
    assert.equal(noUser, 'f:1 should start with user keyword followed by the username. WARNING: ACL errors detected, no change to the previously active ACL rules was performed');
    const ok = acl.buildUsers([{ where: 'f:1', words: ['user', 'bob', 'on', '>x', '~a*', '+get'] }], true);
    assert.ok(ok instanceof Map);
    acl.install(ok);
    assert.deepEqual([...acl.users.keys()].sort(), ['bob', 'default']);
    assert.equal(acl.listLines()[1], 'user default on nopass ~* &* +@all');
  });
});

describe('protected mode', () => {
  it('denies non-loopback peers only when on and the default user has no password', () => {
    assert.equal(protectedModeDenies(true, true, '192.0.2.10'), true);
    assert.equal(protectedModeDenies(true, true, '::ffff:192.0.2.10'), true);
    assert.equal(protectedModeDenies(true, true, '2001:db8::1'), true);
    assert.equal(protectedModeDenies(true, true, '127.0.0.1'), false);
    assert.equal(protectedModeDenies(true, true, '127.3.4.5'), false);
    assert.equal(protectedModeDenies(true, true, '::1'), false);
    assert.equal(protectedModeDenies(true, true, '::ffff:127.0.0.1'), false);
    assert.equal(protectedModeDenies(true, false, '192.0.2.10'), false);
    assert.equal(protectedModeDenies(false, true, '192.0.2.10'), false);
    assert.equal(isLoopback(undefined), true);
  });
});
