/**
 * Server family, Petrel against redis-server 7.0: identical replies. Values that vary by nature
 * (TIME, LASTSAVE, slowlog timings) are compared by type; COMMAND LIST order is Redis's dict
 * order (compared unordered). SHUTDOWN is only sent in forms that do not stop either server.
 */
import { differential, type Step } from '../helpers/differential.js';

const typeOnly = (args: string[]): Step => ({ args, compare: 'type' });
const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });

/** The commands this family defines, for COMMAND INFO / DOCS comparisons. */
const FAMILY = ['dbsize', 'flushdb', 'flushall', 'swapdb', 'time', 'lastsave', 'shutdown', 'monitor', 'info', 'slowlog|get', 'slowlog|len', 'slowlog|reset', 'slowlog|help', 'command|count', 'command|list', 'command|info', 'command|docs', 'command|getkeys', 'command|getkeysandflags', 'command|help'];

/** Commands whose Redis docs have no history and no arguments (what COMMAND DOCS gives today). */
const DOCS_ONLY = ['dbsize', 'time', 'lastsave', 'monitor', 'slowlog|len', 'slowlog|reset', 'slowlog|help', 'command|count', 'command|getkeys', 'command|getkeysandflags', 'command|help'];

differential('server', (d) => {
  d.case('dbsize flushdb flushall', [
    ['MSET', 'a', '1', 'b', '2'],
    ['DBSIZE'],
    ['SELECT', '1'],
    ['SET', 'c', '3'],
    ['DBSIZE'],
    ['FLUSHDB'],
    ['DBSIZE'],
    ['SELECT', '0'],
    ['DBSIZE'],
    ['FLUSHDB', 'x'],
    ['FLUSHDB', 'ASYNC', 'x'],
    ['FLUSHDB', 'sync'],
    ['FLUSHALL', 'x'],
    ['FLUSHALL', 'ASYNC'],
    ['FLUSHALL', 'SYNC'],
    ['DBSIZE', 'x'],
  ]);

  d.case('swapdb', [
    ['SET', 'in0', 'a'],
    ['SELECT', '1'],
    ['SET', 'in1', 'b'],
    ['SWAPDB', '0', '1'],
    ['GET', 'in0'],
    ['GET', 'in1'],
    ['SWAPDB', '1', '1'],
    ['SWAPDB', 'a', '1'],
    ['SWAPDB', '0', 'b'],
    ['SWAPDB', '0', '99'],
    ['SWAPDB', '-1', '0'],
    ['SWAPDB', '01', '0'],
    ['SWAPDB', '0'],
    ['SWAPDB', '0', '1'],
  ]);

  d.case('time lastsave', [typeOnly(['TIME']), typeOnly(['LASTSAVE']), ['TIME', 'x'], ['LASTSAVE', 'x']]);

  d.case('slowlog', [
    ['SLOWLOG', 'RESET'],
    typeOnly(['SLOWLOG', 'LEN']),
    typeOnly(['SLOWLOG', 'GET']),
    typeOnly(['SLOWLOG', 'GET', '-1']),
    ['SLOWLOG', 'GET', '0'],
    ['SLOWLOG', 'GET', '-2'],
    ['SLOWLOG', 'GET', 'a'],
    ['SLOWLOG', 'GET', '1', '2'],
    ['SLOWLOG', 'LEN', 'x'],
    ['SLOWLOG', 'x'],
    ['SLOWLOG'],
    ['SLOWLOG', 'HELP'],
  ]);

  d.case('shutdown errors', [['SHUTDOWN', 'x'], ['SHUTDOWN', 'NOSAVE', 'SAVE'], ['SHUTDOWN', 'ABORT'], ['SHUTDOWN', 'ABORT', 'NOW'], ['SHUTDOWN', 'NOW', 'x']]);

  // COMMAND DOCS has no history or arguments lists yet: compared on commands that have neither.
  d.case('command info and docs of this family', [['COMMAND', 'INFO', ...FAMILY], ['COMMAND', 'DOCS', ...DOCS_ONLY], ['COMMAND', 'INFO', 'get', 'nosuch'], ['COMMAND', 'DOCS', 'nosuch']]);
  d.case('command info and docs in RESP3', [['COMMAND', 'INFO', ...FAMILY, 'get'], ['COMMAND', 'DOCS', ...DOCS_ONLY]], { resp3: true });

  d.case('command list', [
    unordered(['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'slowlog*']),
    unordered(['COMMAND', 'LIST', 'FILTERBY', 'pattern', 'COMMAND|G*']),
    ['COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x'],
    ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch'],
    ['COMMAND', 'LIST', 'FILTERBY', 'x', 'y'],
    ['COMMAND', 'LIST', 'FILTERBY', 'aclcat'],
    ['COMMAND', 'LIST', 'x'],
  ]);

  d.case('command getkeys', [
    ['COMMAND', 'GETKEYS', 'get', 'a'],
    ['COMMAND', 'GETKEYS', 'GET', 'a'],
    ['COMMAND', 'GETKEYS', 'mset', 'a', 'b', 'c', 'd'],
    ['COMMAND', 'GETKEYS', 'get'],
    ['COMMAND', 'GETKEYS', 'get', 'a', 'b'],
    ['COMMAND', 'GETKEYS', 'ping', 'x'],
    ['COMMAND', 'GETKEYS', 'nosuch', 'x'],
    ['COMMAND', 'GETKEYS', 'slowlog', 'get'],
    ['COMMAND', 'GETKEYSANDFLAGS', 'get', 'a'],
    ['COMMAND', 'GETKEYSANDFLAGS', 'nosuch', 'a'],
  ]);

  d.case('command help and errors', [['COMMAND', 'HELP'], ['COMMAND', 'FOO'], ['COMMAND', 'COUNT', 'x'], ['COMMAND', 'HELP', 'x']]);

  d.case('info selection', [['INFO', 'nosuch'], ['INFO', 'cluster'], ['INFO', 'CLUSTER', 'nosuch'], ['INFO', 'modules']]);
  d.case('info in RESP3', [['INFO', 'cluster'], ['INFO', 'nosuch']], { resp3: true });

  d.case('monitor twice', [['MONITOR'], typeOnly(['PING'])]);
});
