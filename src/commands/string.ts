/**
 * String family (Redis's t_string.c).
 */
import type { Client } from '../server/client.js';
import { ERR, OK } from '../protocol/shared.js';
import { cmd, type CommandSpec } from './types.js';

/* GET key */
function get(c: Client, argv: string[]): void {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.null();
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  c.reply.bulk(v);
}

/* SET key value (options arrive with the string family work) */
function set(c: Client, argv: string[]): void {
  if (argv.length !== 3) return c.reply.error(ERR.syntax);
  c.db.set(argv[1], argv[2]);
  c.server.dirty++;
  c.reply.raw(OK);
}

export const stringCommands = [
  cmd({ name: 'get', arity: 2, flags: ['readonly', 'fast'], firstKey: 1, lastKey: 1, step: 1, group: 'string', since: '1.0.0', summary: 'Get the value of a key', complexity: 'O(1)', handler: get }),
  cmd({ name: 'set', arity: -3, flags: ['write', 'denyoom'], firstKey: 1, lastKey: 1, step: 1, group: 'string', since: '1.0.0', summary: 'Set the string value of a key', complexity: 'O(1)', handler: set }),
] satisfies CommandSpec[];
