/**
 * The reply writer: every reply type in RESP2 and RESP3, byte for byte as Redis 7.0 writes
 * them, the output buffer (take, mark/rollback, growth) and formatDouble against C's %.17g.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReplyWriter, formatDouble } from '../../src/protocol/reply-writer.js';

function out(fn: (w: ReplyWriter) => void, proto: 2 | 3 = 2): string {
  const w = new ReplyWriter();
  w.proto = proto;
  fn(w);
  return w.take()?.toString('latin1') ?? '';
}

describe('reply writer: RESP2', () => {
  it('simple, error, integer', () => {
    assert.equal(out((w) => w.simple('OK')), '+OK\r\n');
    assert.equal(out((w) => w.error('ERR syntax error')), '-ERR syntax error\r\n');
    assert.equal(out((w) => w.error('ERR a\r\nb')), '-ERR a  b\r\n');
    assert.equal(out((w) => w.integer(-42)), ':-42\r\n');
    assert.equal(out((w) => w.integer(9223372036854775807n)), ':9223372036854775807\r\n');
  });

  it('bulk strings of every size, binary safe', () => {
    assert.equal(out((w) => w.bulk('')), '$0\r\n\r\n');
    assert.equal(out((w) => w.bulk('abc')), '$3\r\nabc\r\n');
    assert.equal(out((w) => w.bulk(null)), '$-1\r\n');
    const bin = '\x00\r\n\xff\x80';
    assert.equal(out((w) => w.bulk(bin)), `$5\r\n${bin}\r\n`);
    for (const len of [9, 10, 64, 65, 99, 100, 999, 1000, 10_000, 100_000]) {
      const s = 'x'.repeat(len - 1) + '\xfe';
      assert.equal(out((w) => w.bulk(s)), `$${len}\r\n${s}\r\n`, `len ${len}`);
    }
    assert.equal(out((w) => w.bulkBuffer(Buffer.from([0, 255]))), '$2\r\n\x00\xff\r\n');
  });

  it('aggregates and nulls', () => {
    assert.equal(out((w) => w.nullArray()), '*-1\r\n');
    assert.equal(out((w) => w.array(2)), '*2\r\n');
    assert.equal(out((w) => w.map(2)), '*4\r\n');
    assert.equal(out((w) => w.set(3)), '*3\r\n');
    assert.equal(out((w) => w.push(3)), '*3\r\n');
  });

  it('doubles as bulk strings, booleans as integers, verbatim as bulk', () => {
    assert.equal(out((w) => w.double(1.5)), '$3\r\n1.5\r\n');
    assert.equal(out((w) => w.double(Infinity)), '$3\r\ninf\r\n');
    assert.equal(out((w) => w.double(-Infinity)), '$4\r\n-inf\r\n');
    assert.equal(out((w) => w.bool(true)), ':1\r\n');
    assert.equal(out((w) => w.bool(false)), ':0\r\n');
    assert.equal(out((w) => w.verbatim('hi')), '$2\r\nhi\r\n');
  });
});

describe('reply writer: RESP3', () => {
  it('nulls, aggregates, doubles, booleans, verbatim', () => {
    assert.equal(out((w) => w.null(), 3), '_\r\n');
    assert.equal(out((w) => w.bulk(null), 3), '_\r\n');
    assert.equal(out((w) => w.nullArray(), 3), '_\r\n');
    assert.equal(out((w) => w.map(2), 3), '%2\r\n');
    assert.equal(out((w) => w.set(3), 3), '~3\r\n');
    assert.equal(out((w) => w.push(3), 3), '>3\r\n');
    assert.equal(out((w) => w.double(0.1), 3), ',0.10000000000000001\r\n');
    assert.equal(out((w) => w.double(-Infinity), 3), ',-inf\r\n');
    assert.equal(out((w) => w.bool(true), 3), '#t\r\n');
    assert.equal(out((w) => w.bool(false), 3), '#f\r\n');
    assert.equal(out((w) => w.verbatim('hi'), 3), '=6\r\ntxt:hi\r\n');
    assert.equal(out((w) => w.array(0), 3), '*0\r\n');
  });
});

describe('reply writer: buffer', () => {
  it('take empties the writer; null when nothing is pending', () => {
    const w = new ReplyWriter();
    assert.equal(w.take(), null);
    w.simple('OK');
    assert.equal(w.pending, 5);
    const first = w.take()!;
    w.simple('X');
    assert.equal(first.toString(), '+OK\r\n'); // not overwritten by later replies
    assert.equal(w.take()!.toString(), '+X\r\n');
  });

  it('grows past its initial size and hands large batches over intact', () => {
    const w = new ReplyWriter();
    const big = 'y'.repeat(100_000);
    for (let i = 0; i < 3; i++) w.bulk(big);
    const b = w.take()!;
    assert.equal(b.length, 3 * (big.length + 11)); // "$100000\r\n" + value + "\r\n"
    w.bulk('after');
    assert.equal(b.subarray(0, 10).toString(), '$100000\r\ny');
  });

  it('mark/rollback and discard drop replies; errors are counted and reported', () => {
    const w = new ReplyWriter();
    const seen: string[] = [];
    w.onError = (m) => seen.push(m);
    w.simple('keep');
    const m = w.mark();
    w.error('ERR dropped');
    w.rollback(m);
    assert.equal(w.take()!.toString(), '+keep\r\n');
    assert.equal(w.errors, 1);
    assert.deepEqual(seen, ['ERR dropped']);
    w.simple('x');
    w.discard();
    assert.equal(w.take(), null);
  });
});

describe('formatDouble (Redis 7.0: %.17g)', () => {
  // Expected values printed by C's printf("%.17g") on doubles (python '%.17g' % v).
  const cases: [number, string][] = [
    [0.1, '0.10000000000000001'],
    [1.5, '1.5'],
    [3, '3'],
    [-2.5, '-2.5'],
    [1e300, '1.0000000000000001e+300'],
    [1e-5, '1.0000000000000001e-05'],
    [0.0001, '0.0001'],
    [123456789012345678, '1.2345678901234568e+17'],
    [1e17, '1e+17'],
    [1e16, '10000000000000000'],
    [3.14159, '3.1415899999999999'],
    [-0, '-0'],
    [0, '0'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [5e-324, '4.9406564584124654e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [100, '100'],
    [0.3, '0.29999999999999999'],
    [1 / 3, '0.33333333333333331'],
    [2 ** 53, '9007199254740992'],
    [12345.678, '12345.678'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ];
  for (const [v, s] of cases) it(`${v} -> ${s}`, () => assert.equal(formatDouble(v), s));
});
