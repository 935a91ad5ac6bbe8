/**
 * DEBUG (Redis's debug.c debugCommand). One container command whose first argument picks the
 * action; as in Redis 7.0 these are not table subcommands, so a wrong argument count or an unknown
 * action answers "unknown subcommand or wrong number of arguments". Allowed only when
 * `enable-debug-command` permits (checked by the server before auth, spec.protectedBy).
 *
 * Supported: HELP, DIGEST, DIGEST-VALUE, OBJECT, POPULATE, SLEEP, SET-ACTIVE-EXPIRE,
 * CHANGE-REPL-ID, ERROR, LOG, PROTOCOL, RELOAD, and GC (Petrel only). Actions that need parts Petrel
 * does not have (AOF, jemalloc, crash reports) answer "ERR DEBUG <X> is not supported by Petrel yet".
 */
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Client } from '../server/client.js';
import { logger } from '../server/log.js';
import { OK } from '../protocol/shared.js';
import { datasetDigest, digestHex, keyValueDigest } from '../store/digest.js';
import type { Value } from '../store/db.js';
import { cmd, type CommandSpec } from './types.js';

type Action = (c: Client, argv: string[]) => void;

interface DebugAction {
  /** Accepted argv lengths (including DEBUG and the action name). */
  argc: (n: number) => boolean;
  run: Action;
}

const HELP = [
  'DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANGE-REPL-ID',
  '    Start a new replication ID (testing the replication subsystem only).',
  'DIGEST',
  '    Hex signature of the whole dataset, identical to Redis for identical data.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Hex signature of the value of each key (all zeros for a missing key).',
  'ERROR <string>',
  '    Reply with <string> as an error.',
  'GC',
  '    Petrel only: run a full garbage collection of the V8 heap (memory benchmarks).',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Low level information about the value at <key>.',
  'POPULATE <count> [<prefix>] [<size>]',
  "    Create <count> string keys <prefix>:<n> (prefix 'key') with values value:<n>, cut or",
  '    zero-padded to <size> bytes when given. Existing keys are left alone; not propagated.',
  'PROTOCOL <type>',
  '    Reply with a sample of a reply type: string, integer, double, bignum, null, array, set,',
  '    map, attrib, push, verbatim, true, false.',
  'REPLSTREAM',
  '    Petrel only: the replication backlog, created first if there is none (as when a replica',
  '    attaches). Reply: [offset of its first byte, the bytes]; an empty stream starts at',
  '    master_repl_offset + 1.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Turn the background expiry of keys off (0) or on (1).',
  'SLEEP <seconds>',
  '    Block the server for <seconds> (decimals allowed).',
  'HELP',
  '    Print this help.',
];

/* DEBUG HELP */
function help(c: Client): void {
  c.reply.array(HELP.length);
  for (const line of HELP) c.reply.simple(line);
}

/* DEBUG DIGEST */
function digest(c: Client): void {
  c.reply.simple(digestHex(datasetDigest(c.server.keyspace)));
}

/* DEBUG DIGEST-VALUE key [key ...] — reads the dictionary directly: expired keys still count. */
function digestValue(c: Client, argv: string[]): void {
  c.reply.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.reply.simple(digestHex(keyValueDigest(c.db, argv[i])));
}

/* DEBUG SLEEP seconds — blocks the whole event loop, as Redis blocks its main thread. */
function sleep(c: Client, argv: string[]): void {
  const usec = Math.trunc(strtod(argv[2]) * 1e6);
  if (Number.isFinite(usec) && usec > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, usec / 1000);
  c.reply.raw(OK);
}

/* DEBUG SET-ACTIVE-EXPIRE 0|1 (atoi: anything non-numeric is 0) */
function setActiveExpire(c: Client, argv: string[]): void {
  c.server.activeExpire.enabled = atoi(argv[2]) !== 0;
  c.reply.raw(OK);
}

/* DEBUG CHANGE-REPL-ID */
function changeReplId(c: Client): void {
  logger.notice('Changing replication IDs after receiving DEBUG change-repl-id');
  c.server.replId = randomBytes(20).toString('hex');
  c.reply.raw(OK);
}

/*
 * DEBUG REPLSTREAM (Petrel only) — [first byte offset, backlog bytes]: what a replica that
 * attached when the backlog was created would have received, for tests to replay.
 */
function replStream(c: Client): void {
  const backlog = c.server.repl.activateBacklog();
  const from = backlog.firstByteOffset;
  c.reply.array(2);
  c.reply.integer(from);
  c.reply.bulk(backlog.read(from)!.toString('latin1'));
}

/* DEBUG ERROR string — the string is the whole error line, no "ERR" added. */
function error(c: Client, argv: string[]): void {
  c.reply.error(argv[2]);
}

/*
 * DEBUG GC — Petrel only: a full V8 garbage collection, so RSS and used_memory read after it
 * reflect live data (bench/memory.ts). The gc function is exposed on first use.
 */
let fullGc: (() => void) | null = null;
function gc(c: Client): void {
  if (fullGc === null) {
    v8.setFlagsFromString('--expose-gc');
    fullGc = vm.runInNewContext('gc') as () => void;
  }
  fullGc();
  c.reply.raw(OK);
}

/* DEBUG LOG message */
function log(c: Client, argv: string[]): void {
  logger.warning(`DEBUG LOG: ${argv[2]}`);
  c.reply.raw(OK);
}

/* DEBUG POPULATE count [prefix] [size] */
function populate(c: Client, argv: string[]): void {
  const count = positiveLong(argv[2]);
  if (count === null) return c.reply.error('ERR value is out of range, must be positive');
  let size = 0;
  if (argv.length === 5) {
    const s = positiveLong(argv[4]);
    if (s === null) return c.reply.error('ERR value is out of range, must be positive');
    size = s;
  }
  const prefix = argv.length >= 4 ? argv[3] : 'key';
  const db = c.db;
  for (let j = 0; j < count; j++) {
    // Redis formats into a 128-byte buffer: longer names are cut to 127 bytes.
    const key = `${prefix}:${j}`.slice(0, 127);
    if (db.lookup(key) !== undefined) continue;
    let val = `value:${j}`;
    if (size > 0) val = size <= val.length ? val.slice(0, size) : val + '\0'.repeat(size - val.length);
    db.set(key, val);
  }
  // Like Redis, POPULATE does not count as a change (no dirty, nothing propagated).
  c.reply.raw(OK);
}

/* DEBUG OBJECT key */
function object(c: Client, argv: string[]): void {
  const db = c.db;
  const v = db.dict.get(argv[2]);
  if (v === undefined) return c.reply.error('ERR no such key');
  c.reply.simple(objectLine(c, db.id, argv[2], v));
}

/* DEBUG PROTOCOL type */
function protocol(c: Client, argv: string[]): void {
  const w = c.reply;
  const resp3 = w.proto === 3;
  switch (argv[2].toLowerCase()) {
    case 'string':
      return w.bulk('Hello World');
    case 'integer':
      return w.integer(12345);
    case 'double':
      return w.double(3.141);
    case 'bignum': {
      const n = '1234567999999999999999999999999999999';
      if (resp3) return w.rawString(`(${n}\r\n`);
      return w.bulk(n);
    }
    case 'null':
      return w.null();
    case 'array':
      w.array(3);
      for (let j = 0; j < 3; j++) w.integer(j);
      return;
    case 'set':
      w.set(3);
      for (let j = 0; j < 3; j++) w.integer(j);
      return;
    case 'map':
      w.map(3);
      for (let j = 0; j < 3; j++) {
        w.integer(j);
        w.bool(j === 1);
      }
      return;
    case 'attrib':
      if (resp3) {
        w.rawString('|1\r\n');
        w.bulk('key-popularity');
        w.array(2);
        w.bulk('key:123');
        w.integer(90);
      }
      return w.bulk('Some real reply following the attribute');
    case 'push':
      if (!resp3) return w.error('ERR RESP2 is not supported by this command');
      w.push(2);
      w.bulk('server-cpu-usage');
      w.integer(42);
      return w.bulk('Some real reply following the push reply');
    case 'true':
      return w.bool(true);
    case 'false':
      return w.bool(false);
    case 'verbatim':
      return w.verbatim('This is a verbatim\nstring', 'txt');
    default:
      return w.error('ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false');
  }
}

/* DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] — save, flush, load the file again (persistence.ts). */
function reload(c: Client, argv: string[]): void {
  const opts = { merge: false, flush: true, save: true };
  for (let j = 2; j < argv.length; j++) {
    const o = argv[j].toLowerCase();
    if (o === 'merge') opts.merge = true;
    else if (o === 'noflush') opts.flush = false;
    else if (o === 'nosave') opts.save = false;
    else return c.reply.error('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  const err = c.server.persistence.debugReload(opts);
  if (err !== null) c.reply.error(err);
  else c.reply.raw(OK);
}

function unsupported(name: string): Action {
  return (c) => c.reply.error(`ERR DEBUG ${name} is not supported by Petrel yet`);
}

const any = () => true;
const exactly = (n: number) => (m: number) => m === n;

/** Redis 7.0's actions with the argument counts its debugCommand accepts. */
const ACTIONS = new Map<string, DebugAction>([
  ['help', { argc: exactly(2), run: help }],
  ['digest', { argc: exactly(2), run: digest }],
  ['digest-value', { argc: any, run: digestValue }],
  ['sleep', { argc: exactly(3), run: sleep }],
  ['set-active-expire', { argc: exactly(3), run: setActiveExpire }],
  ['change-repl-id', { argc: exactly(2), run: changeReplId }],
  ['replstream', { argc: exactly(2), run: replStream }],
  ['error', { argc: exactly(3), run: error }],
  ['log', { argc: exactly(3), run: log }],
  ['gc', { argc: exactly(2), run: gc }],
  ['populate', { argc: (n) => n >= 3 && n <= 5, run: populate }],
  ['object', { argc: exactly(3), run: object }],
  ['protocol', { argc: exactly(3), run: protocol }],
  ['reload', { argc: any, run: reload }],
  // Present in Redis 7.0, absent from Petrel: a clear refusal rather than a fake OK.
  ['loadaof', { argc: any, run: unsupported('LOADAOF') }],
  ['segfault', { argc: any, run: unsupported('SEGFAULT') }],
  ['panic', { argc: any, run: unsupported('PANIC') }],
  ['assert', { argc: any, run: unsupported('ASSERT') }],
  ['oom', { argc: any, run: unsupported('OOM') }],
  ['restart', { argc: any, run: unsupported('RESTART') }],
  ['crash-and-recover', { argc: any, run: unsupported('CRASH-AND-RECOVER') }],
  ['leak', { argc: exactly(3), run: unsupported('LEAK') }],
  ['sdslen', { argc: exactly(3), run: unsupported('SDSLEN') }],
  ['listpack', { argc: exactly(3), run: unsupported('LISTPACK') }],
  ['quicklist', { argc: (n) => n === 3 || n === 4, run: unsupported('QUICKLIST') }],
  ['htstats', { argc: exactly(3), run: unsupported('HTSTATS') }],
  ['htstats-key', { argc: exactly(3), run: unsupported('HTSTATS-KEY') }],
  ['structsize', { argc: exactly(2), run: unsupported('STRUCTSIZE') }],
  ['replicate', { argc: (n) => n >= 3, run: unsupported('REPLICATE') }],
  ['mallctl', { argc: (n) => n >= 3, run: unsupported('MALLCTL') }],
  ['mallctl-str', { argc: (n) => n >= 3, run: unsupported('MALLCTL-STR') }],
  ['quicklist-packed-threshold', { argc: exactly(3), run: unsupported('QUICKLIST-PACKED-THRESHOLD') }],
  ['set-skip-checksum-validation', { argc: exactly(3), run: unsupported('SET-SKIP-CHECKSUM-VALIDATION') }],
  ['aof-flush-sleep', { argc: exactly(3), run: unsupported('AOF-FLUSH-SLEEP') }],
  ['config-rewrite-force-all', { argc: exactly(2), run: unsupported('CONFIG-REWRITE-FORCE-ALL') }],
  ['stringmatch-test', { argc: exactly(2), run: unsupported('STRINGMATCH-TEST') }],
  ['client-eviction', { argc: exactly(2), run: unsupported('CLIENT-EVICTION') }],
  ['pause-cron', { argc: exactly(3), run: unsupported('PAUSE-CRON') }],
  ['replybuffer', { argc: exactly(4), run: unsupported('REPLYBUFFER') }],
  ['drop-cluster-packet-filter', { argc: exactly(3), run: unsupported('DROP-CLUSTER-PACKET-FILTER') }],
]);

/* DEBUG subcommand [arg ...] */
function debug(c: Client, argv: string[]): void {
  const a = ACTIONS.get(argv[1].toLowerCase());
  if (a === undefined || !a.argc(argv.length)) {
    return c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try DEBUG HELP.`);
  }
  a.run(c, argv);
}

// ---- DEBUG OBJECT ----

/** Redis shares the integer objects 0..9999 (refcount INT_MAX, LRU of server start). */
const SHARED_INTEGERS = 10000;
const SHARED_REFCOUNT = 2147483647;
/** Redis's LRU clock: seconds, 24 bits. */
const LRU_CLOCK_MAX = (1 << 24) - 1;

function lruClock(ms: number): number {
  return Math.floor(ms / 1000) & LRU_CLOCK_MAX;
}

/**
 * The line Redis prints. Honest parts: encoding (Redis's rules: int for a canonical integer of at
 * most 20 chars within int64, embstr up to 44 bytes, raw above or after APPEND/SETRANGE; other
 * types their own encoding()), refcount (INT_MAX for shared integers 0..9999), serializedlength
 * (RDB bytes of an uncompressed string), lru and lru_seconds_idle from the key's access time
 * (shared integers report the server's start, as in Redis). Approximations: the address is a
 * stable fake derived from db and key; strings longer than 20 bytes that Redis would LZF-compress
 * report their uncompressed length; other types report serializedlength 0.
 */
function objectLine(c: Client, dbId: number, key: string, v: Value): string {
  let encoding: string;
  let refcount = 1;
  let serialized = 0;
  const db = c.server.keyspace.dbs[dbId];
  let idle = Math.max(0, db.idleSeconds(key));
  let lru = lruClock(Date.now() - idle * 1000);
  if (typeof v === 'string') {
    const n = db.isRawString(key) ? null : canonicalInt(v);
    if (n !== null) {
      encoding = 'int';
      serialized = intSerializedLen(n, v);
      if (n >= 0n && n < BigInt(SHARED_INTEGERS)) {
        refcount = SHARED_REFCOUNT;
        lru = lruClock(c.server.startTime);
        idle = Math.floor((Date.now() - c.server.startTime) / 1000);
      }
    } else {
      encoding = v.length <= 44 && !db.isRawString(key) ? 'embstr' : 'raw';
      serialized = stringSerializedLen(v);
    }
  } else {
    encoding = v.encoding ? v.encoding() : v.type;
  }
  const addr = '0x7f' + fakeAddress(dbId, key);
  return `Value at:${addr} refcount:${refcount} encoding:${encoding} serializedlength:${serialized} lru:${lru} lru_seconds_idle:${idle}`;
}

/** Redis's string2ll accepted form within int64, at most 20 chars (tryObjectEncoding). */
function canonicalInt(s: string): bigint | null {
  if (s.length === 0 || s.length > 20 || !/^(-?[1-9][0-9]*|0)$/.test(s)) return null;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
  return n;
}

/** RDB length-prefix size (rdbSaveLen). */
function lenSize(n: number): number {
  if (n < 1 << 6) return 1;
  if (n < 1 << 14) return 2;
  if (n <= 0xffffffff) return 5;
  return 9;
}

/** rdbSaveLongLongAsStringObject: 8/16/32-bit integer encodings, else the digits as a string. */
function intSerializedLen(n: bigint, s: string): number {
  if (n >= -128n && n <= 127n) return 2;
  if (n >= -32768n && n <= 32767n) return 3;
  if (n >= -2147483648n && n <= 2147483647n) return 5;
  return lenSize(s.length) + s.length;
}

/** rdbSaveRawString without LZF: short canonical integers are int-encoded, else length + bytes. */
function stringSerializedLen(s: string): number {
  if (s.length <= 11) {
    const n = canonicalInt(s);
    if (n !== null && n >= -2147483648n && n <= 2147483647n) return intSerializedLen(n, s);
  }
  return lenSize(s.length) + s.length;
}

function fakeAddress(dbId: number, key: string): string {
  let h = 0x811c9dc5 ^ dbId;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) * 16).toString(16).padStart(10, '0');
}

// ---- C parsing helpers DEBUG's arguments go through ----

/** C's strtod on a prefix: "1.5abc" -> 1.5, "abc" -> 0. */
function strtod(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf(inity)?|nan)/i.exec(s);
  if (!m) return 0;
  const n = Number(m[0].trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  return Number.isNaN(n) ? 0 : n;
}

/** C's atoi. */
function atoi(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Number.parseInt(m[0], 10) | 0 : 0;
}

/** Redis's getPositiveLong (>= 0, an integer within int64), or null. */
function positiveLong(s: string): number | null {
  if (!/^(-?[1-9][0-9]*|0)$/.test(s) || s.length > 20) return null;
  const n = Number(s);
  if (n < 0 || !Number.isSafeInteger(n)) return null;
  return n;
}

export const debugCommands = [
  cmd({
    name: 'debug',
    arity: -2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    firstKey: 0,
    lastKey: 0,
    step: 0,
    group: 'server',
    since: '1.0.0',
    summary: 'A container for debugging commands',
    complexity: 'Depends on subcommand.',
    protectedBy: 'enable-debug-command',
    handler: debug,
  }),
] satisfies CommandSpec[];
