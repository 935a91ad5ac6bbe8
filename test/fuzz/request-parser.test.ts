/**
 * Fuzzing the RESP request parser (fast-check, time-limited): any byte sequence either parses
 * into requests, waits for more, or throws ProtocolError, never another exception; and cutting
 * the input at arbitrary points (through a reused read buffer, as the server does) gives the
 * same requests, or the same error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProtocolError, RequestParser } from '../../src/protocol/request-parser.js';

type Outcome = { requests: string[][]; error: string | null };

/** Runs the parser over `input` cut at `cuts`, copying each piece into one reused buffer. */
function run(input: Uint8Array, cuts: number[]): Outcome {
  const p = new RequestParser({ maxBulkLen: 1 << 20, authRequired: () => false });
  const shared = Buffer.alloc(input.length + 1);
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  points.push(input.length);
  const requests: string[][] = [];
  let start = 0;
  try {
    for (const end of points) {
      if (end <= start) continue;
      shared.set(input.subarray(start, end));
      p.push(shared.subarray(0, end - start));
      for (let r = p.next(); r !== null; r = p.next()) requests.push(r);
      p.detach();
      shared.fill(0xaa);
      start = end;
    }
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    return { requests, error: e.message };
  }
  return { requests, error: null };
}

const encode = (args: string[]) => `*${args.length}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

/** Bytes that look like RESP often enough to reach deep states, plus raw noise. */
const respish = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 12 }), { minLength: 1, maxLength: 5 }).map(encode),
        fc.constantFrom('*', '$', '\r\n', '\r', '\n', '*1\r\n', '$3\r\n', '*-1\r\n', '$-1\r\n', '"', "'", ' ', '\\x41', '*2147483648\r\n', '$0\r\n\r\n'),
        fc.string({ unit: 'binary-ascii', maxLength: 10 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => Uint8Array.from(Buffer.from(parts.join(''), 'latin1'))),
);

const TIME_LIMIT_MS = 2500;

describe('request parser fuzz', () => {
  it('only ever yields requests, waits, or throws ProtocolError', () => {
    fc.assert(
      fc.property(respish, fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
        const o = run(input, cuts); // throws (fails the property) on any other exception
        for (const r of o.requests) {
          assert.ok(r.length > 0);
          for (const a of r) assert.equal(typeof a, 'string');
        }
      }),
      { interruptAfterTimeLimit: TIME_LIMIT_MS, numRuns: 1_000_000 },
    );
  });

  it('gives the same requests however the input is cut', () => {
    fc.assert(
      fc.property(respish, fc.array(fc.nat(), { maxLength: 8 }), (input, cuts) => {
        const whole = run(input, []);
        const pieces = run(input, cuts);
        const bytes = run(input, Array.from({ length: input.length }, (_, i) => i));
        assert.deepEqual(pieces, whole);
        assert.deepEqual(bytes, whole);
      }),
      { interruptAfterTimeLimit: TIME_LIMIT_MS, numRuns: 1_000_000 },
    );
  });

  it('round-trips any arguments encoded as multibulk', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8').toString('latin1')), { minLength: 1, maxLength: 6 }), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 6 }), (reqs, cuts) => {
        const input = Uint8Array.from(Buffer.from(reqs.map(encode).join(''), 'latin1'));
        assert.deepEqual(run(input, cuts), { requests: reqs, error: null });
      }),
      { interruptAfterTimeLimit: TIME_LIMIT_MS, numRuns: 1_000_000 },
    );
  });
});
