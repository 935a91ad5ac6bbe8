/**
 * List family, Petrel against redis-server 7.0: identical replies for every non-blocking list
 * command (errors included), plus the blocking commands where they do not block (a non-empty
 * key, or argument errors). Blocking behaviour itself is in test/integration/blocking.test.ts.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

differential('list', (d) => {
  d.case('push and pop', [
    ['LPUSH', 'l', 'a', 'b', 'c'],
    ['RPUSH', 'l', 'x', 'y'],
    ['LRANGE', 'l', '0', '-1'],
    ['LPUSHX', 'nol', 'a'],
    ['RPUSHX', 'nol', 'a'],
    ['EXISTS', 'nol'],
    ['LPUSHX', 'l', '1', '2'],
    ['RPUSHX', 'l', '3'],
    ['LLEN', 'l'],
    ['LPOP', 'l'],
    ['RPOP', 'l'],
    ['LPOP', 'l', '2'],
    ['RPOP', 'l', '2'],
    ['LPOP', 'l', '0'],
    ['LPOP', 'l', '100'],
    ['EXISTS', 'l'],
    ['LPOP', 'l'],
    ['LPOP', 'l', '0'],
    ['RPOP', 'l', '3'],
    ['LLEN', 'l'],
    ['LPUSH', 'l'],
    ['LPOP', 'l', '1', '2'],
    ['RPUSH', 'l', 'a'],
    ['LPOP', 'l', '-1'],
    ['LPOP', 'l', 'x'],
    ['LPOP', 'l', '9223372036854775808'],
    ['RPOP', 'l', '9223372036854775807'],
    ['OBJECT', 'ENCODING', 'l'],
  ]);
  d.case('push and pop in RESP3', [['RPUSH', 'l', 'a', 'b'], ['LPOP', 'nol'], ['LPOP', 'nol', '2'], ['LPOP', 'l', '0'], ['RPOP', 'l', '5'], ['LMPOP', '1', 'nol', 'LEFT']], { resp3: true });
  d.case('wrong type', [
    ['SET', 's', 'v'],
    ['LPUSH', 's', 'a'],
    ['RPUSHX', 's', 'a'],
    ['LPOP', 's'],
    ['LPOP', 's', '0'],
    ['LLEN', 's'],
    ['LINDEX', 's', '0'],
    ['LSET', 's', '0', 'a'],
    ['LRANGE', 's', '0', '-1'],
    ['LTRIM', 's', '0', '1'],
    ['LREM', 's', '0', 'a'],
    ['LINSERT', 's', 'BEFORE', 'a', 'b'],
    ['LPOS', 's', 'a'],
    ['RPOPLPUSH', 's', 'd'],
    ['RPUSH', 'l', 'a'],
    ['RPOPLPUSH', 'l', 's'],
    ['LMOVE', 'l', 's', 'LEFT', 'RIGHT'],
    ['LRANGE', 'l', '0', '-1'],
    ['LMPOP', '2', 'nol', 's', 'LEFT'],
    ['LMPOP', '2', 'l', 's', 'LEFT'],
    ['BLPOP', 's', '0'],
    ['BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0'],
    ['BLMPOP', '0', '1', 's', 'LEFT'],
  ]);
  d.case('lindex lset lrange ltrim', [
    ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
    ['LINDEX', 'l', '0'],
    ['LINDEX', 'l', '-1'],
    ['LINDEX', 'l', '5'],
    ['LINDEX', 'l', '-6'],
    ['LINDEX', 'l', 'x'],
    ['LINDEX', 'nol', 'x'],
    ['LSET', 'l', '1', 'B'],
    ['LSET', 'l', '-1', 'E'],
    ['LSET', 'l', '5', 'x'],
    ['LSET', 'l', 'x', 'x'],
    ['LSET', 'nol', 'x', 'x'],
    ['LSET', 'nol', '0', 'x'],
    ['LRANGE', 'l', '0', '-1'],
    ['LRANGE', 'l', '-100', '100'],
    ['LRANGE', 'l', '3', '1'],
    ['LRANGE', 'l', '5', '10'],
    ['LRANGE', 'l', '-2', '-1'],
    ['LRANGE', 'l', '0', 'x'],
    ['LRANGE', 'nol', '0', 'x'],
    ['LRANGE', 'nol', '0', '-1'],
    ['LTRIM', 'l', '1', '-2'],
    ['LRANGE', 'l', '0', '-1'],
    ['LTRIM', 'l', 'a', '1'],
    ['LTRIM', 'nol', '0', '1'],
    ['LTRIM', 'l', '-100', '100'],
    ['LRANGE', 'l', '0', '-1'],
    ['LTRIM', 'l', '2', '1'],
    ['EXISTS', 'l'],
    ['RPUSH', 'l', 'a', 'b'],
    ['LTRIM', 'l', '5', '10'],
    ['EXISTS', 'l'],
  ]);
  d.case('lrem linsert', [
    ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'],
    ['LREM', 'l', '2', 'a'],
    ['LRANGE', 'l', '0', '-1'],
    ['LREM', 'l', '-1', 'a'],
    ['LRANGE', 'l', '0', '-1'],
    ['LREM', 'l', '0', 'b'],
    ['LRANGE', 'l', '0', '-1'],
    ['LREM', 'l', '0', 'zz'],
    ['LREM', 'l', 'x', 'a'],
    ['LREM', 'nol', '0', 'a'],
    ['LINSERT', 'l', 'BEFORE', 'c', 'X'],
    ['LINSERT', 'l', 'after', 'c', 'Y'],
    ['LINSERT', 'l', 'AFTER', 'a', 'Z'],
    ['LINSERT', 'l', 'before', 'nope', 'Z'],
    ['LINSERT', 'l', 'middle', 'a', 'Z'],
    ['LINSERT', 'nol', 'before', 'a', 'Z'],
    ['LINSERT', 'nol', 'middle', 'a', 'Z'],
    ['LRANGE', 'l', '0', '-1'],
    ['LREM', 'l', '0', 'a'],
    ['LREM', 'l', '0', 'X'],
    ['LREM', 'l', '0', 'Y'],
    ['LREM', 'l', '0', 'c'],
    ['LREM', 'l', '0', 'Z'],
    ['EXISTS', 'l'],
  ]);
  d.case('lpos', [
    ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', 'a'],
    ['LPOS', 'l', 'a'],
    ['LPOS', 'l', 'c'],
    ['LPOS', 'l', 'z'],
    ['LPOS', 'l', 'a', 'RANK', '2'],
    ['LPOS', 'l', 'a', 'RANK', '-1'],
    ['LPOS', 'l', 'a', 'RANK', '-3'],
    ['LPOS', 'l', 'a', 'RANK', '4'],
    ['LPOS', 'l', 'a', 'COUNT', '0'],
    ['LPOS', 'l', 'a', 'COUNT', '2'],
    ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '2'],
    ['LPOS', 'l', 'a', 'COUNT', '0', 'RANK', '-1'],
    ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4'],
    ['LPOS', 'l', 'a', 'COUNT', '0', 'RANK', '-2', 'MAXLEN', '3'],
    ['LPOS', 'l', 'b', 'MAXLEN', '1'],
    ['LPOS', 'l', 'z', 'COUNT', '3'],
    ['LPOS', 'l', 'a', 'RANK', '0'],
    ['LPOS', 'l', 'a', 'RANK', 'x'],
    ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808'],
    ['LPOS', 'l', 'a', 'COUNT', '-1'],
    ['LPOS', 'l', 'a', 'COUNT', 'x'],
    ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
    ['LPOS', 'l', 'a', 'MAXLEN', 'x'],
    ['LPOS', 'l', 'a', 'RANK'],
    ['LPOS', 'l', 'a', 'FOO', '1'],
    ['LPOS', 'nol', 'a'],
    ['LPOS', 'nol', 'a', 'COUNT', '1'],
    ['LPOS', 'nol', 'a', 'RANK', '0'],
    ['LPOS', 'l', 'a', 'count', '1', 'count', '3'],
  ]);
  d.case('rpoplpush lmove', [
    ['RPUSH', 'src', 'a', 'b', 'c'],
    ['RPOPLPUSH', 'src', 'dst'],
    ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
    ['LMOVE', 'src', 'dst', 'right', 'left'],
    ['LRANGE', 'dst', '0', '-1'],
    ['EXISTS', 'src'],
    ['RPOPLPUSH', 'src', 'dst'],
    ['LMOVE', 'dst', 'dst', 'LEFT', 'RIGHT'],
    ['LRANGE', 'dst', '0', '-1'],
    ['RPUSH', 'one', 'x'],
    ['RPOPLPUSH', 'one', 'one'],
    ['LRANGE', 'one', '0', '-1'],
    ['LMOVE', 'one', 'one', 'LEFT', 'LEFT'],
    ['LMOVE', 'dst', 'x', 'UP', 'LEFT'],
    ['LMOVE', 'dst', 'x', 'LEFT', 'DOWN'],
    ['LMOVE', 'nol', 'x', 'DOWN', 'LEFT'],
    ['LMOVE', 'nol', 'x', 'LEFT', 'LEFT'],
    ['BLMOVE', 'dst', 'x', 'RIGHT', 'LEFT', '0'],
    ['BRPOPLPUSH', 'dst', 'x', '0'],
    ['LRANGE', 'x', '0', '-1'],
    ['BLMOVE', 'dst', 'x', 'UP', 'LEFT', '0'],
    ['BLMOVE', 'dst', 'x', 'LEFT', 'LEFT', 'x'],
    ['BRPOPLPUSH', 'dst', 'x', '-1'],
  ]);
  d.case('lmpop and blocking forms that do not block', [
    ['RPUSH', 'a', '1', '2', '3'],
    ['RPUSH', 'b', '4', '5'],
    ['LMPOP', '2', 'nol', 'a', 'LEFT'],
    ['LMPOP', '2', 'nol', 'a', 'RIGHT', 'COUNT', '10'],
    ['LMPOP', '2', 'a', 'b', 'left', 'count', '1'],
    ['LMPOP', '1', 'nol', 'LEFT'],
    ['LMPOP', '0', 'b', 'LEFT'],
    ['LMPOP', '-1', 'b', 'LEFT'],
    ['LMPOP', 'x', 'b', 'LEFT'],
    ['LMPOP', '2', 'b', 'LEFT'],
    ['LMPOP', '1', 'b', 'MIDDLE'],
    ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '0'],
    ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '-1'],
    ['LMPOP', '1', 'b', 'LEFT', 'COUNT', 'x'],
    ['LMPOP', '1', 'b', 'LEFT', 'COUNT'],
    ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
    ['LMPOP', '1', 'b', 'LEFT', 'FOO'],
    ['LMPOP', '999999999999', 'b', 'LEFT'],
    ['LMPOP', '1', 'b'],
    ['RPUSH', 'c', 'x', 'y', 'z'],
    ['BLPOP', 'nol', 'c', '0'],
    ['BRPOP', 'nol', 'c', '1.5'],
    ['BLMPOP', '0', '2', 'nol', 'c', 'RIGHT', 'COUNT', '5'],
    ['EXISTS', 'c'],
    ['BLPOP', 'c', 'x'],
    ['BLPOP', 'c', '-1'],
    ['BLPOP', 'c', 'inf'],
    ['BLPOP', 'c', '1e30'],
    ['BLPOP', 'c', ' 1'],
    ['BLPOP', 'c', ''],
    ['BLMPOP', 'x', '1', 'c', 'LEFT'],
    ['BLMPOP', '0', '0', 'c', 'LEFT'],
    ['BLMPOP', '0', '1', 'c', 'UP'],
    ['BLMPOP', '0', '1', 'c', 'LEFT', 'COUNT', '0'],
    ['BLMPOP', '0', '2', 'c'],
    ['BLPOP', 'c'],
  ]);
  d.case('binary elements and digest', [
    ['RPUSH', 'bin\x00\xff', '\x00', '\r\n', '\xff\xfe', ''],
    ['LRANGE', 'bin\x00\xff', '0', '-1'],
    ['LPOS', 'bin\x00\xff', ''],
    ['RPUSH', 'l2', 'a', 'b', 'c'],
    ['PEXPIRE', 'l2', '100000'],
    ['DEBUG', 'DIGEST'],
    ['DEBUG', 'DIGEST-VALUE', 'bin\x00\xff', 'l2'],
    ['LPUSH', 'l2', 'z'],
    { args: ['PTTL', 'l2'], compare: 'type' },
    ['TYPE', 'l2'],
  ]);

  const keys = ['l1', 'l2', 'l3', 'str'];
  const els = ['a', 'b', 'c', 'd', '1', '-1', ''];
  const idx = (r: Rng): string => String(r.int(-8, 8));
  const gen = (r: Rng): Step => {
    const k = r.pick(keys);
    const e = (): string => r.pick(els);
    switch (r.int(0, 21)) {
      case 0:
        return ['LPUSH', k, e(), e()];
      case 1:
        return ['RPUSH', k, e(), e(), e()];
      case 2:
        return [r.pick(['LPUSHX', 'RPUSHX']), k, e()];
      case 3:
        return [r.pick(['LPOP', 'RPOP']), k];
      case 4:
        return [r.pick(['LPOP', 'RPOP']), k, String(r.int(0, 4))];
      case 5:
        return ['LLEN', k];
      case 6:
        return ['LINDEX', k, idx(r)];
      case 7:
        return ['LSET', k, idx(r), e()];
      case 8:
        return ['LRANGE', k, idx(r), idx(r)];
      case 9:
        return ['LTRIM', k, idx(r), idx(r)];
      case 10:
        return ['LREM', k, String(r.int(-3, 3)), e()];
      case 11:
        return ['LINSERT', k, r.pick(['BEFORE', 'AFTER']), e(), e()];
      case 12: {
        const args = ['LPOS', k, e()];
        if (r.bool()) args.push('RANK', String(r.pick([-3, -2, -1, 1, 2, 3])));
        if (r.bool()) args.push('COUNT', String(r.int(0, 3)));
        if (r.bool(0.3)) args.push('MAXLEN', String(r.int(0, 5)));
        return args;
      }
      case 13:
        return ['RPOPLPUSH', k, r.pick(keys)];
      case 14:
        return ['LMOVE', k, r.pick(keys), r.pick(['LEFT', 'RIGHT']), r.pick(['LEFT', 'RIGHT'])];
      case 15: {
        const ks = [k, r.pick(keys)];
        const args = ['LMPOP', '2', ...ks, r.pick(['LEFT', 'RIGHT'])];
        if (r.bool()) args.push('COUNT', String(r.int(1, 4)));
        return args;
      }
      case 16:
        return [r.pick(['BLPOP', 'BRPOP']), k, r.pick(keys), '0.01'];
      case 17:
        return ['LRANGE', k, '0', '-1'];
      case 18:
        return ['SET', 'str', e()];
      case 19:
        return ['EXISTS', k];
      case 20:
        return ['DEBUG', 'DIGEST-VALUE', k];
      default:
        return ['DEBUG', 'DIGEST'];
    }
  };
  d.random('random list sequences', { steps: 600, gen });
  d.random('random list sequences (RESP3)', { steps: 300, gen, resp3: true });
});
