/**
 * Connection family: PING ECHO SELECT QUIT HELLO AUTH RESET (Redis's server.c / networking.c /
 * acl.c handlers).
 */
import type { Client } from '../server/client.js';
import { ERR, PONG, OK } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';
import { PETREL_VERSION, REDIS_COMPAT_VERSION } from '../server/server.js';
import { discardTransaction } from './transaction.js';

/* PING [message] */
function ping(c: Client, argv: string[]): void {
  if (argv.length > 2) return c.reply.error(ERR.wrongArgs('ping'));
  // A RESP2 subscriber can only read pushes: PING answers in push form, ["pong", arg].
  if (c.pubsub !== null && c.reply.proto === 2) {
    c.reply.array(2);
    c.reply.bulk('pong');
    c.reply.bulk(argv.length === 2 ? argv[1] : '');
    return;
  }
  if (argv.length === 2) c.reply.bulk(argv[1]);
  else c.reply.raw(PONG);
}

/* ECHO message */
function echo(c: Client, argv: string[]): void {
  c.reply.bulk(argv[1]);
}

/* SELECT index */
function select(c: Client, argv: string[]): void {
  const n = parseStrictInt(argv[1]);
  if (n === null) return c.reply.error(ERR.notInteger);
  if (n < 0 || n >= c.server.keyspace.dbs.length) return c.reply.error(ERR.dbIndex);
  c.dbIndex = n;
  c.reply.raw(OK);
}

/* QUIT */
function quit(c: Client): void {
  c.reply.raw(OK);
  c.closeAfterReply = true;
}

/* HELLO [protover [AUTH username password] [SETNAME clientname]] */
function hello(c: Client, argv: string[]): void {
  let proto = c.reply.proto as number;
  if (argv.length >= 2) {
    const v = parseStrictInt(argv[1]);
    if (v === null) return c.reply.error('ERR Protocol version is not an integer or out of range');
    if (v < 2 || v > 3) return c.reply.error('NOPROTO unsupported protocol version');
    proto = v;
  }
  let name: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i].toLowerCase();
    const more = argv.length - i - 1;
    if (opt === 'auth' && more >= 2) {
      const err = c.server.authenticate(c, argv[i + 1], argv[i + 2]);
      // Like Redis, never show credentials in SLOWLOG or MONITOR.
      argv[i + 1] = argv[i + 2] = REDACTED;
      if (err) {
        c.server.stats.authFailures++;
        return c.reply.error(err);
      }
      i += 2;
    } else if (opt === 'setname' && more >= 1) {
      const bad = invalidClientName(argv[i + 1]);
      if (bad) return c.reply.error(bad);
      name = argv[i + 1];
      i += 1;
    } else {
      return c.reply.error(`ERR Syntax error in HELLO option '${argv[i]}'`);
    }
  }
  if (!c.authenticated) return c.reply.error('NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time');
  if (name !== null) c.name = name;
  c.reply.proto = proto as 2 | 3;
  const w = c.reply;
  w.map(7);
  w.bulk('server');
  w.bulk('redis');
  w.bulk('version');
  w.bulk(REDIS_COMPAT_VERSION);
  w.bulk('proto');
  w.integer(proto);
  w.bulk('id');
  w.integer(c.id);
  w.bulk('mode');
  w.bulk('standalone');
  w.bulk('role');
  w.bulk(c.server.role);
  w.bulk('modules');
  w.array(0);
  void PETREL_VERSION;
}

/** What SLOWLOG and MONITOR show instead of a password (Redis's shared.redacted). */
const REDACTED = '(redacted)';

/* AUTH [username] password */
function auth(c: Client, argv: string[]): void {
  if (argv.length > 3) return c.reply.error(ERR.syntax);
  let user = 'default';
  let pass: string;
  if (argv.length === 2) {
    // The one-argument form with no password configured is almost surely a mistake: say so.
    if (c.server.acl.defaultUser.nopass) {
      argv[1] = REDACTED;
      return c.reply.error('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
    }
    pass = argv[1];
  } else {
    user = argv[1];
    pass = argv[2];
  }
  for (let i = 1; i < argv.length; i++) argv[i] = REDACTED;
  const err = c.server.authenticate(c, user, pass);
  if (err) {
    c.server.stats.authFailures++;
    return c.reply.error(err);
  }
  c.reply.raw(OK);
}

/*
 * RESET — back to a fresh connection's state (Redis's clearClientConnectionState): leaves
 * MONITOR, db 0, RESP2, no name, replies on, no-evict off, the default user (authenticated only
 * when it needs no password), no MULTI or WATCH, no subscriptions. Tracking resets with its family.
 */
function reset(c: Client): void {
  if (c.monitor) {
    c.monitor = false;
    c.server.monitors.delete(c);
  }
  c.dbIndex = 0;
  c.reply.proto = 2;
  discardTransaction(c);
  // Leave every subscription without notifications (pubsubUnsubscribeAll*(c, 0)).
  c.server.pubsub.removeClient(c);
  c.user = 'default';
  c.authenticated = !c.server.acl.authRequired();
  c.name = '';
  c.noEvict = false;
  // Redis clears REPLY OFF and a pending SKIP, not a skip already in force for this command.
  c.replyMode = 'on';
  if (c.skipReplies > 1) c.skipReplies = 1;
  c.reply.simple('RESET');
}

/** Redis refuses client names with spaces, newlines or other non-printable bytes. */
export function invalidClientName(name: string): string | null {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 0x21 || ch > 0x7e) return 'ERR Client names cannot contain spaces, newlines or special characters.';
  }
  return null;
}

/** Redis's string2ll: an optional '-', digits, no leading zeros or spaces, within int64. */
export function parseStrictInt(s: string): number | null {
  if (s.length === 0 || s.length > 20) return null;
  if (!/^(-?[1-9][0-9]*|0)$/.test(s)) return null;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return null;
  return n;
}

export const connectionCommands = [
  cmd({ name: 'ping', arity: -1, flags: ['fast'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], since: '1.0.0', summary: 'Ping the server', complexity: 'O(1)', handler: ping }),
  cmd({ name: 'echo', arity: 2, flags: ['fast', 'stale', 'loading'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '1.0.0', summary: 'Echo the given string', complexity: 'O(1)', handler: echo }),
  cmd({ name: 'select', arity: 2, flags: ['fast', 'stale', 'loading'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '1.0.0', summary: 'Change the selected database for the current connection', complexity: 'O(1)', handler: select }),
  cmd({ name: 'quit', arity: -1, flags: ['noscript', 'allow_busy', 'fast', 'stale', 'loading', 'no_auth'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '1.0.0', summary: 'Close the connection', complexity: 'O(1)', handler: quit }),
  cmd({ name: 'auth', arity: -2, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '1.0.0', summary: 'Authenticate to the server', complexity: 'O(N) where N is the number of passwords defined for the user', handler: auth }),
  cmd({ name: 'reset', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '6.2.0', summary: 'Reset the connection', complexity: 'O(1)', handler: reset }),
  cmd({ name: 'hello', arity: -1, flags: ['noscript', 'allow_busy', 'fast', 'stale', 'loading', 'no_auth'], firstKey: 0, lastKey: 0, step: 0, group: 'connection', since: '6.0.0', summary: 'Handshake with Redis', complexity: 'O(1)', handler: hello }),
] satisfies CommandSpec[];
