/**
 * The incremental RESP request parser: multibulk and inline requests fed whole, byte by byte
 * and in arbitrary chunks; big bulks across chunks; the shared read buffer contract (detach);
 * and every protocol error with Redis 7.0's exact text (checked against redis-server 7.0.15).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, RequestParser, parseLongLong, splitArgs } from '../../src/protocol/request-parser.js';

const MAX_BULK = 512 * 1024 * 1024;

function parser(authRequired = false): RequestParser {
  return new RequestParser({ maxBulkLen: MAX_BULK, authRequired: () => authRequired });
}

/** Every request the parser yields for the whole input. */
function parseAll(input: string | Buffer, p = parser()): string[][] {
  p.push(typeof input === 'string' ? Buffer.from(input, 'latin1') : input);
  const out: string[][] = [];
  for (let r = p.next(); r !== null; r = p.next()) out.push(r);
  return out;
}

/** Feeds the input in chunks of `size` bytes, reusing one buffer as the server does. */
function parseChunked(input: Buffer, size: number): string[][] {
  const p = parser();
  const shared = Buffer.alloc(size);
  const out: string[][] = [];
  for (let i = 0; i < input.length; i += size) {
    const n = input.copy(shared, 0, i, i + size);
    p.push(shared.subarray(0, n));
    for (let r = p.next(); r !== null; r = p.next()) out.push(r);
    p.detach();
    shared.fill(0xee); // anything the parser kept without copying would now be garbage
  }
  return out;
}

function multibulk(...args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join('');
}

function protocolError(input: string, authRequired = false): string {
  try {
    parseAll(input, parser(authRequired));
  } catch (e) {
    assert.ok(e instanceof ProtocolError, `expected ProtocolError, got ${String(e)}`);
    return e.message;
  }
  assert.fail(`no error for ${JSON.stringify(input)}`);
}

describe('request parser: multibulk', () => {
  it('parses requests and pipelines', () => {
    assert.deepEqual(parseAll(multibulk('SET', 'k', 'v') + multibulk('GET', 'k')), [['SET', 'k', 'v'], ['GET', 'k']]);
  });

  it('is binary safe (latin1, CR LF and NUL inside bulks)', () => {
    const v = '\x00\r\n\xff\x80 "\'';
    assert.deepEqual(parseAll(multibulk('SET', 'k', v)), [['SET', 'k', v]]);
    assert.deepEqual(parseAll(multibulk('GET', '')), [['GET', '']]);
  });

  it('gives the same requests fed byte by byte', () => {
    const input = Buffer.from(multibulk('SET', 'key', 'value') + 'PING\r\n' + multibulk('MSET', 'a', '1', 'b', '\r\n') + 'echo "x y"\n', 'latin1');
    const expected = parseAll(input);
    assert.equal(expected.length, 4);
    assert.deepEqual(parseChunked(input, 1), expected);
    assert.deepEqual(parseChunked(input, 3), expected);
  });

  it('waits for a partial request', () => {
    const p = parser();
    p.push(Buffer.from('*2\r\n$4\r\nECHO\r\n$5\r\nhel'));
    assert.equal(p.next(), null);
    p.push(Buffer.from('lo\r\n'));
    assert.deepEqual(p.next(), ['ECHO', 'hello']);
    assert.equal(p.next(), null);
    assert.equal(p.pending, 0);
  });

  it('reads big bulks arriving in many chunks, across a reused buffer', () => {
    const big = Buffer.alloc(300 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const input = Buffer.concat([Buffer.from(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${big.length}\r\n`), big, Buffer.from('\r\n' + multibulk('GET', 'k'))]);
    for (const size of [1000, 64 * 1024, 70_001]) {
      const reqs = parseChunked(input, size);
      assert.equal(reqs.length, 2);
      assert.equal(reqs[0][2], big.toString('latin1'));
      assert.deepEqual(reqs[1], ['GET', 'k']);
    }
  });

  it('ignores *0 and negative counts, and empty lines, as Redis does', () => {
    assert.deepEqual(parseAll('*0\r\n*-1\r\n*-5\r\n\r\nPING\r\n'), [['PING']]);
  });

  it('does not check the CRLF after a bulk (as Redis)', () => {
    assert.deepEqual(parseAll('*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n'), [['PING'], ['PING']]);
  });

  it('accepts large counts up to INT_MAX and waits for the arguments', () => {
    const p = parser();
    p.push(Buffer.from('*2000000\r\n'));
    assert.equal(p.next(), null);
  });

  it('reports pending bytes for the query buffer limit', () => {
    const p = parser();
    p.push(Buffer.from('*1\r\n$10\r\nabc'));
    assert.equal(p.next(), null);
    assert.ok(p.pending >= 3);
  });
});

describe('request parser: protocol errors (Redis 7.0 texts)', () => {
  const cases: [string, string][] = [
    ['*3000000000\r\n', 'Protocol error: invalid multibulk length'],
    ['*abc\r\n', 'Protocol error: invalid multibulk length'],
    ['*+1\r\n', 'Protocol error: invalid multibulk length'],
    ['*01\r\n', 'Protocol error: invalid multibulk length'],
    ['*-0\r\n', 'Protocol error: invalid multibulk length'],
    ['*1 \r\n', 'Protocol error: invalid multibulk length'],
    ['*\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\nx\r\n', "Protocol error: expected '$', got 'x'"],
    ['*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n', "Protocol error: expected '$', got 'f'"],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$+4\r\nPING\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$ 4\r\nPING\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$04\r\nPING\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$600000000\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$99999999999999999999\r\n', 'Protocol error: invalid bulk length'],
    ['set "a b\r\n', 'Protocol error: unbalanced quotes in request'],
    ["set 'a'b c\r\n", 'Protocol error: unbalanced quotes in request'],
    ['set "a"b c\r\n', 'Protocol error: unbalanced quotes in request'],
  ];
  for (const [input, msg] of cases) {
    it(`${JSON.stringify(input)} -> ${msg}`, () => assert.equal(protocolError(input), msg));
  }

  it('too big inline request / mbulk count / bulk count', () => {
    assert.equal(protocolError('x'.repeat(64 * 1024 + 1)), 'Protocol error: too big inline request');
    assert.equal(protocolError('*' + '1'.repeat(64 * 1024 + 1)), 'Protocol error: too big mbulk count string');
    assert.equal(protocolError('*1\r\n$' + '1'.repeat(64 * 1024 + 1)), 'Protocol error: too big bulk count string');
  });

  it('unauthenticated limits: more than 10 arguments, bulks above 16384 bytes', () => {
    assert.equal(protocolError('*11\r\n', true), 'Protocol error: unauthenticated multibulk length');
    assert.equal(protocolError('*1\r\n$16385\r\n', true), 'Protocol error: unauthenticated bulk length');
    assert.deepEqual(parseAll(multibulk('AUTH', 'pw'), parser(true)), [['AUTH', 'pw']]);
    assert.equal(parseAll('*11\r\n', parser(false)).length, 0); // waits
  });

  it('honours proto-max-bulk-len', () => {
    const p = new RequestParser({ maxBulkLen: 1024 });
    p.push(Buffer.from('*1\r\n$1025\r\n'));
    assert.throws(() => p.next(), { message: 'Protocol error: invalid bulk length' });
  });
});

describe('request parser: inline', () => {
  it('splits words, with \\r\\n or \\n line ends', () => {
    assert.deepEqual(parseAll('SET  k   v\r\nGET k\n'), [['SET', 'k', 'v'], ['GET', 'k']]);
  });

  it('handles double and single quotes with their escapes', () => {
    assert.deepEqual(parseAll('echo "a b" \'c d\'\r\n'), [['echo', 'a b', 'c d']]);
    assert.deepEqual(parseAll('echo "\\x41\\x42" "a\\qb" "\\n\\r\\t\\b\\a\\\\\\""\r\n'), [['echo', 'AB', 'aqb', '\n\r\t\b\x07\\"']]);
    assert.deepEqual(parseAll("echo 'a\\'b' 'x\\ny'\r\n"), [['echo', "a'b", 'x\\ny']]);
    assert.deepEqual(parseAll('echo "\\x4"\r\n'), [['echo', 'x4']]);
    assert.deepEqual(parseAll('echo ""\r\n'), [['echo', '']]);
  });

  it('ends the line at a NUL byte, as Redis (C string)', () => {
    assert.deepEqual(parseAll('echo a\x00b\r\n'), [['echo', 'a']]);
  });

  it('waits for the end of the line', () => {
    const p = parser();
    p.push(Buffer.from('PIN'));
    assert.equal(p.next(), null);
    p.push(Buffer.from('G\r\n'));
    assert.deepEqual(p.next(), ['PING']);
    assert.equal(p.lastWasInline, true);
    p.push(Buffer.from(multibulk('PING')));
    assert.deepEqual(p.next(), ['PING']);
    assert.equal(p.lastWasInline, false);
  });

  it('splitArgs returns null on unbalanced quotes', () => {
    assert.equal(splitArgs('"abc'), null);
    assert.equal(splitArgs("'abc"), null);
    assert.deepEqual(splitArgs('  '), []);
  });
});

describe('parseLongLong (string2ll)', () => {
  const p = (s: string) => parseLongLong(Buffer.from(s), 0, s.length);
  it('accepts plain integers', () => {
    assert.equal(p('0'), 0);
    assert.equal(p('-1'), -1);
    assert.equal(p('123'), 123);
    assert.ok(p('9223372036854775807')! > 9e18);
    assert.ok(p('-9223372036854775808')! < -9e18);
  });
  it('refuses what string2ll refuses', () => {
    for (const s of ['', '-', '+1', '01', '-0', ' 1', '1 ', '1a', '9223372036854775808', '-9223372036854775809', '12345678901234567890']) {
      assert.equal(p(s), null, s);
    }
  });
});
