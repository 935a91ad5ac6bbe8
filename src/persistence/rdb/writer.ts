/**
 * Incremental RDB encoder writing RDB version 10, which Redis 7.0 loads (Redis src/rdb.c,
 * rdbSaveRio / rdbSaveKeyValuePair / rdbSaveObject). Records are encoded one at a time into a
 * small buffer that is handed to a sink whenever it fills; the sink says when it is full, so a
 * snapshot can stream straight to a socket or file with backpressure.
 *
 * Encodings chosen (what Redis 7.0 itself writes with default settings):
 *   string  int encodings for canonical integers in int32 range, LZF when compression is on, the
 *           string is longer than 20 bytes and LZF saves at least 4 bytes, else raw
 *   list    QUICKLIST_2 of packed listpacks, about 8 KB each
 *   set     INTSET when every member is a canonical int64 and there are <= 512, else SET
 *   hash    HASH_LISTPACK when <= 512 fields and every field and value <= 64 bytes, else HASH
 *   zset    ZSET_LISTPACK (sorted by score, member) under the same limits, else ZSET_2
 *   stream  STREAM_LISTPACKS_2 (type 19, the newest Redis 7.0 reads; type 21 is 7.2's)
 * Empty collections are not written (Redis 7.0 drops such keys when loading).
 */
import {
  HASH_MAX_LISTPACK_ENTRIES,
  HASH_MAX_LISTPACK_VALUE,
  LIST_MAX_LISTPACK_BYTES,
  QUICKLIST_NODE_CONTAINER_PACKED,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STRING,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_VERSION,
  SET_MAX_INTSET_ENTRIES,
  STREAM_ITEM_FLAG_SAMEFIELDS,
  STREAM_NODE_MAX_BYTES,
  STREAM_NODE_MAX_ENTRIES,
  ZSET_MAX_LISTPACK_ENTRIES,
  ZSET_MAX_LISTPACK_VALUE,
} from './constants.js';
import { Crc64 } from './crc64.js';
import { writeIntset } from './intset.js';
import { canonicalInt, ListpackBuilder } from './listpack.js';
import { lzfCompress } from './lzf.js';
import type { RdbStream, RdbValue, StreamId } from './types.js';

/**
 * Where encoded bytes go. write() returns false when the consumer is full; the writer then
 * reports false to its caller, who should await drain() before writing more.
 */
export interface RdbSink {
  write(chunk: Buffer): boolean;
  drain(): Promise<void>;
}

/** A sink over a Node Writable (file or socket). */
export function writableSink(w: NodeJS.WritableStream): RdbSink {
  return {
    write: (chunk) => w.write(chunk),
    drain: () => new Promise<void>((resolve) => w.once('drain', () => resolve())),
  };
}

/** A sink that keeps everything in memory (tests, DUMP-like uses). */
export function bufferSink(): RdbSink & { result(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    write(chunk) {
      chunks.push(chunk);
      return true;
    },
    drain: () => Promise.resolve(),
    result: () => Buffer.concat(chunks),
  };
}

export interface RdbWriterOptions {
  /** rdbcompression (default true). */
  compression?: boolean;
  /** rdbchecksum (default true); when false the trailer is 8 zero bytes. */
  checksum?: boolean;
  /** Flush to the sink once this many bytes are buffered (default 64 KB). */
  chunkSize?: number;
}

/** Aux fields Redis 7.0 writes, in its order; the caller supplies the values. */
export interface RdbAux {
  'redis-ver'?: string;
  'redis-bits'?: string;
  ctime?: string;
  'used-mem'?: string;
  'repl-stream-db'?: string;
  'repl-id'?: string;
  'repl-offset'?: string;
  'aof-base'?: string;
  [key: string]: string | undefined;
}

export class RdbWriter {
  private buf: Buffer;
  private pos = 0;
  private readonly crc = new Crc64();
  private readonly compression: boolean;
  private readonly checksum: boolean;
  private readonly chunkSize: number;
  private blocked = false;
  private readonly lp = new ListpackBuilder();
  /** Bytes handed to the sink so far. */
  written = 0;

  constructor(
    private readonly sink: RdbSink,
    opts: RdbWriterOptions = {},
  ) {
    this.compression = opts.compression ?? true;
    this.checksum = opts.checksum ?? true;
    this.chunkSize = opts.chunkSize ?? 65536;
    this.buf = Buffer.allocUnsafe(this.chunkSize * 2);
  }

  /** False when the sink asked to wait: await drain() before writing more. */
  get writable(): boolean {
    return !this.blocked;
  }

  /** Resolves when the sink can take more. */
  async drain(): Promise<void> {
    if (!this.blocked) return;
    await this.sink.drain();
    this.blocked = false;
  }

  /* ---- public records; each returns `writable` ---- */

  /** "REDIS0010" and the aux fields (undefined values skipped). */
  header(aux: RdbAux = {}): boolean {
    this.raw(Buffer.from(`REDIS${String(RDB_VERSION).padStart(4, '0')}`, 'latin1'));
    for (const [k, v] of Object.entries(aux)) {
      if (v === undefined) continue;
      this.byte(RDB_OPCODE_AUX);
      this.string(k);
      this.string(v);
    }
    return this.maybeFlush();
  }

  /** A function library's code (FUNCTION2), as Redis writes before the databases. */
  functionLibrary(code: string): boolean {
    this.byte(RDB_OPCODE_FUNCTION2);
    this.string(code);
    return this.maybeFlush();
  }

  /** SELECTDB + RESIZEDB: starts the records of one database. */
  selectDb(db: number, dbSize: number, expiresSize: number): boolean {
    this.byte(RDB_OPCODE_SELECTDB);
    this.len(db);
    this.byte(RDB_OPCODE_RESIZEDB);
    this.len(dbSize);
    this.len(expiresSize);
    return this.maybeFlush();
  }

  /** One key. Returns `writable`. Empty collections are skipped. */
  record(key: string, value: RdbValue, expireMs: number | null = null): boolean {
    if (isEmpty(value)) return !this.blocked;
    if (expireMs !== null) {
      this.byte(RDB_OPCODE_EXPIRETIME_MS);
      this.ensure(8);
      this.buf.writeBigInt64LE(BigInt(Math.trunc(expireMs)), this.pos);
      this.pos += 8;
    }
    this.value(key, value);
    return this.maybeFlush();
  }

  /** EOF and the CRC64 trailer; flushes everything to the sink. */
  end(): boolean {
    this.byte(RDB_OPCODE_EOF);
    this.crc.update(this.buf, 0, this.pos);
    const trailer = this.checksum ? this.crc.digestLE() : Buffer.alloc(8);
    this.emit(false);
    this.raw(trailer);
    this.emit(false);
    return !this.blocked;
  }

  /* ---- buffer management ---- */

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const nb = Buffer.allocUnsafe(cap);
    this.buf.copy(nb, 0, 0, this.pos);
    this.buf = nb;
  }

  private maybeFlush(): boolean {
    if (this.pos >= this.chunkSize) this.emit(true);
    return !this.blocked;
  }

  /** Hands the buffered bytes to the sink (a copy, so the buffer can be reused). */
  private emit(updateCrc: boolean): void {
    if (this.pos === 0) return;
    if (updateCrc) this.crc.update(this.buf, 0, this.pos);
    const chunk = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    if (this.buf.length > this.chunkSize * 4) this.buf = Buffer.allocUnsafe(this.chunkSize * 2);
    this.written += chunk.length;
    if (!this.sink.write(chunk)) this.blocked = true;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  private len(n: number | bigint): void {
    this.ensure(9);
    const b = this.buf;
    if (typeof n === 'number' && n < 64) {
      b[this.pos++] = n;
    } else if (typeof n === 'number' && n < 16384) {
      b[this.pos++] = 0x40 | (n >>> 8);
      b[this.pos++] = n & 0xff;
    } else if (typeof n === 'number' && n <= 0xffffffff) {
      b[this.pos++] = 0x80;
      b.writeUInt32BE(n, this.pos);
      this.pos += 4;
    } else {
      b[this.pos++] = 0x81;
      b.writeBigUInt64BE(BigInt.asUintN(64, BigInt(n)), this.pos);
      this.pos += 8;
    }
  }

  /** rdbSaveRawString: int encoding, then LZF, then plain. */
  private string(s: string): void {
    const n = s.length;
    if (n <= 11 && n > 0) {
      const iv = canonicalInt(s);
      if (typeof iv === 'number' && iv >= -2147483648 && iv <= 2147483647) {
        this.ensure(5);
        const b = this.buf;
        if (iv >= -128 && iv <= 127) {
          b[this.pos++] = 0xc0 | RDB_ENC_INT8;
          b.writeInt8(iv, this.pos);
          this.pos += 1;
        } else if (iv >= -32768 && iv <= 32767) {
          b[this.pos++] = 0xc0 | RDB_ENC_INT16;
          b.writeInt16LE(iv, this.pos);
          this.pos += 2;
        } else {
          b[this.pos++] = 0xc0 | RDB_ENC_INT32;
          b.writeInt32LE(iv, this.pos);
          this.pos += 4;
        }
        return;
      }
    }
    if (this.compression && n > 20) {
      const bytes = Buffer.from(s, 'latin1');
      const c = lzfCompress(bytes, n - 4);
      if (c) {
        this.byte(0xc0 | RDB_ENC_LZF);
        this.len(c.length);
        this.len(n);
        this.raw(c);
        return;
      }
      this.len(n);
      this.raw(bytes);
      return;
    }
    this.len(n);
    this.ensure(n);
    this.pos += this.buf.latin1Write(s, this.pos, n);
  }

  private blob(b: Buffer): void {
    this.string(b.latin1Slice(0, b.length));
  }

  /* ---- values ---- */

  private value(key: string, v: RdbValue): void {
    switch (v.type) {
      case 'string':
        this.byte(RDB_TYPE_STRING);
        this.string(key);
        this.string(v.value);
        return;
      case 'list': {
        this.byte(RDB_TYPE_LIST_QUICKLIST_2);
        this.string(key);
        const nodes: Buffer[] = [];
        for (const el of v.value) {
          if (this.lp.count > 0 && this.lp.size + el.length + 11 > LIST_MAX_LISTPACK_BYTES) nodes.push(this.lp.finish());
          this.lp.add(el);
        }
        if (this.lp.count > 0) nodes.push(this.lp.finish());
        this.len(nodes.length);
        for (const node of nodes) {
          this.len(QUICKLIST_NODE_CONTAINER_PACKED);
          this.blob(node);
        }
        return;
      }
      case 'set': {
        const ints: Array<number | bigint> = [];
        if (v.value.length <= SET_MAX_INTSET_ENTRIES) {
          for (const m of v.value) {
            const iv = canonicalInt(m);
            if (iv === null) break;
            ints.push(iv);
          }
        }
        if (ints.length === v.value.length) {
          this.byte(RDB_TYPE_SET_INTSET);
          this.string(key);
          this.blob(writeIntset(ints));
          return;
        }
        this.byte(RDB_TYPE_SET);
        this.string(key);
        this.len(v.value.length);
        for (const m of v.value) this.string(m);
        return;
      }
      case 'hash': {
        const small = v.value.length <= HASH_MAX_LISTPACK_ENTRIES && v.value.every(([f, x]) => f.length <= HASH_MAX_LISTPACK_VALUE && x.length <= HASH_MAX_LISTPACK_VALUE);
        this.byte(small ? RDB_TYPE_HASH_LISTPACK : RDB_TYPE_HASH);
        this.string(key);
        if (small) {
          for (const [f, x] of v.value) this.lp.add(f).add(x);
          this.blob(this.lp.finish());
          return;
        }
        this.len(v.value.length);
        for (const [f, x] of v.value) {
          this.string(f);
          this.string(x);
        }
        return;
      }
      case 'zset': {
        const small = v.value.length <= ZSET_MAX_LISTPACK_ENTRIES && v.value.every(([m]) => m.length <= ZSET_MAX_LISTPACK_VALUE);
        this.byte(small ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_2);
        this.string(key);
        if (small) {
          // a listpack zset must be in (score, member) order: Redis trusts it when loading
          const sorted = [...v.value].sort((a, b) => (a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          for (const [m, s] of sorted) this.lp.add(m).add(scoreString(s));
          this.blob(this.lp.finish());
          return;
        }
        this.len(v.value.length);
        this.ensure(0);
        for (const [m, s] of v.value) {
          this.string(m);
          this.ensure(8);
          this.buf.writeDoubleLE(s, this.pos);
          this.pos += 8;
        }
        return;
      }
      case 'stream':
        this.byte(RDB_TYPE_STREAM_LISTPACKS_2);
        this.string(key);
        this.stream(v.value);
        return;
    }
  }

  private streamId(id: StreamId): void {
    this.len(id.ms);
    this.len(id.seq);
  }

  private rawStreamId(id: StreamId): void {
    this.ensure(16);
    this.buf.writeBigUInt64BE(id.ms, this.pos);
    this.buf.writeBigUInt64BE(id.seq, this.pos + 8);
    this.pos += 16;
  }

  /** STREAM_LISTPACKS_2 body: nodes of at most 100 entries / ~4 KB, then metadata and groups. */
  private stream(s: RdbStream): void {
    const nodes: Array<{ master: StreamId; lp: Buffer }> = [];
    const entries = s.entries;
    let i = 0;
    while (i < entries.length) {
      const master = entries[i].id;
      const masterFields = entries[i].fields.map(([f]) => f);
      // size the node first: the master entry holds the node's entry count
      let j = i;
      let bytes = 0;
      while (j < entries.length && j - i < STREAM_NODE_MAX_ENTRIES && (j === i || bytes < STREAM_NODE_MAX_BYTES)) {
        for (const [f, x] of entries[j].fields) bytes += f.length + x.length + 4;
        j++;
      }
      const lp = this.lp;
      lp.addInt(j - i).addInt(0).addInt(masterFields.length);
      for (const f of masterFields) lp.add(f);
      lp.addInt(0);
      for (let k = i; k < j; k++) {
        const e = entries[k];
        const same = e.fields.length === masterFields.length && e.fields.every(([f], n) => f === masterFields[n]);
        lp.addInt(same ? STREAM_ITEM_FLAG_SAMEFIELDS : 0);
        lp.addInt(BigInt.asIntN(64, e.id.ms - master.ms));
        lp.addInt(BigInt.asIntN(64, e.id.seq - master.seq));
        if (same) {
          for (const [, x] of e.fields) lp.add(x);
          lp.addInt(e.fields.length + 3);
        } else {
          lp.addInt(e.fields.length);
          for (const [f, x] of e.fields) lp.add(f).add(x);
          lp.addInt(e.fields.length * 2 + 4);
        }
      }
      nodes.push({ master, lp: lp.finish() });
      i = j;
    }
    this.len(nodes.length);
    const key = Buffer.allocUnsafe(16);
    for (const n of nodes) {
      key.writeBigUInt64BE(n.master.ms, 0);
      key.writeBigUInt64BE(n.master.seq, 8);
      this.blob(key);
      this.blob(n.lp);
    }
    this.len(entries.length);
    this.streamId(s.lastId);
    this.streamId(entries.length ? entries[0].id : s.firstId);
    this.streamId(s.maxDeletedId);
    this.len(s.entriesAdded);
    this.len(s.groups.length);
    for (const g of s.groups) {
      this.string(g.name);
      this.streamId(g.lastId);
      this.len(BigInt.asUintN(64, g.entriesRead));
      this.len(g.pel.length);
      for (const n of g.pel) {
        this.rawStreamId(n.id);
        this.ensure(8);
        this.buf.writeBigInt64LE(BigInt(Math.trunc(n.deliveryTime)), this.pos);
        this.pos += 8;
        this.len(n.deliveryCount);
      }
      this.len(g.consumers.length);
      for (const c of g.consumers) {
        this.string(c.name);
        this.ensure(8);
        this.buf.writeBigInt64LE(BigInt(Math.trunc(c.seenTime)), this.pos);
        this.pos += 8;
        this.len(c.pel.length);
        for (const id of c.pel) this.rawStreamId(id);
      }
    }
  }
}

function isEmpty(v: RdbValue): boolean {
  if (v.type === 'string') return false;
  if (v.type === 'stream') return false; // an empty stream (e.g. XGROUP CREATE MKSTREAM) is a real key
  return v.value.length === 0;
}

/** A score as text that strtod reads back to the same double. */
function scoreString(s: number): string {
  if (s === Infinity) return 'inf';
  if (s === -Infinity) return '-inf';
  if (Number.isInteger(s) && Math.abs(s) < 2 ** 53) return String(s);
  return String(s);
}

/** Convenience: encodes whole databases into one Buffer. */
export function encodeRdb(
  dbs: Map<number, Array<{ key: string; value: RdbValue; expireMs: number | null }>>,
  aux: RdbAux = {},
  opts: RdbWriterOptions = {},
): Buffer {
  const sink = bufferSink();
  const w = new RdbWriter(sink, opts);
  w.header(aux);
  for (const [db, recs] of [...dbs].sort((a, b) => a[0] - b[0])) {
    if (recs.length === 0) continue;
    w.selectDb(db, recs.length, recs.filter((r) => r.expireMs !== null).length);
    for (const r of recs) w.record(r.key, r.value, r.expireMs);
  }
  w.end();
  return sink.result();
}
