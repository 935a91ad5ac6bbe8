/**
 * Server family (Redis's server.c, db.c, slowlog.c commands): DBSIZE FLUSHDB FLUSHALL SWAPDB
 * TIME LASTSAVE SHUTDOWN MONITOR SLOWLOG COMMAND INFO. COMMAND reads the command table, the one
 * source of truth for arity, flags, keys and ACL categories.
 */
import type { Client } from '../server/client.js';
import { ERR, OK } from '../protocol/shared.js';
import { cmd, type CommandSpec, type CommandFlag, type KeySpec } from './types.js';
import { CommandTable, type TableEntry } from './table.js';
import { parseStrictInt } from './connection.js';
import { compileGlob } from '../store/glob.js';
import { genInfo, nowUsec } from '../metrics/info.js';
import { logger } from '../server/log.js';

/** Redis's addReplyHelp: "<CMD> <subcommand> ..." header, the lines, then HELP. */
function replyHelp(c: Client, name: string, lines: readonly string[]): void {
  const all = [`${name} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`, ...lines, 'HELP', '    Prints this help.'];
  c.reply.array(all.length);
  for (const l of all) c.reply.simple(l);
}

/** Redis's addReplySubcommandSyntaxError. */
function subcommandSyntaxError(c: Client, argv: string[]): void {
  c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`);
}

/* DBSIZE */
function dbsize(c: Client): void {
  c.reply.integer(c.db.size);
}

/** FLUSHDB/FLUSHALL [ASYNC|SYNC]: false (after replying) when the option is bad. */
function flushOptionOk(c: Client, argv: string[]): boolean {
  if (argv.length > 2) {
    c.reply.error(ERR.syntax);
    return false;
  }
  if (argv.length === 2) {
    const o = argv[1].toLowerCase();
    // Freeing is synchronous either way: a JS engine frees in the background already (GC).
    if (o !== 'sync' && o !== 'async') {
      c.reply.error(ERR.syntax);
      return false;
    }
  }
  return true;
}

/* FLUSHDB [ASYNC|SYNC] */
function flushdb(c: Client, argv: string[]): void {
  if (!flushOptionOk(c, argv)) return;
  const db = c.db;
  const removed = db.size;
  // WATCH needs the contents before they go; blocked clients look after the change.
  c.server.watch.touchDb(db.id, null);
  db.clear();
  c.server.events.dbChanged(db.id);
  c.server.dirty += removed;
  // Replicated even when the db was already empty (Redis's forceCommandPropagation).
  c.forcePropagation();
  c.reply.raw(OK);
}

/* FLUSHALL [ASYNC|SYNC] */
function flushall(c: Client, argv: string[]): void {
  if (!flushOptionOk(c, argv)) return;
  const ks = c.server.keyspace;
  const removed = ks.totalKeys();
  for (const db of ks.dbs) c.server.watch.touchDb(db.id, null);
  ks.flushAll();
  c.server.events.dbChanged(-1);
  c.server.dirty += removed;
  // Redis's flushAllDataAndResetRDB: a BGSAVE is killed; with save points the empty dataset is saved.
  if (c.server.persistence.bgsaveInProgress || c.server.persistence.hasSavePoints) c.server.persistence.afterFlushAll();
  c.forcePropagation();
  c.reply.raw(OK);
}

/** Redis's getIntFromObjectOrReply for a DB index: int32, strict digits. */
function parseDbIndex(s: string): number | null {
  const n = parseStrictInt(s);
  if (n === null || n < -2147483648 || n > 2147483647) return null;
  return n;
}

/* SWAPDB index1 index2 */
function swapdb(c: Client, argv: string[]): void {
  const a = parseDbIndex(argv[1]);
  if (a === null) return c.reply.error('ERR invalid first DB index');
  const b = parseDbIndex(argv[2]);
  if (b === null) return c.reply.error('ERR invalid second DB index');
  const n = c.server.keyspace.dbs.length;
  if (a < 0 || a >= n || b < 0 || b >= n) return c.reply.error(ERR.dbIndex);
  if (a !== b) {
    const dbs = c.server.keyspace.dbs;
    c.server.watch.touchDb(a, dbs[b]);
    c.server.watch.touchDb(b, dbs[a]);
    c.server.keyspace.swap(a, b);
    c.server.events.dbChanged(a);
    c.server.events.dbChanged(b);
  }
  c.server.dirty++;
  c.reply.raw(OK);
}

/* TIME */
function time(c: Client): void {
  const us = nowUsec();
  c.reply.array(2);
  c.reply.bulk(String(Math.floor(us / 1e6)));
  c.reply.bulk(String(us % 1e6));
}

/* SAVE */
function save(c: Client): void {
  const p = c.server.persistence;
  if (p.bgsaveInProgress) return c.reply.error('ERR Background save already in progress');
  if (!p.saveSync()) return c.reply.error('ERR');
  // Only SAVE and BGSAVE count in rdb_saves (not FLUSHALL, DEBUG RELOAD or shutdown saves).
  p.rdbSaves++;
  c.reply.raw(OK);
}

/* BGSAVE [SCHEDULE] */
function bgsave(c: Client, argv: string[]): void {
  let schedule = false;
  if (argv.length > 1) {
    if (argv.length === 2 && argv[1].toLowerCase() === 'schedule') schedule = true;
    else return c.reply.error(ERR.syntax);
  }
  const p = c.server.persistence;
  if (p.bgsaveInProgress) {
    if (!schedule) return c.reply.error('ERR Background save already in progress');
    p.bgsaveScheduled = true;
    return c.reply.simple('Background saving scheduled');
  }
  if (p.startBgsave()) c.reply.simple('Background saving started');
  else c.reply.error('ERR');
}

/* LASTSAVE */
function lastsave(c: Client): void {
  c.reply.integer(c.server.lastSave);
}

/* SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT] */
function shutdown(c: Client, argv: string[]): void {
  let nosave = false;
  let save = false;
  let force = false;
  let abort = false;
  let now = false;
  for (let i = 1; i < argv.length; i++) {
    const o = argv[i].toLowerCase();
    if (o === 'nosave') nosave = true;
    else if (o === 'save') save = true;
    else if (o === 'now') now = true;
    else if (o === 'force') force = true;
    else if (o === 'abort') abort = true;
    else return c.reply.error(ERR.syntax);
  }
  if ((abort && (nosave || save || now || force)) || (nosave && save)) return c.reply.error(ERR.syntax);
  // Shutdown is immediate (no replicas to wait for yet), so there is never one to abort.
  if (abort) return c.reply.error('ERR No shutdown in progress.');
  void now;
  logger.warning('User requested shutdown...');
  const server = c.server;
  if (!server.prepareShutdown({ save, nosave, force })) return c.reply.error('ERR Errors trying to SHUTDOWN. Check logs.');
  void server.shutdown().then(() => {
    logger.warning('Petrel is now ready to exit, bye bye...');
    process.exit(0);
  });
}

/* MONITOR */
function monitor(c: Client): void {
  // Redis ignores MONITOR from a client that already monitors, without a reply.
  if (c.monitor) return;
  c.monitor = true;
  c.server.monitors.add(c);
  c.reply.raw(OK);
}

/* SLOWLOG GET [count] */
function slowlogGet(c: Client, argv: string[]): void {
  if (argv.length > 3) return subcommandSyntaxError(c, argv);
  const log = c.server.slowlog;
  let count = 10;
  if (argv.length === 3) {
    const n = parseStrictInt(argv[2]);
    if (n === null || n < -1) return c.reply.error('ERR count should be greater than or equal to -1');
    count = n === -1 ? log.length : n;
  }
  const n = Math.min(count, log.length);
  c.reply.array(n);
  for (let i = 0; i < n; i++) {
    const e = log[i];
    c.reply.array(6);
    c.reply.integer(e.id);
    c.reply.integer(e.time);
    c.reply.integer(e.usec);
    c.reply.array(e.argv.length);
    for (const a of e.argv) c.reply.bulk(a);
    c.reply.bulk(e.addr);
    c.reply.bulk(e.name);
  }
}

/* SLOWLOG LEN */
function slowlogLen(c: Client): void {
  c.reply.integer(c.server.slowlog.length);
}

/* SLOWLOG RESET */
function slowlogReset(c: Client): void {
  c.server.slowlog = [];
  c.reply.raw(OK);
}

/* SLOWLOG HELP */
function slowlogHelp(c: Client): void {
  replyHelp(c, 'SLOWLOG', [
    'GET [<count>]',
    '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
    '    Entries are made of:',
    '    id, timestamp, time in microseconds, arguments array, client IP and port,',
    '    client name',
    'LEN',
    '    Return the length of the slowlog.',
    'RESET',
    '    Reset the slowlog.',
  ]);
}

// ---- COMMAND: metadata derived from the table the way Redis derives it ----

/** Redis's flag order in COMMAND INFO. */
const FLAG_ORDER: readonly CommandFlag[] = [
  'write', 'readonly', 'denyoom', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale', 'skip_monitor',
  'skip_slowlog', 'fast', 'no_auth', 'may_replicate', 'no_mandatory_keys', 'no_async_loading', 'no_multi', 'movablekeys',
  'allow_busy',
];

/** Redis's ACL categories, in the order COMMAND INFO lists them. */
export const ACL_CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo', 'stream',
  'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
] as const;

/** The category a command's group implies (Redis's JSON files name them per group). */
const GROUP_CATEGORY: Partial<Record<CommandSpec['group'], string>> = {
  generic: 'keyspace',
  string: 'string',
  list: 'list',
  set: 'set',
  'sorted-set': 'sortedset',
  hash: 'hash',
  pubsub: 'pubsub',
  transactions: 'transaction',
  connection: 'connection',
  scripting: 'scripting',
  hyperloglog: 'hyperloglog',
  geo: 'geo',
  stream: 'stream',
  bitmap: 'bitmap',
};

/** Key-spec flag order (addReplyFlagsForKeyArgs). */
const KEY_FLAG_ORDER = ['RO', 'RW', 'OW', 'RM', 'access', 'update', 'insert', 'delete', 'not_key', 'incomplete', 'variable_flags'];

/** Flags as COMMAND INFO shows them: movablekeys added for commands with a key finder. */
export function commandFlags(spec: CommandSpec): string[] {
  const set = new Set<string>(spec.flags);
  if (spec.getKeys) set.add('movablekeys');
  return FLAG_ORDER.filter((f) => set.has(f));
}

/**
 * ACL categories as Redis's setImplicitACLCategories derives them: write, read (readonly),
 * admin+dangerous, pubsub, fast, blocking, slow when not fast; plus the group's category
 * (container commands have none) and `spec.acl`. An entry "-name" in `spec.acl` removes a
 * derived category (SORT is generic but not @keyspace).
 */
export function aclCategories(spec: CommandSpec): string[] {
  const cats = new Set<string>();
  const f = spec.flags;
  if (f.includes('write')) cats.add('write');
  if (f.includes('readonly') && spec.group !== 'scripting') cats.add('read');
  if (f.includes('admin')) {
    cats.add('admin');
    cats.add('dangerous');
  }
  if (f.includes('pubsub')) cats.add('pubsub');
  if (f.includes('fast')) cats.add('fast');
  if (f.includes('blocking')) cats.add('blocking');
  const group = GROUP_CATEGORY[spec.group];
  if (group && !spec.subcommands) cats.add(group);
  for (const a of spec.acl ?? []) {
    if (a.startsWith('-')) cats.delete(a.slice(1).toLowerCase());
    else cats.add(a.replace(/^@/, '').toLowerCase());
  }
  if (!cats.has('fast')) cats.add('slow');
  return ACL_CATEGORIES.filter((c) => cats.has(c));
}

/**
 * Key-spec flags for ACL and GETKEYSANDFLAGS: the spec's keyFlags, else RO+access for readonly and
 * RW+update for write commands. Explicit `keySpecs` are not read here: Redis checks ACL per key
 * spec (and per call for variable_flags commands such as SET), which one flag set cannot express.
 */
export function keySpecFlags(spec: CommandSpec): string[] {
  const given = spec.keyFlags ?? (spec.flags.includes('readonly') ? ['RO', 'access'] : spec.flags.includes('write') ? ['RW', 'update'] : ['RO']);
  const set = new Set(given);
  const known = KEY_FLAG_ORDER.filter((k) => set.has(k));
  return [...known, ...given.filter((k) => !KEY_FLAG_ORDER.includes(k))];
}

/** Looks up "get" or "config|get" as Redis's lookupCommandBySds. */
function lookupByFullName(c: Client, name: string): TableEntry | undefined {
  const parts = name.split('|');
  if (parts.length > 2) return undefined;
  const base = c.server.table.get(parts[0]);
  if (!base || parts.length === 1) return base;
  return base.subcommands?.get(parts[1].toLowerCase());
}

function replyFlagSet(c: Client, flags: readonly string[]): void {
  c.reply.set(flags.length);
  for (const f of flags) c.reply.simple(f);
}

/**
 * The key specs COMMAND INFO shows: the spec's explicit `keySpecs`, else one derived from the
 * legacy (first, last, step) triple and the key flags ("unknown" for key-finder-only commands).
 */
export function keySpecsOf(spec: CommandSpec): readonly KeySpec[] {
  if (spec.keySpecs) return spec.keySpecs;
  if (spec.firstKey > 0) {
    const lastkey = spec.lastKey < 0 ? spec.lastKey : spec.lastKey - spec.firstKey;
    return [{ flags: keySpecFlags(spec), begin: { index: spec.firstKey }, find: { lastkey, keystep: spec.step, limit: 0 } }];
  }
  if (spec.getKeys) return [{ flags: keySpecFlags(spec), begin: 'unknown', find: 'unknown' }];
  return [];
}

/** Key specs in the 7.0 shape (addReplyCommandKeySpecs); a set in Redis (addReplySetLen). */
function replyKeySpecs(c: Client, spec: CommandSpec): void {
  const w = c.reply;
  const specs = keySpecsOf(spec);
  w.set(specs.length);
  for (const ks of specs) {
    w.map(ks.notes === undefined ? 3 : 4);
    if (ks.notes !== undefined) {
      w.bulk('notes');
      w.bulk(ks.notes);
    }
    w.bulk('flags');
    const set = new Set(ks.flags);
    replyFlagSet(c, KEY_FLAG_ORDER.filter((k) => set.has(k)));
    w.bulk('begin_search');
    w.map(2);
    w.bulk('type');
    const b = ks.begin;
    if (b === 'unknown') {
      w.bulk('unknown');
      w.bulk('spec');
      w.map(0);
    } else if ('index' in b) {
      w.bulk('index');
      w.bulk('spec');
      w.map(1);
      w.bulk('index');
      w.integer(b.index);
    } else {
      w.bulk('keyword');
      w.bulk('spec');
      w.map(2);
      w.bulk('keyword');
      w.bulk(b.keyword);
      w.bulk('startfrom');
      w.integer(b.startfrom);
    }
    w.bulk('find_keys');
    w.map(2);
    w.bulk('type');
    const f = ks.find;
    if (f === 'unknown') {
      w.bulk('unknown');
      w.bulk('spec');
      w.map(0);
    } else if ('lastkey' in f) {
      w.bulk('range');
      w.bulk('spec');
      w.map(3);
      w.bulk('lastkey');
      w.integer(f.lastkey);
      w.bulk('keystep');
      w.integer(f.keystep);
      w.bulk('limit');
      w.integer(f.limit);
    } else {
      w.bulk('keynum');
      w.bulk('spec');
      w.map(3);
      w.bulk('keynumidx');
      w.integer(f.keynumidx);
      w.bulk('firstkey');
      w.integer(f.firstkey);
      w.bulk('keystep');
      w.integer(f.keystep);
    }
  }
}

/** COMMAND INFO's 10-element entry (addReplyCommandInfo). */
function replyCommandInfo(c: Client, e: TableEntry | undefined): void {
  const w = c.reply;
  if (!e) return w.null();
  const s = e.spec;
  w.array(10);
  w.bulk(e.fullName);
  w.integer(s.arity);
  replyFlagSet(c, commandFlags(s));
  w.integer(s.firstKey);
  w.integer(s.lastKey);
  w.integer(s.step);
  replyFlagSet(c, aclCategories(s).map((a) => '@' + a));
  const tips = s.tips ?? [];
  w.set(tips.length);
  for (const t of tips) w.bulk(t);
  replyKeySpecs(c, s);
  if (!e.subcommands) return w.set(0);
  w.array(e.subcommands.size);
  for (const sub of e.subcommands.values()) replyCommandInfo(c, sub);
}

/** COMMAND DOCS map for one command (no argument lists yet). */
function replyCommandDocs(c: Client, e: TableEntry): void {
  const w = c.reply;
  const s = e.spec;
  w.map(3 + (s.complexity ? 1 : 0) + (e.subcommands ? 1 : 0));
  w.bulk('summary');
  w.bulk(s.summary);
  w.bulk('since');
  w.bulk(s.since);
  w.bulk('group');
  w.bulk(s.group);
  if (s.complexity) {
    w.bulk('complexity');
    w.bulk(s.complexity);
  }
  if (e.subcommands) {
    w.bulk('subcommands');
    w.map(e.subcommands.size);
    for (const sub of e.subcommands.values()) {
      w.bulk(sub.fullName);
      replyCommandDocs(c, sub);
    }
  }
}

/* COMMAND */
function command(c: Client): void {
  const t = c.server.table;
  c.reply.array(t.commands.size);
  for (const e of t.commands.values()) replyCommandInfo(c, e);
}

/* COMMAND COUNT */
function commandCount(c: Client): void {
  c.reply.integer(c.server.table.commands.size);
}

/* COMMAND LIST [FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern] */
function commandList(c: Client, argv: string[]): void {
  let filter: ((e: TableEntry) => boolean) | null = null;
  for (let i = 2; i < argv.length; i++) {
    if (argv[i].toLowerCase() === 'filterby' && argv.length - 1 - i === 2) {
      const type = argv[i + 1].toLowerCase();
      const arg = argv[i + 2];
      if (type === 'module') {
        filter = () => false; // no modules
      } else if (type === 'aclcat') {
        const cat = arg.toLowerCase();
        filter = (e) => aclCategories(e.spec).includes(cat);
      } else if (type === 'pattern') {
        const match = compileGlob(arg, true);
        filter = (e) => match(e.fullName);
      } else {
        return c.reply.error(ERR.syntax);
      }
      i += 2;
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  const names: string[] = [];
  for (const e of c.server.table.all()) if (!filter || filter(e)) names.push(e.fullName);
  c.reply.array(names.length);
  for (const n of names) c.reply.bulk(n);
}

/* COMMAND INFO [command-name ...] */
function commandInfo(c: Client, argv: string[]): void {
  if (argv.length === 2) return command(c);
  c.reply.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) replyCommandInfo(c, lookupByFullName(c, argv[i]));
}

/* COMMAND DOCS [command-name ...] */
function commandDocs(c: Client, argv: string[]): void {
  const entries: TableEntry[] = [];
  if (argv.length === 2) entries.push(...c.server.table.commands.values());
  else
    for (let i = 2; i < argv.length; i++) {
      const e = lookupByFullName(c, argv[i]);
      if (e) entries.push(e);
    }
  c.reply.map(entries.length);
  for (const e of entries) {
    c.reply.bulk(e.fullName);
    replyCommandDocs(c, e);
  }
}

/**
 * The keys of a full command line, for GETKEYS / GETKEYSANDFLAGS: replies with an error and
 * returns null when the command is unknown, has no keys or has the wrong argument count.
 */
function keysOf(c: Client, args: string[]): { spec: CommandSpec; keys: number[] } | null {
  let e = c.server.table.get(args[0]);
  if (e && e.subcommands && args.length >= 2) e = e.subcommands.get(args[1].toLowerCase());
  if (!e) {
    c.reply.error('ERR Invalid command specified');
    return null;
  }
  const spec = e.spec;
  if (!spec.getKeys && spec.firstKey === 0) {
    c.reply.error('ERR The command has no key arguments');
    return null;
  }
  if ((spec.arity > 0 && spec.arity !== args.length) || args.length < -spec.arity) {
    c.reply.error('ERR Invalid number of arguments specified for command');
    return null;
  }
  const keys = CommandTable.keyIndexes(spec, args).filter((i) => i < args.length);
  if (keys.length === 0 && !spec.flags.includes('no_mandatory_keys')) {
    c.reply.error('ERR Invalid arguments specified for command');
    return null;
  }
  return { spec, keys };
}

/* COMMAND GETKEYS command [arg ...] */
function commandGetKeys(c: Client, argv: string[]): void {
  const args = argv.slice(2);
  const r = keysOf(c, args);
  if (!r) return;
  c.reply.array(r.keys.length);
  for (const i of r.keys) c.reply.bulk(args[i]);
}

/* COMMAND GETKEYSANDFLAGS command [arg ...] */
function commandGetKeysAndFlags(c: Client, argv: string[]): void {
  const args = argv.slice(2);
  const r = keysOf(c, args);
  if (!r) return;
  const flags = keySpecFlags(r.spec);
  c.reply.array(r.keys.length);
  for (const i of r.keys) {
    c.reply.array(2);
    c.reply.bulk(args[i]);
    replyFlagSet(c, flags);
  }
}

/* COMMAND HELP */
function commandHelp(c: Client): void {
  replyHelp(c, 'COMMAND', [
    '(no subcommand)',
    '    Return details about all Redis commands.',
    'COUNT',
    '    Return the total number of commands in this Redis server.',
    'LIST',
    '    Return a list of all commands in this Redis server.',
    'INFO [<command-name> ...]',
    '    Return details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'DOCS [<command-name> ...]',
    '    Return documentation details about multiple Redis commands.',
    '    If no command names are given, documentation details for all',
    '    commands are returned.',
    'GETKEYS <full-command>',
    '    Return the keys from a full Redis command.',
    'GETKEYSANDFLAGS <full-command>',
    '    Return the keys and the access flags from a full Redis command.',
  ]);
}

/* INFO [section [section ...]] */
function info(c: Client, argv: string[]): void {
  c.reply.verbatim(genInfo(c.server, argv.slice(1)));
}

const none = { firstKey: 0, lastKey: 0, step: 0, group: 'server' } as const;
const ls = ['loading', 'stale'] as const satisfies readonly CommandFlag[];
const adminLs = ['admin', 'loading', 'stale'] as const satisfies readonly CommandFlag[];
const NONDET = 'nondeterministic_output';
const NONDET_ORDER = 'nondeterministic_output_order';

export const serverCommands = [
  cmd({ name: 'dbsize', arity: 1, flags: ['readonly', 'fast'], ...none, acl: ['keyspace'], tips: ['request_policy:all_shards', 'response_policy:agg_sum'], since: '1.0.0', summary: 'Return the number of keys in the selected database', complexity: 'O(1)', handler: dbsize }),
  cmd({ name: 'flushdb', arity: -1, flags: ['write'], ...none, acl: ['keyspace', 'dangerous'], tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], since: '1.0.0', summary: 'Remove all keys from the current database', complexity: 'O(N) where N is the number of keys in the selected database', handler: flushdb }),
  cmd({ name: 'flushall', arity: -1, flags: ['write'], ...none, acl: ['keyspace', 'dangerous'], tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], since: '1.0.0', summary: 'Remove all keys from all databases', complexity: 'O(N) where N is the total number of keys in all databases', handler: flushall }),
  cmd({ name: 'swapdb', arity: 3, flags: ['write', 'fast'], ...none, acl: ['keyspace', 'dangerous'], since: '4.0.0', summary: 'Swaps two Redis databases', complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.', handler: swapdb }),
  cmd({ name: 'time', arity: 1, flags: ['loading', 'stale', 'fast'], ...none, tips: [NONDET], since: '2.6.0', summary: 'Return the current server time', complexity: 'O(1)', handler: time }),
  cmd({ name: 'save', arity: 1, flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'], ...none, since: '1.0.0', summary: 'Synchronously save the dataset to disk', complexity: 'O(N) where N is the total number of keys in all databases', handler: save }),
  cmd({ name: 'bgsave', arity: -1, flags: ['admin', 'noscript', 'no_async_loading'], ...none, since: '1.0.0', summary: 'Asynchronously save the dataset to disk', complexity: 'O(1)', handler: bgsave }),
  cmd({ name: 'lastsave', arity: 1, flags: ['loading', 'stale', 'fast'], ...none, acl: ['admin', 'dangerous'], tips: [NONDET], since: '1.0.0', summary: 'Get the UNIX time stamp of the last successful save to disk', complexity: 'O(1)', handler: lastsave }),
  cmd({ name: 'shutdown', arity: -1, flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'], ...none, since: '1.0.0', summary: 'Synchronously save the dataset to disk and then shut down the server', complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)', handler: shutdown }),
  cmd({ name: 'monitor', arity: 1, flags: ['admin', 'noscript', 'loading', 'stale'], ...none, since: '1.0.0', summary: 'Listen for all requests received by the server in real time', handler: monitor }),
  cmd({
    name: 'slowlog', arity: -2, flags: [], ...none, since: '2.2.12', summary: 'A container for slow log commands', complexity: 'Depends on subcommand.',
    subcommands: [
      cmd({ name: 'get', arity: -2, flags: adminLs, ...none, tips: ['request_policy:all_nodes', NONDET], since: '2.2.12', summary: "Get the slow log's entries", complexity: 'O(N) where N is the number of entries returned', handler: slowlogGet }),
      cmd({ name: 'help', arity: 2, flags: ls, ...none, since: '6.2.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: slowlogHelp }),
      cmd({ name: 'reset', arity: 2, flags: adminLs, ...none, tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], since: '2.2.12', summary: 'Clear all entries from the slow log', complexity: 'O(N) where N is the number of entries in the slowlog', handler: slowlogReset }),
      cmd({ name: 'len', arity: 2, flags: adminLs, ...none, tips: ['request_policy:all_nodes', 'response_policy:agg_sum', NONDET], since: '2.2.12', summary: "Get the slow log's length", complexity: 'O(1)', handler: slowlogLen }),
    ],
  }),
  cmd({
    name: 'command', arity: -1, flags: ls, ...none, acl: ['connection'], tips: [NONDET_ORDER], since: '2.8.13', summary: 'Get array of Redis command details', complexity: 'O(N) where N is the total number of Redis commands', handler: command,
    subcommands: [
      cmd({ name: 'list', arity: -2, flags: ls, ...none, acl: ['connection'], tips: [NONDET_ORDER], since: '7.0.0', summary: 'Get an array of Redis command names', complexity: 'O(N) where N is the total number of Redis commands', handler: commandList }),
      cmd({ name: 'docs', arity: -2, flags: ls, ...none, acl: ['connection'], tips: [NONDET_ORDER], since: '7.0.0', summary: 'Get array of specific Redis command documentation', complexity: 'O(N) where N is the number of commands to look up', handler: commandDocs }),
      cmd({ name: 'help', arity: 2, flags: ls, ...none, acl: ['connection'], since: '5.0.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: commandHelp }),
      cmd({ name: 'getkeysandflags', arity: -4, flags: ls, ...none, acl: ['connection'], since: '7.0.0', summary: 'Extract keys and access flags given a full Redis command', complexity: 'O(N) where N is the number of arguments to the command', handler: commandGetKeysAndFlags }),
      cmd({ name: 'count', arity: 2, flags: ls, ...none, acl: ['connection'], since: '2.8.13', summary: 'Get total number of Redis commands', complexity: 'O(1)', handler: commandCount }),
      cmd({ name: 'info', arity: -2, flags: ls, ...none, acl: ['connection'], tips: [NONDET_ORDER], since: '2.8.13', summary: 'Get array of specific Redis command details, or all when no argument is given.', complexity: 'O(N) where N is the number of commands to look up', handler: commandInfo }),
      cmd({ name: 'getkeys', arity: -4, flags: ls, ...none, acl: ['connection'], since: '2.8.13', summary: 'Extract keys given a full Redis command', complexity: 'O(N) where N is the number of arguments to the command', handler: commandGetKeys }),
    ],
  }),
  cmd({ name: 'info', arity: -1, flags: ls, ...none, acl: ['dangerous'], tips: [NONDET, 'request_policy:all_shards', 'response_policy:special'], since: '1.0.0', summary: 'Get information and statistics about the server', complexity: 'O(1)', handler: info }),
] satisfies CommandSpec[];
