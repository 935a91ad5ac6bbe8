/**
 * ACL family (Redis 7.0's acl.c aclCommand): SETUSER GETUSER DELUSER LIST USERS WHOAMI CAT LOG
 * SAVE LOAD DRYRUN GENPASS HELP. Users, rules and the check live in server/acl.ts.
 */
import type { Client } from '../server/client.js';
import { ERR, OK } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';
import { ACL_CATEGORIES } from './server.js';
import { parseStrictInt } from './connection.js';
import { Acl, Denied, NO_ACLFILE, dryRunMessage, genPass } from '../server/acl.js';

/** Runs fn with the calling client marked as current, so closing it waits for its reply. */
function asCurrent<T>(c: Client, fn: () => T): T {
  const acl = c.server.acl;
  acl.current = c;
  try {
    return fn();
  } finally {
    acl.current = null;
  }
}

/* ACL SETUSER username [rule [rule ...]] */
function setuser(c: Client, argv: string[]): void {
  const name = argv[2];
  if (/[ \0]/.test(name)) return c.reply.error("ERR Usernames can't contain spaces or null characters");
  const err = asCurrent(c, () => c.server.acl.setUser(name, argv.slice(3)));
  if (err) return c.reply.error(err);
  c.reply.raw(OK);
}

/* ACL GETUSER username */
function getuser(c: Client, argv: string[]): void {
  const acl = c.server.acl;
  const u = acl.users.get(argv[2]);
  if (u === undefined) return c.reply.null();
  const w = c.reply;
  w.map(6);
  w.bulk('flags');
  const flags = [u.enabled ? 'on' : 'off'];
  if (u.nopass) flags.push('nopass');
  if (u.sanitize) flags.push(u.sanitize);
  w.array(flags.length);
  for (const f of flags) w.bulk(f);
  w.bulk('passwords');
  w.array(u.passwords.length);
  for (const p of u.passwords) w.bulk(p);
  const root = acl.describeSelectorParts(u.root);
  w.bulk('commands');
  w.bulk(root.commands);
  w.bulk('keys');
  w.bulk(root.keys);
  w.bulk('channels');
  w.bulk(root.channels);
  w.bulk('selectors');
  const sels = u.selectors.slice(1);
  w.array(sels.length);
  for (const s of sels) {
    const d = acl.describeSelectorParts(s);
    w.map(3);
    w.bulk('commands');
    w.bulk(d.commands);
    w.bulk('keys');
    w.bulk(d.keys);
    w.bulk('channels');
    w.bulk(d.channels);
  }
}

/* ACL DELUSER username [username ...] */
function deluser(c: Client, argv: string[]): void {
  const names = argv.slice(2);
  if (names.includes('default')) return c.reply.error("ERR The 'default' user cannot be removed");
  c.reply.integer(asCurrent(c, () => c.server.acl.deleteUsers(names)));
}

/* ACL LIST */
function list(c: Client): void {
  const lines = c.server.acl.listLines();
  c.reply.array(lines.length);
  for (const l of lines) c.reply.bulk(l);
}

/* ACL USERS */
function users(c: Client): void {
  const names = [...c.server.acl.users.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  c.reply.array(names.length);
  for (const n of names) c.reply.bulk(n);
}

/* ACL WHOAMI */
function whoami(c: Client): void {
  c.reply.bulk(c.user);
}

/* ACL CAT [category] */
function cat(c: Client, argv: string[]): void {
  if (argv.length === 2) {
    c.reply.array(ACL_CATEGORIES.length);
    for (const k of ACL_CATEGORIES) c.reply.bulk(k);
    return;
  }
  const want = argv[2].toLowerCase();
  if (!(ACL_CATEGORIES as readonly string[]).includes(want)) return c.reply.error(`ERR Unknown category '${argv[2]}'`);
  const acl = c.server.acl;
  const names: string[] = [];
  for (const e of c.server.table.all()) if (acl.categoriesOf(e).has(want)) names.push(e.fullName);
  c.reply.array(names.length);
  for (const n of names) c.reply.bulk(n);
}

/* ACL LOG [count | RESET] */
function log(c: Client, argv: string[]): void {
  const acl = c.server.acl;
  if (argv.length > 3) return c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try ACL HELP.`);
  let count = acl.log.length;
  if (argv.length === 3) {
    if (argv[2].toLowerCase() === 'reset') {
      acl.log = [];
      return c.reply.raw(OK);
    }
    const n = parseStrictInt(argv[2]);
    if (n === null) return c.reply.error(ERR.notInteger);
    count = Math.max(0, Math.min(n, count));
  }
  const now = Date.now();
  const w = c.reply;
  w.array(count);
  for (let i = 0; i < count; i++) {
    const e = acl.log[i];
    w.map(7);
    w.bulk('count');
    w.integer(e.count);
    w.bulk('reason');
    w.bulk(e.reason);
    w.bulk('context');
    w.bulk(e.context);
    w.bulk('object');
    w.bulk(e.object);
    w.bulk('username');
    w.bulk(e.username);
    w.bulk('age-seconds');
    w.double((now - e.created) / 1000);
    w.bulk('client-info');
    w.bulk(e.clientInfo);
  }
}

/* ACL SAVE */
function save(c: Client): void {
  const file = c.server.config.str('aclfile');
  if (file === '') return c.reply.error(NO_ACLFILE);
  try {
    c.server.acl.saveFile(file);
  } catch {
    return c.reply.error('ERR There was an error trying to save the ACLs. Please check the server logs for more information');
  }
  c.reply.raw(OK);
}

/* ACL LOAD */
function load(c: Client): void {
  const file = c.server.config.str('aclfile');
  if (file === '') return c.reply.error(NO_ACLFILE);
  const err = loadAclFile(c.server.acl, file, c);
  if (err !== null) return c.reply.error('ERR ' + err);
  c.reply.raw(OK);
}

/**
 * Reads and installs an ACL file (ACL LOAD, start-up). Returns Redis's error text or null; on
 * error the users in force stay unchanged.
 */
export function loadAclFile(acl: Acl, file: string, caller: Client | null = null): string | null {
  let lines;
  try {
    lines = Acl.readFileLines(file);
  } catch (e) {
    return `Error loading ACLs, opening file '${file}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`;
  }
  const users = acl.buildUsers(lines, true);
  if (typeof users === 'string') return users;
  acl.current = caller;
  try {
    acl.install(users);
  } finally {
    acl.current = null;
  }
  return null;
}

/* ACL DRYRUN username command [arg ...] */
function dryrun(c: Client, argv: string[]): void {
  const acl = c.server.acl;
  const u = acl.users.get(argv[2]);
  if (u === undefined) return c.reply.error(`ERR User '${argv[2]}' not found`);
  let e = c.server.table.get(argv[3]);
  if (e === undefined) return c.reply.error(`ERR Command '${argv[3]}' not found`);
  const args = argv.slice(3);
  if (e.subcommands !== null && args.length >= 2) {
    const sub = e.subcommands.get(args[1].toLowerCase());
    if (sub === undefined) return c.reply.error(`ERR Command '${argv[3]}' not found`);
    e = sub;
  }
  const arity = e.spec.arity;
  if ((arity > 0 && args.length !== arity) || args.length < -arity) return c.reply.error(ERR.wrongArgs(e.fullName));
  const r = acl.check(u, e, args);
  if (r.denied === Denied.None) return c.reply.raw(OK);
  c.reply.bulk(dryRunMessage(r.denied, e, args, r.pos));
}

/* ACL GENPASS [bits] */
function genpass(c: Client, argv: string[]): void {
  let bits = 256;
  if (argv.length > 3) return c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try ACL HELP.`);
  if (argv.length === 3) {
    const n = parseStrictInt(argv[2]);
    if (n === null) return c.reply.error(ERR.notInteger);
    if (n <= 0 || n > 4096) return c.reply.error('ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096');
    bits = n;
  }
  c.reply.bulk(genPass(bits));
}

const HELP = [
  'ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CAT [<category>]',
  '    List all commands that belong to <category>, or all command categories',
  '    when no category is specified.',
  'DELUSER <username> [<username> ...]',
  '    Delete a list of users.',
  'DRYRUN <username> <command> [<arg> ...]',
  '    Returns whether the user can execute the given command without executing the command.',
  'GETUSER <username>',
  "    Get the user's details.",
  'GENPASS [<bits>]',
  '    Generate a secure 256-bit user password. The optional `bits` argument can',
  '    be used to specify a different size.',
  'LIST',
  '    Show users details in config file format.',
  'LOAD',
  '    Reload users from the ACL file.',
  'LOG [<count> | RESET]',
  '    Show the ACL log entries.',
  'SAVE',
  '    Save the current config to the ACL file.',
  'SETUSER <username> <attribute> [<attribute> ...]',
  '    Create or modify a user with the specified attributes.',
  'USERS',
  '    List all the registered usernames.',
  'WHOAMI',
  '    Return the current connection username.',
  'HELP',
  '    Prints this help.',
];

/* ACL HELP */
function help(c: Client): void {
  c.reply.array(HELP.length);
  for (const line of HELP) c.reply.simple(line);
}

type Sub = { name: string; arity: number; admin?: boolean; summary: string; since: string; complexity?: string; handler: (c: Client, argv: string[]) => void };

function sub(s: Sub): CommandSpec {
  return cmd({
    name: s.name,
    arity: s.arity,
    flags: s.name === 'help' ? ['loading', 'stale'] : s.admin ? ['admin', 'noscript', 'loading', 'stale'] : ['noscript', 'loading', 'stale'],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'server',
    since: s.since,
    summary: s.summary,
    complexity: s.complexity ?? 'O(1)',
    handler: s.handler,
  });
}

export const aclCommands = [
  cmd({
    name: 'acl',
    arity: -2,
    flags: [],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'server',
    since: '6.0.0',
    summary: 'A container for Access List Control commands ',
    complexity: 'Depends on subcommand.',
    subcommands: [
      sub({ name: 'cat', arity: -2, summary: 'List the ACL categories or the commands inside a category', since: '6.0.0', complexity: 'O(1) since the categories and commands are a fixed set.', handler: cat }),
      sub({ name: 'deluser', arity: -3, admin: true, summary: 'Remove the specified ACL users and the associated rules', since: '6.0.0', complexity: 'O(1) amortized time considering the typical user.', handler: deluser }),
      sub({ name: 'dryrun', arity: -4, admin: true, summary: 'Returns whether the user can execute the given command without executing the command.', since: '7.0.0', complexity: 'O(1).', handler: dryrun }),
      sub({ name: 'genpass', arity: -2, summary: 'Generate a pseudorandom secure password to use for ACL users', since: '6.0.0', handler: genpass }),
      sub({ name: 'getuser', arity: 3, admin: true, summary: 'Get the rules for a specific ACL user', since: '6.0.0', complexity: 'O(N). Where N is the number of password, command and pattern rules that the user has.', handler: getuser }),
      sub({ name: 'help', arity: 2, summary: 'Show helpful text about the different subcommands', since: '6.0.0', handler: help }),
      sub({ name: 'list', arity: 2, admin: true, summary: 'List the current ACL rules in ACL config file format', since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', handler: list }),
      sub({ name: 'load', arity: 2, admin: true, summary: 'Reload the ACLs from the configured ACL file', since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', handler: load }),
      sub({ name: 'log', arity: -2, admin: true, summary: 'List latest events denied because of ACLs in place', since: '6.0.0', complexity: 'O(N) with N being the number of entries shown.', handler: log }),
      sub({ name: 'save', arity: 2, admin: true, summary: 'Save the current ACL rules in the configured ACL file', since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', handler: save }),
      sub({ name: 'setuser', arity: -3, admin: true, summary: 'Modify or create the rules for a specific ACL user', since: '6.0.0', complexity: 'O(N). Where N is the number of rules provided.', handler: setuser }),
      sub({ name: 'users', arity: 2, admin: true, summary: 'List the username of all the configured ACL rules', since: '6.0.0', complexity: 'O(N). Where N is the number of configured users.', handler: users }),
      sub({ name: 'whoami', arity: 2, summary: 'Return the name of the user associated to the current connection', since: '6.0.0', handler: whoami }),
    ],
  }),
] satisfies CommandSpec[];

/**
 * Start-up (Redis's ACLLoadUsersAtStartup): `user` lines from the config, or the aclfile, but
 * never both. Returns the lines to log before exiting with an error, or null.
 */
export function loadStartupUsers(server: { acl: Acl; config: { str(n: string): string; users: string[][] } }): string[] | null {
  const { acl, config } = server;
  const file = config.str('aclfile');
  if (file !== '' && config.users.length > 0) {
    return [
      'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid. This setup is very likely to lead to configuration errors and security holes, please define either an ACL file or declare users directly in your redis.conf, but not both.',
    ];
  }
  if (file !== '') {
    const err = loadAclFile(acl, file);
    return err === null ? null : [`Aborting Redis startup because of ACL errors: ${err}`];
  }
  const seen = new Set<string>();
  for (const [name, ...rules] of config.users) {
    if (seen.has(name)) return [`Error in user declaration '${name}': Duplicate user found. A user can only be defined once in config files`];
    seen.add(name);
    if (name === 'default') acl.applyUserRule(acl.defaultUser, 'reset');
    const err = acl.setUser(name, rules);
    if (err !== null) {
      const m = /^ERR Error in ACL SETUSER modifier '(.*)': (.*)$/s.exec(err);
      return [m ? `Error loading ACL rule '${m[1]}' for the user named '${name}': ${m[2]}` : err.replace(/^ERR /, ''), 'Critical error while loading ACLs. Exiting.'];
    }
  }
  return null;
}
