/**
 * Set family, Petrel against redis-server 7.0. Intsets list their members ascending in both
 * servers, so replies over integer sets are compared exactly; hashtable order is Redis's dict
 * order, compared as multisets. Random replies (SPOP, SRANDMEMBER) are compared by shape, and by
 * content where the result is determined (the whole set).
 */
import assert from 'node:assert/strict';
import { differential, type Rng, type Step } from '../helpers/differential.js';
import { showReply, type Reply } from '../helpers/resp-client.js';

const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });
const shape = (args: string[]): Step => ({ args, compare: sameShape });
const ints = (from: number, to: number): string[] => {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i));
  return out;
};

/** Same reply type and, for aggregates, the same length and element types. */
function sameShape(p: Reply, r: Reply): void {
  assert.equal(p.t, r.t, `types differ: ${showReply(p)} vs ${showReply(r)}`);
  if ((p.t === 'array' || p.t === 'set') && (r.t === 'array' || r.t === 'set')) {
    assert.equal(p.v.length, r.v.length, `lengths differ: ${showReply(p)} vs ${showReply(r)}`);
    for (let i = 0; i < p.v.length; i++) sameShape(p.v[i], r.v[i]);
  }
}

differential('set', (d) => {
  d.case('sadd srem scard sismember smembers', [
    ['SADD', 's', '3', '1', '2', '1'],
    ['SMEMBERS', 's'],
    ['OBJECT', 'ENCODING', 's'],
    ['SADD', 's', '-5', '9223372036854775807', '-9223372036854775808', '007', '-0', '+1'],
    unordered(['SMEMBERS', 's']),
    ['OBJECT', 'ENCODING', 's'],
    ['SCARD', 's'],
    ['SCARD', 'nokey'],
    ['SISMEMBER', 's', '007'],
    ['SISMEMBER', 's', '7'],
    ['SISMEMBER', 'nokey', '7'],
    ['SMISMEMBER', 's', '1', '7', '-0'],
    ['SMISMEMBER', 'nokey', '1'],
    ['SREM', 's', '1', '1', 'zz', '007'],
    ['SREM', 'nokey', 'a'],
    unordered(['SMEMBERS', 's']),
    ['SMEMBERS', 'nokey'],
    ['SADD', 'i', '10', '-3', '9223372036854775807', '-9223372036854775808', '0'],
    ['SMEMBERS', 'i'],
    ['SISMEMBER', 'i', '9223372036854775807'],
    ['SISMEMBER', 'i', '9223372036854775808'],
    ['SREM', 'i', '10', '-3', '9223372036854775807', '-9223372036854775808', '0'],
    ['EXISTS', 'i'],
    ['SADD', 'b\x00', 'm\x00\xff', '\r\n'],
    unordered(['SMEMBERS', 'b\x00']),
  ]);
  d.case('wrong type and syntax', [
    ['SET', 'str', 'x'],
    ['SADD', 'str', 'a'],
    ['SREM', 'str', 'a'],
    ['SCARD', 'str'],
    ['SISMEMBER', 'str', 'a'],
    ['SMISMEMBER', 'str', 'a'],
    ['SMEMBERS', 'str'],
    ['SPOP', 'str'],
    ['SPOP', 'str', '2'],
    ['SRANDMEMBER', 'str'],
    ['SRANDMEMBER', 'str', '2'],
    ['SINTER', 'str'],
    ['SINTER', 'nokey', 'str'],
    ['SINTERCARD', '2', 'nokey', 'str'],
    ['SINTERSTORE', 'd', 'nokey', 'str'],
    ['SUNION', 'nokey', 'str'],
    ['SDIFF', 'nokey', 'str'],
    ['SDIFFSTORE', 'd', 'nokey', 'str'],
    ['SSCAN', 'str', '0'],
    ['SADD', 's', '1'],
    ['SMOVE', 'str', 's', '1'],
    ['SMOVE', 's', 'str', '1'],
    ['SMOVE', 'nokey', 'str', '1'],
    ['SPOP', 's', '-1'],
    ['SPOP', 's', 'x'],
    ['SPOP', 's', '1', '2'],
    ['SRANDMEMBER', 's', 'x'],
    ['SRANDMEMBER', 's', '1', '2'],
    ['SRANDMEMBER', 's', '-9223372036854775808'],
    ['SINTERCARD', '0', 's'],
    ['SINTERCARD', 'x', 's'],
    ['SINTERCARD', '2', 's'],
    ['SINTERCARD', '1', 's', 'LIMIT', '-1'],
    ['SINTERCARD', '1', 's', 'LIMIT', 'x'],
    ['SINTERCARD', '1', 's', 'LIMIT'],
    ['SINTERCARD', '1', 's', 'bogus'],
  ]);
  d.case('smove', [
    ['SADD', 'a', '1', '2', 'x'],
    ['SMOVE', 'a', 'b', '1'],
    ['SMOVE', 'a', 'b', '1'],
    ['SMOVE', 'a', 'a', '2'],
    ['SMOVE', 'a', 'a', 'zz'],
    ['OBJECT', 'ENCODING', 'b'],
    ['SMOVE', 'a', 'b', 'x'],
    ['OBJECT', 'ENCODING', 'b'],
    unordered(['SMEMBERS', 'b']),
    ['SMOVE', 'a', 'c', '2'],
    ['EXISTS', 'a'],
    ['SMOVE', 'nokey', 'b', '1'],
    ['SADD', 'e', 'x'],
    ['SMOVE', 'b', 'e', 'x'],
    ['SMEMBERS', 'e'],
  ]);
  d.case('sinter sunion sdiff and stores', [
    ['SADD', 'a', '1', '2', '3', '4'],
    ['SADD', 'b', '3', '4', '5'],
    ['SADD', 'c', 'x', '4', '3'],
    ['SINTER', 'a', 'b'],
    unordered(['SINTER', 'a', 'b', 'c']),
    ['SINTER', 'a', 'nokey'],
    ['SINTER', 'a', 'a'],
    ['SUNION', 'a', 'b', 'nokey'],
    unordered(['SUNION', 'a', 'c']),
    ['SUNION', 'nokey'],
    ['SDIFF', 'a', 'b'],
    ['SDIFF', 'a', 'a'],
    ['SDIFF', 'nokey', 'a'],
    ['SDIFF', 'a', 'nokey', 'c'],
    ['SINTERCARD', '2', 'a', 'b'],
    ['SINTERCARD', '3', 'a', 'b', 'c'],
    ['SINTERCARD', '1', 'a', 'LIMIT', '2'],
    ['SINTERCARD', '1', 'a', 'LIMIT', '0'],
    ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'LIMIT', '3'],
    ['SINTERCARD', '2', 'a', 'nokey'],
    ['SINTERSTORE', 'd', 'a', 'b'],
    ['SMEMBERS', 'd'],
    ['OBJECT', 'ENCODING', 'd'],
    ['SINTERSTORE', 'd', 'a', 'nokey'],
    ['EXISTS', 'd'],
    ['SET', 'd', 'string'],
    ['SUNIONSTORE', 'd', 'a', 'c'],
    ['OBJECT', 'ENCODING', 'd'],
    unordered(['SMEMBERS', 'd']),
    ['SDIFFSTORE', 'd', 'c', 'a'],
    ['SMEMBERS', 'd'],
    ['OBJECT', 'ENCODING', 'd'],
    ['SDIFFSTORE', 'd', 'a', 'a'],
    ['EXISTS', 'd'],
    ['SUNIONSTORE', 'a', 'a', 'b'],
    ['SMEMBERS', 'a'],
    ['SET', 'e', 'x'],
    ['EXPIRE', 'e', '100'],
    ['SINTERSTORE', 'e', 'a', 'b'],
    ['TTL', 'e'],
  ]);
  d.case('spop srandmember', [
    ['SPOP', 'nokey'],
    ['SPOP', 'nokey', '3'],
    ['SPOP', 'nokey', '0'],
    ['SRANDMEMBER', 'nokey'],
    ['SRANDMEMBER', 'nokey', '3'],
    ['SRANDMEMBER', 'nokey', '-3'],
    ['SADD', 's', '5', '3', '1', '9'],
    ['SPOP', 's', '0'],
    ['SRANDMEMBER', 's', '0'],
    ['SRANDMEMBER', 's', '4'],
    ['SRANDMEMBER', 's', '100'],
    shape(['SRANDMEMBER', 's']),
    shape(['SRANDMEMBER', 's', '2']),
    shape(['SRANDMEMBER', 's', '-10']),
    shape(['SPOP', 's']),
    ['SCARD', 's'],
    shape(['SPOP', 's', '1']),
    ['SCARD', 's'],
    shape(['SPOP', 's', '10']),
    ['EXISTS', 's'],
    ['SADD', 'big', ...ints(1, 600)],
    ['OBJECT', 'ENCODING', 'big'],
    shape(['SPOP', 'big', '550']),
    ['OBJECT', 'ENCODING', 'big'],
    ['SCARD', 'big'],
    shape(['SPOP', 'big', '10']),
    ['SCARD', 'big'],
    ['SADD', 'h', 'a', 'b', 'c', 'd', 'e'],
    shape(['SPOP', 'h', '2']),
    ['SCARD', 'h'],
    shape(['SPOP', 'h', '3']),
    ['EXISTS', 'h'],
  ]);
  d.case('spop srandmember resp3', [
    ['SADD', 's', '5', '3', '1', '9'],
    ['SMEMBERS', 's'],
    ['SRANDMEMBER', 's', '10'],
    shape(['SRANDMEMBER', 's', '-3']),
    ['SPOP', 's', '0'],
    ['SPOP', 'nokey', '2'],
    ['SRANDMEMBER', 'nokey', '2'],
    ['SINTER', 'nokey'],
    ['SUNION', 's'],
    ['SPOP', 's', '10'],
  ], { resp3: true });
  d.case('encodings and conversion', [
    ['CONFIG', 'SET', 'set-max-intset-entries', '4'],
    ['SADD', 's', '1', '2', '3', '4'],
    ['OBJECT', 'ENCODING', 's'],
    ['SADD', 's', '5'],
    ['OBJECT', 'ENCODING', 's'],
    ['SREM', 's', '5', '4'],
    ['OBJECT', 'ENCODING', 's'],
    ['SADD', 't', 'x'],
    ['OBJECT', 'ENCODING', 't'],
    ['SADD', 'u', '1', 'x'],
    ['OBJECT', 'ENCODING', 'u'],
    ['SUNIONSTORE', 'd', 's'],
    ['OBJECT', 'ENCODING', 'd'],
    ['SMEMBERS', 'd'],
    ['CONFIG', 'SET', 'set-max-intset-entries', '512'],
    ['DEBUG', 'DIGEST-VALUE', 's', 'u', 'd'],
  ]);
  d.case('sscan', [
    ['SSCAN', 'nokey', '0'],
    ['SSCAN', 'nokey', '0', 'COUNT', '0'],
    ['SADD', 's', '11', '2', '13'],
    ['SSCAN', 's', '0'],
    ['SSCAN', 's', '0', 'MATCH', '1*'],
    ['SSCAN', 's', '0', 'COUNT', '1'],
    ['SSCAN', 's', '0', 'COUNT', '0'],
    ['SSCAN', 's', '0', 'MATCH'],
    ['SSCAN', 's', '0', 'TYPE', 'set'],
    ['SSCAN', 's', 'x'],
    ['SADD', 'h', 'a', 'b', 'c'],
    { args: ['SSCAN', 'h', '0', 'COUNT', '100'], compare: scanAll },
    { args: ['SSCAN', 'h', '0', 'MATCH', 'b', 'COUNT', '100'], compare: scanAll },
  ]);
  d.random('random set ops (integers)', { steps: 400, gen: (r) => genSet(r, true) });
  d.random('random set ops (strings)', { steps: 400, gen: (r) => genSet(r, false) });
});

/** A whole-collection scan: cursor "0" on both and the same elements in any order. */
function scanAll(p: Reply, r: Reply): void {
  assert.ok(p.t === 'array' && r.t === 'array');
  assert.equal(showReply(p.v[0]), showReply(r.v[0]));
  const items = (x: Reply): string[] => (x.t === 'array' ? x.v.map(showReply).sort() : []);
  assert.deepEqual(items(p.v[1]), items(r.v[1]));
}

function genSet(r: Rng, intsOnly: boolean): Step {
  const keys = ['s1', 's2', 's3'];
  const key = (): string => r.pick(keys);
  const member = (): string => (intsOnly || r.bool(0.5) ? String(r.int(-20, 20)) : r.str(r.int(1, 3)));
  // Integer-only sets stay intsets (sorted in both servers): compare exactly.
  const all = (args: string[]): Step => (intsOnly ? args : unordered(args));
  switch (r.int(0, 15)) {
    case 0:
    case 1:
    case 2: {
      const args = ['SADD', key()];
      for (let i = r.int(1, 5); i > 0; i--) args.push(member());
      return args;
    }
    case 3:
      return ['SREM', key(), member(), member()];
    case 4:
      return ['SCARD', key()];
    case 5:
      return ['SISMEMBER', key(), member()];
    case 6:
      return ['SMISMEMBER', key(), member(), member()];
    case 7:
      return all(['SMEMBERS', key()]);
    case 8:
      return ['SMOVE', key(), key(), member()];
    case 9:
      return all(['SINTER', key(), key()]);
    case 10:
      return all(['SUNION', key(), key()]);
    case 11:
      return all(['SDIFF', key(), key(), key()]);
    case 12:
      return ['SINTERCARD', '2', key(), key(), 'LIMIT', String(r.int(0, 5))];
    case 13:
      return [r.pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), key(), key(), key()];
    case 14:
      // SPOP is random: it would make the two datasets diverge, so only SRANDMEMBER here.
      return shape(['SRANDMEMBER', key(), String(r.int(-3, 3))]);
    default:
      return ['OBJECT', 'ENCODING', key()];
  }
}
