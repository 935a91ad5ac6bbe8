import assert from 'node:assert/strict';
import { differential } from '../helpers/differential.js';
import type { Reply } from '../helpers/resp-client.js';

differential('connection', (d) => {
  d.case('ping and echo', [['PING'], ['PING', 'hello'], ['PING', 'a', 'b'], ['ECHO', 'x\r\ny\x00\xff'], ['ECHO'], ['ping']]);
  d.case('select', [['SELECT', '1'], ['SELECT', '15'], ['SELECT', '16'], ['SELECT', '-1'], ['SELECT', 'x'], ['SELECT', '01'], ['SELECT', ' 1']]);
  d.case('unknown commands', [['NOSUCH'], ['NOSUCH', 'a', 'b'], ['nosuch', 'x'.repeat(200)], ['NOSUCH', ...Array.from({ length: 30 }, (_, i) => `arg${i}`)]]);
  d.case('hello errors', [['HELLO', '4'], ['HELLO', 'x'], ['HELLO', '3', 'BOGUS'], ['HELLO', '2', 'SETNAME', 'a b']]);
  d.case('resp3 ping', [['PING'], ['ECHO', 'e'], ['GET', 'missing']], { resp3: true });
});

/** Compares CLIENT INFO/LIST lines by their field names and the fields that do not vary. */
function sameClientLine(petrel: Reply, redis: Reply): void {
  assert.equal(petrel.t, redis.t, 'reply type');
  const parse = (r: Reply) => {
    const text = (r as { v: string }).v;
    assert.ok(text.endsWith('\n'), 'line ends with a newline');
    return new Map(text.trimEnd().split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
  };
  const p = parse(petrel);
  const r = parse(redis);
  assert.deepEqual([...p.keys()], [...r.keys()], 'field names and order');
  for (const k of ['name', 'db', 'flags', 'sub', 'psub', 'ssub', 'multi', 'multi-mem', 'cmd', 'user', 'redir', 'resp']) {
    assert.equal(p.get(k), r.get(k), `field ${k}`);
  }
}

/** DEBUG OBJECT: all but the address and the LRU clock must agree. */
function sameObjectLine(petrel: Reply, redis: Reply): void {
  const strip = (r: Reply) => (r as { v: string }).v.replace(/^Value at:0x[0-9a-f]+ /, '').replace(/ lru:\d+ lru_seconds_idle:\d+$/, '');
  assert.equal(petrel.t, redis.t);
  assert.equal(strip(petrel), strip(redis));
}

differential('connection: client, auth, reset, debug', (d) => {
  // First case that writes: both servers start empty.
  d.case('debug digest', [
    ['DEBUG', 'DIGEST'],
    ['SET', 'foo', 'bar'],
    ['SET', 'bin\x00\xff', '\x00\r\n'],
    ['SELECT', '3'],
    ['SET', 'foo', '12345'],
    ['DEBUG', 'DIGEST'],
    ['DEBUG', 'DIGEST-VALUE', 'foo', 'nokey'],
    ['DEBUG', 'DIGEST-VALUE'],
    ['DEBUG', 'POPULATE', '50', 'pop', '16'],
    ['DEBUG', 'POPULATE', '5'],
    ['DEBUG', 'DIGEST'],
    ['GET', 'pop:3'],
    ['GET', 'key:4'],
  ]);
  d.case('debug object', [
    ['SET', 'o1', 'bar'],
    ['SET', 'o2', '-5'],
    ['SET', 'o3', '0123'],
    ['SET', 'o4', '12345678901'],
    ['SET', 'o5', '99999999999999999999'],
    ['SET', 'o6', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS'],
    ['SET', 'o7', '65535'],
    ...['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7'].map((k) => ({ args: ['DEBUG', 'OBJECT', k], compare: sameObjectLine })),
    ['DEBUG', 'OBJECT', 'nokey'],
  ]);
  d.case('debug errors and simple actions', [
    ['DEBUG'],
    ['DEBUG', 'nosuch'],
    ['DEBUG', 'sleep'],
    ['DEBUG', 'SLEEP', '0'],
    ['DEBUG', 'SLEEP', 'abc'],
    ['DEBUG', 'digest', 'x'],
    ['DEBUG', 'POPULATE', '-1'],
    ['DEBUG', 'POPULATE', 'abc'],
    ['DEBUG', 'POPULATE', '1', 'p', '-1'],
    ['DEBUG', 'POPULATE', '1', 'p', '1', '1'],
    ['DEBUG', 'RELOAD', 'x'],
    ['DEBUG', 'SET-ACTIVE-EXPIRE'],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ['DEBUG', 'ERROR', 'FOO bar'],
    ['DEBUG', 'ERROR'],
    ['DEBUG', 'LOG', 'x'],
    ['DEBUG', 'PROTOCOL', 'x'],
    ['DEBUG', 'JMAP'],
  ]);
  const protocolSteps = ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push', 'verbatim', 'true', 'false'].map((t) => ['DEBUG', 'PROTOCOL', t]);
  d.case('debug protocol resp2', protocolSteps);
  // RESP3 'attrib' and 'push' send two replies for one command: the harness reads one each.
  d.case('debug protocol resp3', protocolSteps.filter((s) => s[2] !== 'attrib' && s[2] !== 'push'), { resp3: true });
  d.case('auth', [['AUTH'], ['AUTH', 'x'], ['AUTH', 'a', 'b'], ['AUTH', 'a', 'b', 'c'], ['AUTH', 'default', 'anything']]);
  d.case('reset', [['SELECT', '3'], ['CLIENT', 'SETNAME', 'n'], ['RESET'], ['CLIENT', 'GETNAME'], ['RESET', 'x'], { args: ['CLIENT', 'INFO'], compare: sameClientLine }]);
  d.case('client name', [
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME', 'a b'],
    ['CLIENT', 'SETNAME', 'x\x7f'],
    ['CLIENT', 'SETNAME', 'conn-1'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME', ''],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME'],
  ]);
  d.case('client info and list', [
    ['SELECT', '2'],
    ['CLIENT', 'SETNAME', 'me'],
    { args: ['CLIENT', 'INFO'], compare: sameClientLine },
    ['CLIENT', 'NO-EVICT', 'on'],
    { args: ['CLIENT', 'INFO'], compare: sameClientLine },
    ['CLIENT', 'NO-EVICT', 'off'],
    ['CLIENT', 'LIST', 'ID', '999999'],
    ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
    ['CLIENT', 'LIST', 'TYPE', 'master'],
    ['CLIENT', 'LIST', 'TYPE', 'replica'],
    ['CLIENT', 'LIST', 'TYPE'],
    ['CLIENT', 'LIST', 'TYPE', 'foo'],
    ['CLIENT', 'LIST', 'ID', 'abc'],
    ['CLIENT', 'LIST', 'foo'],
    ['CLIENT', 'INFO', 'x'],
  ]);
  d.case('client info resp3', [{ args: ['CLIENT', 'INFO'], compare: sameClientLine }, ['CLIENT', 'TRACKINGINFO']], { resp3: true });
  d.case('client errors and simple subcommands', [
    ['CLIENT'],
    ['CLIENT', 'ID', 'x'],
    ['CLIENT', 'SETINFO', 'LIB-NAME', 'x'],
    ['CLIENT', 'KILL'],
    ['CLIENT', 'KILL', '1.2.3.4:5'],
    ['CLIENT', 'KILL', 'ID'],
    ['CLIENT', 'KILL', 'ID', 'abc'],
    ['CLIENT', 'KILL', 'ID', '0'],
    ['CLIENT', 'KILL', 'ID', '999999'],
    ['CLIENT', 'KILL', 'foo', 'bar'],
    ['CLIENT', 'KILL', 'TYPE', 'foo'],
    ['CLIENT', 'KILL', 'TYPE', 'master'],
    ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
    ['CLIENT', 'KILL', 'USER', 'nouser'],
    ['CLIENT', 'KILL', 'ADDR', '1.1.1.1:1', 'SKIPME', 'no'],
    ['CLIENT', 'KILL', 'ID', '999999', 'TYPE'],
    ['CLIENT', 'PAUSE'],
    ['CLIENT', 'PAUSE', 'abc'],
    ['CLIENT', 'PAUSE', '-1'],
    ['CLIENT', 'PAUSE', '10', 'foo'],
    ['CLIENT', 'PAUSE', 'abc', 'foo'],
    ['CLIENT', 'PAUSE', '10', 'write', 'x'],
    ['CLIENT', 'UNPAUSE'],
    ['CLIENT', 'REPLY'],
    ['CLIENT', 'REPLY', 'foo'],
    ['CLIENT', 'REPLY', 'ON'],
    ['CLIENT', 'NO-EVICT'],
    ['CLIENT', 'NO-EVICT', 'maybe'],
    ['CLIENT', 'GETREDIR'],
    ['CLIENT', 'TRACKING'],
    ['CLIENT', 'TRACKING', 'off'],
    ['CLIENT', 'TRACKING', 'maybe'],
    ['CLIENT', 'CACHING', 'yes'],
    ['CLIENT', 'TRACKINGINFO'],
    ['CLIENT', 'UNBLOCK'],
    ['CLIENT', 'UNBLOCK', 'abc'],
    ['CLIENT', 'UNBLOCK', '999999'],
    ['CLIENT', 'UNBLOCK', '999999', 'foo'],
    ['CLIENT', 'UNBLOCK', '1', '2', '3'],
  ]);
});
