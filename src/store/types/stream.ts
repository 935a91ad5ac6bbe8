/**
 * Streams (Redis's t_stream.c data structure, no I/O). Entries are kept in ID order in "nodes"
 * that mirror Redis's radix tree of listpacks: a node holds up to stream-node-max-entries
 * entries (live + deleted) and about stream-node-max-bytes bytes of listpack, so approximate
 * trimming (MAXLEN ~, MINID ~), which only drops whole nodes, and XINFO's radix-tree-keys match
 * Redis. Deleted entries stay in their node marked deleted, as in Redis; a node whose last live
 * entry is deleted goes away. Seeking an ID is a binary search over nodes then within a node.
 *
 * An ID is one bigint: (ms << 64) | seq, so IDs compare numerically with < and >.
 */
import type { DataObject } from '../db.js';
import type { DigestStream, DigestStreamEntry } from '../digest.js';

export type StreamId = bigint;

export const U64_MAX = (1n << 64n) - 1n;
export const ID_MIN: StreamId = 0n;
export const ID_MAX: StreamId = (1n << 128n) - 1n;
/** Redis's SCG_INVALID_ENTRIES_READ. */
export const INVALID_ENTRIES_READ = -1;

export function makeId(ms: bigint, seq: bigint): StreamId {
  return (ms << 64n) | seq;
}
export function idMs(id: StreamId): bigint {
  return id >> 64n;
}
export function idSeq(id: StreamId): bigint {
  return id & U64_MAX;
}
/** "<ms>-<seq>" as Redis prints an ID. */
export function formatId(id: StreamId): string {
  return `${id >> 64n}-${id & U64_MAX}`;
}

/**
 * Redis's string2ull: a canonical int64 that is not negative, or else what C's strtoull
 * accepts over the whole string (leading spaces, a sign, leading zeros; '-' wraps modulo 2^64),
 * without overflow. Null when invalid.
 */
export function parseU64(s: string): bigint | null {
  if (s.length === 0) return null;
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start || i !== s.length) return null;
  const v = BigInt(s.slice(start));
  if (v > U64_MAX) return null;
  if (neg) {
    // string2ll succeeds for canonical negative int64s and then string2ull rejects them.
    if (v <= 9223372036854775808n && isCanonicalInt(s)) return null;
    return v === 0n ? 0n : (1n << 64n) - v;
  }
  return v;
}

function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Redis's string2ll acceptance (no '+', no spaces, no leading zeros; "-0" is rejected). */
function isCanonicalInt(s: string): boolean {
  return /^(0|-?[1-9][0-9]*)$/.test(s) && s.length <= 20;
}

export interface ParsedId {
  id: StreamId;
  /** False for "<ms>-*" (XADD): the sequence is to be generated. */
  seqGiven: boolean;
}

/**
 * Redis's streamGenericParseIDOrReply: "-" and "+" (unless strict), "<ms>" (seq = missingSeq),
 * "<ms>-<seq>", and "<ms>-*" when allowSeqStar. Null for an invalid ID.
 */
export function parseStreamId(s: string, missingSeq: bigint, strict: boolean, allowSeqStar = false): ParsedId | null {
  if (s.length > 127) return null;
  if (s === '-' || s === '+') {
    if (strict) return null;
    return { id: s === '-' ? ID_MIN : ID_MAX, seqGiven: true };
  }
  const dash = s.indexOf('-');
  if (dash >= 0) {
    const ms = parseU64(s.slice(0, dash));
    if (ms === null) return null;
    const rest = s.slice(dash + 1);
    if (allowSeqStar && rest === '*') return { id: makeId(ms, 0n), seqGiven: false };
    const seq = parseU64(rest);
    if (seq === null) return null;
    return { id: makeId(ms, seq), seqGiven: true };
  }
  const ms = parseU64(s);
  if (ms === null) return null;
  return { id: makeId(ms, missingSeq), seqGiven: true };
}

/* ------------------------------------------------------------------------------------------ */
/* Listpack sizes, to split nodes where Redis would                                            */
/* ------------------------------------------------------------------------------------------ */

/** Bytes of a listpack element holding integer v (encoding + backlen). */
function lpIntSize(v: bigint | number): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (n >= 0 && n <= 127) return 2;
  if (n >= -4096 && n <= 4095) return 3;
  if (n >= -32768 && n <= 32767) return 4;
  if (n >= -8388608 && n <= 8388607) return 5;
  if (n >= -2147483648 && n <= 2147483647) return 6;
  return 10;
}

/** Bytes of a listpack element holding string s (stored as an integer when canonical). */
function lpStrSize(s: string): number {
  if (s.length <= 20 && s.length > 0 && isCanonicalInt(s)) {
    const b = BigInt(s);
    if (b >= -9223372036854775808n && b <= 9223372036854775807n) return lpIntSize(b);
  }
  const len = s.length;
  const enc = len <= 63 ? 1 + len : len <= 4095 ? 2 + len : 5 + len;
  const back = enc <= 127 ? 1 : enc < 16383 ? 2 : enc < 2097151 ? 3 : enc < 268435455 ? 4 : 5;
  return enc + back;
}

/** Signed 64-bit wrap of a difference, as Redis stores ID deltas. */
function i64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/* ------------------------------------------------------------------------------------------ */
/* Nodes                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** One listpack of Redis's radix tree: entries in ID order, the first ID is the node's key. */
export class StreamNode {
  readonly ids: StreamId[] = [];
  /** Field/value lists, flattened (f1, v1, f2, v2 ...). */
  readonly fvs: string[][] = [];
  readonly deleted: boolean[] = [];
  live = 0;
  deletedCount = 0;
  /** Listpack bytes except the count and deleted fields (their size varies). */
  bytesBase: number;

  constructor(
    readonly master: StreamId,
    readonly masterFields: string[],
  ) {
    let b = 7 + lpIntSize(masterFields.length) + 2; // header+end, num-fields, terminator 0
    for (const f of masterFields) b += lpStrSize(f);
    this.bytesBase = b;
  }

  get bytes(): number {
    return this.bytesBase + lpIntSize(this.live) + lpIntSize(this.deletedCount);
  }

  /** Appends an entry, accounting its listpack bytes. */
  push(id: StreamId, fv: string[]): void {
    const n = fv.length / 2;
    let same = n === this.masterFields.length;
    for (let i = 0; same && i < n; i++) if (fv[2 * i] !== this.masterFields[i]) same = false;
    let b = 2; // flags
    b += lpIntSize(i64(idMs(id) - idMs(this.master)));
    b += lpIntSize(i64(idSeq(id) - idSeq(this.master)));
    let lpCount = n + 3;
    if (!same) {
      b += lpIntSize(n);
      for (let i = 0; i < n; i++) b += lpStrSize(fv[2 * i]);
      lpCount += n + 1;
    }
    for (let i = 0; i < n; i++) b += lpStrSize(fv[2 * i + 1]);
    b += lpIntSize(lpCount);
    this.bytesBase += b;
    this.ids.push(id);
    this.fvs.push(fv);
    this.deleted.push(false);
    this.live++;
  }

  /** Index of the first entry with ID >= id (ids.length if none). */
  lowerBound(id: StreamId): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get lastId(): StreamId {
    return this.ids[this.ids.length - 1];
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Consumer groups                                                                             */
/* ------------------------------------------------------------------------------------------ */

/** An ordered map keyed by stream ID (Redis's PEL radix trees). */
export class IdMap<V> {
  private readonly keys: StreamId[] = [];
  private readonly map = new Map<StreamId, V>();

  get size(): number {
    return this.keys.length;
  }
  get(id: StreamId): V | undefined {
    return this.map.get(id);
  }
  has(id: StreamId): boolean {
    return this.map.has(id);
  }
  /** Index of the first key >= id. */
  lowerBound(id: StreamId): number {
    const k = this.keys;
    // Fast path: appends and seeks at the end are the usual case.
    if (k.length === 0 || k[k.length - 1] < id) return k.length;
    let lo = 0;
    let hi = k.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  set(id: StreamId, v: V): void {
    if (!this.map.has(id)) {
      const i = this.lowerBound(id);
      if (i === this.keys.length) this.keys.push(id);
      else this.keys.splice(i, 0, id);
    }
    this.map.set(id, v);
  }
  delete(id: StreamId): boolean {
    if (!this.map.delete(id)) return false;
    const i = this.lowerBound(id);
    if (i === 0) this.keys.shift();
    else this.keys.splice(i, 1);
    return true;
  }
  keyAt(i: number): StreamId {
    return this.keys[i];
  }
  valueAt(i: number): V {
    return this.map.get(this.keys[i])!;
  }
  *entries(): IterableIterator<[StreamId, V]> {
    for (const k of this.keys) yield [k, this.map.get(k)!];
  }
}

/** A pending entry (Redis's streamNACK), shared by the group's PEL and its consumer's PEL. */
export interface Nack {
  consumer: Consumer | null;
  /** Unix ms of the last delivery. */
  deliveryTime: number;
  deliveryCount: number;
}

export class Consumer {
  readonly pel = new IdMap<Nack>();
  constructor(
    readonly name: string,
    public seenTime: number,
  ) {}
}

export class ConsumerGroup {
  readonly pel = new IdMap<Nack>();
  readonly consumers = new Map<string, Consumer>();
  constructor(
    public lastId: StreamId,
    public entriesRead: number,
  ) {}

  /** Consumers in Redis's radix-tree order (bytewise by name). */
  sortedConsumers(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Redis's streamCreateConsumer; null when it exists. */
  createConsumer(name: string, now: number): Consumer | null {
    if (this.consumers.has(name)) return null;
    const c = new Consumer(name, now);
    this.consumers.set(name, c);
    return c;
  }

  /** Removes a consumer and its pending entries from the group PEL; returns how many it had. */
  deleteConsumer(c: Consumer): number {
    const n = c.pel.size;
    for (const [id] of c.pel.entries()) this.pel.delete(id);
    this.consumers.delete(c.name);
    return n;
  }

  /** Acknowledges one ID; true if it was pending. */
  ack(id: StreamId): boolean {
    const nack = this.pel.get(id);
    if (nack === undefined) return false;
    this.pel.delete(id);
    nack.consumer?.pel.delete(id);
    return true;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The stream                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface StreamEntry {
  id: StreamId;
  fv: string[];
}

export interface TrimArgs {
  strategy: 'maxlen' | 'minid';
  maxlen: number;
  minid: StreamId;
  approx: boolean;
  /** Max entries removed (0 = no limit). Only approximate trims can stop early. */
  limit: number;
}

/** Node limits from the config (stream-node-max-bytes / -entries). */
export interface NodeLimits {
  maxBytes: number;
  maxEntries: number;
}

const LISTPACK_MAX_SIZE = 1 << 30;

export class Stream implements DataObject, DigestStream {
  readonly type = 'stream' as const;
  nodes: StreamNode[] = [];
  length = 0;
  lastId: StreamId = 0n;
  firstId: StreamId = 0n;
  maxDeletedId: StreamId = 0n;
  entriesAdded = 0;
  /** Consumer groups by name; created on demand. */
  groups: Map<string, ConsumerGroup> | null = null;

  encoding(): string {
    return 'stream';
  }

  /** Redis's streamNextID: now, or the last ID's ms with seq + 1 when the clock is behind. */
  nextAutoId(nowMs: number): StreamId | null {
    const ms = BigInt(nowMs);
    const lastMs = idMs(this.lastId);
    if (ms > lastMs) return makeId(ms, 0n);
    return this.incrId(this.lastId);
  }

  /** ID + 1, or null at the maximum ID (streamIncrID). */
  incrId(id: StreamId): StreamId | null {
    return id === ID_MAX ? null : id + 1n;
  }

  /** ID - 1, or null at 0-0 (streamDecrID). */
  decrId(id: StreamId): StreamId | null {
    return id === 0n ? null : id - 1n;
  }

  /**
   * Appends an entry with an ID the caller checked is greater than lastId. A new node starts
   * when the tail node is full by Redis's rules (bytes, then entries counting deleted ones).
   */
  append(id: StreamId, fv: string[], limits: NodeLimits): void {
    let tail: StreamNode | undefined = this.nodes[this.nodes.length - 1];
    if (tail !== undefined) {
      let maxBytes = limits.maxBytes;
      if (maxBytes === 0 || maxBytes > LISTPACK_MAX_SIZE) maxBytes = LISTPACK_MAX_SIZE;
      let total = 0;
      for (const s of fv) total += s.length;
      if (tail.bytes + total >= maxBytes) tail = undefined;
      else if (limits.maxEntries && tail.live + tail.deletedCount >= limits.maxEntries) tail = undefined;
    }
    if (tail === undefined) {
      const fields: string[] = [];
      for (let i = 0; i < fv.length; i += 2) fields.push(fv[i]);
      tail = new StreamNode(id, fields);
      this.nodes.push(tail);
    }
    tail.push(id, fv);
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
    if (this.length === 1) this.firstId = id;
  }

  /** Index of the node that would hold id (last node whose key <= id), -1 if before all. */
  private nodeFor(id: StreamId): number {
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.nodes[mid].master <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The live entry with this ID, or null. */
  get(id: StreamId): StreamEntry | null {
    const ni = this.nodeFor(id);
    if (ni < 0) return null;
    const node = this.nodes[ni];
    const i = node.lowerBound(id);
    if (i < node.ids.length && node.ids[i] === id && !node.deleted[i]) return { id, fv: node.fvs[i] };
    return null;
  }

  has(id: StreamId): boolean {
    return this.get(id) !== null;
  }

  /**
   * Live entries with start <= ID <= end, ascending (or descending when rev), at most count
   * (0 = all).
   */
  *range(start: StreamId, end: StreamId, rev = false, count = 0): Generator<StreamEntry> {
    if (start > end) return;
    let n = 0;
    if (!rev) {
      let ni = Math.max(0, this.nodeFor(start));
      for (; ni < this.nodes.length; ni++) {
        const node = this.nodes[ni];
        if (node.master > end) return;
        for (let i = node.lowerBound(start); i < node.ids.length; i++) {
          const id = node.ids[i];
          if (id > end) return;
          if (node.deleted[i]) continue;
          yield { id, fv: node.fvs[i] };
          if (count && ++n >= count) return;
        }
      }
    } else {
      for (let ni = this.nodeFor(end); ni >= 0; ni--) {
        const node = this.nodes[ni];
        if (node.lastId < start) return;
        let i = node.lowerBound(end);
        if (i === node.ids.length || node.ids[i] > end) i--;
        for (; i >= 0; i--) {
          const id = node.ids[i];
          if (id < start) return;
          if (node.deleted[i]) continue;
          yield { id, fv: node.fvs[i] };
          if (count && ++n >= count) return;
        }
      }
    }
  }

  /** All live entries in ID order (RDB writer, digest). */
  entries(): Generator<StreamEntry> {
    return this.range(ID_MIN, ID_MAX);
  }

  digestEntries(): Iterable<DigestStreamEntry> {
    const out: DigestStreamEntry[] = [];
    for (const e of this.entries()) out.push({ ms: idMs(e.id), seq: idSeq(e.id), fields: e.fv });
    return out;
  }

  /** First (or last) live ID, or null when empty (streamGetEdgeID skipping tombstones). */
  edgeId(first: boolean): StreamId | null {
    for (const e of this.range(ID_MIN, ID_MAX, !first, 1)) return e.id;
    return null;
  }

  /** Marks one entry deleted (XDEL). A node left without live entries is removed. */
  delete(id: StreamId): boolean {
    const ni = this.nodeFor(id);
    if (ni < 0) return false;
    const node = this.nodes[ni];
    const i = node.lowerBound(id);
    if (i >= node.ids.length || node.ids[i] !== id || node.deleted[i]) return false;
    if (node.live === 1) {
      this.nodes.splice(ni, 1);
    } else {
      node.deleted[i] = true;
      node.live--;
      node.deletedCount++;
    }
    this.length--;
    return true;
  }

  /** XDEL of several IDs with Redis's bookkeeping (first ID, max deleted ID). */
  deleteIds(ids: StreamId[]): number {
    let deleted = 0;
    let firstDeleted = false;
    for (const id of ids) {
      if (!this.delete(id)) continue;
      if (id === this.firstId) firstDeleted = true;
      if (id > this.maxDeletedId) this.maxDeletedId = id;
      deleted++;
    }
    if (deleted) {
      if (this.length === 0) this.firstId = 0n;
      else if (firstDeleted) this.firstId = this.edgeId(true) ?? 0n;
    }
    return deleted;
  }

  /** Redis's streamTrim: whole nodes first; exact trims then mark entries of one node deleted. */
  trim(args: TrimArgs): number {
    let deleted = 0;
    while (this.nodes.length > 0) {
      if (args.strategy === 'maxlen' && this.length <= args.maxlen) break;
      const node = this.nodes[0];
      const entries = node.live;
      if (args.limit && deleted + entries > args.limit) break;
      const removeNode =
        args.strategy === 'maxlen' ? this.length - entries >= args.maxlen : node.lastId < args.minid;
      if (removeNode) {
        this.nodes.shift();
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (args.approx) break;
      for (let i = 0; i < node.ids.length; i++) {
        const stop = args.strategy === 'maxlen' ? this.length <= args.maxlen : node.ids[i] >= args.minid;
        if (stop) break;
        if (!node.deleted[i]) {
          node.deleted[i] = true;
          node.live--;
          node.deletedCount++;
          this.length--;
          deleted++;
        }
      }
      break;
    }
    if (deleted) this.firstId = this.edgeId(true) ?? 0n;
    return deleted;
  }

  /** Redis's streamEstimateDistanceFromFirstEverEntry (entries_read of an ID), -1 when unknown. */
  estimateDistance(id: StreamId): number {
    if (!this.entriesAdded) return 0;
    if (!this.length && id <= this.lastId) return this.entriesAdded;
    if (id === this.lastId) return this.entriesAdded;
    if (id > this.lastId) return INVALID_ENTRIES_READ;
    if (this.maxDeletedId === 0n || this.maxDeletedId < this.firstId) {
      if (id < this.firstId) return this.entriesAdded - this.length;
      if (id === this.firstId) return this.entriesAdded - this.length + 1;
    }
    return INVALID_ENTRIES_READ;
  }

  /** Redis's streamRangeHasTombstones. */
  rangeHasTombstones(start: StreamId | null, end: StreamId | null): boolean {
    if (!this.length || this.maxDeletedId === 0n) return false;
    if (this.firstId > this.maxDeletedId) return false;
    const s = start ?? ID_MIN;
    const e = end ?? ID_MAX;
    return s <= this.maxDeletedId && this.maxDeletedId <= e;
  }

  /** Group lag for XINFO, or null when it cannot be known (streamReplyWithCGLag). */
  groupLag(g: ConsumerGroup): number | null {
    if (!this.entriesAdded) return 0;
    if (g.entriesRead !== INVALID_ENTRIES_READ && !this.rangeHasTombstones(g.lastId, null)) {
      return this.entriesAdded - g.entriesRead;
    }
    const read = this.estimateDistance(g.lastId);
    return read === INVALID_ENTRIES_READ ? null : this.entriesAdded - read;
  }

  /** Moves a group's last delivered ID forward after delivering `id`, keeping entries_read. */
  groupDelivered(g: ConsumerGroup, id: StreamId): void {
    if (id <= g.lastId) return;
    if (g.entriesRead !== INVALID_ENTRIES_READ && !this.rangeHasTombstones(id, null)) g.entriesRead++;
    else if (this.entriesAdded) g.entriesRead = this.estimateDistance(id);
    g.lastId = id;
  }

  group(name: string): ConsumerGroup | undefined {
    return this.groups?.get(name);
  }

  /** Redis's streamCreateCG; null when the name exists. */
  createGroup(name: string, lastId: StreamId, entriesRead: number): ConsumerGroup | null {
    if (this.groups === null) this.groups = new Map();
    if (this.groups.has(name)) return null;
    const g = new ConsumerGroup(lastId, entriesRead);
    this.groups.set(name, g);
    return g;
  }

  /** Groups in radix-tree order (bytewise by name). */
  sortedGroups(): Array<[string, ConsumerGroup]> {
    if (this.groups === null) return [];
    return [...this.groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Number of nodes (XINFO radix-tree-keys). */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /** Deep copy (COPY). */
  clone(): Stream {
    const s = new Stream();
    for (const n of this.nodes) {
      const m = new StreamNode(n.master, n.masterFields);
      for (let i = 0; i < n.ids.length; i++) m.push(n.ids[i], n.fvs[i]);
      for (let i = 0; i < n.ids.length; i++) {
        if (n.deleted[i]) {
          m.deleted[i] = true;
          m.live--;
          m.deletedCount++;
        }
      }
      s.nodes.push(m);
    }
    s.length = this.length;
    s.lastId = this.lastId;
    s.firstId = this.firstId;
    s.maxDeletedId = this.maxDeletedId;
    s.entriesAdded = this.entriesAdded;
    for (const [name, g] of this.sortedGroups()) {
      const h = s.createGroup(name, g.lastId, g.entriesRead)!;
      for (const c of g.consumers.values()) h.consumers.set(c.name, new Consumer(c.name, c.seenTime));
      for (const [id, nack] of g.pel.entries()) {
        const owner = nack.consumer ? h.consumers.get(nack.consumer.name)! : null;
        const copy: Nack = { consumer: owner, deliveryTime: nack.deliveryTime, deliveryCount: nack.deliveryCount };
        h.pel.set(id, copy);
        owner?.pel.set(id, copy);
      }
    }
    return s;
  }

  /**
   * Builds a stream from entries in ID order (RDB loader); metadata is set by the caller
   * afterwards (lastId, entriesAdded, firstId, maxDeletedId, groups).
   */
  static fromEntries(entries: Iterable<StreamEntry>, limits: NodeLimits): Stream {
    const s = new Stream();
    for (const e of entries) s.append(e.id, e.fv, limits);
    return s;
  }
}
