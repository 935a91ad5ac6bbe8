/**
 * Replies and error strings encoded once and reused (Garnet's CmdStrings habit). Error texts are
 * Redis 7.0's, word for word: clients and tests match on them.
 */
export const OK = Buffer.from('+OK\r\n');
export const PONG = Buffer.from('+PONG\r\n');
export const QUEUED = Buffer.from('+QUEUED\r\n');
export const ZERO = Buffer.from(':0\r\n');
export const ONE = Buffer.from(':1\r\n');
export const EMPTY_ARRAY = Buffer.from('*0\r\n');

export const ERR = {
  syntax: 'ERR syntax error',
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  overflow: 'ERR increment or decrement would overflow',
  noSuchKey: 'ERR no such key',
  outOfRange: 'ERR index out of range',
  dbIndex: 'ERR DB index is out of range',
  invalidExpire: (cmd: string) => `ERR invalid expire time in '${cmd}' command`,
  wrongArgs: (cmd: string) => `ERR wrong number of arguments for '${cmd}' command`,
  unknownCommand: (name: string, args: string[]) => {
    // Redis appends quoted arguments while the list is shorter than 128 bytes, each cut to fit.
    let list = '';
    for (let i = 0; i < args.length && list.length < 128; i++) list += `'${args[i].slice(0, 128 - list.length)}' `;
    return `ERR unknown command '${clip(name)}', with args beginning with: ${list}`;
  },
  unknownSubcommand: (sub: string, cmd: string) =>
    `ERR unknown subcommand '${clip(sub)}'. Try ${cmd.toUpperCase()} HELP.`,
  readonly: "READONLY You can't write against a read only replica.",
  noAuth: 'NOAUTH Authentication required.',
  loading: 'LOADING Redis is loading the dataset in memory',
} as const;

/** Redis truncates echoed names and arguments in errors to 128 bytes. */
function clip(s: string): string {
  return s.length > 128 ? s.slice(0, 128) : s;
}
