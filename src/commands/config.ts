/**
 * config family: CONFIG GET / SET / RESETSTAT / REWRITE / HELP (Redis's config.c handlers).
 * The directives, their parsing and printing live in src/config; this file only talks RESP.
 */
import type { Client } from '../server/client.js';
import { OK } from '../protocol/shared.js';
import { globMatch } from '../store/glob.js';
import { rewriteConfigFile } from '../config/rewrite.js';
import { logger } from '../server/log.js';
import { cmd, type CommandSpec } from './types.js';

/* CONFIG GET parameter [parameter ...] */
function configGet(c: Client, argv: string[]): void {
  const pairs = c.server.config.getMatching(argv.slice(2), (p, name) => globMatch(p, name, true));
  c.reply.map(pairs.length);
  for (const [k, v] of pairs) {
    c.reply.bulk(k);
    c.reply.bulk(v);
  }
}

/** enable-protected-configs: yes, or local for loopback clients (Redis's allowProtectedAction). */
function allowProtected(c: Client): boolean {
  const mode = c.server.config.str('enable-protected-configs');
  if (mode === 'yes') return true;
  if (mode !== 'local') return false;
  const host = c.addr.slice(0, c.addr.lastIndexOf(':'));
  return host === '127.0.0.1' || host === '::1' || host.startsWith('127.');
}

/* CONFIG SET parameter value [parameter value ...] */
function configSet(c: Client, argv: string[]): void {
  if (argv.length % 2 === 1) return c.reply.error('ERR syntax error');
  const pairs: Array<[string, string]> = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], argv[i + 1]]);
  const config = c.server.config;
  const changed: string[] = [];
  // Values before the change, for undoing a failed rebind.
  const before = pairs.map(([name]) => [name, config.getText(name) ?? ''] as [string, string]);
  const err = config.setMany(pairs, allowProtected(c), changed);
  if (err !== null) return c.reply.error('ERR ' + err);
  const rebind = changed.includes('port') || changed.includes('bind');
  if (!rebind) return c.reply.raw(OK);
  // A new port or bind list needs new listeners: Node binds asynchronously, so the client
  // waits (blocked) for the outcome, and on failure every value of this call is put back.
  c.block('config-set');
  c.server.rebind().then(
    () => {
      c.reply.raw(OK);
      c.flush();
      c.unblock();
    },
    (e: Error) => {
      logger.warning(`Failed applying new configuration (${e.message}). Restoring previous settings.`);
      config.setMany(before, true);
      const what = changed.includes('port') ? 'port' : 'bind';
      c.server.rebind().catch((e2: Error) => logger.warning(`Could not restore the previous listeners: ${e2.message}`));
      c.reply.error(
        what === 'port'
          ? "ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs."
          : "ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.",
      );
      c.flush();
      c.unblock();
    },
  );
}

/* CONFIG RESETSTAT */
function configResetstat(c: Client): void {
  c.server.resetStats();
  c.reply.raw(OK);
}

/* CONFIG REWRITE */
function configRewrite(c: Client): void {
  const config = c.server.config;
  if (!config.file) return c.reply.error('ERR The server is running without a config file');
  try {
    rewriteConfigFile(config);
  } catch (e) {
    const msg = (e as NodeJS.ErrnoException).code ? errnoText(e as NodeJS.ErrnoException) : (e as Error).message;
    logger.warning(`CONFIG REWRITE failed: ${msg}`);
    return c.reply.error(`ERR Rewriting config file: ${msg}`);
  }
  logger.notice('CONFIG REWRITE executed with success.');
  c.reply.raw(OK);
}

function errnoText(e: NodeJS.ErrnoException): string {
  if (e.code === 'EACCES') return 'Permission denied';
  if (e.code === 'ENOENT') return 'No such file or directory';
  return e.message;
}

const HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
  'HELP',
  '    Prints this help.',
];

/* CONFIG HELP */
function configHelp(c: Client): void {
  c.reply.array(HELP.length);
  for (const line of HELP) c.reply.simple(line);
}

type Sub = { name: string; arity: number; summary: string; since: string; complexity: string; tips?: readonly string[]; handler: (c: Client, argv: string[]) => void };

function sub(s: Sub): CommandSpec {
  return cmd({
    name: s.name,
    arity: s.arity,
    flags: s.name === 'help' ? ['loading', 'stale'] : ['admin', 'noscript', 'loading', 'stale'],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'server',
    acl: s.name === 'help' ? undefined : ['dangerous'],
    since: s.since,
    summary: s.summary,
    complexity: s.complexity,
    tips: s.tips,
    handler: s.handler,
  });
}

export const configCommands = [
  cmd({
    name: 'config',
    arity: -2,
    flags: [],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'server',
    since: '2.0.0',
    summary: 'A container for server configuration commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      sub({ name: 'get', arity: -3, summary: 'Get the values of configuration parameters', since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided', handler: configGet }),
      sub({ name: 'set', arity: -4, tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], summary: 'Set configuration parameters to the given values', since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided', handler: configSet }),
      sub({ name: 'resetstat', arity: 2, summary: 'Reset the stats returned by INFO', since: '2.0.0', complexity: 'O(1)', handler: configResetstat }),
      sub({ name: 'rewrite', arity: 2, summary: 'Rewrite the configuration file with the in memory configuration', since: '2.8.0', complexity: 'O(1)', handler: configRewrite }),
      sub({ name: 'help', arity: 2, summary: 'Show helpful text about the different subcommands', since: '5.0.0', complexity: 'O(1)', handler: configHelp }),
    ],
  }),
] satisfies CommandSpec[];
