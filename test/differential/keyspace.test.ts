/**
 * Generic keyspace commands, Petrel against redis-server 7.0: identical replies. Key order of
 * KEYS differs by design (compared unordered); SCAN cursors are Petrel's own (shape compared).
 * Each case uses its own key prefix so cases stay independent.
 */
import assert from 'node:assert/strict';
import { differential, type Rng, type Step } from '../helpers/differential.js';
import type { Reply } from '../helpers/resp-client.js';

const typeOnly = (args: string[]): Step => ({ args, compare: 'type' });
const unordered = (args: string[]): Step => ({ args, compare: 'unordered' });

/** SCAN replies: same shape, and the same keys when the walk completes in one call. */
function scanShape(p: Reply, r: Reply): void {
  assert.equal(p.t, 'array');
  assert.equal(r.t, 'array');
  const pv = (p as { v: Reply[] }).v;
  const rv = (r as { v: Reply[] }).v;
  assert.equal(pv.length, 2);
  assert.equal(pv[0].t, rv[0].t);
  assert.equal(pv[1].t, rv[1].t);
}

differential('keyspace', (d) => {
  d.case('del exists touch type unlink', [
    ['MSET', 'a:1', 'x', 'a:2', 'y', 'a:3', 'z'],
    ['EXISTS', 'a:1', 'a:1', 'a:none'],
    ['TOUCH', 'a:1', 'a:none'],
    ['TYPE', 'a:1'],
    ['TYPE', 'a:none'],
    ['DEL', 'a:1', 'a:none', 'a:1'],
    ['UNLINK', 'a:2', 'a:3'],
    ['EXISTS', 'a:1', 'a:2', 'a:3'],
    ['DEL'],
  ]);
  d.case('keys globs', [
    ['MSET', 'b:hello', '1', 'b:hallo', '1', 'b:hxllo', '1', 'b:heeello', '1', 'b:h*llo', '1', 'b:h]', '1', 'b:\xe9', '1', 'b:a\\', '1'],
    unordered(['KEYS', 'b:h?llo']),
    unordered(['KEYS', 'b:h*llo']),
    unordered(['KEYS', 'b:h[ae]llo']),
    unordered(['KEYS', 'b:h[^e]llo']),
    unordered(['KEYS', 'b:h[a-b]llo']),
    unordered(['KEYS', 'b:h[b-a]llo']),
    unordered(['KEYS', 'b:h\\*llo']),
    unordered(['KEYS', 'b:h[]']),
    unordered(['KEYS', 'b:h[]]']),
    unordered(['KEYS', 'b:h[\\]]']),
    unordered(['KEYS', 'b:[\xe0-\xff]']),
    unordered(['KEYS', 'b:[a-\xff]']),
    unordered(['KEYS', 'b:a\\']),
    unordered(['KEYS', 'b:*[']),
    unordered(['KEYS', 'B:*']),
    unordered(['KEYS', 'b:' + 'a*'.repeat(1200) + 'b']),
  ]);
  d.random('keys random patterns', {
    steps: 300,
    gen: (rng: Rng, i: number): Step => {
      const alpha = ['a', 'b', 'A', '*', '*', '?', '[', ']', '^', '-', '\\', '\xe9', '\x00'];
      const s = (n: number) => Array.from({ length: rng.int(0, n) }, () => rng.pick(alpha)).join('');
      if (i < 40) return ['SET', 'c:' + s(6), '1'];
      return unordered(['KEYS', 'c:' + s(10)]);
    },
  });
  d.case('scan arguments', [
    ['SET', 'd:1', 'v'],
    ['SCAN', 'abc'],
    ['SCAN', ' 1'],
    ['SCAN', '18446744073709551616'],
    ['SCAN', '0', 'COUNT', '0'],
    ['SCAN', '0', 'COUNT', 'x'],
    ['SCAN', '0', 'MATCH'],
    ['SCAN', '0', 'FOO', 'bar'],
    ['SCAN', '0', 'TYPE'],
    { args: ['SCAN', '0', 'MATCH', 'd:*', 'COUNT', '1000', 'TYPE', 'string'], compare: scanShape },
    { args: ['SCAN', '0', 'TYPE', 'list', 'COUNT', '1000'], compare: 'exact' },
    { args: ['SCAN', '0', 'MATCH', 'd:1', 'COUNT', '1000'], compare: (p, r) => assert.deepEqual((p as { v: Reply[] }).v[1], (r as { v: Reply[] }).v[1]) },
  ]);
  d.case('rename renamenx', [
    ['RENAME', 'e:none', 'e:x'],
    ['RENAMENX', 'e:none', 'e:x'],
    ['SET', 'e:a', '1', 'EX', '100'],
    ['RENAME', 'e:a', 'e:a'],
    ['RENAMENX', 'e:a', 'e:a'],
    ['RENAME', 'e:a', 'e:b'],
    typeOnly(['TTL', 'e:b']),
    ['EXISTS', 'e:a'],
    ['SET', 'e:c', '3'],
    ['RENAMENX', 'e:b', 'e:c'],
    ['RENAMENX', 'e:b', 'e:d'],
    ['RENAME', 'e:d', 'e:c'],
    ['GET', 'e:c'],
    typeOnly(['TTL', 'e:c']),
  ]);
  d.case('move copy', [
    ['SET', 'f:m', 'v'],
    ['MOVE', 'f:m', '16'],
    ['MOVE', 'f:m', '-1'],
    ['MOVE', 'f:m', '0'],
    ['MOVE', 'f:m', 'abc'],
    ['MOVE', 'f:m', '3000000000'],
    ['MOVE', 'f:none', '1'],
    ['MOVE', 'f:m', '1'],
    ['EXISTS', 'f:m'],
    ['SET', 'f:m', 'here'],
    ['MOVE', 'f:m', '1'],
    ['SELECT', '1'],
    ['GET', 'f:m'],
    ['DEL', 'f:m'],
    ['SELECT', '0'],
    ['SET', 'f:src', 'v'],
    ['PEXPIRE', 'f:src', '100000'],
    ['COPY', 'f:src', 'f:src'],
    ['COPY', 'f:src', 'f:x', 'DB', '99'],
    ['COPY', 'f:src', 'f:x', 'DB', 'x'],
    ['COPY', 'f:src', 'f:x', 'FOO'],
    ['COPY', 'f:src', 'f:x', 'DB'],
    ['COPY', 'f:none', 'f:x'],
    ['COPY', 'f:src', 'f:dst'],
    ['GET', 'f:dst'],
    typeOnly(['PTTL', 'f:dst']),
    ['SET', 'f:dst2', 'old'],
    ['COPY', 'f:src', 'f:dst2'],
    ['COPY', 'f:src', 'f:dst2', 'replace'],
    ['GET', 'f:dst2'],
    ['COPY', 'f:src', 'f:src', 'DB', '2'],
    ['SELECT', '2'],
    ['GET', 'f:src'],
    ['DEL', 'f:src'],
  ]);
  d.case('expire family', [
    ['SET', 'g:k', 'v'],
    ['EXPIRE', 'g:k', '10', 'NX', 'XX'],
    ['EXPIRE', 'g:k', '10', 'GT', 'LT'],
    ['EXPIRE', 'g:k', '10', 'NX', 'GT'],
    ['EXPIRE', 'g:k', '10', 'nx', 'lt'],
    ['EXPIRE', 'g:k', '10', 'FOO'],
    ['EXPIRE', 'g:k', 'abc', 'FOO'],
    ['EXPIRE', 'g:k', 'abc'],
    ['EXPIRE', 'g:k', '9223372036854775807'],
    ['EXPIRE', 'g:k', '-9223372036854775807'],
    ['PEXPIRE', 'g:k', '9223372036854775807'],
    ['PEXPIRE', 'g:k', '9223372036854775000'],
    ['EXPIREAT', 'g:k', '9223372036854775807'],
    ['PEXPIREAT', 'g:none', '9223372036854775807'],
    ['EXPIRE', 'g:none', '10'],
    ['EXPIRE', 'g:k', '100', 'XX'],
    ['EXPIRE', 'g:k', '100', 'GT'],
    ['EXPIRE', 'g:k', '100', 'LT'],
    ['EXPIRE', 'g:k', '200', 'NX'],
    ['EXPIRE', 'g:k', '200', 'GT'],
    ['EXPIRE', 'g:k', '50', 'GT'],
    ['EXPIRE', 'g:k', '300', 'LT'],
    ['TTL', 'g:k'],
    ['EXPIREAT', 'g:k', '4000000000'],
    ['EXPIRETIME', 'g:k'],
    ['PEXPIREAT', 'g:k', '4000000000123'],
    ['PEXPIRETIME', 'g:k'],
    ['EXPIRETIME', 'g:k'],
    ['PERSIST', 'g:k'],
    ['PERSIST', 'g:k'],
    ['PERSIST', 'g:none'],
    ['TTL', 'g:k'],
    ['PTTL', 'g:k'],
    ['EXPIRETIME', 'g:k'],
    ['TTL', 'g:none'],
    ['PTTL', 'g:none'],
    ['EXPIRETIME', 'g:none'],
    ['PEXPIRETIME', 'g:none'],
    ['EXPIRE', 'g:k', '-1'],
    ['EXISTS', 'g:k'],
    ['SET', 'g:k', 'v'],
    ['PEXPIREAT', 'g:k', '1'],
    ['EXISTS', 'g:k'],
    ['SET', 'g:k', 'v'],
    ['EXPIREAT', 'g:k', '0', 'NX'],
    ['EXISTS', 'g:k'],
  ]);
  d.case('object', [
    ['SET', 'h:i', '12345'],
    ['SET', 'h:neg', '-9223372036854775808'],
    ['SET', 'h:big', '12345678901234567890'],
    ['SET', 'h:lz', '00'],
    ['SET', 'h:s', 'a'.repeat(44)],
    ['SET', 'h:r', 'a'.repeat(45)],
    ['INCRBYFLOAT', 'h:f', '1.5'],
    ['INCR', 'h:n'],
    ['OBJECT', 'ENCODING', 'h:i'],
    ['OBJECT', 'ENCODING', 'h:neg'],
    ['OBJECT', 'ENCODING', 'h:big'],
    ['OBJECT', 'ENCODING', 'h:lz'],
    ['OBJECT', 'ENCODING', 'h:s'],
    ['OBJECT', 'ENCODING', 'h:r'],
    ['OBJECT', 'ENCODING', 'h:f'],
    ['OBJECT', 'ENCODING', 'h:n'],
    ['OBJECT', 'ENCODING', 'h:none'],
    ['OBJECT', 'REFCOUNT', 'h:n'],
    ['OBJECT', 'REFCOUNT', 'h:i'],
    ['OBJECT', 'REFCOUNT', 'h:s'],
    ['OBJECT', 'REFCOUNT', 'h:neg'],
    ['OBJECT', 'REFCOUNT', 'h:none'],
    ['OBJECT', 'FREQ', 'h:s'],
    ['OBJECT', 'FREQ', 'h:none'],
    ['OBJECT', 'IDLETIME', 'h:none'],
    ['OBJECT', 'HELP'],
    ['OBJECT', 'FOO', 'h:s'],
    ['OBJECT'],
    ['OBJECT', 'ENCODING'],
    ['OBJECT', 'ENCODING', 'a', 'b'],
  ]);
  d.case('randomkey on one key', [['SELECT', '5'], ['RANDOMKEY'], ['SET', 'i:only', 'v'], ['RANDOMKEY'], ['DEL', 'i:only'], ['RANDOMKEY']]);
  d.random('generic ops mix', {
    steps: 400,
    gen: (rng: Rng): Step => {
      const k = () => `j:${rng.int(0, 4)}`;
      switch (rng.int(0, 12)) {
        case 0: return ['SET', k(), rng.str(3)];
        case 1: return ['DEL', k(), k()];
        case 2: return ['EXISTS', k(), k()];
        case 3: return ['RENAME', k(), k()];
        case 4: return ['RENAMENX', k(), k()];
        case 5: return ['COPY', k(), k(), ...rng.pick([[], ['REPLACE']])];
        case 6: return ['EXPIRE', k(), String(rng.int(50, 500)), ...rng.pick([[], ['NX'], ['XX'], ['GT'], ['LT']])];
        case 7: return ['PERSIST', k()];
        case 8: return typeOnly(['TTL', k()]);
        case 9: return ['TYPE', k()];
        case 10: return ['GET', k()];
        case 11: return unordered(['KEYS', 'j:*']);
        default: return ['MOVE', k(), String(rng.int(0, 1))];
      }
    },
  });
  d.case('object encoding of strings changed in place, idletime', [
    ['SET', 'oe:a', '1'], ['APPEND', 'oe:a', '2'], ['OBJECT', 'ENCODING', 'oe:a'],
    ['INCR', 'oe:a'], ['OBJECT', 'ENCODING', 'oe:a'],
    ['SETRANGE', 'oe:b', '0', 'x'], ['OBJECT', 'ENCODING', 'oe:b'],
    ['APPEND', 'oe:c', 'new'], ['OBJECT', 'ENCODING', 'oe:c'], ['APPEND', 'oe:c', 'more'], ['OBJECT', 'ENCODING', 'oe:c'],
    ['SET', 'oe:c', 'short'], ['OBJECT', 'ENCODING', 'oe:c'],
    ['SET', 'oe:d', 'x'.repeat(50)], ['SETRANGE', 'oe:d', '0', 'y'], ['OBJECT', 'ENCODING', 'oe:d'],
    { args: ['OBJECT', 'IDLETIME', 'oe:c'], compare: 'type' },
    ['OBJECT', 'IDLETIME', 'oe:missing'],
    ['OBJECT', 'IDLETIME'],
  ]);
});
