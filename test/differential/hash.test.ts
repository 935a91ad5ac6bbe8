/**
 * Hash family, Petrel against redis-server 7.0: identical replies. Small hashes are listpacks in
 * both servers, so their order (HGETALL, HKEYS ...) is compared exactly; hashtable-encoded
 * hashes are compared as multisets.
 */
import assert from 'node:assert/strict';
import { differential, type Rng, type Step } from '../helpers/differential.js';
import { showReply, type Reply } from '../helpers/resp-client.js';

const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });
const type = (args: string[]): Step => ({ args, compare: 'type' });
const long = 'x'.repeat(65);

differential('hash', (d) => {
  d.case('hset hget hmget hdel and errors', [
    ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
    ['HSET', 'h', 'a', '10', 'd', '4'],
    ['HSET', 'h', 'a'],
    ['HSET', 'h', 'a', '1', 'b'],
    ['HMSET', 'h', 'e', '5'],
    ['HMSET', 'h', 'e'],
    ['HGETALL', 'h'],
    ['HKEYS', 'h'],
    ['HVALS', 'h'],
    ['HGET', 'h', 'a'],
    ['HGET', 'h', 'zz'],
    ['HGET', 'nokey', 'a'],
    ['HMGET', 'h', 'a', 'zz', 'b'],
    ['HMGET', 'nokey', 'a', 'b'],
    ['HDEL', 'h', 'a', 'a', 'zz'],
    ['HDEL', 'nokey', 'a'],
    ['HGETALL', 'h'],
    ['HLEN', 'h'],
    ['HLEN', 'nokey'],
    ['HEXISTS', 'h', 'b'],
    ['HEXISTS', 'h', 'a'],
    ['HSTRLEN', 'h', 'b'],
    ['HSTRLEN', 'h', 'zz'],
    ['HSETNX', 'h', 'b', 'x'],
    ['HSETNX', 'h', 'n', 'x'],
    ['HSETNX', 'h', 'n'],
    ['HSETNX', 'new', 'f', 'v'],
    ['HGETALL', 'new'],
    ['HDEL', 'h', 'b', 'c', 'd', 'e', 'n'],
    ['EXISTS', 'h'],
    ['HGETALL', 'nokey'],
    ['HSET', 'bin\x00', 'f\x00\xff', 'v\r\n'],
    ['HGETALL', 'bin\x00'],
  ]);
  d.case('wrong type', [
    ['SET', 's', 'x'],
    ['HSET', 's', 'a', '1'],
    ['HSETNX', 's', 'a', '1'],
    ['HGET', 's', 'a'],
    ['HMGET', 's', 'a'],
    ['HDEL', 's', 'a'],
    ['HLEN', 's'],
    ['HSTRLEN', 's', 'a'],
    ['HEXISTS', 's', 'a'],
    ['HKEYS', 's'],
    ['HVALS', 's'],
    ['HGETALL', 's'],
    ['HINCRBY', 's', 'a', '1'],
    ['HINCRBY', 's', 'a', 'x'],
    ['HINCRBYFLOAT', 's', 'a', '1'],
    ['HRANDFIELD', 's'],
    ['HRANDFIELD', 's', '2'],
    ['HRANDFIELD', 's', 'x'],
    ['HSCAN', 's', '0'],
    ['HSCAN', 's', 'x'],
  ]);
  d.case('hincrby hincrbyfloat', [
    ['HINCRBY', 'h', 'n', '5'],
    ['HINCRBY', 'h', 'n', '-7'],
    ['HINCRBY', 'h', 'n', 'x'],
    ['HINCRBY', 'h', 'n', '9223372036854775807'],
    ['HINCRBY', 'h', 'n', '-9223372036854775808'],
    ['HINCRBY', 'h', 'big', '9223372036854775807'],
    ['HINCRBY', 'h', 'big', '1'],
    ['HINCRBY', 'h', 'small', '-9223372036854775808'],
    ['HINCRBY', 'h', 'small', '-1'],
    ['HSET', 'h', 's', 'abc', 'f', '1.5', 'sp', ' 1'],
    ['HINCRBY', 'h', 's', '1'],
    ['HINCRBY', 'h', 'f', '1'],
    ['HINCRBY', 'h', 'sp', '1'],
    ['HINCRBYFLOAT', 'h', 'f', '0.1'],
    ['HINCRBYFLOAT', 'h', 'f', '-1.6'],
    ['HINCRBYFLOAT', 'h', 'g', '1.10000'],
    ['HINCRBYFLOAT', 'h', 'g', '1e10'],
    ['HINCRBYFLOAT', 'h', 'g', 'abc'],
    ['HINCRBYFLOAT', 'h', 'g', 'inf'],
    ['HINCRBYFLOAT', 'h', 'g', '1e5000'],
    ['HINCRBYFLOAT', 'h', 's', '1'],
    ['HINCRBYFLOAT', 'h', 'n', '0.5'],
    ['HINCRBYFLOAT', 'h', 'z', '1.1e4932'],
    ['HINCRBYFLOAT', 'h', 'z', '1.1e4932'],
    ['HINCRBYFLOAT', 'h', 'q', '0x10'],
    unordered(['HGETALL', 'h']),
    ['OBJECT', 'ENCODING', 'h'],
    ['HINCRBYFLOAT', 'h', 'q', '1e100'],
    ['OBJECT', 'ENCODING', 'h'],
    ['HINCRBY', 'h2', long, '1'],
    ['OBJECT', 'ENCODING', 'h2'],
  ]);
  d.case('encodings and conversion', [
    ['HSET', 'h', 'a', '1'],
    ['OBJECT', 'ENCODING', 'h'],
    ['HSET', 'h', 'b', long],
    ['OBJECT', 'ENCODING', 'h'],
    ['HDEL', 'h', 'b'],
    ['OBJECT', 'ENCODING', 'h'],
    ['HSET', 'h2', long, '1'],
    ['OBJECT', 'ENCODING', 'h2'],
    ['HSET', 'h3', 'x'.repeat(64), 'y'.repeat(64)],
    ['OBJECT', 'ENCODING', 'h3'],
    ['CONFIG', 'SET', 'hash-max-listpack-entries', '3'],
    ['HSET', 'h4', 'a', '1', 'b', '2', 'c', '3'],
    ['OBJECT', 'ENCODING', 'h4'],
    ['HSET', 'h4', 'd', '4'],
    ['OBJECT', 'ENCODING', 'h4'],
    unordered(['HGETALL', 'h4']),
    ['HSETNX', 'h5', 'a', '1'],
    ['HSETNX', 'h5', 'b', '1'],
    ['HSETNX', 'h5', 'c', '1'],
    ['HSETNX', 'h5', 'd', '1'],
    ['OBJECT', 'ENCODING', 'h5'],
    ['CONFIG', 'SET', 'hash-max-listpack-entries', '512'],
    ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
    ['DEBUG', 'DIGEST-VALUE', 'h4'],
    ['DEBUG', 'DIGEST-VALUE', 'h'],
  ]);
  d.case('hrandfield', [
    ['HRANDFIELD', 'nokey'],
    ['HRANDFIELD', 'nokey', '3'],
    ['HRANDFIELD', 'nokey', '-3', 'WITHVALUES'],
    ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
    ['HRANDFIELD', 'h', 'x'],
    ['HRANDFIELD', 'h', '1', 'WITHVALUE'],
    ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
    ['HRANDFIELD', 'h', '-9223372036854775808', 'WITHVALUES'],
    ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
    ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'],
    ['HRANDFIELD', 'h', '0'],
    ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
    ['HRANDFIELD', 'h', '3'],
    ['HRANDFIELD', 'h', '10', 'withvalues'],
    type(['HRANDFIELD', 'h']),
    type(['HRANDFIELD', 'h', '2']),
    type(['HRANDFIELD', 'h', '-5', 'WITHVALUES']),
  ]);
  d.case('hrandfield resp3', [
    ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
    ['HRANDFIELD', 'h', '10', 'WITHVALUES'],
    ['HRANDFIELD', 'h', '3'],
    ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
    ['HRANDFIELD', 'nokey'],
    ['HGETALL', 'h'],
    ['HGETALL', 'nokey'],
    { args: ['HRANDFIELD', 'h', '-5', 'WITHVALUES'], compare: (p, r) => sameShape(p, r) },
    { args: ['HRANDFIELD', 'h', '2', 'WITHVALUES'], compare: (p, r) => sameShape(p, r) },
  ], { resp3: true });
  d.case('hscan', [
    ['HSCAN', 'nokey', '0'],
    ['HSCAN', 'nokey', '0', 'COUNT', '0'],
    ['HSET', 'h', 'a1', '1', 'b1', '2', 'a2', '3'],
    ['HSCAN', 'h', '0'],
    ['HSCAN', 'h', '0', 'MATCH', 'a*'],
    ['HSCAN', 'h', '0', 'MATCH', 'a*', 'COUNT', '1'],
    ['HSCAN', 'h', '0', 'COUNT', '0'],
    ['HSCAN', 'h', '0', 'COUNT', 'x'],
    ['HSCAN', 'h', '0', 'MATCH'],
    ['HSCAN', 'h', '0', 'NOVALUES'],
    ['HSCAN', 'h', '0', 'TYPE', 'string'],
    ['HSCAN', 'h', 'abc'],
    ['HSCAN', 'h', '-1'],
    ['HSET', 'big', long, '1', 'b', '2', 'c', '3'],
    { args: ['HSCAN', 'big', '0', 'COUNT', '100'], compare: (p, r) => scanAll(p, r) },
  ]);
  d.random('random hash ops (listpack)', { steps: 400, gen: (r) => genHash(r, false) });
  d.random('random hash ops (hashtable)', { steps: 400, gen: (r) => genHash(r, true) });
});

/** Same reply type and, for aggregates, the same length and element types. */
function sameShape(p: Reply, r: Reply): void {
  assert.equal(p.t, r.t, `types differ: ${showReply(p)} vs ${showReply(r)}`);
  if ((p.t === 'array' || p.t === 'set') && (r.t === 'array' || r.t === 'set')) {
    assert.equal(p.v.length, r.v.length, `lengths differ: ${showReply(p)} vs ${showReply(r)}`);
    for (let i = 0; i < p.v.length; i++) sameShape(p.v[i], r.v[i]);
  }
}

/** A whole-collection scan: cursor "0" on both and the same elements in any order. */
function scanAll(p: Reply, r: Reply): void {
  assert.ok(p.t === 'array' && r.t === 'array');
  assert.equal(showReply(p.v[0]), showReply(r.v[0]));
  const items = (x: Reply): string[] => (x.t === 'array' ? x.v.map(showReply) : []);
  const pairs = (xs: string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < xs.length; i += 2) out.push(xs[i] + '=' + (xs[i + 1] ?? ''));
    return out.sort();
  };
  assert.deepEqual(pairs(items(p.v[1])), pairs(items(r.v[1])));
}

function genHash(r: Rng, big: boolean): Step {
  const key = r.pick(['h1', 'h2']);
  const field = (): string => (big && r.bool(0.1) ? 'f'.repeat(70) : 'f' + r.int(0, 12));
  const val = (): string => (r.bool(0.3) ? String(r.int(-50, 50)) : r.str(r.int(0, 5)));
  const all = (args: string[]): Step => (big ? unordered(args) : args);
  switch (r.int(0, 13)) {
    case 0:
    case 1: {
      const args = ['HSET', key];
      for (let i = r.int(1, 4); i > 0; i--) args.push(field(), val());
      return args;
    }
    case 2:
      return ['HSETNX', key, field(), val()];
    case 3:
      return ['HGET', key, field()];
    case 4:
      return ['HMGET', key, field(), field()];
    case 5:
      return ['HDEL', key, field(), field()];
    case 6:
      return ['HLEN', key];
    case 7:
      return all(['HGETALL', key]);
    case 8:
      return r.bool() ? all(['HKEYS', key]) : all(['HVALS', key]);
    case 9:
      return ['HINCRBY', key, field(), String(r.int(-100, 100))];
    case 10:
      return ['HINCRBYFLOAT', key, field(), r.pick(['0.1', '-1.5', '3', '1e3', '2.5e-3'])];
    case 11:
      return ['HEXISTS', key, field()];
    case 12:
      return ['HSTRLEN', key, field()];
    default:
      return ['OBJECT', 'ENCODING', key];
  }
}
