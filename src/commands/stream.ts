/**
 * Stream family (Redis's t_stream.c commands): XADD XRANGE XREVRANGE XLEN XDEL XTRIM XREAD
 * XREADGROUP XGROUP XACK XPENDING XCLAIM XAUTOCLAIM XINFO XSETID. The structure lives in
 * src/store/types/stream.ts; here are argument parsing, replies and events, with Redis 7.0's
 * reply shapes and error texts.
 */
import type { Client } from '../server/client.js';
import type { Database } from '../store/db.js';
import { Blocking } from '../server/blocking.js';
import { ERR, OK, ZERO, ONE, EMPTY_ARRAY } from '../protocol/shared.js';
import {
  Stream,
  formatId,
  parseStreamId,
  ID_MAX,
  U64_MAX,
  idMs,
  idSeq,
  INVALID_ENTRIES_READ,
  type ConsumerGroup,
  type Consumer,
  type Nack,
  type StreamEntry,
  type StreamId,
  type TrimArgs,
} from '../store/types/stream.js';
import { cmd, type CommandSpec } from './types.js';
import { parseLL } from './string.js';
import { lookupOfType } from './lookup.js';

const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';
const NO_SUCH_KEY = 'ERR no such key';
const GROUP_GONE = 'NOGROUP the consumer group this client was blocked on no longer exists';

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** The stream at key for reading: undefined when missing, null after a WRONGTYPE reply. */
function readStream(c: Client, key: string): Stream | undefined | null {
  return lookupOfType<Stream>(c, key, 'stream');
}

/** Same without touching keyspace hit/miss stats (writes). */
function writeStream(c: Client, key: string): Stream | undefined | null {
  return lookupOfType<Stream>(c, key, 'stream', true);
}

/** Redis's getLongLongFromObjectOrReply; null after the error reply. */
function intArg(c: Client, s: string, msg: string = ERR.notInteger): number | null {
  const v = parseLL(s);
  if (v === null) {
    c.reply.error(msg);
    return null;
  }
  return Number(v);
}

/** A strict ID (no "-"/"+"), missing seq = 0; null after the error reply. */
function strictId(c: Client, s: string): StreamId | null {
  const p = parseStreamId(s, 0n, true);
  if (p === null) {
    c.reply.error(INVALID_ID);
    return null;
  }
  return p.id;
}

/** argv[from..] as strict IDs (XDEL, XACK): all of them, or null after the error reply. */
function strictIds(c: Client, argv: string[], from: number): StreamId[] | null {
  const ids: StreamId[] = [];
  for (let j = from; j < argv.length; j++) {
    const id = strictId(c, argv[j]);
    if (id === null) return null;
    ids.push(id);
  }
  return ids;
}

/** Redis's streamParseIntervalIDOrReply: "(" makes the bound exclusive. */
function intervalId(c: Client, s: string, missingSeq: bigint): { id: StreamId; ex: boolean } | null {
  const ex = s.length > 1 && s[0] === '(';
  const p = ex ? parseStreamId(s.slice(1), missingSeq, true) : parseStreamId(s, missingSeq, false);
  if (p === null) {
    c.reply.error(INVALID_ID);
    return null;
  }
  return { id: p.id, ex };
}

/** Start/end of an interval with exclusive bounds resolved; null after an error reply. */
function interval(c: Client, startArg: string, endArg: string): [StreamId, StreamId] | null {
  const s = intervalId(c, startArg, 0n);
  if (s === null) return null;
  let start = s.id;
  if (s.ex) {
    if (start === ID_MAX) {
      c.reply.error('ERR invalid start ID for the interval');
      return null;
    }
    start++;
  }
  const e = intervalId(c, endArg, (1n << 64n) - 1n);
  if (e === null) return null;
  let end = e.id;
  if (e.ex) {
    if (end === 0n) {
      c.reply.error('ERR invalid end ID for the interval');
      return null;
    }
    end--;
  }
  return [start, end];
}

function replyId(c: Client, id: StreamId): void {
  c.reply.bulk(formatId(id));
}

/** One entry: [id, [f1, v1, ...]]. */
function replyEntry(c: Client, e: StreamEntry): void {
  const w = c.reply;
  w.array(2);
  w.bulk(formatId(e.id));
  w.array(e.fv.length);
  for (const s of e.fv) w.bulk(s);
}

function replyEntries(c: Client, list: StreamEntry[]): void {
  c.reply.array(list.length);
  for (const e of list) replyEntry(c, e);
}

function sortedByName<T>(xs: Iterable<[string, T]>): Array<[string, T]> {
  return [...xs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function nodeLimits(c: Client): { maxBytes: number; maxEntries: number } {
  return {
    maxBytes: c.server.config.num('stream-node-max-bytes'),
    maxEntries: c.server.config.num('stream-node-max-entries'),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* XADD / XTRIM argument parsing (streamParseAddOrTrimArgsOrReply)                             */
/* ------------------------------------------------------------------------------------------ */

interface AddTrimArgs {
  /** Index of the ID argument (XADD) or argv.length. */
  idIndex: number;
  trim: TrimArgs | null;
  /** Index of the MAXLEN/MINID threshold (the `~` or `=` before it is rewritten for replicas). */
  thresholdIndex: number;
  idGiven: boolean;
  seqGiven: boolean;
  id: StreamId;
  noMkStream: boolean;
}

function parseAddTrim(c: Client, argv: string[], xadd: boolean): AddTrimArgs | null {
  let strategy: 'maxlen' | 'minid' | null = null;
  let maxlen = -1;
  let minid: StreamId = 0n;
  let approx = false;
  let limit = 0;
  let limitGiven = false;
  const out: AddTrimArgs = { idIndex: argv.length, trim: null, thresholdIndex: -1, idGiven: false, seqGiven: false, id: 0n, noMkStream: false };
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i];
    const lower = opt.toLowerCase();
    if (xadd && opt === '*') {
      break;
    } else if ((lower === 'maxlen' || lower === 'minid') && more) {
      if (strategy !== null) {
        c.reply.error('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
        return null;
      }
      approx = false;
      const next = argv[i + 1];
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') {
        i++;
      }
      out.thresholdIndex = i + 1;
      if (lower === 'maxlen') {
        const n = intArg(c, argv[i + 1]);
        if (n === null) return null;
        if (n < 0) {
          c.reply.error('ERR The MAXLEN argument must be >= 0.');
          return null;
        }
        maxlen = n;
      } else {
        const id = strictId(c, argv[i + 1]);
        if (id === null) return null;
        minid = id;
      }
      i++;
      strategy = lower;
    } else if (lower === 'limit' && more) {
      const n = intArg(c, argv[i + 1]);
      if (n === null) return null;
      if (n < 0) {
        c.reply.error('ERR The LIMIT argument must be >= 0.');
        return null;
      }
      limit = n;
      limitGiven = true;
      i++;
    } else if (xadd && lower === 'nomkstream') {
      out.noMkStream = true;
    } else if (xadd) {
      const p = parseStreamId(opt, 0n, true, true);
      if (p === null) {
        c.reply.error(INVALID_ID);
        return null;
      }
      out.id = p.id;
      out.seqGiven = p.seqGiven;
      out.idGiven = true;
      break;
    } else {
      c.reply.error(ERR.syntax);
      return null;
    }
  }
  out.idIndex = i;
  if (limit && strategy === null) {
    c.reply.error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
    return null;
  }
  if (!xadd && strategy === null) {
    c.reply.error('ERR syntax error, XTRIM must be called with a trimming strategy');
    return null;
  }
  if (limitGiven) {
    if (!approx) {
      c.reply.error('ERR syntax error, LIMIT cannot be used without the special ~ option');
      return null;
    }
  } else if (approx) {
    limit = 100 * c.server.config.num('stream-node-max-entries');
    if (limit <= 0 || limit > 10000) limit = 10000;
  } else {
    limit = 0;
  }
  if (strategy !== null) out.trim = { strategy, maxlen, minid, approx, limit };
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Commands                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * Redis's streamRewriteApproxSpecifier + streamRewriteTrimArgument: an approximate trim depends
 * on node boundaries, so replicas get `=` and the result (the length, or the first ID left).
 */
function rewriteTrim(prop: string[], a: AddTrimArgs, s: Stream): void {
  const i = a.thresholdIndex;
  prop[i - 1] = '=';
  prop[i] = a.trim!.strategy === 'maxlen' ? String(s.length) : formatId(s.edgeId(true) ?? ID_MAX);
}

/* ------------------------------------------------------------------------------------------ */
/* Replication of consumer group state (Redis 7.0's streamPropagate*)                          */
/* ------------------------------------------------------------------------------------------ */

/** XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID group-last-id */
function propagateXclaim(c: Client, key: string, groupName: string, g: ConsumerGroup, id: StreamId, nack: Nack, consumerName: string): void {
  c.alsoPropagate(['XCLAIM', key, groupName, consumerName, '0', formatId(id), 'TIME', String(nack.deliveryTime), 'RETRYCOUNT', String(nack.deliveryCount), 'FORCE', 'JUSTID', 'LASTID', formatId(g.lastId)]);
}

/** XGROUP SETID key group last-id ENTRIESREAD n */
function propagateGroupId(c: Client, key: string, groupName: string, g: ConsumerGroup): void {
  c.alsoPropagate(['XGROUP', 'SETID', key, groupName, formatId(g.lastId), 'ENTRIESREAD', String(g.entriesRead)]);
}

/** XGROUP CREATECONSUMER key group consumer (a NOACK read creates no PEL entry to carry it). */
function propagateConsumerCreation(c: Client, key: string, groupName: string, consumerName: string): void {
  c.alsoPropagate(['XGROUP', 'CREATECONSUMER', key, groupName, consumerName]);
}

/* XADD key [NOMKSTREAM] [<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] <* | id> field value [field value ...] */
function xadd(c: Client, argv: string[]): void {
  const a = parseAddTrim(c, argv, true);
  if (a === null) return;
  const fieldPos = a.idIndex + 1;
  const nargs = argv.length - fieldPos;
  if (nargs < 2 || nargs % 2 === 1) {
    c.reply.error(ERR.wrongArgs('xadd'));
    return;
  }
  if (a.idGiven && a.seqGiven && a.id === 0n) {
    c.reply.error('ERR The ID specified in XADD must be greater than 0-0');
    return;
  }
  const key = argv[1];
  let s = writeStream(c, key);
  if (s === null) return;
  if (s === undefined) {
    if (a.noMkStream) {
      c.reply.null();
      return;
    }
    s = new Stream();
    c.db.set(key, s);
  }
  if (s.lastId === ID_MAX) {
    c.reply.error('ERR The stream has exhausted the last possible ID, unable to add more items');
    return;
  }
  let id: StreamId | null;
  if (!a.idGiven) id = s.nextAutoId(Date.now());
  else if (a.seqGiven) id = a.id;
  else if (idMs(a.id) === idMs(s.lastId)) id = idSeq(s.lastId) === U64_MAX ? null : s.lastId + 1n;
  else id = a.id;
  if (id === null || id <= s.lastId) {
    c.reply.error('ERR The ID specified in XADD is equal or smaller than the target stream top item');
    return;
  }
  s.append(id, argv.slice(fieldPos), nodeLimits(c));
  replyId(c, id);
  const ev = c.server.events;
  ev.modified(c.db, key);
  ev.notify('t', 'xadd', key, c.db.id);
  c.server.dirty++;
  // Replicas get the ID the master generated, and an exact trim instead of `~`.
  let prop: string[] | null = null;
  if (!a.idGiven || !a.seqGiven) {
    prop = argv.slice();
    prop[a.idIndex] = formatId(id);
  }
  if (a.trim !== null) {
    if (s.trim(a.trim) > 0) ev.notify('t', 'xtrim', key, c.db.id);
    if (a.trim.approx) rewriteTrim((prop ??= argv.slice()), a, s);
  }
  if (prop !== null) c.propagateAs(prop);
  ev.ready(c.db, key);
}

/* XTRIM key <MAXLEN | MINID> [= | ~] threshold [LIMIT count] */
function xtrim(c: Client, argv: string[]): void {
  const a = parseAddTrim(c, argv, false);
  if (a === null) return;
  const key = argv[1];
  const s = writeStream(c, key);
  if (s === null) return;
  if (s === undefined) {
    c.reply.raw(ZERO);
    return;
  }
  const deleted = s.trim(a.trim!);
  if (deleted) {
    c.server.events.notify('t', 'xtrim', key, c.db.id);
    c.server.events.modified(c.db, key);
    c.server.dirty += deleted;
    if (a.trim!.approx) {
      const prop = argv.slice();
      rewriteTrim(prop, a, s);
      c.propagateAs(prop);
    }
  }
  c.reply.integer(deleted);
}

/* XRANGE key start end [COUNT count] / XREVRANGE key end start [COUNT count] */
function xrangeGeneric(c: Client, argv: string[], rev: boolean): void {
  const range = interval(c, rev ? argv[3] : argv[2], rev ? argv[2] : argv[3]);
  if (range === null) return;
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    const additional = argv.length - j - 1;
    if (argv[j].toLowerCase() === 'count' && additional >= 1) {
      const n = intArg(c, argv[j + 1]);
      if (n === null) return;
      count = n < 0 ? 0 : n;
      j++;
    } else {
      c.reply.error(ERR.syntax);
      return;
    }
  }
  const s = readStream(c, argv[1]);
  if (s === null) return;
  if (s === undefined) {
    c.reply.raw(EMPTY_ARRAY);
    return;
  }
  if (count === 0) {
    c.reply.nullArray();
    return;
  }
  replyEntries(c, [...s.range(range[0], range[1], rev, count === -1 ? 0 : count)]);
}

function xrange(c: Client, argv: string[]): void {
  xrangeGeneric(c, argv, false);
}

function xrevrange(c: Client, argv: string[]): void {
  xrangeGeneric(c, argv, true);
}

/* XLEN key */
function xlen(c: Client, argv: string[]): void {
  const s = readStream(c, argv[1]);
  if (s === null) return;
  c.reply.integer(s === undefined ? 0 : s.length);
}

/* XDEL key id [id ...] */
function xdel(c: Client, argv: string[]): void {
  const key = argv[1];
  const s = writeStream(c, key);
  if (s === null) return;
  if (s === undefined) {
    c.reply.raw(ZERO);
    return;
  }
  const ids = strictIds(c, argv, 2);
  if (ids === null) return;
  const deleted = s.deleteIds(ids);
  if (deleted) {
    c.server.events.modified(c.db, key);
    c.server.events.notify('t', 'xdel', key, c.db.id);
    c.server.dirty += deleted;
  }
  c.reply.integer(deleted);
}

/* ---- XREAD / XREADGROUP ---- */

/**
 * Redis's streamReplyWithRange for a group read of new entries: replies entries from `start`,
 * moves the group's last ID and adds the entries to the PELs (unless NOACK).
 */
function replyGroupRange(c: Client, s: Stream, start: StreamId, count: number, g: ConsumerGroup, consumer: Consumer, noack: boolean, key: string, groupName: string): void {
  const list = [...s.range(start, ID_MAX, false, count)];
  const now = Date.now();
  for (const e of list) {
    s.groupDelivered(g, e.id);
    if (noack) continue;
    let nack = g.pel.get(e.id);
    if (nack === undefined) {
      nack = { consumer, deliveryTime: now, deliveryCount: 1 };
      g.pel.set(e.id, nack);
      consumer.pel.set(e.id, nack);
    } else {
      // Already pending (group ID moved back with SETID): hand it to this consumer afresh.
      nack.consumer?.pel.delete(e.id);
      nack.consumer = consumer;
      nack.deliveryTime = now;
      nack.deliveryCount = 1;
      consumer.pel.set(e.id, nack);
    }
    // Replicas get each delivery as an XCLAIM that also moves the group's last ID.
    propagateXclaim(c, key, groupName, g, e.id, nack, consumer.name);
  }
  // With NOACK there is no XCLAIM to carry the group's new last ID.
  if (noack && list.length > 0) propagateGroupId(c, key, groupName, g);
  replyEntries(c, list);
}

/** A consumer's history (streamReplyWithRangeFromConsumerPEL): deleted entries show as [id, nil]. */
function replyConsumerHistory(c: Client, s: Stream, start: StreamId, count: number, consumer: Consumer): void {
  const pel = consumer.pel;
  const w = c.reply;
  const now = Date.now();
  let i = pel.lowerBound(start);
  const n = count ? Math.min(count, pel.size - i) : pel.size - i;
  w.array(Math.max(0, n));
  for (let k = 0; k < n; k++, i++) {
    const id = pel.keyAt(i);
    const e = s.get(id);
    if (e === null) {
      w.array(2);
      w.bulk(formatId(id));
      w.nullArray();
    } else {
      const nack = pel.valueAt(i);
      nack.deliveryTime = now;
      nack.deliveryCount++;
      replyEntry(c, e);
    }
  }
}

/** A consumer by name, created (with its event) when missing; seen time refreshed. */
function lookupOrCreateConsumer(c: Client, g: ConsumerGroup, name: string, key: string, dbId = c.db.id): Consumer {
  const now = Date.now();
  let consumer = g.consumers.get(name);
  if (consumer === undefined) {
    consumer = g.createConsumer(name, now)!;
    c.server.events.notify('t', 'xgroup-createconsumer', key, dbId);
    c.server.dirty++;
  }
  consumer.seenTime = now;
  return consumer;
}

/* XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...] */
/* XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...] */
function xreadGeneric(c: Client, argv: string[], xreadgroup: boolean): void {
  let timeout = -1;
  let count = 0;
  let streamsArg = 0;
  let nstreams = 0;
  let noack = false;
  let groupName: string | null = null;
  let consumerName = '';
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = argv[i].toLowerCase();
    if (o === 'block' && more) {
      i++;
      const t = Blocking.parseTimeout(c, argv[i], 'ms');
      if (t === null) return;
      timeout = t;
    } else if (o === 'count' && more) {
      i++;
      const n = intArg(c, argv[i]);
      if (n === null) return;
      count = n < 0 ? 0 : n;
    } else if (o === 'streams' && more) {
      streamsArg = i + 1;
      nstreams = argv.length - streamsArg;
      if (nstreams % 2 !== 0) {
        // Redis 7.0.15 prints this text for XREADGROUP too.
        c.reply.error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
        return;
      }
      nstreams /= 2;
      break;
    } else if (o === 'group' && more >= 2) {
      if (!xreadgroup) {
        c.reply.error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
        return;
      }
      groupName = argv[i + 1];
      consumerName = argv[i + 2];
      i += 2;
    } else if (o === 'noack') {
      if (!xreadgroup) {
        c.reply.error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
        return;
      }
      noack = true;
    } else {
      c.reply.error(ERR.syntax);
      return;
    }
  }
  if (streamsArg === 0) {
    c.reply.error(ERR.syntax);
    return;
  }
  if (xreadgroup && groupName === null) {
    c.reply.error('ERR Missing GROUP option for XREADGROUP');
    return;
  }
  const keys = argv.slice(streamsArg, streamsArg + nstreams);
  /** Per stream: entries must be greater than this; null = ">" (new entries of the group). */
  const ids: Array<StreamId | null> = [];
  const groups: ConsumerGroup[] = [];
  for (let k = 0; k < nstreams; k++) {
    const key = keys[k];
    const arg = argv[streamsArg + nstreams + k];
    const s = readStream(c, key);
    if (s === null) return;
    if (groupName !== null) {
      const g = s?.group(groupName);
      if (g === undefined) {
        c.reply.error(`NOGROUP No such key '${key}' or consumer group '${groupName}' in XREADGROUP with GROUP option`);
        return;
      }
      groups.push(g);
    }
    if (arg === '$') {
      if (xreadgroup) {
        c.reply.error(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
        return;
      }
      ids.push(s ? s.lastId : 0n);
      continue;
    }
    if (arg === '>') {
      if (!xreadgroup) {
        c.reply.error('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
        return;
      }
      ids.push(null);
      continue;
    }
    const id = strictId(c, arg);
    if (id === null) return;
    ids.push(id);
  }

  // Serve synchronously what can be served (in stream order), as one reply.
  const w = c.reply;
  let served = 0;
  let deferred: Array<() => void> = [];
  for (let k = 0; k < nstreams; k++) {
    const key = keys[k];
    const s = c.db.lookup(key) as Stream | undefined;
    if (s === undefined) continue;
    const gt = ids[k];
    if (groupName !== null) {
      const g = groups[k];
      let history = false;
      let from: StreamId | null = null;
      if (gt !== null) {
        history = true;
        from = gt;
      } else if (s.length) {
        const maxid = s.edgeId(false)!;
        if (maxid > g.lastId) from = g.lastId;
      }
      if (from === null) continue;
      // Redis 7.0 creates the consumer only when it serves it.
      const created = !g.consumers.has(consumerName);
      const consumer = lookupOrCreateConsumer(c, g, consumerName, key);
      if (created && noack) propagateConsumerCreation(c, key, groupName, consumerName);
      // streamIncrID wraps the last possible ID to 0-0.
      const start = from === ID_MAX ? 0n : from + 1n;
      served++;
      deferred.push(() => {
        if (w.proto === 2) w.array(2);
        w.bulk(key);
        if (history) replyConsumerHistory(c, s, start, count, consumer);
        else replyGroupRange(c, s, start, count, g, consumer, noack, key, groupName);
        c.server.dirty++;
      });
    } else if (s.length) {
      const maxid = s.edgeId(false)!;
      if (maxid > gt!) {
        served++;
        deferred.push(() => {
          if (w.proto === 2) w.array(2);
          w.bulk(key);
          replyEntries(c, [...s.range(gt! + 1n, ID_MAX, false, count)]);
        });
      }
    }
  }
  if (served) {
    if (w.proto === 2) w.array(served);
    else w.map(served);
    for (const f of deferred) f();
    deferred = [];
    return;
  }
  if (timeout === -1) {
    w.nullArray();
    return;
  }
  const db = c.db;
  let keyGone = false;
  const unwatch =
    groupName === null
      ? null
      : watchStreamKeys(c, db.id, keys, () => {
          keyGone = true;
          // Does nothing when the client left meanwhile (disconnected).
          c.server.blocking.unblockClient(c, 'timeout');
        });
  c.server.blocking.block(c, {
    keys,
    timeout,
    onTimeout: () => {
      unwatch?.();
      if (keyGone) c.reply.error('UNBLOCKED the stream key no longer exists');
      else c.reply.nullArray();
    },
    // The database passed in, not the one captured at block time: SWAPDB may have moved it.
    serve: (key, db) => {
      const k = keys.indexOf(key);
      const v = db.lookup(key);
      if (k < 0 || !(v instanceof Stream)) return false;
      const s = v;
      if (groupName === null) {
        const gt = ids[k]!;
        if (!s.length || s.edgeId(false)! <= gt) return false;
        const wr = c.reply;
        if (wr.proto === 2) wr.array(1);
        else wr.map(1);
        if (wr.proto === 2) wr.array(2);
        wr.bulk(key);
        replyEntries(c, [...s.range(gt + 1n, ID_MAX, false, count)]);
        return true;
      }
      const g = s.group(groupName);
      if (g === undefined) {
        unwatch?.();
        c.reply.error(GROUP_GONE);
        return true;
      }
      if (!s.length || s.edgeId(false)! <= g.lastId) {
        return false;
      }
      const wr = c.reply;
      // One unit of the replication stream, as the command would have been.
      c.server.repl.unit(() => {
        // The blocked client runs with its own db selected; the consumer is (re)created there.
        const created = !g.consumers.has(consumerName);
        const consumer = lookupOrCreateConsumer(c, g, consumerName, key, db.id);
        if (created && noack) propagateConsumerCreation(c, key, groupName, consumerName);
        if (wr.proto === 2) wr.array(1);
        else wr.map(1);
        if (wr.proto === 2) wr.array(2);
        wr.bulk(key);
        replyGroupRange(c, s, g.lastId + 1n, count, g, consumer, noack, key, groupName);
      });
      c.server.dirty++;
      unwatch?.();
      return true;
    },
  });
}

/**
 * Blocked XREADGROUP clients are woken with an error when their key is deleted or stops being
 * a stream (Redis 7.0's signalDeletedKeyAsReady). One key-change listener per server looks up
 * the waiters of the changed key; `onGone` runs once, and the returned function unregisters.
 */
type Waiters = Map<string, Set<(db: Database, key: string) => void>>;
const deletedKeyWaiters = new WeakMap<object, Waiters>();

function watchStreamKeys(c: Client, dbId: number, keys: string[], onGone: () => void): () => void {
  const server = c.server;
  let waiters = deletedKeyWaiters.get(server);
  if (waiters === undefined) {
    const w: Waiters = new Map();
    waiters = w;
    deletedKeyWaiters.set(server, w);
    server.events.onModified((db, key) => {
      const set = w.get(`${db.id}\0${key}`);
      if (set === undefined || db.dict.get(key) instanceof Stream) return;
      for (const fn of [...set]) fn(db, key);
    });
  }
  const ids = [...new Set(keys)].map((k) => `${dbId}\0${k}`);
  let done = false;
  const unregister = (): void => {
    if (done) return;
    done = true;
    for (const id of ids) {
      const set = waiters!.get(id);
      set?.delete(fire);
      if (set?.size === 0) waiters!.delete(id);
    }
  };
  const fire = (db: Database, key: string): void => {
    if (done) return;
    // Answer after the command that removed the key, as Redis serves blocked clients, and
    // only if the key is still not a stream then (DEL + XADD in one MULTI).
    queueMicrotask(() => {
      if (done || db.dict.get(key) instanceof Stream) return;
      onGone();
      unregister();
    });
  };
  for (const id of ids) {
    let set = waiters.get(id);
    if (set === undefined) waiters.set(id, (set = new Set()));
    set.add(fire);
  }
  return unregister;
}

function xread(c: Client, argv: string[]): void {
  xreadGeneric(c, argv, false);
}

function xreadgroup(c: Client, argv: string[]): void {
  xreadGeneric(c, argv, true);
  // Its effects went out as XCLAIM / XGROUP commands; replaying the read would differ.
  c.preventPropagation();
}

/** Keys of XREAD/XREADGROUP: the first half of the words after STREAMS. */
function xreadKeys(argv: string[]): number[] {
  for (let i = 1; i < argv.length; i++) {
    if (argv[i].toLowerCase() === 'streams') {
      const n = Math.floor((argv.length - i - 1) / 2);
      const out: number[] = [];
      for (let k = 0; k < n; k++) out.push(i + 1 + k);
      return out;
    }
  }
  return [];
}

/* ---- XGROUP ---- */

const XGROUP_HELP = [
  'XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
  'HELP',
  '    Prints this help.',
];

const XINFO_HELP = [
  'XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
  'HELP',
  '    Prints this help.',
];

function replyHelp(c: Client, lines: string[]): void {
  c.reply.array(lines.length);
  for (const l of lines) c.reply.simple(l);
}

function subcommandSyntaxError(c: Client, argv: string[]): void {
  c.reply.error(
    `ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`,
  );
}

/**
 * The checks every XGROUP subcommand but HELP shares (xgroupCommand's preamble): options of
 * CREATE/SETID, the key (must exist unless MKSTREAM), the group (must exist for some).
 * Returns null after an error reply.
 */
function xgroupPreamble(
  c: Client,
  argv: string[],
): { s: Stream | undefined; g: ConsumerGroup | undefined; mkstream: boolean; entriesRead: number } | null {
  const opt = argv[1].toLowerCase();
  let mkstream = false;
  let entriesRead = INVALID_ENTRIES_READ;
  if (opt === 'create' || opt === 'setid') {
    for (let i = 5; i < argv.length; ) {
      const a = argv[i].toLowerCase();
      if (opt === 'create' && a === 'mkstream') {
        mkstream = true;
        i++;
      } else if (a === 'entriesread' && i + 1 < argv.length) {
        const n = intArg(c, argv[i + 1]);
        if (n === null) return null;
        if (n < 0 && n !== INVALID_ENTRIES_READ) {
          c.reply.error('ERR value for ENTRIESREAD must be positive or -1');
          return null;
        }
        entriesRead = n;
        i += 2;
      } else {
        subcommandSyntaxError(c, argv);
        return null;
      }
    }
  }
  const s = writeStream(c, argv[2]);
  if (s === null) return null;
  if (s === undefined && !mkstream) {
    c.reply.error(
      'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
    );
    return null;
  }
  const g = s?.group(argv[3]);
  if (g === undefined && (opt === 'setid' || opt === 'createconsumer' || opt === 'delconsumer')) {
    c.reply.error(`NOGROUP No such consumer group '${argv[3]}' for key name '${argv[2]}'`);
    return null;
  }
  return { s, g, mkstream, entriesRead };
}

/* XGROUP CREATE key group <id | $> [MKSTREAM] [ENTRIESREAD entries-read] */
function xgroupCreate(c: Client, argv: string[]): void {
  const p = xgroupPreamble(c, argv);
  if (p === null) return;
  if (argv.length > 8) return subcommandSyntaxError(c, argv);
  let s = p.s;
  let id: StreamId;
  if (argv[4] === '$') {
    id = s ? s.lastId : 0n;
  } else {
    const parsed = strictId(c, argv[4]);
    if (parsed === null) return;
    id = parsed;
  }
  const key = argv[2];
  if (s === undefined) {
    s = new Stream();
    c.db.set(key, s);
    c.server.events.modified(c.db, key);
  }
  if (s.createGroup(argv[3], id, p.entriesRead) === null) {
    c.reply.error('BUSYGROUP Consumer Group name already exists');
    return;
  }
  c.reply.raw(OK);
  c.server.dirty++;
  c.server.events.notify('t', 'xgroup-create', key, c.db.id);
}

/* XGROUP SETID key group <id | $> [ENTRIESREAD entries-read] */
function xgroupSetid(c: Client, argv: string[]): void {
  const p = xgroupPreamble(c, argv);
  if (p === null) return;
  if (argv.length !== 5 && argv.length !== 7) return subcommandSyntaxError(c, argv);
  let id: StreamId;
  if (argv[4] === '$') {
    id = p.s!.lastId;
  } else {
    const parsed = parseStreamId(argv[4], 0n, false);
    if (parsed === null) {
      c.reply.error(INVALID_ID);
      return;
    }
    id = parsed.id;
  }
  const g = p.g!;
  g.lastId = id;
  g.entriesRead = p.entriesRead;
  c.reply.raw(OK);
  c.server.dirty++;
  c.server.events.notify('t', 'xgroup-setid', argv[2], c.db.id);
}

/* XGROUP DESTROY key group */
function xgroupDestroy(c: Client, argv: string[]): void {
  const p = xgroupPreamble(c, argv);
  if (p === null) return;
  if (p.g === undefined) {
    c.reply.raw(ZERO);
    return;
  }
  p.s!.groups!.delete(argv[3]);
  c.reply.raw(ONE);
  c.server.dirty++;
  c.server.events.notify('t', 'xgroup-destroy', argv[2], c.db.id);
  // Blocked XREADGROUP clients of this group get their NOGROUP error.
  c.server.events.ready(c.db, argv[2]);
}

/* XGROUP CREATECONSUMER key group consumer */
function xgroupCreateconsumer(c: Client, argv: string[]): void {
  const p = xgroupPreamble(c, argv);
  if (p === null) return;
  const created = p.g!.createConsumer(argv[4], Date.now());
  if (created) {
    c.server.events.notify('t', 'xgroup-createconsumer', argv[2], c.db.id);
    c.server.dirty++;
  }
  c.reply.raw(created ? ONE : ZERO);
}

/* XGROUP DELCONSUMER key group consumer */
function xgroupDelconsumer(c: Client, argv: string[]): void {
  const p = xgroupPreamble(c, argv);
  if (p === null) return;
  const g = p.g!;
  const consumer = g.consumers.get(argv[4]);
  let pending = 0;
  if (consumer !== undefined) {
    pending = g.deleteConsumer(consumer);
    c.server.dirty++;
    c.server.events.notify('t', 'xgroup-delconsumer', argv[2], c.db.id);
  }
  c.reply.integer(pending);
}

/* XGROUP HELP */
function xgroupHelp(c: Client): void {
  replyHelp(c, XGROUP_HELP);
}

/* XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] */
function xsetid(c: Client, argv: string[]): void {
  const id = strictId(c, argv[2]);
  if (id === null) return;
  let entriesAdded = -1;
  let maxDel: StreamId = 0n;
  for (let i = 3; i < argv.length; ) {
    const more = argv.length - 1 - i;
    const opt = argv[i].toLowerCase();
    if (opt === 'entriesadded' && more) {
      const n = intArg(c, argv[i + 1]);
      if (n === null) return;
      if (n < 0) {
        c.reply.error('ERR entries_added must be positive');
        return;
      }
      entriesAdded = n;
      i += 2;
    } else if (opt === 'maxdeletedid' && more) {
      const m = strictId(c, argv[i + 1]);
      if (m === null) return;
      if (id < m) {
        c.reply.error('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
        return;
      }
      maxDel = m;
      i += 2;
    } else {
      c.reply.error(ERR.syntax);
      return;
    }
  }
  const key = argv[1];
  const s = writeStream(c, key);
  if (s === null) return;
  if (s === undefined) {
    c.reply.error(NO_SUCH_KEY);
    return;
  }
  if (s.length > 0) {
    const maxid = s.edgeId(false)!;
    if (id < maxid) {
      c.reply.error('ERR The ID specified in XSETID is smaller than the target stream top item');
      return;
    }
    if (entriesAdded !== -1 && s.length > entriesAdded) {
      c.reply.error('ERR The entries_added specified in XSETID is smaller than the target stream length');
      return;
    }
  }
  s.lastId = id;
  if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
  if (maxDel !== 0n) s.maxDeletedId = maxDel;
  c.reply.raw(OK);
  c.server.dirty++;
  c.server.events.modified(c.db, key);
  c.server.events.notify('t', 'xsetid', key, c.db.id);
}

/* XACK key group id [id ...] */
function xack(c: Client, argv: string[]): void {
  const s = readStream(c, argv[1]);
  if (s === null) return;
  const g = s?.group(argv[2]);
  if (g === undefined) {
    c.reply.raw(ZERO);
    return;
  }
  const ids = strictIds(c, argv, 3);
  if (ids === null) return;
  let acked = 0;
  for (const id of ids) if (g.ack(id)) acked++;
  c.server.dirty += acked;
  c.reply.integer(acked);
}

/* XPENDING key group [[IDLE min-idle-time] start end count [consumer]] */
function xpending(c: Client, argv: string[]): void {
  const justinfo = argv.length === 3;
  if (argv.length !== 3 && (argv.length < 6 || argv.length > 9)) {
    c.reply.error(ERR.syntax);
    return;
  }
  let start: StreamId = 0n;
  let end: StreamId = 0n;
  let count = 0;
  let minidle = 0;
  let consumerName: string | null = null;
  if (argv.length >= 6) {
    let si = 3;
    if (argv[3].toLowerCase() === 'idle') {
      const n = intArg(c, argv[4]);
      if (n === null) return;
      minidle = n;
      if (argv.length < 8) {
        c.reply.error(ERR.syntax);
        return;
      }
      si += 2;
    }
    const n = intArg(c, argv[si + 2]);
    if (n === null) return;
    count = n < 0 ? 0 : n;
    const r = interval(c, argv[si], argv[si + 1]);
    if (r === null) return;
    [start, end] = r;
    if (si + 3 < argv.length) consumerName = argv[si + 3];
  }
  const s = readStream(c, argv[1]);
  if (s === null) return;
  const g = s?.group(argv[2]);
  if (g === undefined) {
    c.reply.error(`NOGROUP No such key '${argv[1]}' or consumer group '${argv[2]}'`);
    return;
  }
  const w = c.reply;
  if (justinfo) {
    w.array(4);
    w.integer(g.pel.size);
    if (g.pel.size === 0) {
      w.null();
      w.null();
      w.nullArray();
      return;
    }
    replyId(c, g.pel.keyAt(0));
    replyId(c, g.pel.keyAt(g.pel.size - 1));
    const withPending = sortedByName(g.consumers.entries()).filter(([, co]) => co.pel.size > 0);
    w.array(withPending.length);
    for (const [name, co] of withPending) {
      w.array(2);
      w.bulk(name);
      w.bulk(String(co.pel.size));
    }
    return;
  }
  let pel = g.pel;
  if (consumerName !== null) {
    const co = g.consumers.get(consumerName);
    if (co === undefined) {
      w.raw(EMPTY_ARRAY);
      return;
    }
    pel = co.pel;
  }
  const now = Date.now();
  const rows: Array<[StreamId, Nack]> = [];
  for (let i = pel.lowerBound(start); count && i < pel.size; i++) {
    const id = pel.keyAt(i);
    if (id > end) break;
    const nack = pel.valueAt(i);
    if (minidle && now - nack.deliveryTime < minidle) continue;
    rows.push([id, nack]);
    count--;
  }
  w.array(rows.length);
  for (const [id, nack] of rows) {
    w.array(4);
    replyId(c, id);
    w.bulk(nack.consumer!.name);
    w.integer(Math.max(0, now - nack.deliveryTime));
    w.integer(nack.deliveryCount);
  }
}

/* XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid] */
function xclaim(c: Client, argv: string[]): void {
  const s = readStream(c, argv[1]);
  if (s === null) return;
  const g = s?.group(argv[2]);
  if (s === undefined || g === undefined) {
    c.reply.error(`NOGROUP No such key '${argv[1]}' or consumer group '${argv[2]}'`);
    return;
  }
  let minidle = intArg(c, argv[4], 'ERR Invalid min-idle-time argument for XCLAIM');
  if (minidle === null) return;
  if (minidle < 0) minidle = 0;
  const ids: StreamId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const p = parseStreamId(argv[j], 0n, true);
    if (p === null) break;
    ids.push(p.id);
  }
  const now = Date.now();
  let retrycount = -1;
  let deliverytime = -1;
  let force = false;
  let justid = false;
  let lastId: StreamId = 0n;
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j].toLowerCase();
    if (opt === 'force') force = true;
    else if (opt === 'justid') justid = true;
    else if (opt === 'idle' && more) {
      const n = intArg(c, argv[++j], 'ERR Invalid IDLE option argument for XCLAIM');
      if (n === null) return;
      deliverytime = now - n;
    } else if (opt === 'time' && more) {
      const n = intArg(c, argv[++j], 'ERR Invalid TIME option argument for XCLAIM');
      if (n === null) return;
      deliverytime = n;
    } else if (opt === 'retrycount' && more) {
      const n = intArg(c, argv[++j], 'ERR Invalid RETRYCOUNT option argument for XCLAIM');
      if (n === null) return;
      retrycount = n;
    } else if (opt === 'lastid' && more) {
      const id = strictId(c, argv[++j]);
      if (id === null) return;
      lastId = id;
    } else {
      c.reply.error(`ERR Unrecognized XCLAIM option '${argv[j]}'`);
      return;
    }
  }
  let propagateLastId = false;
  if (lastId > g.lastId) {
    g.lastId = lastId;
    c.server.dirty++;
    propagateLastId = true;
  }
  if (deliverytime !== -1) {
    if (deliverytime < 0 || deliverytime > now) deliverytime = now;
  } else {
    deliverytime = now;
  }
  const out: Array<StreamId | StreamEntry> = [];
  let consumer: Consumer | null = null;
  const name = argv[3];
  for (const id of ids) {
    let nack = g.pel.get(id);
    const entry = s.get(id);
    if (entry === null) {
      // The entry is gone: drop it from the PEL (replicas via an XCLAIM of the missing entry).
      if (nack !== undefined) {
        propagateXclaim(c, argv[1], argv[2], g, id, nack, nack.consumer?.name ?? name);
        propagateLastId = false;
        g.ack(id);
        c.server.dirty++;
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = { consumer: null, deliveryTime: now, deliveryCount: 1 };
      g.pel.set(id, nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer && minidle && now - nack.deliveryTime < minidle) continue;
    if (consumer === null) consumer = claimConsumer(c, g, name, argv[1]);
    if (nack.consumer !== consumer) nack.consumer?.pel.delete(id);
    nack.deliveryTime = deliverytime;
    if (retrycount >= 0) nack.deliveryCount = retrycount;
    else if (!justid) nack.deliveryCount++;
    if (nack.consumer !== consumer) {
      consumer.pel.set(id, nack);
      nack.consumer = consumer;
    }
    out.push(justid ? id : entry);
    c.server.dirty++;
    propagateXclaim(c, argv[1], argv[2], g, id, nack, name);
    propagateLastId = false; // carried by the XCLAIM's LASTID
  }
  if (propagateLastId) propagateGroupId(c, argv[1], argv[2], g);
  c.preventPropagation();
  c.reply.array(out.length);
  for (const x of out) {
    if (typeof x === 'bigint') replyId(c, x);
    else replyEntry(c, x);
  }
}

/** streamLookupConsumer (refreshing seen time) or streamCreateConsumer. */
function claimConsumer(c: Client, g: ConsumerGroup, name: string, key: string): Consumer {
  return lookupOrCreateConsumer(c, g, name, key);
}

/* XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID] */
function xautoclaim(c: Client, argv: string[]): void {
  let minidle = intArg(c, argv[4], 'ERR Invalid min-idle-time argument for XAUTOCLAIM');
  if (minidle === null) return;
  if (minidle < 0) minidle = 0;
  const st = intervalId(c, argv[5], 0n);
  if (st === null) return;
  let start = st.id;
  if (st.ex) {
    if (start === ID_MAX) {
      c.reply.error('ERR invalid start ID for the interval');
      return;
    }
    start++;
  }
  let count = 100;
  let justid = false;
  for (let j = 6; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j].toLowerCase();
    if (opt === 'count' && more) {
      // Redis bounds COUNT to 1 .. LONG_MAX / 16 so COUNT * 10 attempts cannot overflow.
      const n = parseLL(argv[j + 1]);
      if (n === null || Number(n) < 1 || BigInt(n) > 576460752303423487n) {
        c.reply.error('ERR COUNT must be > 0');
        return;
      }
      count = Number(n);
      j++;
    } else if (opt === 'justid') {
      justid = true;
    } else {
      c.reply.error(ERR.syntax);
      return;
    }
  }
  const s = readStream(c, argv[1]);
  if (s === null) return;
  const g = s?.group(argv[2]);
  if (s === undefined || g === undefined) {
    c.reply.error(`NOGROUP No such key '${argv[1]}' or consumer group '${argv[2]}'`);
    return;
  }
  let attempts = count * 10;
  const now = Date.now();
  const name = argv[3];
  let consumer: Consumer | null = null;
  const claimed: Array<StreamId | StreamEntry> = [];
  const deletedIds: StreamId[] = [];
  const pel = g.pel;
  let i = pel.lowerBound(start);
  while (attempts-- > 0 && count > 0 && i < pel.size) {
    const id = pel.keyAt(i);
    const nack = pel.valueAt(i);
    const entry = s.get(id);
    if (entry === null) {
      propagateXclaim(c, argv[1], argv[2], g, id, nack, nack.consumer?.name ?? name);
      g.ack(id); // index i now holds the next ID
      deletedIds.push(id);
      count--;
      c.server.dirty++;
      continue;
    }
    i++;
    if (minidle && now - nack.deliveryTime < minidle) continue;
    if (consumer === null) consumer = claimConsumer(c, g, name, argv[1]);
    if (nack.consumer !== consumer) nack.consumer?.pel.delete(id);
    nack.deliveryTime = now;
    if (!justid) nack.deliveryCount++;
    if (nack.consumer !== consumer) {
      consumer.pel.set(id, nack);
      nack.consumer = consumer;
    }
    claimed.push(justid ? id : entry);
    count--;
    c.server.dirty++;
    propagateXclaim(c, argv[1], argv[2], g, id, nack, name);
  }
  c.preventPropagation();
  // The cursor: the next PEL entry not looked at, or 0-0 at the end.
  const cursor = i < pel.size ? pel.keyAt(i) : 0n;
  const w = c.reply;
  w.array(3);
  replyId(c, cursor);
  w.array(claimed.length);
  for (const x of claimed) {
    if (typeof x === 'bigint') replyId(c, x);
    else replyEntry(c, x);
  }
  w.array(deletedIds.length);
  for (const id of deletedIds) replyId(c, id);
}

/* ---- XINFO ---- */

/** Looks up the key of an XINFO subcommand: "no such key" when missing. */
function xinfoStream(c: Client, key: string): Stream | null {
  const s = readStream(c, key);
  if (s === null) return null;
  if (s === undefined) {
    c.reply.error(NO_SUCH_KEY);
    return null;
  }
  return s;
}

function replyEntriesRead(c: Client, g: ConsumerGroup): void {
  if (g.entriesRead !== INVALID_ENTRIES_READ) c.reply.integer(g.entriesRead);
  else c.reply.null();
}

function replyLag(c: Client, s: Stream, g: ConsumerGroup): void {
  const lag = s.groupLag(g);
  if (lag === null) c.reply.null();
  else c.reply.integer(lag);
}

/* XINFO STREAM key [FULL [COUNT count]] */
function xinfoStreamCmd(c: Client, argv: string[]): void {
  const s = xinfoStream(c, argv[2]);
  if (s === null) return;
  const opts = argv.slice(3);
  let full = true;
  let count = 10;
  if (opts.length === 0) {
    full = false;
  } else if (opts[0].toLowerCase() === 'full') {
    if (opts.length > 1) {
      if (opts.length !== 3 || opts[1].toLowerCase() !== 'count') return subcommandSyntaxError(c, argv);
      const n = intArg(c, opts[2]);
      if (n === null) return;
      count = n < 0 ? 10 : n;
    }
  } else {
    return subcommandSyntaxError(c, argv);
  }
  const w = c.reply;
  w.map(full ? 9 : 10);
  w.bulk('length');
  w.integer(s.length);
  w.bulk('radix-tree-keys');
  w.integer(s.nodeCount);
  w.bulk('radix-tree-nodes');
  // Redis's radix tree node count; an estimate of its shape (Petrel keeps no radix tree).
  w.integer(s.nodeCount === 0 ? 1 : s.nodeCount * 2);
  w.bulk('last-generated-id');
  replyId(c, s.lastId);
  w.bulk('max-deleted-entry-id');
  replyId(c, s.maxDeletedId);
  w.bulk('entries-added');
  w.integer(s.entriesAdded);
  w.bulk('recorded-first-entry-id');
  replyId(c, s.firstId);
  if (!full) {
    w.bulk('groups');
    w.integer(s.groups ? s.groups.size : 0);
    w.bulk('first-entry');
    const first = [...s.range(0n, ID_MAX, false, 1)];
    if (first.length) replyEntry(c, first[0]);
    else w.null();
    w.bulk('last-entry');
    const last = [...s.range(0n, ID_MAX, true, 1)];
    if (last.length) replyEntry(c, last[0]);
    else w.null();
    return;
  }
  w.bulk('entries');
  replyEntries(c, [...s.range(0n, ID_MAX, false, count)]);
  w.bulk('groups');
  const groups = s.sortedGroups();
  w.array(groups.length);
  for (const [name, g] of groups) {
    w.map(7);
    w.bulk('name');
    w.bulk(name);
    w.bulk('last-delivered-id');
    replyId(c, g.lastId);
    w.bulk('entries-read');
    replyEntriesRead(c, g);
    w.bulk('lag');
    replyLag(c, s, g);
    w.bulk('pel-count');
    w.integer(g.pel.size);
    w.bulk('pending');
    const np = count ? Math.min(count, g.pel.size) : g.pel.size;
    w.array(np);
    for (let i = 0; i < np; i++) {
      const nack = g.pel.valueAt(i);
      w.array(4);
      replyId(c, g.pel.keyAt(i));
      w.bulk(nack.consumer!.name);
      w.integer(nack.deliveryTime);
      w.integer(nack.deliveryCount);
    }
    w.bulk('consumers');
    const consumers = g.sortedConsumers();
    w.array(consumers.length);
    for (const co of consumers) {
      w.map(4);
      w.bulk('name');
      w.bulk(co.name);
      w.bulk('seen-time');
      w.integer(co.seenTime);
      w.bulk('pel-count');
      w.integer(co.pel.size);
      w.bulk('pending');
      const nc = count ? Math.min(count, co.pel.size) : co.pel.size;
      w.array(nc);
      for (let i = 0; i < nc; i++) {
        const nack = co.pel.valueAt(i);
        w.array(3);
        replyId(c, co.pel.keyAt(i));
        w.integer(nack.deliveryTime);
        w.integer(nack.deliveryCount);
      }
    }
  }
}

/* XINFO GROUPS key */
function xinfoGroups(c: Client, argv: string[]): void {
  const s = xinfoStream(c, argv[2]);
  if (s === null) return;
  const groups = s.sortedGroups();
  const w = c.reply;
  w.array(groups.length);
  for (const [name, g] of groups) {
    w.map(6);
    w.bulk('name');
    w.bulk(name);
    w.bulk('consumers');
    w.integer(g.consumers.size);
    w.bulk('pending');
    w.integer(g.pel.size);
    w.bulk('last-delivered-id');
    replyId(c, g.lastId);
    w.bulk('entries-read');
    replyEntriesRead(c, g);
    w.bulk('lag');
    replyLag(c, s, g);
  }
}

/* XINFO CONSUMERS key group */
function xinfoConsumers(c: Client, argv: string[]): void {
  const s = xinfoStream(c, argv[2]);
  if (s === null) return;
  const g = s.group(argv[3]);
  if (g === undefined) {
    c.reply.error(`NOGROUP No such consumer group '${argv[3]}' for key name '${argv[2]}'`);
    return;
  }
  const now = Date.now();
  const consumers = g.sortedConsumers();
  const w = c.reply;
  w.array(consumers.length);
  for (const co of consumers) {
    w.map(3);
    w.bulk('name');
    w.bulk(co.name);
    w.bulk('pending');
    w.integer(co.pel.size);
    w.bulk('idle');
    w.integer(Math.max(0, now - co.seenTime));
  }
}

/* XINFO HELP */
function xinfoHelp(c: Client): void {
  replyHelp(c, XINFO_HELP);
}

/* ------------------------------------------------------------------------------------------ */
/* Specs                                                                                       */
/* ------------------------------------------------------------------------------------------ */

const oneKey = { firstKey: 1, lastKey: 1, step: 1, group: 'stream' } as const;
const subKey = { firstKey: 2, lastKey: 2, step: 1, group: 'stream' } as const;
const noKey = { firstKey: 0, lastKey: 0, step: 0, group: 'stream' } as const;

export const streamCommands = [
  cmd({ name: 'xadd', arity: -5, flags: ['write', 'denyoom', 'fast'], ...oneKey, keyFlags: ['RW', 'update'], tips: ['nondeterministic_output'], keySpecs: [{ notes: 'UPDATE instead of INSERT because of the optional trimming feature', flags: ['RW', 'update'], begin: { index: 1 }, find: { lastkey: 0, keystep: 1, limit: 0 } }], since: '5.0.0', summary: 'Appends a new entry to a stream', complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.', handler: xadd }),
  cmd({ name: 'xtrim', arity: -4, flags: ['write'], ...oneKey, keyFlags: ['RW', 'delete'], tips: ['nondeterministic_output'], since: '5.0.0', summary: 'Deletes messages from the beginning of a stream.', complexity: 'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.', handler: xtrim }),
  cmd({ name: 'xdel', arity: -3, flags: ['write', 'fast'], ...oneKey, keyFlags: ['RW', 'delete'], since: '5.0.0', summary: 'Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.', complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.', handler: xdel }),
  cmd({ name: 'xlen', arity: 2, flags: ['readonly', 'fast'], ...oneKey, keyFlags: ['RO'], since: '5.0.0', summary: 'Return the number of entries in a stream', complexity: 'O(1)', handler: xlen }),
  cmd({ name: 'xrange', arity: -4, flags: ['readonly'], ...oneKey, keyFlags: ['RO', 'access'], since: '5.0.0', summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval', complexity: 'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).', handler: xrange }),
  cmd({ name: 'xrevrange', arity: -4, flags: ['readonly'], ...oneKey, keyFlags: ['RO', 'access'], since: '5.0.0', summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE', complexity: 'O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).', handler: xrevrange }),
  cmd({ name: 'xread', arity: -4, flags: ['readonly', 'blocking'], ...noKey, getKeys: xreadKeys, keyFlags: ['RO', 'access'], keySpecs: [{ flags: ['RO', 'access'], begin: { keyword: 'STREAMS', startfrom: 1 }, find: { lastkey: -1, keystep: 1, limit: 2 } }], since: '5.0.0', summary: 'Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.', complexity: 'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.', handler: xread }),
  cmd({ name: 'xreadgroup', arity: -7, flags: ['write', 'blocking'], ...noKey, getKeys: xreadKeys, keyFlags: ['RO', 'access'], keySpecs: [{ flags: ['RO', 'access'], begin: { keyword: 'STREAMS', startfrom: 4 }, find: { lastkey: -1, keystep: 1, limit: 2 } }], since: '5.0.0', summary: 'Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.', complexity: 'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.', handler: xreadgroup }),
  cmd({ name: 'xsetid', arity: -3, flags: ['write', 'denyoom', 'fast'], ...oneKey, keyFlags: ['RW', 'update'], since: '5.0.0', summary: 'An internal command for replicating stream values', complexity: 'O(1)', handler: xsetid }),
  cmd({ name: 'xack', arity: -4, flags: ['write', 'fast'], ...oneKey, keyFlags: ['RW', 'update'], since: '5.0.0', summary: 'Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.', complexity: 'O(1) for each message ID processed.', handler: xack }),
  cmd({ name: 'xpending', arity: -3, flags: ['readonly'], ...oneKey, keyFlags: ['RO', 'access'], tips: ['nondeterministic_output'], since: '5.0.0', summary: 'Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.', complexity: 'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.', handler: xpending }),
  cmd({ name: 'xclaim', arity: -6, flags: ['write', 'fast'], ...oneKey, keyFlags: ['RW', 'update'], tips: ['nondeterministic_output'], since: '5.0.0', summary: 'Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.', complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.', handler: xclaim }),
  cmd({ name: 'xautoclaim', arity: -6, flags: ['write', 'fast'], ...oneKey, keyFlags: ['RW', 'delete'], tips: ['nondeterministic_output'], since: '6.2.0', summary: 'Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.', complexity: 'O(1) if COUNT is small.', handler: xautoclaim }),
  cmd({
    name: 'xgroup',
    arity: -2,
    flags: [],
    ...noKey,
    since: '5.0.0',
    summary: 'A container for consumer groups commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      cmd({ name: 'create', arity: -5, flags: ['write', 'denyoom'], ...subKey, keyFlags: ['RW', 'insert'], since: '5.0.0', summary: 'Create a consumer group.', complexity: 'O(1)', handler: xgroupCreate }),
      cmd({ name: 'setid', arity: -5, flags: ['write'], ...subKey, keyFlags: ['RW', 'update'], since: '5.0.0', summary: 'Set a consumer group to an arbitrary last delivered ID value.', complexity: 'O(1)', handler: xgroupSetid }),
      cmd({ name: 'destroy', arity: 4, flags: ['write'], ...subKey, keyFlags: ['RW', 'delete'], since: '5.0.0', summary: 'Destroy a consumer group.', complexity: 'O(N) where N is the number of entries in the group\'s pending entries list (PEL).', handler: xgroupDestroy }),
      cmd({ name: 'createconsumer', arity: 5, flags: ['write', 'denyoom'], ...subKey, keyFlags: ['RW', 'insert'], since: '6.2.0', summary: 'Create a consumer in a consumer group.', complexity: 'O(1)', handler: xgroupCreateconsumer }),
      cmd({ name: 'delconsumer', arity: 5, flags: ['write'], ...subKey, keyFlags: ['RW', 'delete'], since: '5.0.0', summary: 'Delete a consumer from a consumer group.', complexity: 'O(1)', handler: xgroupDelconsumer }),
      cmd({ name: 'help', arity: 2, flags: ['loading', 'stale'], ...noKey, since: '5.0.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: xgroupHelp }),
    ],
  }),
  cmd({
    name: 'xinfo',
    arity: -2,
    flags: [],
    ...noKey,
    since: '5.0.0',
    summary: 'A container for stream introspection commands',
    complexity: 'Depends on subcommand.',
    subcommands: [
      cmd({ name: 'stream', arity: -3, flags: ['readonly'], ...subKey, keyFlags: ['RO', 'access'], since: '5.0.0', summary: 'Get information about a stream', complexity: 'O(1)', handler: xinfoStreamCmd }),
      cmd({ name: 'groups', arity: 3, flags: ['readonly'], ...subKey, keyFlags: ['RO', 'access'], since: '5.0.0', summary: 'List the consumer groups of a stream', complexity: 'O(1)', handler: xinfoGroups }),
      cmd({ name: 'consumers', arity: 4, flags: ['readonly'], ...subKey, keyFlags: ['RO', 'access'], tips: ['nondeterministic_output'], since: '5.0.0', summary: 'List the consumers in a consumer group', complexity: 'O(1)', handler: xinfoConsumers }),
      cmd({ name: 'help', arity: 2, flags: ['loading', 'stale'], ...noKey, since: '5.0.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: xinfoHelp }),
    ],
  }),
] satisfies CommandSpec[];
