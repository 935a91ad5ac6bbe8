/**
 * String family, Petrel against redis-server 7.0: identical replies. Each case uses its own key
 * prefix so cases stay independent even where FLUSHALL is not available yet.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

const ttlish = (args: string[]): Step => ({ args, compare: 'type' });

differential('string', (d) => {
  d.case('set options and errors', [
    ['SET', 'a:k', 'v', 'NX', 'XX'],
    ['SET', 'a:k', 'v', 'EX', '0'],
    ['SET', 'a:k', 'v', 'EX', '-1'],
    ['SET', 'a:k', 'v', 'EX', '10', 'PX', '10'],
    ['SET', 'a:k', 'v', 'KEEPTTL', 'EX', '10'],
    ['SET', 'a:k', 'v', 'EX', 'abc'],
    ['SET', 'a:k', 'v', 'EX', '9223372036854775807'],
    ['SET', 'a:k', 'v', 'PX', '9223372036854775807'],
    ['SET', 'a:k', 'v', 'EXAT', '9223372036854775807'],
    ['SET', 'a:k', 'v', 'EX', '92233720368547758'],
    ['SET', 'a:k', 'v', 'PXAT', '9223372036854775807'],
    ['SET', 'a:k', 'v', 'EX'],
    ['SET', 'a:k', 'v', 'bogus'],
    ['SET', 'a:k', 'v', 'GET', 'NX'],
    ['SET', 'a:k', 'v2', 'GET'],
    ['SET', 'a:k', 'v3', 'NX'],
    ['SET', 'a:k', 'v3', 'nx', 'nx'],
    ['SET', 'a:k', 'v4', 'xx', 'get'],
    ['SET', 'a:k', 'v', 'EX', '10', 'EX', '20'],
    ttlish(['TTL', 'a:k']),
    ['SET', 'a:k', 'v', 'KEEPTTL'],
    ttlish(['TTL', 'a:k']),
    ['SET', 'a:k', 'v', 'PXAT', '1'],
    ['GET', 'a:k'],
    ['SET', 'a:bin\x00\xff', '\r\n\x00'],
    ['GET', 'a:bin\x00\xff'],
    ['SET', 'a:k'],
  ]);
  d.case('setnx setex psetex getset getdel getex', [
    ['SETNX', 'b:k', '1'],
    ['SETNX', 'b:k', '2'],
    ['SETEX', 'b:k', '0', 'v'],
    ['SETEX', 'b:k', 'x', 'v'],
    ['PSETEX', 'b:k', '-5', 'v'],
    ['SETEX', 'b:k', '100', 'v'],
    ['TTL', 'b:k'],
    ['GETSET', 'b:k', 'w'],
    ['TTL', 'b:k'],
    ['GETEX', 'b:k', 'EX', '0'],
    ['GETEX', 'b:k', 'PERSIST', 'EX', '1'],
    ['GETEX', 'b:k', 'KEEPTTL'],
    ['GETEX', 'b:k', 'NX'],
    ['GETEX', 'b:nokey', 'EX', '0'],
    ['GETEX', 'b:k', 'EX', '100'],
    ['TTL', 'b:k'],
    ['GETEX', 'b:k', 'PERSIST'],
    ['TTL', 'b:k'],
    ['GETEX', 'b:k', 'EXAT', '1'],
    ['EXISTS', 'b:k'],
    ['SET', 'b:k', 'x'],
    ['GETDEL', 'b:k'],
    ['GETDEL', 'b:k'],
  ]);
  d.case('mget mset msetnx', [
    ['MSET', 'c:a', '1', 'c:b'],
    ['MSET', 'c:a', '1', 'c:b', '2'],
    ['MGET', 'c:a', 'c:b', 'c:c'],
    ['MSETNX', 'c:a', '1', 'c:c'],
    ['MSETNX', 'c:a', '1', 'c:c', '3'],
    ['MSETNX', 'c:c', '3', 'c:d', '4'],
    ['MGET', 'c:c', 'c:d'],
  ]);
  d.case('append strlen getrange setrange', [
    ['APPEND', 'd:k', 'Hello'],
    ['APPEND', 'd:k', ' World'],
    ['STRLEN', 'd:k'],
    ['STRLEN', 'd:nokey'],
    ['GETRANGE', 'd:k', '0', '4'],
    ['GETRANGE', 'd:k', '-5', '-1'],
    ['GETRANGE', 'd:k', '-100', '-50'],
    ['GETRANGE', 'd:k', '-1', '-5'],
    ['GETRANGE', 'd:k', '5', '3'],
    ['GETRANGE', 'd:k', '3', '1000'],
    ['GETRANGE', 'd:k', 'a', '1'],
    ['GETRANGE', 'd:nokey', '0', '-1'],
    ['SUBSTR', 'd:k', '0', '0'],
    ['SETRANGE', 'd:k', '6', 'Redis'],
    ['GET', 'd:k'],
    ['SETRANGE', 'd:k', '20', 'X'],
    ['GET', 'd:k'],
    ['SETRANGE', 'd:new', '3', 'ab'],
    ['GET', 'd:new'],
    ['SETRANGE', 'd:empty', '5', ''],
    ['EXISTS', 'd:empty'],
    ['SETRANGE', 'd:k', '536870911', ''],
    ['SETRANGE', 'd:k', '-1', 'x'],
    ['SETRANGE', 'd:k', '536870912', 'x'],
    ['SETRANGE', 'd:k', 'x', 'x'],
  ]);
  d.case('incr family and int64 edges', [
    ['INCR', 'e:k'],
    ['INCRBY', 'e:k', '10'],
    ['DECR', 'e:k'],
    ['DECRBY', 'e:k', '100'],
    ['SET', 'e:k', '9223372036854775806'],
    ['INCR', 'e:k'],
    ['INCR', 'e:k'],
    ['SET', 'e:k', '-9223372036854775807'],
    ['DECR', 'e:k'],
    ['DECR', 'e:k'],
    ['DECRBY', 'e:k', '-9223372036854775808'],
    ['SET', 'e:k', '9007199254740993'],
    ['INCRBY', 'e:k', '9007199254740993'],
    ['INCRBY', 'e:k', '+1'],
    ['INCRBY', 'e:k', ' 1'],
    ['INCRBY', 'e:k', '01'],
    ['INCRBY', 'e:k', '-0'],
    ['INCRBY', 'e:k', ''],
    ['INCRBY', 'e:k', '9223372036854775808'],
    ['SET', 'e:s', ' 1'],
    ['INCR', 'e:s'],
    ['SET', 'e:s', '1.5'],
    ['INCR', 'e:s'],
    ['SET', 'e:t', '5', 'EX', '100'],
    ['INCR', 'e:t'],
    ttlish(['TTL', 'e:t']),
  ]);
  d.case('incrbyfloat formatting', [
    ['INCRBYFLOAT', 'f:a', '0.1'],
    ['INCRBYFLOAT', 'f:a', '0.2'],
    ['INCRBYFLOAT', 'f:b', '10.5'],
    ['INCRBYFLOAT', 'f:c', '3.0000000000000004'],
    ['INCRBYFLOAT', 'f:d', '1e-20'],
    ['INCRBYFLOAT', 'f:e', '1e20'],
    ['INCRBYFLOAT', 'f:e', '0.1'],
    ['INCRBYFLOAT', 'f:f', '1e308'],
    ['INCRBYFLOAT', 'f:f', '1e308'],
    ['INCRBYFLOAT', 'f:g', '-1e-18'],
    ['INCRBYFLOAT', 'f:h', '1.23456789012345678901'],
    ['INCRBYFLOAT', 'f:i', '0x1.8p1'],
    ['INCRBYFLOAT', 'f:i', '.5'],
    ['INCRBYFLOAT', 'f:i', '5.'],
    ['INCRBYFLOAT', 'f:i', '-2.75E2'],
    ['INCRBYFLOAT', 'f:i', 'inf'],
    ['INCRBYFLOAT', 'f:i', '-Infinity'],
    ['INCRBYFLOAT', 'f:i', 'nan'],
    ['INCRBYFLOAT', 'f:i', ' 1'],
    ['INCRBYFLOAT', 'f:i', '1 '],
    ['INCRBYFLOAT', 'f:i', '1e'],
    ['INCRBYFLOAT', 'f:i', '1e5000'],
    ['INCRBYFLOAT', 'f:i', '1e-5000'],
    ['INCRBYFLOAT', 'f:i', ''],
    ['SET', 'f:j', '1.1e4932'],
    ['INCRBYFLOAT', 'f:j', '1e4932'],
    ['SET', 'f:j', 'abc'],
    ['INCRBYFLOAT', 'f:j', '1'],
    ['GET', 'f:i'],
  ]);
  d.random('incrbyfloat random decimals', {
    steps: 300,
    gen: (rng: Rng) => ['INCRBYFLOAT', `g:${rng.int(0, 3)}`, randomDecimal(rng)],
  });
  d.case('lcs', [
    ['MSET', 'h:a', 'ohmytext', 'h:b', 'mynewtext'],
    ['LCS', 'h:a', 'h:b'],
    ['LCS', 'h:a', 'h:b', 'LEN'],
    ['LCS', 'h:a', 'h:b', 'IDX'],
    ['LCS', 'h:a', 'h:b', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN'],
    ['LCS', 'h:a', 'h:b', 'IDX', 'WITHMATCHLEN'],
    ['LCS', 'h:a', 'h:b', 'IDX', 'MINMATCHLEN', '-5'],
    ['LCS', 'h:a', 'h:b', 'IDX', 'LEN'],
    ['LCS', 'h:a', 'h:b', 'MINMATCHLEN'],
    ['LCS', 'h:a', 'h:b', 'MINMATCHLEN', 'x'],
    ['LCS', 'h:a', 'h:b', 'FOO'],
    ['LCS', 'h:a', 'h:nokey'],
    ['LCS', 'h:a', 'h:nokey', 'IDX'],
    ['LCS', 'h:a'],
  ]);
  d.case('lcs resp3', [['MSET', 'i:a', 'ohmytext', 'i:b', 'mynewtext'], ['LCS', 'i:a', 'i:b', 'IDX', 'WITHMATCHLEN']], { resp3: true });
  d.random('lcs random', {
    steps: 120,
    gen: (rng: Rng, i: number) => {
      if (i % 3 === 0) return ['MSET', 'j:a', rng.str(rng.int(0, 12)).replace(/[0-9]/g, ''), 'j:b', rng.str(rng.int(0, 12)).replace(/[0-9]/g, '')];
      return ['LCS', 'j:a', 'j:b', ...rng.pick([[], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2']])];
    },
  });
  d.random('string ops mix', {
    steps: 400,
    gen: (rng: Rng): Step => {
      const k = `m:${rng.int(0, 4)}`;
      const v = rng.bool(0.4) ? String(rng.int(-20, 20)) : rng.str(rng.int(0, 6), rng.bool(0.2));
      switch (rng.int(0, 14)) {
        case 0: return ['SET', k, v, ...rng.pick([[], ['NX'], ['XX'], ['GET'], ['XX', 'GET'], ['KEEPTTL'], ['EX', '100']])];
        case 1: return ['GET', k];
        case 2: return ['APPEND', k, v];
        case 3: return ['INCR', k];
        case 4: return ['INCRBY', k, String(rng.int(-1000, 1000))];
        case 5: return ['DECRBY', k, String(rng.int(-1000, 1000))];
        case 6: return ['GETRANGE', k, String(rng.int(-8, 8)), String(rng.int(-8, 8))];
        case 7: return ['SETRANGE', k, String(rng.int(0, 8)), v];
        case 8: return ['STRLEN', k];
        case 9: return ['MSET', k, v, `m:${rng.int(0, 4)}`, v];
        case 10: return ['MGET', k, `m:${rng.int(0, 4)}`];
        case 11: return ['GETDEL', k];
        case 12: return ['GETSET', k, v];
        case 13: return ['INCRBYFLOAT', k, String(rng.int(-50, 50) / 4)];
        default: return ['SETNX', k, v];
      }
    },
  });
});

/** Decimal strings of varied shape: integers, fractions, exponents, long mantissas. */
function randomDecimal(rng: Rng): string {
  const sign = rng.bool(0.3) ? '-' : '';
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  const intPart = String(rng.int(0, 1)) === '0' ? digits(rng.int(1, 3)) : String(rng.int(0, 99999));
  const frac = rng.bool(0.8) ? '.' + digits(rng.int(1, 22)) : '';
  const exp = rng.bool(0.2) ? 'e' + String(rng.int(-30, 30)) : '';
  return sign + intPart.replace(/^0+(?=\d)/, '') + frac + exp;
}
