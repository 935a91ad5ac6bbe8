/**
 * RDB format constants, as defined by Redis 7.x src/rdb.h. Values are on-disk facts: they must
 * never change.
 */

/** The RDB version Petrel writes (Redis 7.0). Redis 7.2 writes 11; we read 1..11. */
export const RDB_VERSION = 10;
/** Highest version the reader accepts. */
export const RDB_MAX_READ_VERSION = 11;

/* Length encoding: the two high bits of the first byte. */
export const RDB_6BITLEN = 0;
export const RDB_14BITLEN = 1;
/** 0x80: a 32-bit big-endian length follows. */
export const RDB_32BITLEN = 0x80;
/** 0x81: a 64-bit big-endian length follows. */
export const RDB_64BITLEN = 0x81;
/** High bits 11: the low six bits say which special string encoding follows. */
export const RDB_ENCVAL = 3;

/* Special string encodings (low six bits when the high bits are RDB_ENCVAL). */
export const RDB_ENC_INT8 = 0;
export const RDB_ENC_INT16 = 1;
export const RDB_ENC_INT32 = 2;
export const RDB_ENC_LZF = 3;

/* Object types. 8 was never used. */
export const RDB_TYPE_STRING = 0;
export const RDB_TYPE_LIST = 1;
export const RDB_TYPE_SET = 2;
export const RDB_TYPE_ZSET = 3;
export const RDB_TYPE_HASH = 4;
/** ZSET with binary (IEEE 754 little-endian) scores. */
export const RDB_TYPE_ZSET_2 = 5;
/** Module value, pre-GA format (Redis 4.0 RC). */
export const RDB_TYPE_MODULE_PRE_GA = 6;
export const RDB_TYPE_MODULE_2 = 7;
export const RDB_TYPE_HASH_ZIPMAP = 9;
export const RDB_TYPE_LIST_ZIPLIST = 10;
export const RDB_TYPE_SET_INTSET = 11;
export const RDB_TYPE_ZSET_ZIPLIST = 12;
export const RDB_TYPE_HASH_ZIPLIST = 13;
export const RDB_TYPE_LIST_QUICKLIST = 14;
export const RDB_TYPE_STREAM_LISTPACKS = 15;
export const RDB_TYPE_HASH_LISTPACK = 16;
export const RDB_TYPE_ZSET_LISTPACK = 17;
/** Quicklist of listpacks, each node tagged PLAIN (1) or PACKED (2). Redis 7.0. */
export const RDB_TYPE_LIST_QUICKLIST_2 = 18;
/** Streams with first id, max deleted id, entries added and group entries_read. Redis 7.0. */
export const RDB_TYPE_STREAM_LISTPACKS_2 = 19;
/** RDB_TYPE_SET_LISTPACK = 20, Redis 7.2. */
export const RDB_TYPE_SET_LISTPACK = 20;
/** Streams whose consumers carry active-time. Redis 7.2. */
export const RDB_TYPE_STREAM_LISTPACKS_3 = 21;

/** Quicklist 2 node containers. */
export const QUICKLIST_NODE_CONTAINER_PLAIN = 1;
export const QUICKLIST_NODE_CONTAINER_PACKED = 2;

/** Names of the object types, for messages and tests. */
export const RDB_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'string',
  1: 'list',
  2: 'set',
  3: 'zset',
  4: 'hash',
  5: 'zset_2',
  6: 'module_pre_ga',
  7: 'module_2',
  9: 'hash_zipmap',
  10: 'list_ziplist',
  11: 'set_intset',
  12: 'zset_ziplist',
  13: 'hash_ziplist',
  14: 'list_quicklist',
  15: 'stream_listpacks',
  16: 'hash_listpack',
  17: 'zset_listpack',
  18: 'list_quicklist_2',
  19: 'stream_listpacks_2',
  20: 'set_listpack',
  21: 'stream_listpacks_3',
};

/* Opcodes: a byte in the place of an object type. */
/** Function library (Redis 7.0): one string, the library code. */
export const RDB_OPCODE_FUNCTION2 = 0xf5;
/** Functions as written by 7.0 release candidates. */
export const RDB_OPCODE_FUNCTION_PRE_GA = 0xf6;
export const RDB_OPCODE_MODULE_AUX = 0xf7;
/** LRU idle time in seconds (a length). */
export const RDB_OPCODE_IDLE = 0xf8;
/** LFU frequency (one byte). */
export const RDB_OPCODE_FREQ = 0xf9;
export const RDB_OPCODE_AUX = 0xfa;
export const RDB_OPCODE_RESIZEDB = 0xfb;
/** Absolute expire time in milliseconds, 8 bytes little-endian. */
export const RDB_OPCODE_EXPIRETIME_MS = 0xfc;
/** Absolute expire time in seconds, 4 bytes little-endian (old files). */
export const RDB_OPCODE_EXPIRETIME = 0xfd;
export const RDB_OPCODE_SELECTDB = 0xfe;
export const RDB_OPCODE_EOF = 0xff;

/* Binary-unsafe double encoding (RDB_TYPE_ZSET): a length byte, with three special values. */
export const RDB_DOUBLE_NAN = 253;
export const RDB_DOUBLE_POS_INF = 254;
export const RDB_DOUBLE_NEG_INF = 255;

/* Stream listpack entry flags (t_stream.c). */
export const STREAM_ITEM_FLAG_DELETED = 1;
export const STREAM_ITEM_FLAG_SAMEFIELDS = 2;

/* Redis 7.0 defaults that decide which encoding the writer picks. */
/** What redis-server 7.0.15 reports for hash-max-listpack-entries (CONFIG GET), not 128. */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;
export const SET_MAX_INTSET_ENTRIES = 512;
/** list-max-listpack-size -2: 8 KB per quicklist node. */
export const LIST_MAX_LISTPACK_BYTES = 8192;
/** stream-node-max-entries and stream-node-max-bytes defaults. */
export const STREAM_NODE_MAX_ENTRIES = 100;
export const STREAM_NODE_MAX_BYTES = 4096;
