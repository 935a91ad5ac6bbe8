/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE: Redis 7.0's dataset signature (src/debug.c), bit for bit,
 * so a Petrel replica and a Redis master (or the reverse) can prove they hold the same data.
 *
 * Two primitives over a 20-byte state, both on SHA1:
 *  - xor:  state ^= SHA1(data)             (order-free: set members, hash fields, keys)
 *  - mix:  state = SHA1(state ^ SHA1(data)) (ordered: list elements, stream entries)
 * A key's digest starts at zero, mixes the key bytes, then the value (type code, then the
 * per-type part below), then xors "!!expire!!" when the key has a TTL (the time itself is not
 * part of it). The dataset digest mixes each non-empty database's index (big-endian u32) and xors
 * in every key's digest; an empty dataset is twenty zero bytes.
 *
 * One function per type. The data-type structures plug in through the small iteration interfaces
 * below (DigestList, DigestSet, ...): a structure implements the method its type needs.
 */
import { createHash } from 'node:crypto';
import { formatDouble } from '../protocol/reply-writer.js';
import type { Database, Keyspace, Value } from './db.js';

/** 20 bytes of digest state. */
export type Digest = Buffer;

/** Redis's OBJ_* type codes, the first thing mixed into a value's digest. */
export const OBJ_TYPE_CODE = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 6 } as const;

const EXPIRE_MARK = '!!expire!!';

export function newDigest(): Digest {
  return Buffer.alloc(20);
}

function sha1(data: string | Buffer): Buffer {
  const h = createHash('sha1');
  if (typeof data === 'string') h.update(data, 'latin1');
  else h.update(data);
  return h.digest();
}

/** state ^= SHA1(data). Strings are latin1 (one char per byte). */
export function xorDigest(state: Digest, data: string | Buffer): void {
  const h = sha1(data);
  for (let i = 0; i < 20; i++) state[i] ^= h[i];
}

/** state = SHA1(state ^ SHA1(data)). */
export function mixDigest(state: Digest, data: string | Buffer): void {
  xorDigest(state, data);
  sha1(state).copy(state);
}

/** Big-endian u32, as Redis's htonl() before hashing a type code or a db index. */
function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

// ---- per-type value digests (the part after the type code) ----

/** A list: elements from head to tail. */
export interface DigestList {
  readonly type: 'list';
  digestElements(): Iterable<string>;
}

/** A set: its members in any order. */
export interface DigestSet {
  readonly type: 'set';
  digestMembers(): Iterable<string>;
}

/** A sorted set: (member, score) pairs in any order. */
export interface DigestZset {
  readonly type: 'zset';
  digestEntries(): Iterable<readonly [member: string, score: number]>;
}

/** A hash: (field, value) pairs in any order. */
export interface DigestHash {
  readonly type: 'hash';
  digestEntries(): Iterable<readonly [field: string, value: string]>;
}

/** One stream entry: its ID and its field/value list flattened (f1, v1, f2, v2 ...). */
export interface DigestStreamEntry {
  readonly ms: number | bigint;
  readonly seq: number | bigint;
  readonly fields: readonly string[];
}

/** A stream: entries in ID order. Consumer groups are not part of Redis 7.0's digest. */
export interface DigestStream {
  readonly type: 'stream';
  digestEntries(): Iterable<DigestStreamEntry>;
}

/** Strings are mixed as their bytes (an int-encoded string in Redis is decoded first: same bytes). */
export function digestString(state: Digest, s: string): void {
  mixDigest(state, s);
}

/** Lists are ordered: each element is mixed. */
export function digestList(state: Digest, elements: Iterable<string>): void {
  for (const e of elements) mixDigest(state, e);
}

/** Sets are unordered: each member is xored. */
export function digestSet(state: Digest, members: Iterable<string>): void {
  for (const m of members) xorDigest(state, m);
}

/**
 * Sorted sets: per element a fresh digest mixes the member then the score printed with
 * "%.17g" (Redis 7.0; 7.2 prints the shortest form), and that digest is xored in.
 */
export function digestZset(state: Digest, entries: Iterable<readonly [string, number]>): void {
  const ele = newDigest();
  for (const [member, score] of entries) {
    ele.fill(0);
    mixDigest(ele, member);
    mixDigest(ele, formatDouble(score));
    xorDigest(state, ele);
  }
}

/** Hashes: per field a fresh digest mixes field then value, and that digest is xored in. */
export function digestHash(state: Digest, entries: Iterable<readonly [string, string]>): void {
  const ele = newDigest();
  for (const [field, value] of entries) {
    ele.fill(0);
    mixDigest(ele, field);
    mixDigest(ele, value);
    xorDigest(state, ele);
  }
}

/** Streams: each entry mixes "<ms>.<seq>" (a dot, as Redis's "%U.%U"), then each field and value. */
export function digestStream(state: Digest, entries: Iterable<DigestStreamEntry>): void {
  for (const e of entries) {
    mixDigest(state, `${e.ms}.${e.seq}`);
    for (const f of e.fields) mixDigest(state, f);
  }
}

/**
 * Redis's xorObjectDigest: mixes the value's type code and contents into `state`, then the
 * expire mark when the key has a TTL. Does not reset `state` and does not include the key.
 * Throws for a type whose structure does not implement its digest interface yet.
 */
export function digestValue(state: Digest, value: Value, hasExpire: boolean): void {
  if (typeof value === 'string') {
    mixDigest(state, u32be(OBJ_TYPE_CODE.string));
    digestString(state, value);
  } else {
    const type = value.type;
    mixDigest(state, u32be(OBJ_TYPE_CODE[type]));
    const v = value as unknown as Record<string, unknown>;
    const need = type === 'list' ? 'digestElements' : type === 'set' ? 'digestMembers' : 'digestEntries';
    if (typeof v[need] !== 'function') throw new Error(`DEBUG DIGEST does not support the ${type} type yet`);
    switch (type) {
      case 'list':
        digestList(state, (value as unknown as DigestList).digestElements());
        break;
      case 'set':
        digestSet(state, (value as unknown as DigestSet).digestMembers());
        break;
      case 'zset':
        digestZset(state, (value as unknown as DigestZset).digestEntries());
        break;
      case 'hash':
        digestHash(state, (value as unknown as DigestHash).digestEntries());
        break;
      case 'stream':
        digestStream(state, (value as unknown as DigestStream).digestEntries());
        break;
    }
  }
  if (hasExpire) xorDigest(state, EXPIRE_MARK);
}

/**
 * DEBUG DIGEST-VALUE for one key: the value's digest without the key, zero for a missing key.
 * Like Redis it reads the dictionary directly, so logically expired keys still count.
 */
export function keyValueDigest(db: Database, key: string): Digest {
  const d = newDigest();
  const v = db.dict.get(key);
  if (v !== undefined) digestValue(d, v, db.expires.has(key));
  return d;
}

/**
 * DEBUG DIGEST: Redis's computeDatasetDigest over every database, expired-but-present keys
 * included (no lookup, no expiry on the way).
 */
export function datasetDigest(ks: Keyspace): Digest {
  const final = newDigest();
  const kv = newDigest();
  for (let j = 0; j < ks.dbs.length; j++) {
    const db = ks.dbs[j];
    const n = db.dict.size;
    if (n === 0) continue;
    mixDigest(final, u32be(j));
    for (let i = 0; i < n; i++) {
      const key = db.dict.keyAt(i);
      kv.fill(0);
      mixDigest(kv, key);
      digestValue(kv, db.dict.valueAt(i), db.expires.has(key));
      xorDigest(final, kv);
    }
  }
  return final;
}

/** Hex form as DEBUG prints it. */
export function digestHex(d: Digest): string {
  return d.toString('hex');
}
