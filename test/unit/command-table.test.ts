/**
 * Meta-test of the command table (Garnet's habit): every spec, subcommands included, is checked
 * against @ioredis/commands (Redis's own command metadata): same arity, same legacy key range
 * (first, last, step), and the write/readonly flags agree. It runs over whatever families exist,
 * so each new family is checked the day it lands. Also checks the ACL categories and flags that
 * COMMAND INFO derives for this family's commands.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CommandTable, type TableEntry } from '../../src/commands/table.js';
import type { CommandSpec } from '../../src/commands/types.js';
import { aclCategories, commandFlags, keySpecFlags } from '../../src/commands/server.js';

interface OracleCommand {
  arity: number;
  flags: string[];
  keyStart: number;
  keyStop: number;
  step: number;
  subcommands?: Record<string, OracleCommand>;
}

const require = createRequire(import.meta.url);
const oracle = require('@ioredis/commands/built/commands.json') as Record<string, OracleCommand>;

/**
 * @ioredis/commands follows a newer Redis than 7.0.15, our specification. Where 7.0.15 differs
 * (checked with `COMMAND INFO` on redis-server 7.0.15) the 7.0 value wins and is listed here.
 */
const REDIS_70_ARITY: Record<string, number> = {
  // 7.2 relaxed these to -3 (a command without arguments); 7.0 requires at least one argument.
  'command|getkeys': -4,
  'command|getkeysandflags': -4,
  // WITHSCORE arrived in 7.2; 7.0's ZRANK/ZREVRANK take exactly key and member.
  zrank: 3,
  zrevrank: 3,
};

const table = new CommandTable();

function oracleFor(e: TableEntry): OracleCommand | undefined {
  if (!e.parent) return oracle[e.spec.name];
  return oracle[e.parent.spec.name]?.subcommands?.[e.spec.name];
}

describe('command table against @ioredis/commands', () => {
  const entries = [...table.all()];

  it('has commands to check', () => {
    assert.ok(entries.length > 0);
  });

  for (const e of entries) {
    it(e.fullName, () => {
      const o = oracleFor(e);
      assert.ok(o, `${e.fullName} is not a Redis command`);
      const s = e.spec;
      assert.equal(s.arity, REDIS_70_ARITY[e.fullName] ?? o.arity, 'arity');
      assert.deepEqual([s.firstKey, s.lastKey, s.step], [o.keyStart, o.keyStop, o.step], 'first/last/step');
      assert.equal(s.flags.includes('write'), o.flags.includes('write'), 'write flag');
      assert.equal(s.flags.includes('readonly'), o.flags.includes('readonly'), 'readonly flag');
      assert.equal(!!s.subcommands, !!o.subcommands, 'container or not');
      assert.equal(s.name, s.name.toLowerCase(), 'lower-case name');
      // A container without its own handler must demand a subcommand (arity -2).
      if (!s.handler) assert.ok(s.subcommands && s.arity <= -2, 'handler, or a container that needs a subcommand');
    });
  }
});

describe('COMMAND INFO derivations (checked against redis-server 7.0.15)', () => {
  const spec = (name: string): CommandSpec => {
    const [a, b] = name.split('|');
    const e = b ? table.get(a)?.subcommands?.get(b) : table.get(a);
    assert.ok(e, name);
    return e.spec;
  };

  it('ACL categories follow flags, group and extras in Redis order', () => {
    assert.deepEqual(aclCategories(spec('dbsize')), ['keyspace', 'read', 'fast']);
    assert.deepEqual(aclCategories(spec('flushdb')), ['keyspace', 'write', 'slow', 'dangerous']);
    assert.deepEqual(aclCategories(spec('swapdb')), ['keyspace', 'write', 'fast', 'dangerous']);
    assert.deepEqual(aclCategories(spec('time')), ['fast']);
    assert.deepEqual(aclCategories(spec('lastsave')), ['admin', 'fast', 'dangerous']);
    assert.deepEqual(aclCategories(spec('shutdown')), ['admin', 'slow', 'dangerous']);
    assert.deepEqual(aclCategories(spec('slowlog')), ['slow']);
    assert.deepEqual(aclCategories(spec('slowlog|get')), ['admin', 'slow', 'dangerous']);
    assert.deepEqual(aclCategories(spec('command')), ['slow', 'connection']);
    assert.deepEqual(aclCategories(spec('command|info')), ['slow', 'connection']);
    assert.deepEqual(aclCategories(spec('info')), ['slow', 'dangerous']);
    assert.deepEqual(aclCategories(spec('get')), ['read', 'string', 'fast']);
    assert.deepEqual(aclCategories(spec('set')), ['write', 'string', 'slow']);
  });

  it('flags are printed in Redis order', () => {
    assert.deepEqual(commandFlags(spec('shutdown')), ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy']);
    assert.deepEqual(commandFlags(spec('time')), ['loading', 'stale', 'fast']);
  });

  it('key-spec flags are derived from readonly/write when a spec gives none', () => {
    assert.deepEqual(keySpecFlags(spec('get')), ['RO', 'access']);
    assert.deepEqual(keySpecFlags({ ...spec('set'), keyFlags: ['update', 'RW', 'access'] }), ['RW', 'access', 'update']);
  });

  it('key indexes come from the legacy range', () => {
    assert.deepEqual(CommandTable.keyIndexes(spec('get'), ['get', 'a']), [1]);
    assert.deepEqual(CommandTable.keyIndexes(spec('dbsize'), ['dbsize']), []);
  });
});
