/**
 * CLIENT family (Redis's networking.c clientCommand): ID, SETNAME, GETNAME, LIST, INFO, KILL,
 * PAUSE, UNPAUSE, REPLY, NO-EVICT, GETREDIR, TRACKING, CACHING, TRACKINGINFO, UNBLOCK, HELP.
 * SETINFO is Redis 7.2 and stays unknown, as in 7.0.
 *
 * What a client "is" (its flags letters and its type for LIST/KILL TYPE) is decided in
 * clientFlags() and clientType() only, so replication (M, S), MONITOR (O), pubsub (P), MULTI (x)
 * and tracking extend those two functions and nothing else.
 */
import type { Client } from '../server/client.js';
import { ERR, OK, ONE, ZERO } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';
import { invalidClientName, parseStrictInt } from './connection.js';

export type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

/** CLIENT LIST/KILL TYPE names; "slave" is Redis's older spelling of "replica". */
export function clientTypeByName(name: string): ClientType | null {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'replica';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return null;
  }
}

/**
 * Redis's getClientType. Master and replica links do not exist yet: when replication adds them,
 * it answers here first. A MONITOR client counts as normal, as in Redis.
 */
export function clientType(c: Client): ClientType {
  if (c.pubsub !== null) return 'pubsub';
  return 'normal';
}

/**
 * The flags letters of CLIENT LIST, in Redis's order: O (monitor) / S (replica), M (master),
 * P (pubsub), x (MULTI), b (blocked), t, R, B (tracking), d (dirty CAS), c (close after reply),
 * u (unblocked), A (close asap), U (unix socket), r (readonly), e (no-evict); N when none.
 */
export function clientFlags(c: Client): string {
  let f = '';
  if (c.monitor) f += 'O';
  if (c.pubsub !== null) f += 'P';
  if (c.multi !== null) f += 'x';
  if (c.blocked !== null) f += 'b';
  if (c.server.watch.isDirty(c)) f += 'd';
  if (c.closeAfterReply) f += 'c';
  if (c.noEvict) f += 'e';
  return f === '' ? 'N' : f;
}

/** Reply buffer size Redis reports (its static buffer; our writer starts at the same 16 KiB). */
const REPLY_BUFFER_SIZE = 16384;

/**
 * One CLIENT LIST line (Redis 7.0's field order), without the trailing newline. `self` is the
 * client running the command: like Redis, it shows its current command, not the previous one.
 */
export function clientInfoLine(c: Client, self: Client | null, currentCmd: string, argvMem: number): string {
  const now = Date.now();
  const isSelf = c === self;
  const qbuf = c.parser.pending;
  const omem = c.socket.writableLength;
  const obl = c.reply.pending;
  const argv = isSelf ? argvMem : 0;
  // Our parser keeps at least what is pending; report the memory we can see.
  const totMem = qbuf + REPLY_BUFFER_SIZE + obl + omem + argv;
  return (
    `id=${c.id} addr=${c.addr} laddr=${c.laddr} fd=${c.fd} name=${c.name}` +
    ` age=${Math.floor((now - c.createdAt) / 1000)} idle=${Math.floor((now - c.lastInteraction) / 1000)}` +
    ` flags=${clientFlags(c)} db=${c.dbIndex}` +
    ` sub=${c.pubsub?.channels.size ?? 0} psub=${c.pubsub?.patterns.size ?? 0} ssub=${c.pubsub?.shard.size ?? 0}` +
    ` multi=${c.multi === null ? -1 : c.multi.queue.length}` +
    ` qbuf=${qbuf} qbuf-free=0 argv-mem=${argv} multi-mem=${c.multi === null ? 0 : c.multi.mem}` +
    ` rbs=${REPLY_BUFFER_SIZE} rbp=${REPLY_BUFFER_SIZE} obl=${obl} oll=${omem > 0 ? 1 : 0} omem=${omem} tot-mem=${totMem}` +
    ` events=${omem > 0 ? 'rw' : 'r'} cmd=${isSelf ? currentCmd : c.lastCommand} user=${c.user} redir=-1 resp=${c.reply.proto}`
  );
}

function argvBytes(argv: string[]): number {
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}

function subcommandSyntaxError(c: Client, argv: string[]): void {
  c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try CLIENT HELP.`);
}

/* CLIENT ID */
function id(c: Client): void {
  c.reply.integer(c.id);
}

/* CLIENT SETNAME connection-name */
function setname(c: Client, argv: string[]): void {
  const bad = invalidClientName(argv[2]);
  if (bad) return c.reply.error(bad);
  c.name = argv[2];
  c.reply.raw(OK);
}

/* CLIENT GETNAME */
function getname(c: Client): void {
  if (c.name === '') c.reply.null();
  else c.reply.bulk(c.name);
}

/* CLIENT LIST [TYPE normal|master|replica|pubsub] [ID client-id [client-id ...]] */
function list(c: Client, argv: string[]): void {
  const self = 'client|list';
  const mem = argvBytes(argv);
  let out = '';
  if (argv.length === 4 && argv[2].toLowerCase() === 'type') {
    const type = clientTypeByName(argv[3]);
    if (type === null) return c.reply.error(`ERR Unknown client type '${argv[3]}'`);
    for (const cl of c.server.clients.values()) {
      if (clientType(cl) === type) out += clientInfoLine(cl, c, self, mem) + '\n';
    }
  } else if (argv.length > 3 && argv[2].toLowerCase() === 'id') {
    for (let j = 3; j < argv.length; j++) {
      const cid = parseStrictInt(argv[j]);
      if (cid === null) return c.reply.error('ERR Invalid client ID');
      const cl = c.server.clients.get(cid);
      if (cl) out += clientInfoLine(cl, c, self, mem) + '\n';
    }
  } else if (argv.length !== 2) {
    return c.reply.error(ERR.syntax);
  } else {
    for (const cl of c.server.clients.values()) out += clientInfoLine(cl, c, self, mem) + '\n';
  }
  c.reply.verbatim(out);
}

/* CLIENT INFO */
function info(c: Client, argv: string[]): void {
  c.reply.verbatim(clientInfoLine(c, c, 'client|info', argvBytes(argv)) + '\n');
}

/*
 * CLIENT KILL ip:port
 * CLIENT KILL [ID client-id] [TYPE normal|master|replica|pubsub] [USER username] [ADDR ip:port]
 *             [LADDR ip:port] [SKIPME yes|no] ...
 */
function kill(c: Client, argv: string[]): void {
  let addr: string | null = null;
  let laddr: string | null = null;
  let user: string | null = null;
  let type: ClientType | null = null;
  let cid = 0;
  let skipme = true;
  const oldForm = argv.length === 3;
  if (oldForm) {
    addr = argv[2];
    skipme = false; // the old form may kill the caller itself
  } else {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i].toLowerCase();
      const more = i + 1 < argv.length;
      if (!more) return c.reply.error(ERR.syntax);
      const val = argv[i + 1];
      if (opt === 'id') {
        const n = parseStrictInt(val);
        if (n === null || n < 1) return c.reply.error('ERR client-id should be greater than 0');
        cid = n;
      } else if (opt === 'type') {
        type = clientTypeByName(val);
        if (type === null) return c.reply.error(`ERR Unknown client type '${val}'`);
      } else if (opt === 'addr') {
        addr = val;
      } else if (opt === 'laddr') {
        laddr = val;
      } else if (opt === 'user') {
        if (!c.server.acl.users.has(val)) return c.reply.error(`ERR No such user '${val}'`);
        user = val;
      } else if (opt === 'skipme') {
        const v = val.toLowerCase();
        if (v === 'yes') skipme = true;
        else if (v === 'no') skipme = false;
        else return c.reply.error(ERR.syntax);
      } else {
        return c.reply.error(ERR.syntax);
      }
    }
  }
  let killed = 0;
  let killSelf = false;
  for (const cl of [...c.server.clients.values()]) {
    if (addr !== null && cl.addr !== addr) continue;
    if (laddr !== null && cl.laddr !== laddr) continue;
    if (type !== null && clientType(cl) !== type) continue;
    if (cid !== 0 && cl.id !== cid) continue;
    if (user !== null && cl.user !== user) continue;
    if (cl === c && skipme) continue;
    if (cl === c) killSelf = true;
    else cl.close();
    killed++;
  }
  // The caller gets its reply first, then is closed.
  if (killSelf) c.closeAfterReply = true;
  if (oldForm) {
    if (killed === 0) c.reply.error('ERR No such client');
    else c.reply.raw(OK);
  } else {
    c.reply.integer(killed);
  }
}

/* CLIENT PAUSE timeout [WRITE|ALL] */
function pause(c: Client, argv: string[]): void {
  if (argv.length > 4) return subcommandSyntaxError(c, argv);
  let mode: 'write' | 'all' = 'all';
  if (argv.length === 4) {
    const m = argv[3].toLowerCase();
    if (m === 'write') mode = 'write';
    else if (m !== 'all') return c.reply.error('ERR CLIENT PAUSE mode must be WRITE or ALL');
  }
  const ms = parseStrictInt(argv[2]);
  if (ms === null) return c.reply.error('ERR timeout is not an integer or out of range');
  if (ms < 0) return c.reply.error('ERR timeout is negative');
  // Redis: a zero timeout means an end time of 0, i.e. already over.
  c.server.pauseClients(mode, ms > 0 ? Date.now() + ms : 0);
  c.reply.raw(OK);
}

/* CLIENT UNPAUSE */
function unpause(c: Client): void {
  c.server.unpauseClients();
  c.reply.raw(OK);
}

/* CLIENT REPLY ON|OFF|SKIP — the dispatcher drops replies by replyMode and skipReplies. */
function reply(c: Client, argv: string[]): void {
  const v = argv[2].toLowerCase();
  if (v === 'on') {
    c.replyMode = 'on';
    c.skipReplies = 0;
    c.reply.raw(OK);
  } else if (v === 'off') {
    c.replyMode = 'off';
  } else if (v === 'skip') {
    // SKIP's own reply (none) counts as the first dropped one; then the next command's.
    if (c.replyMode !== 'off') c.skipReplies = 2;
  } else {
    c.reply.error(ERR.syntax);
  }
}

/* CLIENT NO-EVICT ON|OFF */
function noEvict(c: Client, argv: string[]): void {
  const v = argv[2].toLowerCase();
  if (v === 'on') c.noEvict = true;
  else if (v === 'off') c.noEvict = false;
  else return c.reply.error(ERR.syntax);
  c.reply.raw(OK);
}

/* CLIENT GETREDIR — tracking is never on, so never redirected. */
function getredir(c: Client): void {
  c.reply.integer(-1);
}

/* CLIENT TRACKING ON|OFF [REDIRECT client-id] [PREFIX prefix ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP] */
function tracking(c: Client, argv: string[]): void {
  const v = argv[2].toLowerCase();
  // OFF is true already: tracking cannot be on.
  if (v === 'off') return c.reply.raw(OK);
  if (v === 'on') return c.reply.error('ERR CLIENT TRACKING is not supported by Petrel yet');
  c.reply.error(ERR.syntax);
}

/* CLIENT CACHING YES|NO — Redis's own answer for a client that is not tracking with OPTIN/OPTOUT. */
function caching(c: Client): void {
  c.reply.error('ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
}

/* CLIENT TRACKINGINFO */
function trackinginfo(c: Client): void {
  const w = c.reply;
  w.map(3);
  w.bulk('flags');
  w.set(1);
  w.bulk('off');
  w.bulk('redirect');
  w.integer(-1);
  w.bulk('prefixes');
  w.array(0);
}

/* CLIENT UNBLOCK client-id [TIMEOUT|ERROR] */
function unblock(c: Client, argv: string[]): void {
  if (argv.length > 4) return subcommandSyntaxError(c, argv);
  if (argv.length === 4) {
    const r = argv[3].toLowerCase();
    if (r !== 'timeout' && r !== 'error') return c.reply.error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  }
  const id = parseStrictInt(argv[2]);
  if (id === null) return c.reply.error(ERR.notInteger);
  // Only clients blocked on keys (server/blocking.ts) can be woken; a client held by CLIENT
  // PAUSE is not unblockable, as in Redis.
  const target = c.server.clients.get(Number(id));
  const how = argv.length === 4 && argv[3].toLowerCase() === 'error' ? 'error' : 'timeout';
  c.reply.raw(target !== undefined && c.server.blocking.unblockClient(target, how) ? ONE : ZERO);
}

const HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CACHING (YES|NO)',
  '    Client side caching: cache the keys of the next command (tracking OPTIN/OPTOUT).',
  'GETREDIR',
  '    The client ID tracking messages are redirected to (-1 when none).',
  'GETNAME',
  '    The name of this connection.',
  'ID',
  '    The ID of this connection.',
  'INFO',
  '    A CLIENT LIST line for this connection.',
  'KILL <ip:port>',
  '    Close the connection from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Close the connections that match every option:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Connected from this address.',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Connected to this local address.',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Of this type.',
  '    * USER <username>',
  '      Authenticated as <username>.',
  '    * SKIPME (YES|NO)',
  '      Spare the calling connection (default: yes).',
  'LIST [options ...]',
  '    One line per connection. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Only connections of this type.',
  '    * ID <client-id> [<client-id> ...]',
  '      Only these connections.',
  'UNPAUSE',
  '    End a CLIENT PAUSE now.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Hold back the commands of all clients, or only writes, for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Turn replies to this connection on or off, or skip the next one.',
  'SETNAME <name>',
  '    Name this connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Wake up a client blocked in a blocking command.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Server assisted client side caching.',
  'TRACKINGINFO',
  '    Tracking state of this connection.',
  'NO-EVICT (ON|OFF)',
  '    Exempt this connection from client eviction.',
  'HELP',
  '    Print this help.',
];

/* CLIENT HELP */
function help(c: Client): void {
  c.reply.array(HELP.length);
  for (const line of HELP) c.reply.simple(line);
}

type Sub = { name: string; arity: number; admin?: boolean; summary: string; since: string; complexity?: string; tips?: readonly string[]; handler: (c: Client, argv: string[]) => void };

function sub(s: Sub): CommandSpec {
  return cmd({
    name: s.name,
    arity: s.arity,
    flags: s.name === 'help' ? ['loading', 'stale'] : s.admin ? ['admin', 'noscript', 'loading', 'stale'] : ['noscript', 'loading', 'stale'],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'connection',
    since: s.since,
    summary: s.summary,
    complexity: s.complexity ?? 'O(1)',
    tips: s.tips,
    handler: s.handler,
  });
}

export const clientCommands = [
  cmd({
    name: 'client',
    arity: -2,
    flags: [],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'connection',
    since: '2.4.0',
    summary: 'A container for client connection commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      sub({ name: 'caching', arity: 3, summary: 'Instruct the server about tracking or not keys in the next request', since: '6.0.0', handler: caching }),
      sub({ name: 'getname', arity: 2, summary: 'Get the current connection name', since: '2.6.9', handler: getname }),
      sub({ name: 'getredir', arity: 2, summary: 'Get tracking notifications redirection client ID if any', since: '6.0.0', handler: getredir }),
      sub({ name: 'help', arity: 2, summary: 'Show helpful text about the different subcommands', since: '5.0.0', handler: help }),
      sub({ name: 'id', arity: 2, summary: 'Returns the client ID for the current connection', since: '5.0.0', handler: id }),
      sub({ name: 'info', arity: 2, tips: ['nondeterministic_output'], summary: 'Returns information about the current client connection.', since: '6.2.0', handler: info }),
      sub({ name: 'kill', arity: -3, admin: true, summary: 'Kill the connection of a client', since: '2.4.0', complexity: 'O(N) where N is the number of client connections', handler: kill }),
      sub({ name: 'list', arity: -2, admin: true, tips: ['nondeterministic_output'], summary: 'Get the list of client connections', since: '2.4.0', complexity: 'O(N) where N is the number of client connections', handler: list }),
      sub({ name: 'no-evict', arity: 3, admin: true, summary: 'Set client eviction mode for the current connection', since: '7.0.0', handler: noEvict }),
      sub({ name: 'pause', arity: -3, admin: true, summary: 'Stop processing commands from clients for some time', since: '2.9.50', handler: pause }),
      sub({ name: 'reply', arity: 3, summary: 'Instruct the server whether to reply to commands', since: '3.2.0', handler: reply }),
      sub({ name: 'setname', arity: 3, summary: 'Set the current connection name', since: '2.6.9', handler: setname }),
      sub({ name: 'tracking', arity: -3, summary: 'Enable or disable server assisted client side caching support', since: '6.0.0', complexity: 'O(1). Some options may introduce additional complexity.', handler: tracking }),
      sub({ name: 'trackinginfo', arity: 2, summary: 'Return information about server assisted client side caching for the current connection', since: '6.2.0', handler: trackinginfo }),
      sub({ name: 'unblock', arity: -3, admin: true, summary: 'Unblock a client blocked in a blocking command from a different connection', since: '5.0.0', complexity: 'O(log N) where N is the number of client connections', handler: unblock }),
      sub({ name: 'unpause', arity: 2, admin: true, summary: 'Resume processing of clients that were paused', since: '6.2.0', complexity: 'O(N) Where N is the number of paused clients', handler: unpause }),
    ],
  }),
] satisfies CommandSpec[];
