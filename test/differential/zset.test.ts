/**
 * Sorted-set family, Petrel against redis-server 7.0: identical replies, errors included, in
 * RESP2 and RESP3, plus random sequences mixing writes and range queries on small (listpack)
 * and large (skiplist) sets, checked at the end with DEBUG DIGEST-VALUE and OBJECT ENCODING.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });
const typeOnly = (args: string[]): Step => ({ args, compare: 'type' });

/** Steps that fill `key` with n members m0..m(n-1) with scores i*step. */
function fill(key: string, n: number, step = 1, prefix = 'm'): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < n; i += 50) {
    const args = ['ZADD', key];
    for (let j = i; j < Math.min(n, i + 50); j++) args.push(String(j * step), `${prefix}${j}`);
    out.push(args);
  }
  return out;
}

const SCORES = ['0', '1', '-1', '1.5', '-0', '0.1', '1e3', '3.0000000000000004', 'inf', '-inf', '+inf', '2.5e-5', '123456789012345678', '0x10', '1e308', '-2'];

function randomScore(rng: Rng): string {
  return rng.bool(0.6) ? String(rng.int(-5, 5)) : rng.pick(SCORES);
}

function scoreBound(rng: Rng): string {
  const s = rng.pick(['-inf', '+inf', String(rng.int(-6, 6)), String(rng.int(-6, 6)) + '.5']);
  return rng.bool(0.3) && !s.endsWith('inf') ? '(' + s : s;
}

function lexBound(rng: Rng): string {
  const r = rng.int(0, 9);
  if (r === 0) return '-';
  if (r === 1) return '+';
  return (rng.bool() ? '[' : '(') + rng.str(rng.int(0, 2));
}

/** One random command over keys z:0..2 (members from a small alphabet). */
function randomZsetOp(rng: Rng, prefix: string, members: number): Step {
  const key = `${prefix}:${rng.int(0, 2)}`;
  const m = (): string => `m${rng.int(0, members)}`;
  switch (rng.int(0, 22)) {
    case 0:
    case 1:
    case 2: {
      const args = ['ZADD', key, ...rng.pick([[], [], ['NX'], ['XX'], ['GT'], ['LT'], ['CH'], ['GT', 'CH'], ['XX', 'LT', 'CH']])];
      const n = rng.int(1, 4);
      for (let i = 0; i < n; i++) args.push(randomScore(rng), m());
      return args;
    }
    case 3:
      return ['ZADD', key, ...rng.pick([['INCR'], ['NX', 'INCR'], ['XX', 'INCR'], ['GT', 'INCR']]), randomScore(rng), m()];
    case 4:
      return ['ZINCRBY', key, randomScore(rng), m()];
    case 5:
      return ['ZREM', key, m(), m()];
    case 6:
      return ['ZRANGE', key, String(rng.int(-8, 8)), String(rng.int(-8, 8)), ...rng.pick([[], ['WITHSCORES'], ['REV'], ['REV', 'WITHSCORES']])];
    case 7:
      return ['ZRANGE', key, scoreBound(rng), scoreBound(rng), 'BYSCORE', ...rng.pick([[], ['WITHSCORES'], ['REV'], ['LIMIT', String(rng.int(-1, 3)), String(rng.int(-1, 4))], ['REV', 'LIMIT', '1', '2', 'WITHSCORES']])];
    case 8:
      return ['ZRANGEBYSCORE', key, scoreBound(rng), scoreBound(rng), 'WITHSCORES'];
    case 9:
      return ['ZREVRANGEBYSCORE', key, scoreBound(rng), scoreBound(rng), 'LIMIT', String(rng.int(0, 3)), String(rng.int(-1, 3))];
    case 10:
      return ['ZCOUNT', key, scoreBound(rng), scoreBound(rng)];
    case 11:
      return ['ZRANK', key, m()];
    case 12:
      return ['ZREVRANK', key, m()];
    case 13:
      return ['ZSCORE', key, m()];
    case 14:
      return ['ZMSCORE', key, m(), m()];
    case 15:
      return ['ZREMRANGEBYRANK', key, String(rng.int(-5, 5)), String(rng.int(-5, 5))];
    case 16:
      return ['ZREMRANGEBYSCORE', key, scoreBound(rng), scoreBound(rng)];
    case 17:
      return ['ZCARD', key];
    case 18:
      return [rng.pick(['ZPOPMIN', 'ZPOPMAX']), key, ...rng.pick([[], ['1'], ['2']])];
    case 19:
      return [rng.pick(['ZUNIONSTORE', 'ZINTERSTORE']), `${prefix}:${rng.int(0, 2)}`, '2', key, `${prefix}:${rng.int(0, 2)}`, ...rng.pick([[], ['WEIGHTS', '2', '0.5'], ['AGGREGATE', 'MAX'], ['AGGREGATE', 'MIN']])];
    case 20:
      return ['ZRANGESTORE', `${prefix}:${rng.int(0, 2)}`, key, String(rng.int(-4, 4)), String(rng.int(-4, 4))];
    case 21:
      return ['ZREVRANGE', key, '0', '-1', 'WITHSCORES'];
    default:
      return ['ZDIFF', '2', key, `${prefix}:${rng.int(0, 2)}`, 'WITHSCORES'];
  }
}

function finalChecks(prefix: string): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(['ZRANGE', `${prefix}:${i}`, '0', '-1', 'WITHSCORES']);
    out.push(['DEBUG', 'DIGEST-VALUE', `${prefix}:${i}`]);
    out.push(['OBJECT', 'ENCODING', `${prefix}:${i}`]);
  }
  out.push(['DEBUG', 'DIGEST']);
  return out;
}

differential('zset', (d) => {
  d.case('zadd options and errors', [
    ['ZADD', 'a', '1', 'x', '2', 'y'],
    ['ZADD', 'a', 'NX', 'XX', '1', 'x'],
    ['ZADD', 'a', 'GT', 'LT', '1', 'x'],
    ['ZADD', 'a', 'GT', 'NX', '1', 'x'],
    ['ZADD', 'a', 'INCR', '1', 'x', '2', 'y'],
    ['ZADD', 'a', '1', 'x', '2'],
    ['ZADD', 'a', 'nx'],
    ['ZADD', 'a', 'nan', 'x'],
    ['ZADD', 'a', 'abc', 'x'],
    ['ZADD', 'a', ' 1', 'x'],
    ['ZADD', 'a', '1 ', 'x'],
    ['ZADD', 'a', '', 'x'],
    ['ZADD', 'a', '1e400', 'x'],
    ['ZADD', 'a', '1e-400', 'x'],
    ['ZADD', 'a', '0x1p3', 'hex'],
    ['ZADD', 'a', '-0', 'negzero'],
    ['ZADD', 'a', '1e-310', 'tiny'],
    ['ZADD', 'a', 'Infinity', 'big'],
    ['ZADD', 'a', '.5', 'half'],
    ['ZADD', 'a', '5.', 'five'],
    ['ZADD', 'a', 'XX', '10', 'new', '10', 'x'],
    ['ZADD', 'a', 'CH', 'XX', '11', 'x', '2', 'y'],
    ['ZADD', 'a', 'GT', 'CH', '5', 'x', '20', 'y', '1', 'z'],
    ['ZADD', 'a', 'LT', 'CH', '5', 'x', '20', 'y'],
    ['ZADD', 'a', 'INCR', '1.5', 'x'],
    ['ZADD', 'a', 'INCR', 'GT', '-1', 'x'],
    ['ZADD', 'a', 'INCR', 'NX', '1', 'x'],
    ['ZADD', 'a', 'INCR', 'XX', '1', 'nothere'],
    ['ZADD', 'a', 'INCR', '0', 'x'],
    ['ZADD', 'a', 'INCR', 'inf', 'x'],
    ['ZADD', 'a', 'INCR', '-inf', 'x'],
    ['ZRANGE', 'a', '0', '-1', 'WITHSCORES'],
    ['ZADD', 'nokey', 'XX', '1', 'x'],
    ['ZADD', 'nokey', 'XX', 'INCR', '1', 'x'],
    ['EXISTS', 'nokey'],
    ['ZINCRBY', 'a', '1', 'q'],
    ['ZINCRBY', 'a', 'x', 'q'],
    ['ZINCRBY', 'a', 'nx', 'q'],
    ['ZINCRBY', 'a', '-inf', 'x'],
    ['SET', 'str', 'v'],
    ['ZADD', 'str', '1', 'x'],
    ['ZADD', 'str', 'x', 'x'],
    ['ZINCRBY', 'str', '1', 'x'],
    ['ZSCORE', 'a', 'q'],
    ['ZSCORE', 'a', 'nothere'],
    ['ZSCORE', 'nokey', 'x'],
    ['ZSCORE', 'str', 'x'],
    ['ZMSCORE', 'a', 'q', 'nothere', 'x'],
    ['ZMSCORE', 'nokey', 'a', 'b'],
    ['ZMSCORE', 'str', 'a'],
    ['ZCARD', 'a'],
    ['ZCARD', 'nokey'],
    ['ZCARD', 'str'],
    ['DEBUG', 'DIGEST-VALUE', 'a'],
  ]);
  d.case('zadd resp3 doubles', [
    ['ZADD', 'r', 'INCR', '1.5', 'x'],
    ['ZINCRBY', 'r', '0.1', 'x'],
    ['ZSCORE', 'r', 'x'],
    ['ZMSCORE', 'r', 'x', 'y'],
    ['ZADD', 'r', 'INCR', 'inf', 'x'],
    ['ZADD', 'r', 'NX', 'INCR', '1', 'x'],
  ], { resp3: true });
  d.case('zrem zrank zrevrank', [
    ...fill('b', 10),
    ['ZREM', 'b', 'm1', 'm1', 'nothere', 'm2'],
    ['ZRANK', 'b', 'm3'],
    ['ZREVRANK', 'b', 'm3'],
    ['ZRANK', 'b', 'm1'],
    ['ZRANK', 'nokey', 'm1'],
    ['ZRANK', 'b', 'm3', 'WITHSCORE'],
    ['ZREM', 'nokey', 'x'],
    ['ZREM', 'b', 'm0', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'],
    ['EXISTS', 'b'],
    ['SET', 'str', 'v'],
    ['ZREM', 'str', 'x'],
    ['ZRANK', 'str', 'x'],
  ]);
  d.case('zrange by rank, score, lex and their errors', [
    ['ZADD', 'c', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '5', 'f', '-inf', 'ninf', 'inf', 'pinf'],
    ['ZRANGE', 'c', '0', '-1'],
    ['ZRANGE', 'c', '0', '-1', 'WITHSCORES'],
    ['ZRANGE', 'c', '-3', '-2', 'REV', 'WITHSCORES'],
    ['ZRANGE', 'c', '5', '100'],
    ['ZRANGE', 'c', '100', '5'],
    ['ZRANGE', 'c', '-100', '-50'],
    ['ZRANGE', 'c', 'x', '1'],
    ['ZRANGE', 'c', '(1', '5', 'BYSCORE'],
    ['ZRANGE', 'c', '1', '(5', 'BYSCORE', 'WITHSCORES'],
    ['ZRANGE', 'c', '(5', '(1', 'BYSCORE', 'REV', 'WITHSCORES'],
    ['ZRANGE', 'c', '-inf', '+inf', 'BYSCORE', 'LIMIT', '2', '3'],
    ['ZRANGE', 'c', '-inf', '+inf', 'BYSCORE', 'LIMIT', '2', '-1'],
    ['ZRANGE', 'c', '-inf', '+inf', 'BYSCORE', 'LIMIT', '-1', '2'],
    ['ZRANGE', 'c', '-inf', '+inf', 'BYSCORE', 'LIMIT', '100', '2'],
    ['ZRANGE', 'c', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '0'],
    ['ZRANGE', 'c', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '1', '3', 'WITHSCORES'],
    ['ZRANGE', 'c', '5', '1', 'BYSCORE'],
    ['ZRANGE', 'c', '(3', '(3', 'BYSCORE'],
    ['ZRANGE', 'c', '3', '3', 'BYSCORE'],
    ['ZRANGE', 'c', 'x', '3', 'BYSCORE'],
    ['ZRANGE', 'c', '(', '3', 'BYSCORE'],
    ['ZRANGE', 'c', '', '3', 'BYSCORE'],
    ['ZRANGE', 'c', ' 2', '3', 'BYSCORE'],
    ['ZRANGE', 'c', 'nan', '3', 'BYSCORE'],
    ['ZRANGE', 'c', '0', '1', 'LIMIT', '0', '1'],
    ['ZRANGE', 'c', '0', '1', 'LIMIT', '0', '-1'],
    ['ZRANGE', 'c', '0', '1', 'LIMIT', '0'],
    ['ZRANGE', 'c', '0', '1', 'LIMIT', 'x', '1', 'BYSCORE'],
    ['ZRANGE', 'c', '-', '+', 'BYLEX', 'WITHSCORES'],
    ['ZRANGE', 'c', '0', '1', 'BYSCORE', 'BYLEX'],
    ['ZRANGE', 'c', '0', '1', 'REV', 'REV'],
    ['ZRANGE', 'c', '0', '1', 'FOO'],
    ['ZRANGE', 'c', '0', '1', 'WITHSCORES', 'WITHSCORES'],
    ['ZRANGE', 'nokey', '0', '-1'],
    ['ZRANGE', 'nokey', 'x', '-1'],
    ['ZREVRANGE', 'c', '0', '2', 'WITHSCORES'],
    ['ZREVRANGE', 'c', '0', '2', 'LIMIT', '0', '1'],
    ['ZREVRANGE', 'c', '0', '2', 'REV'],
    ['ZRANGEBYSCORE', 'c', '2', '4', 'WITHSCORES', 'LIMIT', '1', '1'],
    ['ZRANGEBYSCORE', 'c', '2', '4', 'BYSCORE'],
    ['ZRANGEBYSCORE', 'c', '2', 'x'],
    ['ZREVRANGEBYSCORE', 'c', '4', '2', 'WITHSCORES'],
    ['ZREVRANGEBYSCORE', 'c', '2', '4'],
    ['SET', 'str', 'v'],
    ['ZRANGE', 'str', '0', '-1'],
    ['ZRANGE', 'str', 'x', '-1'],
    ['ZCOUNT', 'c', '-inf', '+inf'],
    ['ZCOUNT', 'c', '(1', '(5'],
    ['ZCOUNT', 'c', '5', '1'],
    ['ZCOUNT', 'c', 'a', '1'],
    ['ZCOUNT', 'nokey', '0', '1'],
    ['ZCOUNT', 'str', '0', '1'],
    ['ZCOUNT', 'str', 'x', '1'],
  ]);
  d.case('lex ranges', [
    ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'foo', '0', 'zap', '0', 'zip', '0', 'ALPHA', '0', 'alpha', '0', '\x00', '0', '\xff'],
    ['ZRANGEBYLEX', 'l', '-', '+'],
    ['ZRANGEBYLEX', 'l', '[b', '(e'],
    ['ZRANGEBYLEX', 'l', '(b', '[e', 'LIMIT', '1', '2'],
    ['ZRANGEBYLEX', 'l', '[z', '+'],
    ['ZRANGEBYLEX', 'l', '+', '-'],
    ['ZRANGEBYLEX', 'l', '-', '-'],
    ['ZRANGEBYLEX', 'l', '[a', '[a'],
    ['ZRANGEBYLEX', 'l', '(a', '[a'],
    ['ZRANGEBYLEX', 'l', 'a', 'b'],
    ['ZRANGEBYLEX', 'l', '[a', '++'],
    ['ZRANGEBYLEX', 'l', '', '+'],
    ['ZRANGEBYLEX', 'l', '[', '+'],
    ['ZRANGEBYLEX', 'l', '-', '+', 'WITHSCORES'],
    ['ZREVRANGEBYLEX', 'l', '+', '-'],
    ['ZREVRANGEBYLEX', 'l', '[e', '(b', 'LIMIT', '0', '2'],
    ['ZREVRANGEBYLEX', 'l', '(b', '[e'],
    ['ZRANGE', 'l', '[zz', '[b', 'BYLEX', 'REV', 'LIMIT', '1', '-1'],
    ['ZLEXCOUNT', 'l', '-', '+'],
    ['ZLEXCOUNT', 'l', '[b', '(zip'],
    ['ZLEXCOUNT', 'l', '(zip', '[b'],
    ['ZLEXCOUNT', 'l', 'x', '+'],
    ['ZLEXCOUNT', 'nokey', '-', '+'],
    ['ZREMRANGEBYLEX', 'l', '[b', '[d'],
    ['ZREMRANGEBYLEX', 'l', 'b', '[d'],
    ['ZREMRANGEBYLEX', 'nokey', '-', '+'],
    ['ZRANGE', 'l', '0', '-1'],
    ['ZREMRANGEBYLEX', 'l', '-', '+'],
    ['EXISTS', 'l'],
  ]);
  d.case('zremrangebyrank and byscore', [
    ...fill('r', 20),
    ['ZREMRANGEBYRANK', 'r', '0', '1'],
    ['ZREMRANGEBYRANK', 'r', '-2', '-1'],
    ['ZREMRANGEBYRANK', 'r', '5', '2'],
    ['ZREMRANGEBYRANK', 'r', '100', '200'],
    ['ZREMRANGEBYRANK', 'r', 'x', '2'],
    ['ZREMRANGEBYSCORE', 'r', '(5', '8'],
    ['ZREMRANGEBYSCORE', 'r', '8', '5'],
    ['ZREMRANGEBYSCORE', 'r', 'x', '5'],
    ['ZREMRANGEBYSCORE', 'nokey', '0', '5'],
    ['ZRANGE', 'r', '0', '-1', 'WITHSCORES'],
    ['ZREMRANGEBYRANK', 'r', '0', '-1'],
    ['EXISTS', 'r'],
    ['SET', 'str', 'v'],
    ['ZREMRANGEBYRANK', 'str', '0', '1'],
    ['ZREMRANGEBYSCORE', 'str', 'x', '1'],
  ]);
  d.case('withscores in resp3', [
    ['ZADD', 'w', '1', 'a', '2.5', 'b', '-inf', 'c'],
    ['ZRANGE', 'w', '0', '-1', 'WITHSCORES'],
    ['ZRANGE', 'w', '0', '-1'],
    ['ZRANGEBYSCORE', 'w', '-inf', '+inf', 'WITHSCORES'],
    ['ZREVRANGE', 'w', '0', '-1', 'WITHSCORES'],
    ['ZUNION', '1', 'w', 'WITHSCORES'],
    ['ZINTER', '1', 'w', 'WITHSCORES'],
    ['ZDIFF', '1', 'w', 'WITHSCORES'],
    ['ZPOPMIN', 'w'],
    ['ZPOPMIN', 'w', '1'],
    ['ZPOPMAX', 'w', '5'],
    ['ZPOPMAX', 'w'],
    ['ZADD', 'w', '1', 'a', '2', 'b'],
    ['ZMPOP', '1', 'w', 'MAX', 'COUNT', '1'],
    ['ZMPOP', '1', 'nokey', 'MAX'],
    ['BZPOPMIN', 'w', '0'],
    ['BZPOPMIN', 'nokey', '0.01'],
    ['ZADD', 'w', '1', 'a', '2', 'b'],
    ['BZMPOP', '0', '1', 'w', 'MIN', 'COUNT', '5'],
    ['ZRANDMEMBER', 'nokey'],
    ['ZRANDMEMBER', 'nokey', '5'],
    ['ZADD', 'w', '1', 'a', '2', 'b'],
    ['ZRANDMEMBER', 'w', '5', 'WITHSCORES'],
    ['ZSCAN', 'w', '0'],
  ], { resp3: true });
  d.case('set operations', [
    ['ZADD', 's1', '1', 'a', '2', 'b', '3', 'c'],
    ['ZADD', 's2', '10', 'b', '20', 'c', '30', 'd'],
    ['SADD', 'plain', 'a', 'd', 'z'],
    ['SADD', 'plainint', '1', '2', '3'],
    ['ZUNION', '2', 's1', 's2', 'WITHSCORES'],
    ['ZUNION', '3', 's1', 's2', 'plain', 'WITHSCORES'],
    ['ZUNION', '2', 's1', 's2', 'WEIGHTS', '2', '0.5', 'WITHSCORES'],
    ['ZUNION', '2', 's1', 's2', 'AGGREGATE', 'MAX', 'WITHSCORES'],
    ['ZUNION', '2', 's1', 's2', 'AGGREGATE', 'min', 'WEIGHTS', '1', '-1', 'WITHSCORES'],
    ['ZUNION', '2', 's1', 's2', 'WEIGHTS', '1', 'x'],
    ['ZUNION', '2', 's1', 's2', 'WEIGHTS', '1'],
    ['ZUNION', '2', 's1', 's2', 'AGGREGATE', 'avg'],
    ['ZUNION', '2', 's1', 's2', 'AGGREGATE'],
    ['ZUNION', '0', 's1'],
    ['ZUNION', '-1', 's1'],
    ['ZUNION', 'x', 's1'],
    ['ZUNION', '3', 's1', 's2'],
    ['ZUNION', '2', 's1', 'nokey'],
    ['ZINTER', '2', 's1', 's2', 'WITHSCORES'],
    ['ZINTER', '2', 's1', 'plain', 'WITHSCORES'],
    ['ZINTER', '2', 'plain', 'plainint', 'WITHSCORES'],
    ['ZINTER', '2', 's1', 'nokey'],
    ['ZINTER', '2', 's1', 's2', 'WEIGHTS', 'inf', '0', 'WITHSCORES'],
    ['ZINTER', '2', 's1', 's1', 'AGGREGATE', 'SUM', 'WITHSCORES'],
    ['ZDIFF', '2', 's1', 's2', 'WITHSCORES'],
    ['ZDIFF', '2', 's2', 'plain', 'WITHSCORES'],
    ['ZDIFF', '1', 'nokey'],
    ['ZDIFF', '2', 's1', 's2', 'WEIGHTS', '1', '1'],
    ['ZDIFF', '2', 's1', 's2', 'AGGREGATE', 'SUM'],
    ['ZINTERCARD', '2', 's1', 's2'],
    ['ZINTERCARD', '2', 's1', 's2', 'LIMIT', '1'],
    ['ZINTERCARD', '2', 's1', 's2', 'LIMIT', '0'],
    ['ZINTERCARD', '2', 's1', 's2', 'LIMIT', '-1'],
    ['ZINTERCARD', '2', 's1', 's2', 'LIMIT', 'x'],
    ['ZINTERCARD', '2', 's1', 's2', 'WITHSCORES'],
    ['ZINTERCARD', '0', 's1'],
    ['ZINTERCARD', '3', 's1', 's2'],
    ['ZINTERCARD', '2', 's1', 'plain'],
    ['ZUNIONSTORE', 'dst', '2', 's1', 's2'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['OBJECT', 'ENCODING', 'dst'],
    ['ZUNIONSTORE', 'dst', '2', 's1', 's2', 'WITHSCORES'],
    ['ZINTERSTORE', 'dst', '2', 's1', 's2', 'WEIGHTS', '1', '2'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['EXPIRE', 'dst', '100'],
    ['ZDIFFSTORE', 'dst', '2', 's1', 's2'],
    ['TTL', 'dst'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['ZINTERSTORE', 'dst', '2', 's1', 'nokey'],
    ['EXISTS', 'dst'],
    ['ZUNIONSTORE', 'dst', '0', 's1'],
    ['SET', 'str', 'v'],
    ['ZUNION', '2', 's1', 'str'],
    ['ZUNION', '2', 's1', 'str', 'FOO'],
    ['ZINTERSTORE', 'dst', '2', 'str', 's1'],
    ['ZUNIONSTORE', 'str', '1', 's1'],
    ['TYPE', 'str'],
  ]);
  d.case('aggregate float sums in input order', [
    ['ZADD', 'f1', '0.1', 'a'],
    ['ZADD', 'f2', '0.2', 'a', '1', 'x'],
    ['ZADD', 'f3', '0.3', 'a', '1', 'x', '2', 'y'],
    ['ZUNION', '3', 'f3', 'f2', 'f1', 'WITHSCORES'],
    ['ZUNION', '3', 'f1', 'f3', 'f2', 'WITHSCORES'],
    ['ZINTER', '3', 'f3', 'f1', 'f2', 'WITHSCORES'],
    ['ZADD', 'i1', 'inf', 'a'],
    ['ZADD', 'i2', '-inf', 'a'],
    ['ZUNION', '2', 'i1', 'i2', 'WITHSCORES'],
    ['ZINTER', '2', 'i1', 'i2', 'WEIGHTS', '0', '1', 'WITHSCORES'],
  ]);
  d.case('zrangestore', [
    ['ZADD', 'src', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
    ['ZRANGESTORE', 'dst', 'src', '0', '1'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['ZRANGESTORE', 'dst', 'src', '(1', '+inf', 'BYSCORE', 'REV', 'LIMIT', '0', '2'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['ZRANGESTORE', 'dst', 'src', '[b', '+', 'BYLEX'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
    ['ZRANGESTORE', 'dst', 'src', '0', '-1', 'WITHSCORES'],
    ['ZRANGESTORE', 'dst', 'src', '5', '10'],
    ['EXISTS', 'dst'],
    ['ZRANGESTORE', 'dst', 'nokey', '0', '-1'],
    ['SET', 'str', 'v'],
    ['ZRANGESTORE', 'dst', 'str', '0', '-1'],
    ['ZRANGESTORE', 'str', 'src', '0', '-1'],
    ['TYPE', 'str'],
  ]);
  d.case('pops and their errors', [
    ['ZADD', 'p', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
    ['ZPOPMIN', 'p'],
    ['ZPOPMAX', 'p'],
    ['ZPOPMIN', 'p', '2'],
    ['ZPOPMIN', 'p', '0'],
    ['ZPOPMIN', 'p', '-1'],
    ['ZPOPMIN', 'p', 'x'],
    ['ZPOPMIN', 'p', '1', '2'],
    ['ZPOPMAX', 'nokey'],
    ['ZPOPMAX', 'nokey', '3'],
    ['ZPOPMAX', 'p', '10'],
    ['EXISTS', 'p'],
    ['ZADD', 'p', '1', 'a', '2', 'b', '3', 'c'],
    ['ZADD', 'q', '7', 'x'],
    ['ZMPOP', '2', 'nokey', 'p', 'MAX', 'COUNT', '2'],
    ['ZMPOP', '2', 'nokey', 'p', 'min'],
    ['ZMPOP', '2', 'nokey', 'p', 'min'],
    ['ZMPOP', '2', 'p', 'q', 'min', 'COUNT', '10'],
    ['ZMPOP', '1', 'q', 'min'],
    ['ZMPOP', '0', 'q', 'min'],
    ['ZMPOP', 'x', 'q', 'min'],
    ['ZMPOP', '1', 'q', 'foo'],
    ['ZMPOP', '2', 'q', 'min'],
    ['ZMPOP', '1', 'q', 'min', 'COUNT', '0'],
    ['ZMPOP', '1', 'q', 'min', 'COUNT', 'x'],
    ['ZMPOP', '1', 'q', 'min', 'COUNT', '1', 'COUNT', '1'],
    ['ZMPOP', '1', 'q', 'min', 'COUNT'],
    ['SET', 'str', 'v'],
    ['ZPOPMIN', 'str'],
    ['ZMPOP', '2', 'nokey', 'str', 'MIN'],
    ['ZADD', 'p', '1', 'a'],
    ['ZMPOP', '2', 'p', 'str', 'MIN'],
    ['BZPOPMIN', 'str', '0'],
    ['BZPOPMIN', 'p', 'x'],
    ['BZPOPMIN', 'p', '-1'],
    ['ZADD', 'p', '1', 'a', '2', 'b'],
    ['BZPOPMAX', 'nokey', 'p', '0'],
    ['BZPOPMIN', 'nokey', 'p', '0'],
    ['BZMPOP', '0.01', '1', 'nokey', 'MIN'],
    ['BZMPOP', 'x', '1', 'nokey', 'MIN'],
    ['BZMPOP', '0', '0', 'nokey', 'MIN'],
    ['ZADD', 'p', '1', 'a', '2', 'b'],
    ['BZMPOP', '0', '1', 'p', 'MAX', 'COUNT', '5'],
  ]);
  d.case('blocking pops inside MULTI do not block', [
    ['MULTI'],
    ['BZPOPMIN', 'nokey', '0'],
    ['BZMPOP', '0.01', '1', 'nokey', 'MIN'],
    ['EXEC'],
  ]);
  d.case('zrandmember', [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
    ['ZRANDMEMBER', 'z', '3'],
    ['ZRANDMEMBER', 'z', '10', 'WITHSCORES'],
    ['ZRANDMEMBER', 'z', '0'],
    typeOnly(['ZRANDMEMBER', 'z', '2']),
    typeOnly(['ZRANDMEMBER', 'z', '-5', 'WITHSCORES']),
    typeOnly(['ZRANDMEMBER', 'z']),
    ['ZRANDMEMBER', 'z', '-9223372036854775808'],
    ['ZRANDMEMBER', 'z', '9223372036854775807', 'WITHSCORES'],
    ['ZRANDMEMBER', 'z', '-5000000000000000000', 'WITHSCORES'],
    ['ZRANDMEMBER', 'z', '1', 'foo'],
    ['ZRANDMEMBER', 'z', '1', 'withscores', 'x'],
    ['ZRANDMEMBER', 'z', 'x'],
    ['ZRANDMEMBER', 'nokey'],
    ['ZRANDMEMBER', 'nokey', '-3'],
    ['SET', 'str', 'v'],
    ['ZRANDMEMBER', 'str'],
    ['ZRANDMEMBER', 'str', '2'],
  ]);
  d.case('zscan', [
    ['ZADD', 'z', '1', 'a', '2.5', 'b', '3', 'c', '-0', 'neg', 'inf', 'big'],
    ['ZSCAN', 'z', '0'],
    ['ZSCAN', 'z', '0', 'MATCH', '*b*'],
    ['ZSCAN', 'z', '0', 'COUNT', '1'],
    ['ZSCAN', 'z', 'x'],
    ['ZSCAN', 'z', '0', 'COUNT', '0'],
    ['ZSCAN', 'z', '0', 'COUNT', 'x'],
    ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
    ['ZSCAN', 'z', '0', 'MATCH'],
    ['ZSCAN', 'nokey', '0'],
    ['ZSCAN', 'nokey', 'x'],
    ['SET', 'str', 'v'],
    ['ZSCAN', 'str', '0'],
    ...fill('big', 300),
    unordered(['ZSCAN', 'big', '0', 'COUNT', '1000']),
  ]);
  d.case('encodings follow the 7.0 thresholds', [
    ...fill('e', 128),
    ['OBJECT', 'ENCODING', 'e'],
    ['ZADD', 'e', '1', 'm1'],
    ['OBJECT', 'ENCODING', 'e'],
    ['ZADD', 'e', '1000', 'extra'],
    ['OBJECT', 'ENCODING', 'e'],
    ['ZREMRANGEBYRANK', 'e', '0', '-10'],
    ['OBJECT', 'ENCODING', 'e'],
    ['ZADD', 'long', '1', 'x'.repeat(64)],
    ['OBJECT', 'ENCODING', 'long'],
    ['ZADD', 'long', '1', 'y'.repeat(65)],
    ['OBJECT', 'ENCODING', 'long'],
    ['ZADD', 'long2', '1', 'y'.repeat(65)],
    ['OBJECT', 'ENCODING', 'long2'],
    ['ZADD', 'long3', '1', 'a', '2', 'y'.repeat(65)],
    ['OBJECT', 'ENCODING', 'long3'],
    ['ZUNIONSTORE', 'u', '1', 'long3'],
    ['OBJECT', 'ENCODING', 'u'],
    ['ZRANGESTORE', 'u', 'e', '0', '5'],
    ['OBJECT', 'ENCODING', 'u'],
    ['ZUNIONSTORE', 'u', '1', 'e'],
    ['OBJECT', 'ENCODING', 'u'],
    ['ZINCRBY', 'inc', '1', 'z'.repeat(65)],
    ['OBJECT', 'ENCODING', 'inc'],
    ['COPY', 'e', 'ecopy'],
    ['OBJECT', 'ENCODING', 'ecopy'],
    ['DEBUG', 'DIGEST-VALUE', 'e', 'ecopy', 'long', 'long3', 'u', 'inc'],
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'],
    ['ZADD', 'zero', '1', 'a'],
    ['OBJECT', 'ENCODING', 'zero'],
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
  ]);
  d.case('big set ranges (skiplist)', [
    ...fill('big', 500, 0.5),
    ['ZADD', 'big', '100', 'same1', '100', 'same0', '100', 'same2'],
    ['ZCARD', 'big'],
    ['ZRANK', 'big', 'm250'],
    ['ZREVRANK', 'big', 'm250'],
    ['ZRANK', 'big', 'same2'],
    ['ZRANGE', 'big', '195', '205', 'WITHSCORES'],
    ['ZRANGE', 'big', '-5', '-1', 'REV'],
    ['ZRANGE', 'big', '(99', '100.5', 'BYSCORE', 'WITHSCORES'],
    ['ZRANGE', 'big', '100', '(99', 'BYSCORE', 'REV', 'LIMIT', '1', '3'],
    ['ZCOUNT', 'big', '10', '20'],
    ['ZCOUNT', 'big', '(10', '(20'],
    ['ZINCRBY', 'big', '1000', 'm0'],
    ['ZRANK', 'big', 'm0'],
    ['ZREM', 'big', 'm10', 'm20', 'm30'],
    ['ZRANGE', 'big', '0', '12'],
    ['ZREMRANGEBYSCORE', 'big', '50', '60'],
    ['ZREMRANGEBYRANK', 'big', '100', '150'],
    ['ZRANGE', 'big', '95', '110', 'WITHSCORES'],
    ['ZPOPMAX', 'big', '3'],
    ['ZPOPMIN', 'big', '3'],
    ['ZCARD', 'big'],
    ['DEBUG', 'DIGEST-VALUE', 'big'],
    ...fill('lexbig', 300, 0),
    ['ZRANGEBYLEX', 'lexbig', '[m100', '(m105'],
    ['ZLEXCOUNT', 'lexbig', '[m1', '(m2'],
    ['ZREVRANGEBYLEX', 'lexbig', '+', '[m95', 'LIMIT', '2', '4'],
    ['ZREMRANGEBYLEX', 'lexbig', '[m2', '(m3'],
    ['ZCARD', 'lexbig'],
    ['DEBUG', 'DIGEST-VALUE', 'lexbig'],
  ]);
  d.case('keyspace notifications', [
    ['CONFIG', 'SET', 'notify-keyspace-events', ''],
    ['ZADD', 'n', '1', 'a'],
    ['OBJECT', 'ENCODING', 'n'],
  ]);
  d.random('random small zsets', {
    steps: 500,
    gen: (rng: Rng, i: number) => (i === 499 ? ['DEBUG', 'DIGEST'] : randomZsetOp(rng, 'rs', 8)),
  });
  d.random('random large zsets', {
    steps: 700,
    gen: (rng: Rng, i: number): Step => {
      if (i < 20) {
        const args = ['ZADD', `rl:${i % 3}`];
        for (let j = 0; j < 40; j++) args.push(String(rng.int(-50, 50)), `m${rng.int(0, 400)}`);
        return args;
      }
      if (i >= 690) return finalChecks('rl')[i - 690];
      return randomZsetOp(rng, 'rl', 400);
    },
  });
  d.random('random lex queries', {
    steps: 300,
    gen: (rng: Rng, i: number): Step => {
      const key = `lx:${rng.int(0, 1)}`;
      if (i < 10 || rng.bool(0.2)) return ['ZADD', key, '0', rng.str(rng.int(0, 3)), '0', rng.str(rng.int(0, 3), rng.bool(0.2))];
      switch (rng.int(0, 4)) {
        case 0: return ['ZRANGEBYLEX', key, lexBound(rng), lexBound(rng)];
        case 1: return ['ZREVRANGEBYLEX', key, lexBound(rng), lexBound(rng), 'LIMIT', String(rng.int(0, 2)), String(rng.int(-1, 3))];
        case 2: return ['ZLEXCOUNT', key, lexBound(rng), lexBound(rng)];
        case 3: return ['ZREMRANGEBYLEX', key, lexBound(rng), lexBound(rng)];
        default: return ['ZRANGE', key, lexBound(rng), lexBound(rng), 'BYLEX', ...rng.pick([[], ['REV'], ['LIMIT', '1', '2']])];
      }
    },
  });
  d.random('random ops in resp3', {
    steps: 300,
    resp3: true,
    gen: (rng: Rng) => randomZsetOp(rng, 'r3', 6),
  });
});
