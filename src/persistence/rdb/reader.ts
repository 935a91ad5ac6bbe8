/**
 * Streaming RDB decoder for RDB versions 1..11 (Redis src/rdb.c, rdbLoadRioWithLoadingCtx and
 * rdbLoadObject). Feed it chunks with push() and finish with end(); each call returns the events
 * completed so far. Only the current top-level item (one key with its value, or one opcode) is
 * ever held whole; consumed bytes are dropped.
 *
 * How it streams: each item is parsed from the buffered bytes; when they run out the parse is
 * abandoned and retried once enough bytes have arrived. For a large item the retry waits until
 * the buffer has doubled, so a huge value costs O(size) in total, not O(size^2).
 *
 * Errors: an RdbError carrying the absolute byte offset. Lengths are never trusted for
 * allocation: collections grow as their elements are actually read, so corrupt input ends in an
 * RdbError (TRUNCATED at end()) rather than a crash or a hang.
 */
import {
  QUICKLIST_NODE_CONTAINER_PACKED,
  QUICKLIST_NODE_CONTAINER_PLAIN,
  RDB_DOUBLE_NAN,
  RDB_DOUBLE_NEG_INF,
  RDB_DOUBLE_POS_INF,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  RDB_MAX_READ_VERSION,
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FREQ,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_FUNCTION_PRE_GA,
  RDB_OPCODE_IDLE,
  RDB_OPCODE_MODULE_AUX,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_LIST_ZIPLIST,
  RDB_TYPE_MODULE_2,
  RDB_TYPE_MODULE_PRE_GA,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_SET_LISTPACK,
  RDB_TYPE_STREAM_LISTPACKS,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STREAM_LISTPACKS_3,
  RDB_TYPE_STRING,
  RDB_TYPE_ZSET,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_TYPE_ZSET_ZIPLIST,
  STREAM_ITEM_FLAG_DELETED,
  STREAM_ITEM_FLAG_SAMEFIELDS,
} from './constants.js';
import { Crc64 } from './crc64.js';
import { BlobError, RdbError } from './errors.js';
import { packedToString, readListpack, type PackedValue } from './listpack.js';
import { readIntset } from './intset.js';
import { LzfError, lzfDecompress } from './lzf.js';
import type { RdbEvent, RdbRecord, RdbStream, RdbStreamConsumer, RdbStreamEntry, RdbStreamGroup, RdbStreamNack, RdbValue, StreamId } from './types.js';
import { readZiplist } from './ziplist.js';
import { readZipmap } from './zipmap.js';

/** Thrown inside a parse when the buffered bytes run out; never escapes the reader. */
class NeedMore {
  constructor(readonly upTo: number) {}
}

/** LZF expands at most ~132x (a 2-byte back reference yields up to 264 bytes). */
const LZF_MAX_RATIO = 140;

export interface RdbReaderOptions {
  /** Check the CRC64 trailer when it is not 0 (default true). */
  verifyChecksum?: boolean;
  /** Largest single string accepted (default 512 MB, Redis's proto-max-bulk-len). */
  maxStringLength?: number;
}

const MODULE_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The 9-character module type name and encoding version packed in a module id. */
export function moduleIdName(id: bigint): { name: string; version: number } {
  let name = '';
  let v = id >> 10n;
  for (let i = 0; i < 9; i++) {
    name = MODULE_CHARSET[Number(v & 63n)] + name;
    v >>= 6n;
  }
  return { name, version: Number(id & 1023n) };
}

export class RdbReader {
  private chunks: Buffer[] = [];
  private avail = 0;
  /** Do not retry a parse until this many bytes are buffered. */
  private needAt = 0;
  /** Absolute offset of buf[0]. */
  private consumed = 0;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private readonly crc = new Crc64();
  private readonly verify: boolean;
  private readonly maxString: number;

  version = 0;
  /** Aux fields seen so far. */
  readonly aux = new Map<string, string>();
  private db = 0;
  private expireMs: number | null = null;
  private idle: number | undefined;
  private freq: number | undefined;
  private started = false;
  /** True once EOF (and its checksum) has been read. */
  done = false;

  constructor(opts: RdbReaderOptions = {}) {
    this.verify = opts.verifyChecksum ?? true;
    this.maxString = opts.maxStringLength ?? 512 * 1024 * 1024;
  }

  /** Bytes that followed the EOF trailer (e.g. a replication stream after the RDB). */
  trailing(): Buffer {
    return this.done ? this.joined() : Buffer.alloc(0);
  }

  /** Adds input; returns the events it completed. Throws RdbError on corrupt input. */
  push(chunk: Uint8Array): RdbEvent[] {
    if (chunk.length === 0) return [];
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.avail += chunk.length;
    if (this.done || this.avail < this.needAt) return [];
    return this.run(false);
  }

  /** Signals the end of input; throws RdbError(TRUNCATED) if the file was incomplete. */
  end(): RdbEvent[] {
    const events = this.done ? [] : this.run(true);
    if (!this.done) throw new RdbError('TRUNCATED', 'RDB ended before the EOF opcode', this.consumed + this.avail);
    return events;
  }

  private joined(): Buffer {
    if (this.chunks.length !== 1) {
      const b = this.chunks.length === 0 ? Buffer.alloc(0) : Buffer.concat(this.chunks, this.avail);
      this.chunks = [b];
    }
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private run(final: boolean): RdbEvent[] {
    const events: RdbEvent[] = [];
    this.buf = this.joined();
    let base = 0;
    try {
      while (!this.done) {
        this.pos = base;
        let ev: RdbEvent | null;
        try {
          ev = this.item();
        } catch (e) {
          if (e instanceof NeedMore) {
            if (final) throw new RdbError('TRUNCATED', 'unexpected end of RDB input', this.consumed + base + (this.buf.length - base));
            const have = this.buf.length - base;
            // small items: retry as soon as the missing byte may be there; large: wait for 2x
            this.needAt = Math.max(e.upTo - base, have >= 65536 ? have * 2 : 0);
            break;
          }
          throw e;
        }
        base = this.pos;
        if (ev) events.push(ev);
      }
    } finally {
      this.consumed += base;
      const rest = this.buf.subarray(base);
      this.chunks = rest.length ? [rest] : [];
      this.avail = rest.length;
      this.buf = Buffer.alloc(0);
      if (this.done) this.needAt = 0;
    }
    return events;
  }

  /* ---- primitive reads over this.buf at this.pos ---- */

  private err(code: 'CORRUPT' | 'UNSUPPORTED' | 'BAD_HEADER' | 'CHECKSUM', msg: string, at = this.pos): never {
    throw new RdbError(code, msg, this.consumed + at);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new NeedMore(this.pos + n);
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  private take(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** A length as a bigint (64-bit lengths included). Returns -1n for an encoded-value marker. */
  private lenRaw(): { len: bigint; encoded: number } {
    const b = this.u8();
    const t = b >>> 6;
    if (t === 0) return { len: BigInt(b & 0x3f), encoded: -1 };
    if (t === 1) return { len: BigInt(((b & 0x3f) << 8) | this.u8()), encoded: -1 };
    if (t === 3) return { len: 0n, encoded: b & 0x3f };
    if (b === 0x80) {
      const v = this.take(4).readUInt32BE(0);
      return { len: BigInt(v), encoded: -1 };
    }
    if (b === 0x81) return { len: this.take(8).readBigUInt64BE(0), encoded: -1 };
    return this.err('CORRUPT', `unknown length encoding 0x${b.toString(16)}`, this.pos - 1);
  }

  /** A plain length, as a safe integer. */
  private len(): number {
    const at = this.pos;
    const b = this.buf.length > this.pos ? this.buf[this.pos] : -1;
    if (b >= 0 && b < 0x40) {
      this.pos++;
      return b;
    }
    const r = this.lenRaw();
    if (r.encoded >= 0) this.err('CORRUPT', 'encoded value where a length was expected', at);
    if (r.len > 9007199254740991n) this.err('CORRUPT', `length ${r.len} too large`, at);
    return Number(r.len);
  }

  /** A length kept whole as an unsigned 64-bit bigint (stream IDs and counters). */
  private lenBig(): bigint {
    const at = this.pos;
    const r = this.lenRaw();
    if (r.encoded >= 0) this.err('CORRUPT', 'encoded value where a length was expected', at);
    return r.len;
  }

  /** A string's raw bytes (LZF expanded; integer encodings as their decimal text). */
  private stringBuf(): Buffer {
    const at = this.pos;
    const r = this.lenRaw();
    if (r.encoded >= 0) {
      switch (r.encoded) {
        case RDB_ENC_INT8:
          return Buffer.from(String(this.take(1).readInt8(0)), 'latin1');
        case RDB_ENC_INT16:
          return Buffer.from(String(this.take(2).readInt16LE(0)), 'latin1');
        case RDB_ENC_INT32:
          return Buffer.from(String(this.take(4).readInt32LE(0)), 'latin1');
        case RDB_ENC_LZF: {
          const clen = this.len();
          const ulen = this.len();
          if (ulen > this.maxString) this.err('UNSUPPORTED', `string of ${ulen} bytes exceeds the limit`, at);
          if (ulen > clen * LZF_MAX_RATIO + 64) this.err('CORRUPT', `LZF string claims ${ulen} bytes from ${clen}`, at);
          const c = this.take(clen);
          try {
            return lzfDecompress(c, ulen);
          } catch (e) {
            if (e instanceof LzfError) this.err('CORRUPT', e.message, at);
            throw e;
          }
        }
        default:
          this.err('CORRUPT', `unknown string encoding ${r.encoded}`, at);
      }
    }
    if (r.len > BigInt(this.maxString)) this.err('UNSUPPORTED', `string of ${r.len} bytes exceeds the limit`, at);
    return this.take(Number(r.len));
  }

  /** A string as latin1 text (a copy: never a view of the input buffer). */
  private str(): string {
    // fast path: short plain string
    const b = this.buf.length > this.pos ? this.buf[this.pos] : -1;
    if (b >= 0 && b < 0x40 && this.pos + 1 + b <= this.buf.length) {
      const s = this.buf.latin1Slice(this.pos + 1, this.pos + 1 + b);
      this.pos += 1 + b;
      return s;
    }
    const buf = this.stringBuf();
    return buf.latin1Slice(0, buf.length);
  }

  /** Old text double (RDB_TYPE_ZSET). */
  private textDouble(): number {
    const at = this.pos;
    const l = this.u8();
    if (l === RDB_DOUBLE_NAN) return NaN;
    if (l === RDB_DOUBLE_POS_INF) return Infinity;
    if (l === RDB_DOUBLE_NEG_INF) return -Infinity;
    const s = this.take(l).latin1Slice(0, l);
    const v = parseRedisDouble(s);
    if (v === null) this.err('CORRUPT', `bad double "${s}"`, at);
    return v;
  }

  private binaryDouble(): number {
    return this.take(8).readDoubleLE(0);
  }

  private msTime(): number {
    return Number(this.take(8).readBigInt64LE(0));
  }

  private rawStreamId(): StreamId {
    const b = this.take(16);
    return { ms: b.readBigUInt64BE(0), seq: b.readBigUInt64BE(8) };
  }

  /** Runs a blob decoder, mapping its errors to file offsets. */
  private blob<T>(decode: (b: Buffer) => T, what: string): T {
    const at = this.pos;
    const b = this.stringBuf();
    try {
      return decode(b);
    } catch (e) {
      if (e instanceof BlobError) this.err('CORRUPT', `${what}: ${e.message}`, at);
      if (e instanceof RangeError) this.err('CORRUPT', `${what}: ${e.message}`, at);
      throw e;
    }
  }

  /* ---- top level ---- */

  /** Reads one top-level item; null for items that only change state (expire, idle, freq). */
  private item(): RdbEvent | null {
    if (!this.started) {
      const h = this.take(9);
      const magic = h.latin1Slice(0, 5);
      const digits = h.latin1Slice(5, 9);
      if (magic !== 'REDIS' || !/^[0-9]{4}$/.test(digits)) this.err('BAD_HEADER', 'not an RDB file (bad magic)', 0);
      const version = Number(digits);
      if (version < 1 || version > RDB_MAX_READ_VERSION) this.err('BAD_HEADER', `can't handle RDB format version ${version}`, 5);
      this.version = version;
      this.started = true;
      this.crc.update(h);
      return { kind: 'header', version };
    }
    const start = this.pos;
    const type = this.u8();
    let ev: RdbEvent | null = null;
    switch (type) {
      case RDB_OPCODE_EOF: {
        if (this.version >= 5) this.need(8); // all or nothing: the CRC must be fed once
        this.crc.update(this.buf, start, this.pos);
        const computed = this.crc.digest();
        let checksum: bigint | null = null;
        if (this.version >= 5) {
          checksum = this.take(8).readBigUInt64LE(0);
          if (this.verify && checksum !== 0n && checksum !== computed) {
            this.err('CHECKSUM', `wrong RDB checksum: expected ${checksum.toString(16)}, got ${computed.toString(16)}`, this.pos - 8);
          }
        }
        this.done = true;
        return { kind: 'eof', checksum, computed };
      }
      case RDB_OPCODE_SELECTDB: {
        const db = this.len();
        this.db = db;
        ev = { kind: 'selectdb', db };
        break;
      }
      case RDB_OPCODE_RESIZEDB: {
        const dbSize = this.len();
        const expiresSize = this.len();
        ev = { kind: 'resizedb', db: this.db, dbSize, expiresSize };
        break;
      }
      case RDB_OPCODE_EXPIRETIME_MS:
        this.expireMs = this.msTime();
        break;
      case RDB_OPCODE_EXPIRETIME:
        this.expireMs = this.take(4).readInt32LE(0) * 1000;
        break;
      case RDB_OPCODE_IDLE:
        this.idle = this.len();
        break;
      case RDB_OPCODE_FREQ:
        this.freq = this.u8();
        break;
      case RDB_OPCODE_AUX: {
        const key = this.str();
        const value = this.str();
        this.aux.set(key, value);
        ev = { kind: 'aux', key, value };
        break;
      }
      case RDB_OPCODE_MODULE_AUX: {
        const id = this.lenBig();
        const m = moduleIdName(id);
        this.err('UNSUPPORTED', `RDB has module aux data of module type '${m.name}' (id ${id}, encoding version ${m.version}); modules are not supported`, start);
        break;
      }
      case RDB_OPCODE_FUNCTION_PRE_GA:
        this.err('UNSUPPORTED', 'pre-release function format not supported', start);
        break;
      case RDB_OPCODE_FUNCTION2: {
        const payload = this.str();
        ev = { kind: 'function', payload, warning: 'function library not loaded by the RDB codec' };
        break;
      }
      default: {
        const key = this.str();
        const value = this.value(type, key, start);
        const record = { db: this.db, key, expireMs: this.expireMs, rdbType: type, ...value } as RdbRecord;
        if (this.idle !== undefined) record.idle = this.idle;
        if (this.freq !== undefined) record.freq = this.freq;
        this.expireMs = null;
        this.idle = undefined;
        this.freq = undefined;
        ev = { kind: 'record', record };
      }
    }
    this.crc.update(this.buf, start, this.pos);
    return ev;
  }

  /* ---- values ---- */

  private value(type: number, key: string, typeAt: number): RdbValue {
    switch (type) {
      case RDB_TYPE_STRING:
        return { type: 'string', value: this.str() };
      case RDB_TYPE_LIST:
      case RDB_TYPE_SET: {
        const n = this.len();
        const out: string[] = [];
        for (let i = 0; i < n; i++) out.push(this.str());
        return type === RDB_TYPE_LIST ? { type: 'list', value: out } : { type: 'set', value: out };
      }
      case RDB_TYPE_ZSET:
      case RDB_TYPE_ZSET_2: {
        const n = this.len();
        const out: Array<[string, number]> = [];
        for (let i = 0; i < n; i++) {
          const m = this.str();
          const at = this.pos;
          const s = type === RDB_TYPE_ZSET ? this.textDouble() : this.binaryDouble();
          if (Number.isNaN(s)) this.err('CORRUPT', 'zset with NaN score', at);
          out.push([m, s]);
        }
        return { type: 'zset', value: out };
      }
      case RDB_TYPE_HASH: {
        const n = this.len();
        const out: Array<[string, string]> = [];
        for (let i = 0; i < n; i++) {
          const f = this.str();
          out.push([f, this.str()]);
        }
        return { type: 'hash', value: out };
      }
      case RDB_TYPE_HASH_ZIPMAP:
        return { type: 'hash', value: this.blob(readZipmap, 'zipmap') };
      case RDB_TYPE_LIST_ZIPLIST:
        return { type: 'list', value: this.blob(readZiplist, 'ziplist').map(packedToString) };
      case RDB_TYPE_SET_INTSET:
        return { type: 'set', value: this.blob(readIntset, 'intset') };
      case RDB_TYPE_SET_LISTPACK:
        return { type: 'set', value: this.blob(readListpack, 'listpack').map(packedToString) };
      case RDB_TYPE_ZSET_ZIPLIST:
      case RDB_TYPE_ZSET_LISTPACK: {
        const at = this.pos;
        const els = type === RDB_TYPE_ZSET_ZIPLIST ? this.blob(readZiplist, 'ziplist') : this.blob(readListpack, 'listpack');
        if (els.length % 2) this.err('CORRUPT', 'zset pack with an odd number of elements', at);
        const out: Array<[string, number]> = [];
        for (let i = 0; i < els.length; i += 2) {
          const sv = els[i + 1];
          const score = typeof sv === 'string' ? parseRedisDouble(sv) : Number(sv);
          if (score === null || Number.isNaN(score)) this.err('CORRUPT', 'zset pack with a bad score', at);
          out.push([packedToString(els[i]), score]);
        }
        return { type: 'zset', value: out };
      }
      case RDB_TYPE_HASH_ZIPLIST:
      case RDB_TYPE_HASH_LISTPACK: {
        const at = this.pos;
        const els = type === RDB_TYPE_HASH_ZIPLIST ? this.blob(readZiplist, 'ziplist') : this.blob(readListpack, 'listpack');
        if (els.length % 2) this.err('CORRUPT', 'hash pack with an odd number of elements', at);
        const out: Array<[string, string]> = [];
        for (let i = 0; i < els.length; i += 2) out.push([packedToString(els[i]), packedToString(els[i + 1])]);
        return { type: 'hash', value: out };
      }
      case RDB_TYPE_LIST_QUICKLIST:
      case RDB_TYPE_LIST_QUICKLIST_2: {
        const n = this.len();
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          let container = QUICKLIST_NODE_CONTAINER_PACKED;
          if (type === RDB_TYPE_LIST_QUICKLIST_2) {
            const at = this.pos;
            container = this.len();
            if (container !== QUICKLIST_NODE_CONTAINER_PACKED && container !== QUICKLIST_NODE_CONTAINER_PLAIN) {
              this.err('CORRUPT', `quicklist node container ${container}`, at);
            }
          }
          if (container === QUICKLIST_NODE_CONTAINER_PLAIN) {
            out.push(this.str());
            continue;
          }
          const at = this.pos;
          const els = type === RDB_TYPE_LIST_QUICKLIST ? this.blob(readZiplist, 'ziplist') : this.blob(readListpack, 'listpack');
          if (els.length === 0) this.err('CORRUPT', 'empty quicklist node', at);
          for (const e of els) out.push(packedToString(e));
        }
        return { type: 'list', value: out };
      }
      case RDB_TYPE_STREAM_LISTPACKS:
      case RDB_TYPE_STREAM_LISTPACKS_2:
      case RDB_TYPE_STREAM_LISTPACKS_3:
        return { type: 'stream', value: this.stream(type) };
      case RDB_TYPE_MODULE_PRE_GA:
      case RDB_TYPE_MODULE_2: {
        const id = this.lenBig();
        const m = moduleIdName(id);
        return this.err('UNSUPPORTED', `key '${key}' holds a value of module type '${m.name}' (id ${id}, encoding version ${m.version}); modules are not supported`, typeAt);
      }
      default:
        return this.err('CORRUPT', `unknown RDB object type ${type}`, typeAt);
    }
  }

  private stream(type: number): RdbStream {
    const nodes = this.len();
    const entries: RdbStreamEntry[] = [];
    for (let n = 0; n < nodes; n++) {
      const keyAt = this.pos;
      const nodeKey = this.stringBuf();
      if (nodeKey.length !== 16) this.err('CORRUPT', 'stream node key is not 16 bytes', keyAt);
      const masterMs = nodeKey.readBigUInt64BE(0);
      const masterSeq = nodeKey.readBigUInt64BE(8);
      const lpAt = this.pos;
      const els = this.blob(readListpack, 'stream listpack');
      if (els.length === 0) this.err('CORRUPT', 'empty stream listpack', lpAt);
      this.streamNode(els, masterMs, masterSeq, entries, lpAt);
    }
    const length = this.len();
    const lastId = { ms: this.lenBig(), seq: this.lenBig() };
    let firstId: StreamId;
    let maxDeletedId: StreamId = { ms: 0n, seq: 0n };
    let entriesAdded: bigint;
    if (type >= RDB_TYPE_STREAM_LISTPACKS_2) {
      firstId = { ms: this.lenBig(), seq: this.lenBig() };
      maxDeletedId = { ms: this.lenBig(), seq: this.lenBig() };
      entriesAdded = this.lenBig();
    } else {
      firstId = entries.length ? entries[0].id : { ms: 0n, seq: 0n };
      entriesAdded = BigInt(length);
    }
    if (length !== entries.length) this.err('CORRUPT', `stream length ${length} but ${entries.length} entries`);
    const ngroups = this.len();
    const groups: RdbStreamGroup[] = [];
    for (let g = 0; g < ngroups; g++) {
      const name = this.str();
      const glast = { ms: this.lenBig(), seq: this.lenBig() };
      const entriesRead = type >= RDB_TYPE_STREAM_LISTPACKS_2 ? BigInt.asIntN(64, this.lenBig()) : -1n;
      const npel = this.len();
      const pel: RdbStreamNack[] = [];
      const byId = new Map<string, RdbStreamNack>();
      for (let i = 0; i < npel; i++) {
        const at = this.pos;
        const id = this.rawStreamId();
        const deliveryTime = this.msTime();
        const deliveryCount = this.len();
        const k = `${id.ms}-${id.seq}`;
        if (byId.has(k)) this.err('CORRUPT', 'duplicated stream group PEL entry', at);
        const nack: RdbStreamNack = { id, deliveryTime, deliveryCount, consumer: null };
        byId.set(k, nack);
        pel.push(nack);
      }
      const nconsumers = this.len();
      const consumers: RdbStreamConsumer[] = [];
      for (let c = 0; c < nconsumers; c++) {
        const cname = this.str();
        const seenTime = this.msTime();
        const activeTime = type >= RDB_TYPE_STREAM_LISTPACKS_3 ? this.msTime() : seenTime;
        const ncpel = this.len();
        const cpel: StreamId[] = [];
        for (let i = 0; i < ncpel; i++) {
          const at = this.pos;
          const id = this.rawStreamId();
          const nack = byId.get(`${id.ms}-${id.seq}`);
          if (!nack) this.err('CORRUPT', 'stream consumer PEL entry not found in the group PEL', at);
          if (nack.consumer !== null) this.err('CORRUPT', 'stream PEL entry owned by two consumers', at);
          nack.consumer = cname;
          cpel.push(id);
        }
        consumers.push({ name: cname, seenTime, activeTime, pel: cpel });
      }
      groups.push({ name, lastId: glast, entriesRead, pel, consumers });
    }
    return { entries, length, lastId, firstId, maxDeletedId, entriesAdded, groups };
  }

  /** Decodes one stream listpack (t_stream.c layout: master entry, then entries with lp-count). */
  private streamNode(els: PackedValue[], masterMs: bigint, masterSeq: bigint, out: RdbStreamEntry[], at: number): void {
    let i = 0;
    const bad = (what: string): never => this.err('CORRUPT', `stream listpack: ${what}`, at);
    const int = (): number => {
      if (i >= els.length) bad('truncated entry');
      const v = els[i++];
      if (typeof v !== 'number') bad('expected an integer');
      return v as number;
    };
    const big = (): bigint => {
      if (i >= els.length) bad('truncated entry');
      const v = els[i++];
      if (typeof v === 'string') bad('expected an integer');
      return BigInt(v);
    };
    const str = (): string => {
      if (i >= els.length) bad('truncated entry');
      return packedToString(els[i++]);
    };
    const count = int();
    const deleted = int();
    const nmaster = int();
    if (count < 0 || deleted < 0 || nmaster < 0) bad('negative counts');
    const masterFields: string[] = [];
    for (let k = 0; k < nmaster; k++) masterFields.push(str());
    if (int() !== 0) bad('master entry terminator is not 0');
    let live = 0;
    for (let e = 0; i < els.length; e++) {
      const flags = int();
      const id: StreamId = { ms: BigInt.asUintN(64, masterMs + big()), seq: BigInt.asUintN(64, masterSeq + big()) };
      let nf: number;
      const fields: Array<[string, string]> = [];
      if (flags & STREAM_ITEM_FLAG_SAMEFIELDS) {
        nf = nmaster;
        for (let k = 0; k < nf; k++) fields.push([masterFields[k], str()]);
      } else {
        nf = int();
        if (nf < 0) bad('negative field count');
        for (let k = 0; k < nf; k++) {
          const f = str();
          fields.push([f, str()]);
        }
      }
      const lpCount = int();
      const expect = flags & STREAM_ITEM_FLAG_SAMEFIELDS ? nf + 3 : nf * 2 + 4;
      if (lpCount !== expect) bad('lp-count mismatch');
      if (flags & STREAM_ITEM_FLAG_DELETED) continue;
      live++;
      if (out.length) {
        const prev = out[out.length - 1].id;
        if (id.ms < prev.ms || (id.ms === prev.ms && id.seq <= prev.seq)) bad('entry IDs not increasing');
      }
      out.push({ id, fields });
    }
    if (live !== count) bad(`master count ${count} but ${live} live entries`);
  }
}

/** strtod-like parse of a score as Redis writes it ("%.17g", "inf", "-inf", "nan"). */
export function parseRedisDouble(s: string): number | null {
  const t = s.toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (t === 'nan' || t === '-nan') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Everything in a whole RDB file. */
export interface DecodedRdb {
  version: number;
  aux: Map<string, string>;
  records: RdbRecord[];
  functions: string[];
  resize: Array<{ db: number; dbSize: number; expiresSize: number }>;
  checksum: bigint | null;
  computedChecksum: bigint;
}

/** Decodes an RDB file held in memory. Throws RdbError. */
export function decodeRdb(buf: Uint8Array, opts?: RdbReaderOptions): DecodedRdb {
  const r = new RdbReader(opts);
  const out: DecodedRdb = { version: 0, aux: r.aux, records: [], functions: [], resize: [], checksum: null, computedChecksum: 0n };
  const take = (evs: RdbEvent[]) => {
    for (const ev of evs) collect(out, ev);
  };
  take(r.push(buf));
  take(r.end());
  out.version = r.version;
  return out;
}

function collect(out: DecodedRdb, ev: RdbEvent): void {
  switch (ev.kind) {
    case 'record':
      out.records.push(ev.record);
      break;
    case 'function':
      out.functions.push(ev.payload);
      break;
    case 'resizedb':
      out.resize.push({ db: ev.db, dbSize: ev.dbSize, expiresSize: ev.expiresSize });
      break;
    case 'eof':
      out.checksum = ev.checksum;
      out.computedChecksum = ev.computed;
      break;
    default:
  }
}

/** Decodes an RDB arriving as chunks (a file stream or socket), yielding events as they complete. */
export async function* readRdbStream(source: AsyncIterable<Uint8Array>, opts?: RdbReaderOptions): AsyncGenerator<RdbEvent> {
  const r = new RdbReader(opts);
  for await (const chunk of source) {
    yield* r.push(chunk);
    if (r.done) return;
  }
  yield* r.end();
}
