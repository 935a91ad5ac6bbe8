/**
 * The replication backlog ring buffer: offsets, wrap-around, reads from any offset inside,
 * refusal outside, resize; and the stream's framing (SELECT, MULTI/EXEC) in propagate.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Backlog, BACKLOG_MIN_SIZE } from '../../src/replication/backlog.js';
import { ReplicationStream, encodeCommand, type StreamHost } from '../../src/replication/propagate.js';

/** Deterministic bytes: the stream offset (1-based) of each byte decides its value. */
function bytesAt(offset: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (offset + i) % 251;
  return b;
}

describe('Backlog', () => {
  it('starts empty after the given offset', () => {
    const b = new Backlog(1 << 20, 1000);
    assert.equal(b.endOffset, 1000);
    assert.equal(b.histlen, 0);
    assert.equal(b.firstByteOffset, 1001);
    assert.deepEqual(b.read(1001), Buffer.alloc(0));
    assert.equal(b.read(1000), null);
    assert.equal(b.read(1002), null);
  });

  it('raises sizes below the minimum, as Redis does', () => {
    assert.equal(new Backlog(100, 0).size, BACKLOG_MIN_SIZE);
  });

  it('wraps around and reads from any offset it still holds', () => {
    const size = BACKLOG_MIN_SIZE;
    const b = new Backlog(size, 0);
    let off = 1;
    // Appends of odd sizes so writes straddle the end of the ring many times.
    for (const n of [1, 7, 1000, 5000, 9999, 3, 16383, 77, 20000, 4096, 1]) {
      b.append(bytesAt(off, n));
      off += n;
      const end = off - 1;
      assert.equal(b.endOffset, end);
      assert.equal(b.histlen, Math.min(size, end));
      assert.equal(b.firstByteOffset, end - b.histlen + 1);
      for (const from of [b.firstByteOffset, b.firstByteOffset + 1, Math.floor((b.firstByteOffset + end) / 2), end, end + 1]) {
        if (from > end + 1 || from < b.firstByteOffset) continue;
        assert.deepEqual(b.read(from), bytesAt(from, end + 1 - from), `read(${from}) after ${end} bytes`);
      }
      assert.equal(b.read(b.firstByteOffset - 1), null);
      assert.equal(b.read(end + 2), null);
    }
  });

  it('grows its memory up to the size without losing history', () => {
    const b = new Backlog(1 << 20, 0);
    let off = 1;
    for (let i = 0; i < 300; i++) {
      const n = 1000 + ((i * 7919) % 5000);
      b.append(bytesAt(off, n));
      off += n;
    }
    const end = off - 1;
    assert.equal(b.histlen, Math.min(1 << 20, end));
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, b.histlen));
  });

  it('keeps the latest bytes of an append larger than the size', () => {
    const b = new Backlog(BACKLOG_MIN_SIZE, 10);
    b.append(bytesAt(11, BACKLOG_MIN_SIZE * 3 + 5));
    assert.equal(b.histlen, BACKLOG_MIN_SIZE);
    assert.equal(b.endOffset, 10 + BACKLOG_MIN_SIZE * 3 + 5);
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, BACKLOG_MIN_SIZE));
    b.append(bytesAt(b.endOffset + 1, 10));
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, BACKLOG_MIN_SIZE));
  });

  it('refuses non-integer offsets', () => {
    const b = new Backlog(BACKLOG_MIN_SIZE, 0);
    b.append(bytesAt(1, 10));
    assert.equal(b.read(1.5), null);
    assert.equal(b.read(Number.NaN), null);
    assert.equal(b.read(0), null);
  });

  it('resizes keeping the latest history', () => {
    const b = new Backlog(64 * 1024, 0);
    b.append(bytesAt(1, 50000));
    b.resize(BACKLOG_MIN_SIZE);
    assert.equal(b.size, BACKLOG_MIN_SIZE);
    assert.equal(b.histlen, BACKLOG_MIN_SIZE);
    assert.equal(b.firstByteOffset, 50001 - BACKLOG_MIN_SIZE);
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, BACKLOG_MIN_SIZE));
    // Growing again keeps what is there and fills up to the new size.
    b.resize(1 << 20);
    assert.equal(b.histlen, BACKLOG_MIN_SIZE);
    b.append(bytesAt(50001, 100000));
    assert.equal(b.histlen, BACKLOG_MIN_SIZE + 100000);
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, b.histlen));
    // Shrinking below the history after wrapping.
    b.append(bytesAt(150001, 2_000_000));
    b.resize(20000);
    assert.equal(b.histlen, 20000);
    assert.deepEqual(b.read(2_150_001 - 20000), bytesAt(2_150_001 - 20000, 20000));
    b.append(bytesAt(2_150_001, 7));
    assert.deepEqual(b.read(b.firstByteOffset), bytesAt(b.firstByteOffset, 20000));
  });
});

describe('ReplicationStream', () => {
  function host(): StreamHost {
    return { replId: 'x'.repeat(40), replId2: '0'.repeat(40), replOffset: 0, secondReplOffset: -1, backlogSize: () => 1 << 20 };
  }
  const stream = (r: ReplicationStream) => r.backlog!.read(r.backlog!.firstByteOffset)!.toString('latin1');

  it('records nothing until a backlog or a feed exists', () => {
    const h = host();
    const r = new ReplicationStream(h);
    r.add(0, ['SET', 'a', '1']);
    assert.equal(h.replOffset, 0);
    const id = h.replId;
    r.activateBacklog();
    assert.notEqual(h.replId, id);
    r.add(0, ['SET', 'a', '1']);
    assert.equal(stream(r), encodeCommand(['SELECT', '0']) + encodeCommand(['SET', 'a', '1']));
    assert.equal(h.replOffset, stream(r).length);
  });

  it('sends SELECT on db changes and wraps several commands of one unit in MULTI/EXEC', () => {
    const h = host();
    const r = new ReplicationStream(h);
    const seen: Buffer[] = [];
    r.addFeed((b) => seen.push(b));
    r.activateBacklog();
    r.add(3, ['SET', 'a', '1']);
    r.unit(() => {
      r.add(3, ['DEL', 'x']);
      r.add(5, ['SET', 'b', '2']);
    });
    r.unit(() => r.add(5, ['INCR', 'n']));
    r.unit(() => undefined);
    const want = [
      ['SELECT', '3'],
      ['SET', 'a', '1'],
      ['MULTI'],
      ['DEL', 'x'],
      ['SELECT', '5'],
      ['SET', 'b', '2'],
      ['EXEC'],
      ['INCR', 'n'],
    ]
      .map(encodeCommand)
      .join('');
    assert.equal(stream(r), want);
    assert.equal(Buffer.concat(seen).toString('latin1'), want);
    assert.equal(h.replOffset, want.length);
  });
});
