/**
 * The neutral forms the RDB codec reads and writes. They depend on nothing in src/store: a small
 * adapter turns them into (and out of) the real data types. Every string is a latin1 string (one
 * char per byte).
 */

/** A stream ID: milliseconds and sequence, both unsigned 64-bit. */
export interface StreamId {
  ms: bigint;
  seq: bigint;
}

export interface RdbStreamEntry {
  id: StreamId;
  fields: Array<[string, string]>;
}

/** A pending entry of a consumer group (its PEL). */
export interface RdbStreamNack {
  id: StreamId;
  /** Last delivery, unix time in ms. */
  deliveryTime: number;
  deliveryCount: number;
  /** The consumer that owns it (filled in from the consumers' PELs when reading). */
  consumer: string | null;
}

export interface RdbStreamConsumer {
  name: string;
  /** Last time the consumer was seen (ms). */
  seenTime: number;
  /** Last successful read/claim (ms); equals seenTime for files older than STREAM_LISTPACKS_3. */
  activeTime: number;
  /** IDs of the group's pending entries this consumer owns. */
  pel: StreamId[];
}

export interface RdbStreamGroup {
  name: string;
  lastId: StreamId;
  /** -1n when unknown (Redis's SCG_INVALID_ENTRIES_READ). */
  entriesRead: bigint;
  pel: RdbStreamNack[];
  consumers: RdbStreamConsumer[];
}

export interface RdbStream {
  entries: RdbStreamEntry[];
  /** Number of live entries (XLEN). */
  length: number;
  lastId: StreamId;
  /** 0-0 when the stream is empty. */
  firstId: StreamId;
  maxDeletedId: StreamId;
  entriesAdded: bigint;
  groups: RdbStreamGroup[];
}

/** A value in neutral form, tagged with its Redis type. */
export type RdbValue =
  | { type: 'string'; value: string }
  | { type: 'list'; value: string[] }
  | { type: 'set'; value: string[] }
  /** [member, score]; order as stored in the file. */
  | { type: 'zset'; value: Array<[string, number]> }
  | { type: 'hash'; value: Array<[string, string]> }
  | { type: 'stream'; value: RdbStream };

export type RdbValueType = RdbValue['type'];

/** One key as read from (or to be written to) an RDB file. */
export type RdbRecord = RdbValue & {
  db: number;
  key: string;
  /** Absolute unix time in ms, or null for no expiry. */
  expireMs: number | null;
  /** LRU idle seconds (RDB_OPCODE_IDLE), when present. */
  idle?: number;
  /** LFU counter (RDB_OPCODE_FREQ), when present. */
  freq?: number;
  /** The RDB object type byte it was read from (reader only). */
  rdbType?: number;
};

/** Everything the streaming reader reports, in file order. */
export type RdbEvent =
  | { kind: 'header'; version: number }
  | { kind: 'aux'; key: string; value: string }
  | { kind: 'selectdb'; db: number }
  | { kind: 'resizedb'; db: number; dbSize: number; expiresSize: number }
  /** A function library (FUNCTION2): the raw code; not loaded by the codec. */
  | { kind: 'function'; payload: string; warning: string }
  | { kind: 'record'; record: RdbRecord }
  /** checksum: the stored trailer (null before RDB version 5); 0n means "not computed". */
  | { kind: 'eof'; checksum: bigint | null; computed: bigint };
