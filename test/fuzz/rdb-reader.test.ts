/**
 * Fuzzing the RDB reader (time-limited): random byte mutations, truncations and splices of the
 * fixtures must end in a result or an RdbError, never another exception or a hang.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { FIXTURES, fixtureNames } from '../helpers/rdb.js';
import { decodeRdb, RdbReader } from '../../src/persistence/rdb/reader.js';
import { RdbError } from '../../src/persistence/rdb/errors.js';

const files = fixtureNames.map((n) => readFileSync(path.join(FIXTURES, `${n}.rdb`)));

function decodeOrRdbError(buf: Buffer, chunk?: number): void {
  try {
    if (chunk) {
      const r = new RdbReader({ verifyChecksum: false });
      for (let i = 0; i < buf.length; i += chunk) r.push(buf.subarray(i, i + chunk));
      r.end();
    } else {
      decodeRdb(buf, { verifyChecksum: false });
    }
  } catch (e) {
    if (!(e instanceof RdbError)) throw e;
    assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= buf.length, `offset ${e.offset} in ${buf.length}`);
  }
}

const mutation = fc.record({
  file: fc.nat({ max: files.length - 1 }),
  edits: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  chunk: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
});

describe('RDB reader fuzz', () => {
  it('mutated and truncated fixtures give a result or an RdbError', { timeout: 60000 }, () => {
    fc.assert(
      fc.property(mutation, ({ file, edits, cut, chunk }) => {
        const buf = Buffer.from(files[file]);
        // keep the header mostly intact so the fuzz reaches the values
        for (const e of edits) buf[9 + Math.floor(e.at * (buf.length - 9))] = e.byte;
        const input = cut === undefined ? buf : buf.subarray(0, Math.floor(cut * buf.length));
        decodeOrRdbError(input, chunk);
      }),
      { interruptAfterTimeLimit: 4000, numRuns: 1_000_000 },
    );
  });
  it('random bytes after a valid header give an RdbError', { timeout: 30000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (tail) => {
        decodeOrRdbError(Buffer.concat([Buffer.from('REDIS0011'), tail]));
      }),
      { interruptAfterTimeLimit: 2000, numRuns: 1_000_000 },
    );
  });
});
