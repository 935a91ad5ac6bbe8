/**
 * Bitmap family (SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO), Petrel against
 * redis-server 7.0: identical replies, and identical bytes (GET) after every write.
 */
import { differential, type Rng, type Step } from '../helpers/differential.js';

const ONES = '\xff\xff\xff';

differential('bitmap', (d) => {
  d.case('setbit getbit and errors', [
    ['SETBIT', 'k', '7', '1'],
    ['SETBIT', 'k', '7', '1'],
    ['SETBIT', 'k', '7', '0'],
    ['SETBIT', 'k', '100', '1'],
    ['GET', 'k'],
    ['GETBIT', 'k', '100'],
    ['GETBIT', 'k', '101'],
    ['GETBIT', 'k', '100000'],
    ['GETBIT', 'nokey', '3'],
    ['SETBIT', 'k', '-1', '1'],
    ['SETBIT', 'k', 'x', '1'],
    ['SETBIT', 'k', '1', '2'],
    ['SETBIT', 'k', '1', '-1'],
    ['SETBIT', 'k', '1', 'a'],
    ['SETBIT', 'k', '4294967296', '1'],
    ['SETBIT', 'k', '4294967295', 'x'],
    ['GETBIT', 'k', '4294967296'],
    ['GETBIT', 'k', '-1'],
    ['GETBIT', 'k', '4294967295'],
    ['SETBIT', 'k', '1.5', '1'],
    ['HSET', 'l', 'f', 'a'],
    ['SETBIT', 'l', '1', '1'],
    ['SETBIT', 'l', 'x', '1'],
    ['GETBIT', 'l', '1'],
    ['GETBIT', 'l', 'x'],
    ['SET', 'n', '12345'],
    ['SETBIT', 'n', '2', '1'],
    ['GET', 'n'],
    ['SETBIT', 'n', '0', '0'],
    ['GETBIT', 'n', '3'],
  ]);
  d.case('bitcount ranges and units', [
    ['SET', 's', 'foobar\x00\xff\x80'],
    ['BITCOUNT', 's'],
    ['BITCOUNT', 's', '0', '0'],
    ['BITCOUNT', 's', '1', '1'],
    ['BITCOUNT', 's', '-3', '-1'],
    ['BITCOUNT', 's', '-1', '-3'],
    ['BITCOUNT', 's', '-100', '100'],
    ['BITCOUNT', 's', '5', '1'],
    ['BITCOUNT', 's', '1', '5', 'BIT'],
    ['BITCOUNT', 's', '5', '30', 'bit'],
    ['BITCOUNT', 's', '-5', '-1', 'BIT'],
    ['BITCOUNT', 's', '0', '-1', 'BYTE'],
    ['BITCOUNT', 's', '3', '3', 'BIT'],
    ['BITCOUNT', 's', '0', '1', 'BITS'],
    ['BITCOUNT', 's', '-1', '-2', 'BITS'],
    ['BITCOUNT', 's', '0'],
    ['BITCOUNT', 's', '0', '1', '2', '3'],
    ['BITCOUNT', 's', 'a', '1'],
    ['BITCOUNT', 's', '0', 'b'],
    ['BITCOUNT', 'nokey'],
    ['BITCOUNT', 'nokey', 'a', 'b'],
    ['BITCOUNT', 'nokey', '0'],
    ['HSET', 'l', 'f', 'x'],
    ['BITCOUNT', 'l'],
    ['BITCOUNT', 'l', 'a'],
    ['SET', 'e', ''],
    ['BITCOUNT', 'e', '0', '-1'],
    ['BITCOUNT', 'e', '0', '-1', 'BIT'],
  ]);
  d.case('bitpos', [
    ['SET', 's', '\xff\xf0\x00'],
    ['BITPOS', 's', '0'],
    ['BITPOS', 's', '1'],
    ['BITPOS', 's', '1', '2'],
    ['BITPOS', 's', '0', '1', '1'],
    ['BITPOS', 's', '1', '1', '-1'],
    ['BITPOS', 's', '1', '7', '15', 'BIT'],
    ['BITPOS', 's', '0', '7', '15', 'BIT'],
    ['BITPOS', 's', '0', '3', '11', 'BIT'],
    ['BITPOS', 's', '1', '9', '12', 'bit'],
    ['BITPOS', 's', '0', '0', '-1', 'BYTE'],
    ['BITPOS', 's', '0', '20', '10', 'BIT'],
    ['BITPOS', 's', '1', '-5', '-1', 'BIT'],
    ['BITPOS', 's', '2'],
    ['BITPOS', 's', '-1'],
    ['BITPOS', 's', 'x'],
    ['BITPOS', 's', '1', 'a'],
    ['BITPOS', 's', '1', '0', 'b'],
    ['BITPOS', 's', '1', '0', '1', 'BOTH'],
    ['BITPOS', 's', '1', '0', '1', 'BIT', 'x'],
    ['BITPOS', 'nokey', '1'],
    ['BITPOS', 'nokey', '0'],
    ['BITPOS', 'nokey', '0', 'a'],
    ['BITPOS', 'nokey', '2'],
    ['SET', 'ones', ONES],
    ['BITPOS', 'ones', '0'],
    ['BITPOS', 'ones', '0', '0'],
    ['BITPOS', 'ones', '0', '1'],
    ['BITPOS', 'ones', '0', '0', '-1'],
    ['BITPOS', 'ones', '0', '0', '2'],
    ['BITPOS', 'ones', '0', '3', 'BIT'],
    ['BITPOS', 'ones', '0', '0', '23', 'BIT'],
    ['BITPOS', 'ones', '1', '0', '23', 'BIT'],
    ['SET', 'zeros', '\x00\x00'],
    ['BITPOS', 'zeros', '1'],
    ['BITPOS', 'zeros', '0'],
    ['BITPOS', 'zeros', '1', '0', '-1', 'BIT'],
    ['SET', 'e', ''],
    ['BITPOS', 'e', '0'],
    ['BITPOS', 'e', '1'],
    ['BITPOS', 'e', '0', '0', '-1'],
    ['HSET', 'h', 'f', 'v'],
    ['BITPOS', 'h', '1'],
  ]);
  d.case('bitop', [
    ['SET', 'a', 'foobar'],
    ['SET', 'b', 'abcdef\xff'],
    ['SET', 'c', '\x01'],
    ['BITOP', 'AND', 'dest', 'a', 'b', 'c'],
    ['GET', 'dest'],
    ['BITOP', 'or', 'dest', 'a', 'b', 'c'],
    ['GET', 'dest'],
    ['BITOP', 'XOR', 'dest', 'a', 'b', 'nokey'],
    ['GET', 'dest'],
    ['BITOP', 'NOT', 'dest', 'b'],
    ['GET', 'dest'],
    ['BITOP', 'NOT', 'dest', 'a', 'b'],
    ['BITOP', 'NAND', 'dest', 'a'],
    ['BITOP', 'AND', 'dest', 'nokey', 'nokey2'],
    ['EXISTS', 'dest'],
    ['BITOP', 'AND', 'dest', 'nokey'],
    ['SET', 'dest', 'x', 'EX', '100'],
    ['BITOP', 'OR', 'dest', 'a'],
    ['TTL', 'dest'],
    ['HSET', 'l', 'f', 'x'],
    ['BITOP', 'OR', 'dest', 'a', 'l'],
    ['BITOP', 'OR', 'l', 'a'],
    ['TYPE', 'l'],
    ['BITOP', 'AND', 'a', 'a', 'c'],
    ['GET', 'a'],
  ]);
  d.case('bitfield get set incrby overflow', [
    ['BITFIELD', 'bf', 'SET', 'i8', '0', '100', 'GET', 'i8', '0', 'INCRBY', 'i8', '0', '100'],
    ['GET', 'bf'],
    ['BITFIELD', 'bf', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '0', '100', 'INCRBY', 'i8', '0', '-1000'],
    ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', '0', '-1000', 'INCRBY', 'u4', '#3', '7'],
    ['BITFIELD', 'bf', 'INCRBY', 'u4', '#3', '12', 'GET', 'u4', '#3', 'GET', 'u4', '12'],
    ['BITFIELD', 'bf', 'SET', 'u8', '#1', '-1', 'OVERFLOW', 'SAT', 'SET', 'u8', '#2', '-1', 'SET', 'i4', '100', '9'],
    ['GET', 'bf'],
    ['BITFIELD', 'bf', 'SET', 'i64', '0', '-9223372036854775808', 'INCRBY', 'i64', '0', '-1', 'GET', 'u63', '1'],
    ['BITFIELD', 'bf', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '-1', 'INCRBY', 'i64', '0', '9223372036854775807'],
    ['BITFIELD', 'bf', 'SET', 'u63', '3', '9223372036854775807', 'INCRBY', 'u63', '3', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'u63', '3', '-5'],
    ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'SET', 'u2', '0', '4', 'SET', 'i2', '0', '-3', 'SET', 'i2', '0', '1'],
    ['GET', 'bf'],
    ['BITFIELD', 'bf', 'GET', 'u64', '0'],
    ['BITFIELD', 'bf', 'GET', 'i65', '0'],
    ['BITFIELD', 'bf', 'GET', 'i0', '0'],
    ['BITFIELD', 'bf', 'GET', 'x8', '0'],
    ['BITFIELD', 'bf', 'GET', 'I8', '0'],
    ['BITFIELD', 'bf', 'GET', 'U8', '#1'],
    ['BITFIELD', 'bf', 'GET', 'u8', '#-1'],
    ['BITFIELD', 'bf', 'GET', 'u8', '-1'],
    ['BITFIELD', 'bf', 'GET', 'u8', 'a'],
    ['BITFIELD', 'bf', 'GET', 'u8', '4294967296'],
    ['BITFIELD', 'bf', 'GET', 'u8', '4294967288'],
    ['BITFIELD', 'bf', 'GET', 'u8', '#536870912'],
    ['BITFIELD', 'bf', 'GET', 'i64', '#9223372036854775807'],
    ['BITFIELD', 'bf', 'SET', 'u8', '0', 'x'],
    ['BITFIELD', 'bf', 'SET', 'u8', '0'],
    ['BITFIELD', 'bf', 'GET', 'u8'],
    ['BITFIELD', 'bf', 'OVERFLOW', 'BOGUS', 'GET', 'u8', '0'],
    ['BITFIELD', 'bf', 'OVERFLOW'],
    ['BITFIELD', 'bf', 'FOO', 'u8', '0'],
    ['BITFIELD', 'bf'],
    ['BITFIELD', 'nokey', 'GET', 'u8', '0'],
    ['EXISTS', 'nokey'],
    ['BITFIELD', 'nokey2', 'OVERFLOW', 'FAIL', 'SET', 'u2', '100', '9'],
    ['GET', 'nokey2'],
    ['BITFIELD_RO', 'bf', 'GET', 'u8', '0', 'GET', 'i5', '3'],
    ['BITFIELD_RO', 'bf', 'SET', 'u8', '0', '1'],
    ['BITFIELD_RO', 'bf', 'INCRBY', 'u8', '0', '1'],
    ['BITFIELD_RO', 'bf'],
    ['HSET', 'l', 'f', 'x'],
    ['BITFIELD', 'l', 'GET', 'u8', '0'],
    ['BITFIELD', 'l', 'SET', 'u8', '0', '1'],
    ['BITFIELD', 'l', 'GET', 'u99', '0'],
    ['BITFIELD_RO', 'l', 'GET', 'u8', '0'],
  ]);

  const keys = ['r1', 'r2', 'r3'];
  // Every other step reads back the bytes of the key the previous step used.
  let last = 'r1';
  const gen = (rng: Rng, step: number): Step => {
    if (step % 2 === 1) return ['GET', last];
    const k = (last = rng.pick(keys));
    const n = rng.int(0, 20);
    if (n < 5) return ['SETBIT', k, String(rng.int(0, rng.bool(0.8) ? 64 : 2000)), String(rng.int(0, 1))];
    if (n < 7) return ['GETBIT', k, String(rng.int(0, 100))];
    if (n < 9) {
      const t = rng.pick(['i', 'u']);
      const bits = t === 'i' ? rng.int(1, 64) : rng.int(1, 63);
      const off = rng.bool(0.3) ? `#${rng.int(0, 10)}` : String(rng.int(0, 200));
      const op = rng.pick(['GET', 'SET', 'INCRBY']);
      const val = String(rng.pick([rng.int(-300, 300), rng.int(-(2 ** 40), 2 ** 40)]));
      const ow = rng.pick(['WRAP', 'SAT', 'FAIL']);
      return op === 'GET' ? ['BITFIELD', k, 'GET', `${t}${bits}`, off] : ['BITFIELD', k, 'OVERFLOW', ow, op, `${t}${bits}`, off, val];
    }
    if (n < 11) {
      const op = rng.pick(['AND', 'OR', 'XOR', 'NOT']);
      return op === 'NOT' ? ['BITOP', op, k, rng.pick(keys)] : ['BITOP', op, k, rng.pick(keys), rng.pick(keys), 'nokey'];
    }
    if (n < 13) return ['BITCOUNT', k, String(rng.int(-40, 40)), String(rng.int(-40, 40)), rng.pick(['BIT', 'BYTE'])];
    if (n < 16) {
      const args = ['BITPOS', k, String(rng.int(0, 1))];
      const extra = rng.int(0, 3);
      if (extra >= 1) args.push(String(rng.int(-20, 20)));
      if (extra >= 2) args.push(String(rng.int(-20, 40)));
      if (extra >= 3) args.push(rng.pick(['BIT', 'BYTE']));
      return args;
    }
    if (n < 17) return ['SET', k, rng.pick(['\xff\xff', '\x00', rng.str(rng.int(0, 6), true)])];
    return ['GET', k];
  };
  d.random('random bitmap ops', { steps: 1200, gen });
  d.random('random bitmap ops 2', { steps: 1200, gen });
});
