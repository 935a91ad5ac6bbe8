/**
 * The bridge between the store's values and the RDB codec's neutral forms (rdb/types.ts), and
 * the DUMP payload format built on it.
 *
 *  - toNeutral(value): a store Value -> the RdbValue the writer encodes. Order follows what
 *    Redis writes where it matters: a skiplist zset is listed from the highest score down (Redis
 *    saves from the tail so loading inserts at the head); everything else in the structure's order.
 *  - fromNeutral(neutral, limits): an RdbValue (or a reader's RdbRecord) -> a store Value with
 *    the encoding Redis 7.0's rdbLoadObject picks from the content and the configured thresholds
 *    (a small hash of short fields is a listpack, a set of at most set-max-intset-entries integers
 *    an intset, ...). One quirk of Redis 7.0 is kept: a hash or zset saved as a listpack/ziplist
 *    stays one unless it has too many entries, whatever the value lengths (checked against
 *    redis-server 7.0.15), so pass the record's rdbType when there is one.
 *  - dumpPayload(value) / parseDumpPayload(bytes): DUMP's format (Redis's createDumpPayload /
 *    verifyDumpPayload in cluster.c): object type byte + the value as RDB writes it + RDB
 *    version (2 bytes LE) + CRC64 of all of that (8 bytes LE).
 */
import type { Config } from '../config/config.js';
import type { Value } from '../store/db.js';
import { HashObject } from '../store/types/hash.js';
import { ListValue } from '../store/types/list.js';
import { SetObject } from '../store/types/set.js';
import { Zset } from '../store/types/zset.js';
import { Consumer, idMs, idSeq, makeId, Stream, type Nack, type StreamId as StoreStreamId } from '../store/types/stream.js';
import {
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_ZSET_LISTPACK,
  RDB_TYPE_ZSET_ZIPLIST,
  RDB_VERSION,
} from './rdb/constants.js';
import { crc64 } from './rdb/crc64.js';
import { decodeRdb } from './rdb/reader.js';
import type { RdbStream, RdbValue, StreamId } from './rdb/types.js';
import { bufferSink, RdbWriter } from './rdb/writer.js';

/** The encoding thresholds fromNeutral needs (Redis's config names in the comments). */
export interface AdapterLimits {
  /** hash-max-listpack-entries */
  hashEntries: number;
  /** hash-max-listpack-value */
  hashValue: number;
  /** set-max-intset-entries */
  setIntsetEntries: number;
  /** zset-max-listpack-entries */
  zsetEntries: number;
  /** zset-max-listpack-value */
  zsetValue: number;
  /** stream-node-max-bytes */
  streamNodeBytes: number;
  /** stream-node-max-entries */
  streamNodeEntries: number;
}

/** Redis 7.0's built-in defaults (CONFIG GET on a bare redis-server 7.0), for callers without a server. */
export const DEFAULT_LIMITS: AdapterLimits = {
  hashEntries: 512,
  hashValue: 64,
  setIntsetEntries: 512,
  zsetEntries: 128,
  zsetValue: 64,
  streamNodeBytes: 4096,
  streamNodeEntries: 100,
};

/** The thresholds as currently configured (read per use: CONFIG SET applies). */
export function limitsFromConfig(config: Config): AdapterLimits {
  return {
    hashEntries: config.num('hash-max-listpack-entries'),
    hashValue: config.num('hash-max-listpack-value'),
    setIntsetEntries: config.num('set-max-intset-entries'),
    zsetEntries: config.num('zset-max-listpack-entries'),
    zsetValue: config.num('zset-max-listpack-value'),
    streamNodeBytes: config.num('stream-node-max-bytes'),
    streamNodeEntries: config.num('stream-node-max-entries'),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Store -> neutral                                                                            */
/* ------------------------------------------------------------------------------------------ */

/**
 * The neutral form of a store value for the RDB writer. Strings and member arrays are shared,
 * not copied, where the structure exposes them read-only; the result must be encoded before
 * the value changes again (the snapshot barrier and DUMP both do so at once).
 * Throws for a value type the adapter does not know.
 */
export function toNeutral(value: Value): RdbValue {
  if (typeof value === 'string') return { type: 'string', value };
  if (value instanceof ListValue) return { type: 'list', value: value.toArray() };
  if (value instanceof SetObject) return { type: 'set', value: value.toArray() };
  if (value instanceof HashObject) {
    const kv = value.flat();
    const pairs = new Array<[string, string]>(kv.length >> 1);
    for (let i = 0, j = 0; i < kv.length; i += 2, j++) pairs[j] = [kv[i], kv[i + 1]];
    return { type: 'hash', value: pairs };
  }
  if (value instanceof Zset) {
    const pairs = Array.from(value.entries());
    // Redis writes a skiplist from the tail (highest first); a listpack is sorted by the writer.
    if (!value.compact) pairs.reverse();
    return { type: 'zset', value: pairs };
  }
  if (value instanceof Stream) return { type: 'stream', value: streamToNeutral(value) };
  throw new Error(`RDB adapter: no neutral form for a value of type ${value.type}`);
}

function nid(id: StoreStreamId): StreamId {
  return { ms: idMs(id), seq: idSeq(id) };
}

function streamToNeutral(s: Stream): RdbStream {
  const entries: RdbStream['entries'] = [];
  for (const e of s.entries()) {
    const fields = new Array<[string, string]>(e.fv.length >> 1);
    for (let i = 0, j = 0; i < e.fv.length; i += 2, j++) fields[j] = [e.fv[i], e.fv[i + 1]];
    entries.push({ id: nid(e.id), fields });
  }
  const groups: RdbStream['groups'] = [];
  for (const [name, g] of s.sortedGroups()) {
    const pel: RdbStream['groups'][number]['pel'] = [];
    for (const [id, n] of g.pel.entries()) {
      pel.push({ id: nid(id), deliveryTime: n.deliveryTime, deliveryCount: n.deliveryCount, consumer: n.consumer?.name ?? null });
    }
    const consumers = g.sortedConsumers().map((c) => ({
      name: c.name,
      seenTime: c.seenTime,
      activeTime: c.seenTime,
      pel: Array.from(c.pel.entries(), ([id]) => nid(id)),
    }));
    groups.push({ name, lastId: nid(g.lastId), entriesRead: BigInt(g.entriesRead), pel, consumers });
  }
  return {
    entries,
    length: s.length,
    lastId: nid(s.lastId),
    firstId: nid(s.length ? s.firstId : 0n),
    maxDeletedId: nid(s.maxDeletedId),
    entriesAdded: BigInt(s.entriesAdded),
    groups,
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Neutral -> store                                                                            */
/* ------------------------------------------------------------------------------------------ */

/**
 * A store value from a neutral one, encoded as Redis 7.0 loads it under `limits`. `n.rdbType`
 * (set by the reader on records) says whether it was saved as a listpack. Collections are
 * assumed free of duplicates (RDB content; the reader does not deduplicate). Arrays of the
 * neutral value may be taken over: do not reuse it afterwards.
 */
export function fromNeutral(n: RdbValue & { rdbType?: number }, limits: AdapterLimits = DEFAULT_LIMITS): Value {
  // Redis 7.0 checks only the entry count when the saved form was already compact.
  const packed = n.rdbType === RDB_TYPE_HASH_LISTPACK || n.rdbType === RDB_TYPE_HASH_ZIPLIST || n.rdbType === RDB_TYPE_ZSET_LISTPACK || n.rdbType === RDB_TYPE_ZSET_ZIPLIST;
  switch (n.type) {
    case 'string':
      return n.value;
    case 'list':
      return ListValue.from(n.value);
    case 'set':
      return SetObject.fromMembers(n.value, n.value.length <= limits.setIntsetEntries ? 'intset' : 'hashtable');
    case 'hash': {
      const kv = new Array<string>(n.value.length * 2);
      let table = n.value.length > limits.hashEntries;
      for (let i = 0; i < n.value.length; i++) {
        const [f, v] = n.value[i];
        kv[2 * i] = f;
        kv[2 * i + 1] = v;
        if (!packed && (f.length > limits.hashValue || v.length > limits.hashValue)) table = true;
      }
      return HashObject.fromFlat(kv, table);
    }
    case 'zset':
      return Zset.fromEntries(n.value, { entries: limits.zsetEntries, value: packed ? Infinity : limits.zsetValue });
    case 'stream':
      return streamFromNeutral(n.value, limits);
  }
}

function sid(id: StreamId): StoreStreamId {
  return makeId(id.ms, id.seq);
}

function streamFromNeutral(r: RdbStream, limits: AdapterLimits): Stream {
  const s = Stream.fromEntries(
    r.entries.map((e) => ({ id: sid(e.id), fv: e.fields.flat() })),
    { maxBytes: limits.streamNodeBytes, maxEntries: limits.streamNodeEntries },
  );
  // Metadata as saved (fromEntries counted only the live entries it appended).
  s.length = r.entries.length;
  s.lastId = sid(r.lastId);
  s.firstId = r.entries.length ? sid(r.entries[0].id) : sid(r.firstId);
  s.maxDeletedId = sid(r.maxDeletedId);
  s.entriesAdded = Number(r.entriesAdded);
  for (const g of r.groups) {
    const group = s.createGroup(g.name, sid(g.lastId), Number(g.entriesRead));
    if (group === null) throw new Error(`RDB adapter: duplicate consumer group ${g.name}`);
    const nacks = new Map<StoreStreamId, Nack>();
    for (const p of g.pel) {
      const nack: Nack = { consumer: null, deliveryTime: p.deliveryTime, deliveryCount: p.deliveryCount };
      nacks.set(sid(p.id), nack);
      group.pel.set(sid(p.id), nack);
    }
    for (const c of g.consumers) {
      const consumer = new Consumer(c.name, c.seenTime);
      group.consumers.set(c.name, consumer);
      for (const id of c.pel) {
        const nack = nacks.get(sid(id));
        // Redis refuses a consumer PEL entry missing from the group PEL (rdbLoadObject).
        if (nack === undefined) throw new Error('RDB adapter: consumer PEL entry not in the group PEL');
        nack.consumer = consumer;
        consumer.pel.set(sid(id), nack);
      }
    }
  }
  return s;
}

/* ------------------------------------------------------------------------------------------ */
/* DUMP payloads                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** Why a DUMP payload was refused; RESTORE maps these to Redis's two error replies. */
export class DumpPayloadError extends Error {
  constructor(
    readonly reason: 'version-or-checksum' | 'bad-data',
    message: string,
  ) {
    super(message);
  }
}

/** Object type bytes Redis 7.0 (RDB 10) can load: 0-7 and 9-19 (20/21 are Redis 7.2's). */
function isRdb10ObjectType(t: number): boolean {
  return (t >= 0 && t <= 7) || (t >= 9 && t <= 19);
}

/**
 * The value's RDB encoding: [object type byte][value bytes], no key, no expiry. Built by the
 * codec's writer (one record with an empty key, whose length byte is then dropped), so DUMP and
 * snapshots encode values identically. `compression` is rdbcompression.
 */
export function encodeValue(value: Value, compression = true): Buffer {
  const sink = bufferSink();
  const w = new RdbWriter(sink, { compression, checksum: false });
  w.record('', toNeutral(value), null);
  w.end();
  const all = sink.result();
  // type byte, 0x00 (empty key), value..., 0xFF (EOF), 8 trailer bytes
  if (all.length < 11) throw new Error('RDB adapter: empty collections have no DUMP form');
  return Buffer.concat([all.subarray(0, 1), all.subarray(2, all.length - 9)]);
}

/** DUMP's serialized value: encodeValue + RDB version (u16 LE) + CRC64 (u64 LE). */
export function dumpPayload(value: Value, compression = true): Buffer {
  const body = encodeValue(value, compression);
  const out = Buffer.allocUnsafe(body.length + 10);
  body.copy(out, 0);
  out.writeUInt16LE(RDB_VERSION, body.length);
  out.writeBigUInt64LE(crc64(out.subarray(0, body.length + 2)), body.length + 2);
  return out;
}

/**
 * Checks and decodes a DUMP payload into a neutral value (with its RDB type byte, for
 * fromNeutral). Throws DumpPayloadError:
 * 'version-or-checksum' for a short payload, an RDB version above 10, or a CRC mismatch
 * (Redis's verifyDumpPayload; a zero CRC is not skipped); 'bad-data' for anything the value
 * decoder refuses, including empty collections (Redis 7.0 rejects those keys too).
 */
export function parseDumpPayload(payload: Buffer, opts: { verifyChecksum?: boolean } = {}): RdbValue & { rdbType: number } {
  const len = payload.length;
  if (len < 10) throw new DumpPayloadError('version-or-checksum', 'payload shorter than its footer');
  const version = payload.readUInt16LE(len - 10);
  if (version > RDB_VERSION) throw new DumpPayloadError('version-or-checksum', `RDB version ${version} is newer than ${RDB_VERSION}`);
  if (opts.verifyChecksum !== false && crc64(payload.subarray(0, len - 8)) !== payload.readBigUInt64LE(len - 8)) {
    throw new DumpPayloadError('version-or-checksum', 'CRC64 mismatch');
  }
  const body = payload.subarray(0, len - 10);
  if (body.length === 0 || !isRdb10ObjectType(body[0])) throw new DumpPayloadError('bad-data', 'not an object type');
  // Wrap the value as a one-key RDB of the payload's version so the codec's reader decodes it:
  // "REDIS00vv" + type + empty key + value + EOF + zero trailer (= not computed).
  const head = Buffer.from(`REDIS${String(Math.max(version, 1)).padStart(4, '0')}`, 'latin1');
  const rdb = Buffer.concat([head, body.subarray(0, 1), Buffer.from([0]), body.subarray(1), Buffer.from([0xff]), Buffer.alloc(8)]);
  let decoded;
  try {
    decoded = decodeRdb(rdb, { verifyChecksum: false });
  } catch (e) {
    throw new DumpPayloadError('bad-data', (e as Error).message);
  }
  if (decoded.records.length !== 1 || decoded.functions.length || decoded.aux.size) throw new DumpPayloadError('bad-data', 'not exactly one value');
  const rec = decoded.records[0];
  const v = { type: rec.type, value: rec.value, rdbType: body[0] } as RdbValue & { rdbType: number };
  if (v.type !== 'string' && v.type !== 'stream' && v.value.length === 0) throw new DumpPayloadError('bad-data', 'empty collection');
  return v;
}
