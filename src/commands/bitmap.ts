/**
 * Bitmap family (Redis's bitops.c) over string values. Bit 0 is the most significant bit of
 * byte 0. A value is a latin1 JS string, which is immutable: every write converts it to a
 * Buffer once, changes it and slices it back, so SETBIT and BITFIELD cost O(length of the
 * value) per call where Redis's cost O(1). Reads work on the string directly.
 */
import type { Client } from '../server/client.js';
import { ERR, ONE, ZERO } from '../protocol/shared.js';
import { parseLL, parseLLBig } from './string.js';
import { cmd, type CommandSpec } from './types.js';

const BIT_OFFSET_ERR = 'ERR bit offset is not an integer or out of range';
const BIT_VALUE_ERR = 'ERR bit is not an integer or out of range';
const BITFIELD_TYPE_ERR = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';

/** Bit counts of every byte value. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1];

/**
 * Redis's getBitOffsetFromArgument: a non-negative int64 (or "#n" = n * bits for BITFIELD)
 * whose byte stays below proto-max-bulk-len. Returns null after replying the error.
 */
function bitOffsetArg(c: Client, arg: string, hash: boolean, bits: number): number | null {
  const useHash = hash && bits > 0 && arg.charCodeAt(0) === 35; /* '#' */
  const n = parseLLBig(useHash ? arg.slice(1) : arg);
  if (n === null) {
    c.reply.error(BIT_OFFSET_ERR);
    return null;
  }
  // C multiplies in int64 and may wrap; a wrapped product is negative or huge, either way refused.
  const off = useHash ? BigInt.asIntN(64, n * BigInt(bits)) : n;
  if (off < 0n || off >> 3n >= BigInt(c.server.config.num('proto-max-bulk-len'))) {
    c.reply.error(BIT_OFFSET_ERR);
    return null;
  }
  return Number(off);
}

/**
 * lookupStringForBitCommand: the key's string (created empty if missing), as a Buffer grown
 * with zero bytes to hold bit `maxBit`. Returns null after replying WRONGTYPE.
 */
function bufferForWrite(c: Client, key: string, maxBit: number): { buf: Buffer; grew: boolean; created: boolean } | null {
  const v = c.db.lookup(key);
  if (v !== undefined && typeof v !== 'string') {
    c.reply.error(ERR.wrongType);
    return null;
  }
  const old = v ?? '';
  const need = Math.floor(maxBit / 8) + 1;
  const len = Math.max(old.length, need);
  if (len > 0x1fffffe8) {
    // V8 strings cannot exceed 2^29 - 24 chars; Redis would allow up to proto-max-bulk-len.
    c.reply.error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
    return null;
  }
  const buf = Buffer.alloc(len);
  buf.latin1Write(old, 0, old.length);
  return { buf, grew: v === undefined || len !== old.length, created: v === undefined };
}

function store(c: Client, key: string, created: boolean, buf: Buffer): void {
  const out = buf.latin1Slice(0, buf.length);
  if (created) c.db.set(key, out);
  else c.db.replace(key, out);
}

/* SETBIT key offset value */
function setbit(c: Client, argv: string[]): void {
  const offset = bitOffsetArg(c, argv[2], false, 0);
  if (offset === null) return;
  const on = parseLL(argv[3]);
  if (on !== 0 && on !== 1) return c.reply.error(BIT_VALUE_ERR);
  const key = argv[1];
  const w = bufferForWrite(c, key, offset);
  if (w === null) return;
  const byte = offset >>> 3;
  const mask = 1 << (7 - (offset & 7));
  const old = w.buf[byte] & mask;
  if (w.grew || (old !== 0) !== (on === 1)) {
    w.buf[byte] = on ? w.buf[byte] | mask : w.buf[byte] & ~mask;
    store(c, key, w.created, w.buf);
    c.server.events.modified(c.db, key);
    c.server.events.notify('$', 'setbit', key, c.db.id);
    c.server.dirty++;
  }
  c.reply.raw(old ? ONE : ZERO);
}

/* GETBIT key offset */
function getbit(c: Client, argv: string[]): void {
  const offset = bitOffsetArg(c, argv[2], false, 0);
  if (offset === null) return;
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.raw(ZERO);
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  const byte = offset >>> 3;
  const bit = byte < v.length ? v.charCodeAt(byte) & (1 << (7 - (offset & 7))) : 0;
  c.reply.raw(bit ? ONE : ZERO);
}

/** An int64 argument as a number (precision loss beyond 2^53 is harmless for ranges), or null. */
function llArg(c: Client, s: string): number | null {
  const n = parseLL(s);
  if (n === null) {
    c.reply.error(ERR.notInteger);
    return null;
  }
  return Number(n);
}

/** Popcount of bytes [start, end] of s. */
function popcount(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i++) n += POPCOUNT[s.charCodeAt(i)];
  return n;
}

/**
 * BITCOUNT/BITPOS range as Redis normalises it: negative indexes count from the end, then clamp
 * to the value. In BIT units it becomes a byte range plus masks of the edge bytes' bits that lie
 * outside the range (subtracted after counting whole bytes).
 */
function byteRange(start: number, end: number, len: number, isBit: boolean): { start: number; end: number; firstMask: number; lastMask: number } {
  const total = isBit ? len * 8 : len;
  if (start < 0) start = total + start;
  if (end < 0) end = total + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  let firstMask = 0;
  let lastMask = 0;
  if (isBit && start <= end) {
    firstMask = ~((1 << (8 - (start & 7))) - 1) & 0xff;
    lastMask = (1 << (7 - (end & 7))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}

/* BITCOUNT key [start end [BYTE | BIT]] */
function bitcount(c: Client, argv: string[]): void {
  // Redis 7.0 looks the key up before parsing the range: a missing key is 0 whatever follows.
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.raw(ZERO);
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  const len = v.length;
  let start: number;
  let end: number;
  let firstMask = 0;
  let lastMask = 0;
  if (argv.length === 4 || argv.length === 5) {
    const s = llArg(c, argv[2]);
    if (s === null) return;
    const e = llArg(c, argv[3]);
    if (e === null) return;
    start = s;
    end = e;
    if (start < 0 && end < 0 && start > end) return c.reply.raw(ZERO);
    let isBit = false;
    if (argv.length === 5) {
      const unit = argv[4].toLowerCase();
      if (unit === 'bit') isBit = true;
      else if (unit !== 'byte') return c.reply.error(ERR.syntax);
    }
    ({ start, end, firstMask, lastMask } = byteRange(start, end, len, isBit));
  } else if (argv.length === 2) {
    start = 0;
    end = len - 1;
  } else {
    return c.reply.error(ERR.syntax);
  }
  if (start > end) return c.reply.raw(ZERO);
  let count = popcount(v, start, end);
  if (firstMask) count -= POPCOUNT[v.charCodeAt(start) & firstMask];
  if (lastMask) count -= POPCOUNT[v.charCodeAt(end) & lastMask];
  c.reply.integer(count);
}

/**
 * Redis's redisBitpos over `count` bytes of s from `from` (or over the single byte `one` when
 * given): the first bit equal to `bit`; for 1 not found -1, for 0 not found count*8.
 */
function bitposBytes(s: string, from: number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  for (let i = 0; i < count; i++) {
    const b = s.charCodeAt(from + i);
    if (b !== skip) {
      for (let k = 7; k >= 0; k--) if (((b >> k) & 1) === bit) return i * 8 + (7 - k);
    }
  }
  return bit ? -1 : count * 8;
}

function bitposByte(b: number, bit: number): number {
  for (let k = 7; k >= 0; k--) if (((b >> k) & 1) === bit) return 7 - k;
  return bit ? -1 : 8;
}

/* BITPOS key bit [start [end [BYTE | BIT]]] */
function bitpos(c: Client, argv: string[]): void {
  const b = parseLL(argv[2]);
  if (b === null) return c.reply.error(ERR.notInteger);
  if (b !== 0 && b !== 1) return c.reply.error('ERR The bit argument must be 1 or 0.');
  const bit = b;
  const v = c.db.lookupRead(argv[1]);
  // A missing key is an infinite run of zeros.
  if (v === undefined) return c.reply.integer(bit ? -1 : 0);
  if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
  const len = v.length;
  let start: number;
  let end: number;
  let endGiven = false;
  let firstMask = 0;
  let lastMask = 0;
  if (argv.length >= 4 && argv.length <= 6) {
    const s = llArg(c, argv[3]);
    if (s === null) return;
    start = s;
    let isBit = false;
    if (argv.length === 6) {
      const unit = argv[5].toLowerCase();
      if (unit === 'bit') isBit = true;
      else if (unit !== 'byte') return c.reply.error(ERR.syntax);
    }
    if (argv.length >= 5) {
      const e = llArg(c, argv[4]);
      if (e === null) return;
      end = e;
      endGiven = true;
    } else {
      end = isBit ? len * 8 + 7 : len - 1;
    }
    ({ start, end, firstMask, lastMask } = byteRange(start, end, len, isBit));
  } else if (argv.length === 3) {
    start = 0;
    end = len - 1;
  } else {
    return c.reply.error(ERR.syntax);
  }
  if (start > end) return c.reply.integer(-1);
  let bytes = end - start + 1;
  let pos: number;
  found: {
    if (firstMask) {
      // The first byte, with its out-of-range bits forced to the value we do not look for.
      let t = bit ? v.charCodeAt(start) & ~firstMask : v.charCodeAt(start) | firstMask;
      if (lastMask && bytes === 1) t = bit ? t & ~lastMask : t | lastMask;
      pos = bitposByte(t & 0xff, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break found;
      start++;
      bytes--;
    }
    const cur = bytes - (lastMask ? 1 : 0);
    if (cur > 0) {
      pos = bitposBytes(v, start, cur, bit);
      if (bytes === cur || (pos !== -1 && pos !== cur * 8)) break found;
      start += cur;
      bytes -= cur;
    }
    const t = bit ? v.charCodeAt(end) & ~lastMask : v.charCodeAt(end) | lastMask;
    pos = bitposByte(t & 0xff, bit);
  }
  // With an explicit end, a clear bit just past the range is not an answer.
  if (endGiven && bit === 0 && pos === bytes * 8) return c.reply.integer(-1);
  if (pos !== -1) pos += start * 8;
  c.reply.integer(pos);
}

/* BITOP <AND | OR | XOR | NOT> destkey key [key ...] */
function bitop(c: Client, argv: string[]): void {
  const opname = argv[1].toLowerCase();
  if (opname !== 'and' && opname !== 'or' && opname !== 'xor' && opname !== 'not') {
    return c.reply.error(ERR.syntax);
  }
  if (opname === 'not' && argv.length !== 4) {
    return c.reply.error('ERR BITOP NOT must be called with a single source key.');
  }
  const db = c.db;
  const srcs: string[] = [];
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const v = db.lookupRead(argv[j]);
    if (v === undefined) {
      srcs.push('');
      continue;
    }
    if (typeof v !== 'string') return c.reply.error(ERR.wrongType);
    srcs.push(v);
    if (v.length > maxlen) maxlen = v.length;
  }
  const key = argv[2];
  if (maxlen > 0) {
    const res = Buffer.alloc(maxlen);
    const first = srcs[0];
    if (opname === 'not') {
      for (let i = 0; i < maxlen; i++) res[i] = ~(i < first.length ? first.charCodeAt(i) : 0);
    } else {
      res.latin1Write(first, 0, first.length);
      for (let k = 1; k < srcs.length; k++) {
        const s = srcs[k];
        const sl = s.length;
        if (opname === 'and') {
          for (let i = 0; i < maxlen; i++) res[i] &= i < sl ? s.charCodeAt(i) : 0;
        } else if (opname === 'or') {
          for (let i = 0; i < sl; i++) res[i] |= s.charCodeAt(i);
        } else {
          for (let i = 0; i < sl; i++) res[i] ^= s.charCodeAt(i);
        }
      }
    }
    db.set(key, res.latin1Slice(0, maxlen));
    c.server.events.modified(db, key);
    c.server.events.notify('$', 'set', key, db.id);
    c.server.dirty++;
  } else if (db.lookup(key) !== undefined) {
    db.delete(key);
    c.server.events.modified(db, key);
    c.server.events.notify('g', 'del', key, db.id);
    c.server.dirty++;
  }
  c.reply.integer(maxlen);
}

/* ------------------------------------------------------------------------------------------ */
/* BITFIELD                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const OP_GET = 0;
const OP_SET = 1;
const OP_INCRBY = 2;
const OW_WRAP = 0;
const OW_SAT = 1;
const OW_FAIL = 2;

interface FieldOp {
  offset: number;
  value: bigint;
  opcode: number;
  overflow: number;
  bits: number;
  signed: boolean;
}

const U64 = (1n << 64n) - 1n;

/** The unsigned `bits`-wide field at bit `offset` of p (bytes beyond p are zero). */
function getUnsigned(p: Uint8Array, offset: number, bits: number): bigint {
  // Up to 64 bits: gather in two 32-bit halves to keep BigInt work small.
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < bits; j++) {
    const o = offset + j;
    const byte = o >>> 3;
    const b = byte < p.length ? (p[byte] >> (7 - (o & 7))) & 1 : 0;
    hi = ((hi << 1) | (lo >>> 31)) >>> 0;
    lo = ((lo << 1) | b) >>> 0;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function getSigned(p: Uint8Array, offset: number, bits: number): bigint {
  return BigInt.asIntN(bits, getUnsigned(p, offset, bits));
}

/** Writes the low `bits` bits of value at bit `offset`, most significant first. */
function setField(p: Uint8Array, offset: number, bits: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  const hi = Number(v >> 32n);
  const lo = Number(v & 0xffffffffn);
  for (let j = 0; j < bits; j++) {
    const k = bits - 1 - j; // bit of value to write
    const b = k >= 32 ? (hi >>> (k - 32)) & 1 : (lo >>> k) & 1;
    const o = offset + j;
    const byte = o >>> 3;
    const m = 1 << (7 - (o & 7));
    p[byte] = b ? p[byte] | m : p[byte] & ~m;
  }
}

/**
 * Redis's checkUnsignedBitfieldOverflow: value and incr are the C operands (uint64 and
 * int64). Returns [overflow (0, 1 or -1), limit for WRAP/SAT].
 */
function checkUnsigned(value: bigint, incr: bigint, bits: number, ow: number): [number, bigint] {
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, -value);
  const wrap = (): bigint => BigInt.asUintN(bits, value + incr);
  if (value > max || (incr > 0n && incr > maxincr)) {
    return [1, ow === OW_WRAP ? wrap() : max];
  }
  if (incr < 0n && incr < minincr) {
    return [-1, ow === OW_WRAP ? wrap() : 0n];
  }
  return [0, 0n];
}

/** Redis's checkSignedBitfieldOverflow, int64 wrap-around included. */
function checkSigned(value: bigint, incr: bigint, bits: number, ow: number): [number, bigint] {
  const max = bits === 64 ? (1n << 63n) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, min - value);
  const wrap = (): bigint => BigInt.asIntN(bits, BigInt.asUintN(64, value + incr));
  if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) {
    return [1, ow === OW_WRAP ? wrap() : max];
  }
  if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)) {
    return [-1, ow === OW_WRAP ? wrap() : min];
  }
  return [0, 0n];
}

/** getBitfieldTypeFromArgument: "i1".."i64" or "u1".."u63"; null after replying. */
function fieldType(c: Client, arg: string): { signed: boolean; bits: number } | null {
  // Redis 7.0 accepts lower-case prefixes only.
  const t = arg.charCodeAt(0);
  if (t !== 0x69 /* i */ && t !== 0x75 /* u */) {
    c.reply.error(BITFIELD_TYPE_ERR);
    return null;
  }
  const signed = t === 0x69;
  // C reads the width with strlen: it stops at a NUL byte.
  const nul = arg.indexOf('\0');
  const n = parseLL(arg.slice(1, nul < 0 ? undefined : nul));
  if (n === null || n < 1 || (signed && n > 64) || (!signed && n > 63)) {
    c.reply.error(BITFIELD_TYPE_ERR);
    return null;
  }
  return { signed, bits: Number(n) };
}

/* BITFIELD key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>]
   <SET encoding offset value | INCRBY encoding offset increment> ...] */
function bitfieldGeneric(c: Client, argv: string[], readonlyCmd: boolean): void {
  const ops: FieldOp[] = [];
  let overflow = OW_WRAP;
  let readonly = true;
  let highest = 0;
  for (let j = 2; j < argv.length; j++) {
    const remargs = argv.length - j - 1;
    const sub = argv[j].toLowerCase();
    let opcode: number;
    if (sub === 'get' && remargs >= 2) opcode = OP_GET;
    else if (sub === 'set' && remargs >= 3) opcode = OP_SET;
    else if (sub === 'incrby' && remargs >= 3) opcode = OP_INCRBY;
    else if (sub === 'overflow' && remargs >= 1) {
      const ow = argv[++j].toLowerCase();
      if (ow === 'wrap') overflow = OW_WRAP;
      else if (ow === 'sat') overflow = OW_SAT;
      else if (ow === 'fail') overflow = OW_FAIL;
      else return c.reply.error('ERR Invalid OVERFLOW type specified');
      continue;
    } else {
      return c.reply.error(ERR.syntax);
    }
    const type = fieldType(c, argv[j + 1]);
    if (type === null) return;
    const offset = bitOffsetArg(c, argv[j + 2], true, type.bits);
    if (offset === null) return;
    let value = 0n;
    if (opcode !== OP_GET) {
      readonly = false;
      if (highest < offset + type.bits - 1) highest = offset + type.bits - 1;
      const n = parseLLBig(argv[j + 3]);
      if (n === null) return c.reply.error(ERR.notInteger);
      value = n;
    }
    ops.push({ offset, value, opcode, overflow, bits: type.bits, signed: type.signed });
    j += opcode === OP_GET ? 2 : 3;
  }

  const db = c.db;
  const key = argv[1];
  let buf: Uint8Array;
  let w: ReturnType<typeof bufferForWrite> = null;
  if (readonly) {
    const v = db.lookupRead(key);
    if (v !== undefined && typeof v !== 'string') return c.reply.error(ERR.wrongType);
    buf = v === undefined ? new Uint8Array(0) : Buffer.from(v, 'latin1');
  } else {
    if (readonlyCmd) return c.reply.error('ERR BITFIELD_RO only supports the GET subcommand');
    w = bufferForWrite(c, key, highest);
    if (w === null) return;
    buf = w.buf;
  }

  const r = c.reply;
  r.array(ops.length);
  let changes = 0;
  for (const op of ops) {
    if (op.opcode === OP_GET) {
      r.integer(op.signed ? getSigned(buf, op.offset, op.bits) : getUnsigned(buf, op.offset, op.bits));
      continue;
    }
    // SET returns the old value, INCRBY the new one.
    const oldval = op.signed ? getSigned(buf, op.offset, op.bits) : getUnsigned(buf, op.offset, op.bits);
    let newval: bigint;
    let ovf: number;
    let retval: bigint;
    if (op.signed) {
      if (op.opcode === OP_INCRBY) {
        const [o, lim] = checkSigned(oldval, op.value, op.bits, op.overflow);
        ovf = o;
        newval = o ? lim : oldval + op.value;
        retval = newval;
      } else {
        const [o, lim] = checkSigned(op.value, 0n, op.bits, op.overflow);
        ovf = o;
        newval = o ? lim : op.value;
        retval = oldval;
      }
    } else {
      if (op.opcode === OP_INCRBY) {
        const [o, lim] = checkUnsigned(oldval, op.value, op.bits, op.overflow);
        ovf = o;
        newval = o ? lim : (oldval + op.value) & U64;
        retval = newval;
      } else {
        const uv = BigInt.asUintN(64, op.value);
        const [o, lim] = checkUnsigned(uv, 0n, op.bits, op.overflow);
        ovf = o;
        newval = o ? lim : uv;
        retval = oldval;
      }
    }
    if (ovf && op.overflow === OW_FAIL) {
      r.null();
      continue;
    }
    r.integer(retval);
    setField(buf, op.offset, op.bits, newval);
    if (w!.grew || oldval !== newval) changes++;
  }
  if (w !== null && (changes > 0 || w.grew)) {
    // Redis grows (or creates) the string before the ops run, even when every write fails.
    store(c, key, w.created, w.buf);
  }
  if (changes) {
    c.server.events.modified(db, key);
    c.server.events.notify('$', 'setbit', key, db.id);
    c.server.dirty += changes;
  }
}

/* BITFIELD key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] ...] */
function bitfield(c: Client, argv: string[]): void {
  bitfieldGeneric(c, argv, false);
}

/* BITFIELD_RO key [GET encoding offset [GET encoding offset ...]] */
function bitfieldRo(c: Client, argv: string[]): void {
  bitfieldGeneric(c, argv, true);
}

const group = 'bitmap' as const;
const one = { firstKey: 1, lastKey: 1, step: 1, group } as const;

export const bitmapCommands = [
  cmd({ name: 'setbit', arity: 4, flags: ['write', 'denyoom'], ...one, keyFlags: ['RW', 'access', 'update'], since: '2.2.0', summary: 'Sets or clears the bit at offset in the string value stored at key', complexity: 'O(1)', handler: setbit }),
  cmd({ name: 'getbit', arity: 3, flags: ['readonly', 'fast'], ...one, since: '2.2.0', summary: 'Returns the bit value at offset in the string value stored at key', complexity: 'O(1)', handler: getbit }),
  cmd({ name: 'bitcount', arity: -2, flags: ['readonly'], ...one, since: '2.6.0', summary: 'Count set bits in a string', complexity: 'O(N)', handler: bitcount }),
  cmd({ name: 'bitpos', arity: -3, flags: ['readonly'], ...one, since: '2.8.7', summary: 'Find first bit set or clear in a string', complexity: 'O(N)', handler: bitpos }),
  cmd({ name: 'bitop', arity: -4, flags: ['write', 'denyoom'], firstKey: 2, lastKey: -1, step: 1, group, keyFlags: ['OW', 'update'], keySpecs: [{ flags: ['OW', 'update'], begin: { index: 2 }, find: { lastkey: 0, keystep: 1, limit: 0 } }, { flags: ['RO', 'access'], begin: { index: 3 }, find: { lastkey: -1, keystep: 1, limit: 0 } }], since: '2.6.0', summary: 'Perform bitwise operations between strings', complexity: 'O(N)', handler: bitop }),
  cmd({ name: 'bitfield', arity: -2, flags: ['write', 'denyoom'], ...one, keyFlags: ['RW', 'access', 'update', 'variable_flags'], keySpecs: [{ notes: 'This command allows both access and modification of the key', flags: ['RW', 'access', 'update', 'variable_flags'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '3.2.0', summary: 'Perform arbitrary bitfield integer operations on strings', complexity: 'O(1) for each subcommand specified', handler: bitfield }),
  cmd({ name: 'bitfield_ro', arity: -2, flags: ['readonly', 'fast'], ...one, since: '6.0.0', summary: 'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD', complexity: 'O(1) for each subcommand specified', handler: bitfieldRo }),
] satisfies CommandSpec[];
