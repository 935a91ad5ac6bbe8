/**
 * Pub/sub channel registry (Redis's pubsub.c and notify.c): channels, patterns and shard
 * channels with their subscribers, message delivery, keyspace notifications, and the pubsub
 * class of client-output-buffer-limit.
 *
 * Messages are written into the subscriber's reply buffer at once and the subscriber is flushed
 * in a microtask: after the publishing command (and its read batch) has finished, never in the
 * middle of another client's command, and before any further I/O.
 */
import type { Client } from './client.js';
import type { Server } from './server.js';
import { compileGlob } from '../store/glob.js';
import { outputBufferLimits } from '../config/config.js';
import { clientInfoLine } from '../commands/client.js';
import { logger } from './log.js';

/** What one client is subscribed to. */
export interface ClientSubscriptions {
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
  readonly shard: Set<string>;
}

interface PatternEntry {
  readonly match: (s: string) => boolean;
  readonly clients: Set<Client>;
}

export type ChannelKind = 'channel' | 'shard';

/** Keyspace notification classes (notify.c): 'A' stands for all of these. */
const NOTIFY_ALL = 'g$lshzxetd';

export class PubSub {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, PatternEntry>();
  readonly shardChannels = new Map<string, Set<Client>>();
  private readonly toFlush = new Set<Client>();
  private flushQueued = false;
  /** notify-keyspace-events as last parsed. */
  private notifyConf = '';
  private notifyClasses = '';
  private notifyKeyspace = false;
  private notifyKeyevent = false;
  private limitsSource: unknown = null;
  private limits: ReturnType<typeof outputBufferLimits> = {};

  constructor(private readonly server: Server) {
    server.events.onNotify((cls, event, key, dbId) => this.notify(cls, event, key, dbId));
  }

  private subs(c: Client): ClientSubscriptions {
    if (c.pubsub === null) c.pubsub = { channels: new Set(), patterns: new Set(), shard: new Set() };
    return c.pubsub;
  }

  /** Channels + patterns of a client: the count (P|UN)SUBSCRIBE replies carry. */
  static count(c: Client): number {
    return c.pubsub === null ? 0 : c.pubsub.channels.size + c.pubsub.patterns.size;
  }

  /** Shard channels of a client: the count S(UN)SUBSCRIBE replies carry. */
  static shardCount(c: Client): number {
    return c.pubsub === null ? 0 : c.pubsub.shard.size;
  }

  /** Leaves pubsub state when nothing is left (Redis clears CLIENT_PUBSUB). */
  private settle(c: Client): void {
    const s = c.pubsub;
    if (s !== null && s.channels.size === 0 && s.patterns.size === 0 && s.shard.size === 0) c.pubsub = null;
  }

  /** Subscribes; true when it was not subscribed already. */
  subscribe(c: Client, channel: string, kind: ChannelKind): boolean {
    const s = this.subs(c);
    const mine = kind === 'shard' ? s.shard : s.channels;
    if (mine.has(channel)) return false;
    mine.add(channel);
    const table = kind === 'shard' ? this.shardChannels : this.channels;
    let set = table.get(channel);
    if (!set) {
      set = new Set();
      table.set(channel, set);
    }
    set.add(c);
    return true;
  }

  /** Unsubscribes; true when it was subscribed. */
  unsubscribe(c: Client, channel: string, kind: ChannelKind): boolean {
    const s = c.pubsub;
    if (s === null) return false;
    const mine = kind === 'shard' ? s.shard : s.channels;
    if (!mine.delete(channel)) return false;
    const table = kind === 'shard' ? this.shardChannels : this.channels;
    const set = table.get(channel);
    if (set) {
      set.delete(c);
      if (set.size === 0) table.delete(channel);
    }
    this.settle(c);
    return true;
  }

  psubscribe(c: Client, pattern: string): boolean {
    const s = this.subs(c);
    if (s.patterns.has(pattern)) return false;
    s.patterns.add(pattern);
    let e = this.patterns.get(pattern);
    if (!e) {
      e = { match: compileGlob(pattern), clients: new Set() };
      this.patterns.set(pattern, e);
    }
    e.clients.add(c);
    return true;
  }

  punsubscribe(c: Client, pattern: string): boolean {
    const s = c.pubsub;
    if (s === null || !s.patterns.delete(pattern)) return false;
    const e = this.patterns.get(pattern);
    if (e) {
      e.clients.delete(c);
      if (e.clients.size === 0) this.patterns.delete(pattern);
    }
    this.settle(c);
    return true;
  }

  /** Drops every subscription of a client (disconnect), without replies. */
  removeClient(c: Client): void {
    const s = c.pubsub;
    this.toFlush.delete(c);
    if (s === null) return;
    for (const ch of [...s.channels]) this.unsubscribe(c, ch, 'channel');
    for (const ch of [...s.shard]) this.unsubscribe(c, ch, 'shard');
    for (const p of [...s.patterns]) this.punsubscribe(c, p);
    c.pubsub = null;
  }

  /**
   * PUBLISH / SPUBLISH: delivers to the channel's subscribers and (not for shard channels) to
   * every matching pattern's. Returns the number of deliveries (Redis's receivers count).
   */
  publish(channel: string, message: string, kind: ChannelKind = 'channel'): number {
    let receivers = 0;
    const set = (kind === 'shard' ? this.shardChannels : this.channels).get(channel);
    if (set) {
      const type = kind === 'shard' ? 'smessage' : 'message';
      for (const c of set) {
        const w = c.reply;
        w.push(3);
        w.bulk(type);
        w.bulk(channel);
        w.bulk(message);
        this.scheduleFlush(c);
        receivers++;
      }
    }
    if (kind === 'shard' || this.patterns.size === 0) return receivers;
    for (const [pattern, e] of this.patterns) {
      if (!e.match(channel)) continue;
      for (const c of e.clients) {
        const w = c.reply;
        w.push(4);
        w.bulk('pmessage');
        w.bulk(pattern);
        w.bulk(channel);
        w.bulk(message);
        this.scheduleFlush(c);
        receivers++;
      }
    }
    return receivers;
  }

  private scheduleFlush(c: Client): void {
    this.toFlush.add(c);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flushAll());
  }

  private flushAll(): void {
    this.flushQueued = false;
    const list = [...this.toFlush];
    this.toFlush.clear();
    for (const c of list) {
      if (c.closed) continue;
      c.flush();
      this.checkOutputLimits(c);
    }
  }

  /**
   * Redis's checkClientOutputBufferLimits for the class of `c` (pubsub while subscribed, else
   * normal): above the hard limit, or above the soft limit for longer than its seconds, the
   * client is closed.
   */
  checkOutputLimits(c: Client): void {
    const list = this.server.config.list('client-output-buffer-limit');
    if (list !== this.limitsSource) {
      this.limitsSource = list;
      this.limits = outputBufferLimits(this.server.config);
    }
    const lim = this.limits[c.pubsub !== null ? 'pubsub' : 'normal'];
    if (!lim || (lim.hard === 0 && lim.soft === 0)) return;
    const used = c.socket.writableLength + c.reply.pending;
    let over = lim.hard > 0 && used >= lim.hard;
    if (!over && lim.soft > 0 && used >= lim.soft) {
      const now = Date.now();
      if (c.obufSoftLimitSince === 0) c.obufSoftLimitSince = now;
      else if (now - c.obufSoftLimitSince >= lim.seconds * 1000) over = true;
    } else if (!over) {
      c.obufSoftLimitSince = 0;
    }
    if (!over) return;
    logger.warning(`Client ${clientInfoLine(c, null, '', 0)} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    c.close();
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Keyspace notifications (notify.c)                                                         */
  /* ---------------------------------------------------------------------------------------- */

  private loadNotifyConfig(): void {
    const conf = this.server.config.str('notify-keyspace-events');
    if (conf === this.notifyConf) return;
    this.notifyConf = conf;
    let classes = '';
    for (const ch of conf) {
      if (ch === 'A') classes += NOTIFY_ALL;
      else if (ch !== 'K' && ch !== 'E') classes += ch;
    }
    this.notifyClasses = classes;
    this.notifyKeyspace = conf.includes('K');
    this.notifyKeyevent = conf.includes('E');
  }

  /** notifyKeyspaceEvent: publishes to __keyspace@<db>__:<key> and __keyevent@<db>__:<event>. */
  private notify(cls: string, event: string, key: string, dbId: number): void {
    // Nobody can hear it: skip even the config lookup.
    if (this.channels.size === 0 && this.patterns.size === 0) return;
    this.loadNotifyConfig();
    if (!this.notifyClasses.includes(cls)) return;
    if (this.notifyKeyspace) this.publish(`__keyspace@${dbId}__:${key}`, event);
    if (this.notifyKeyevent) this.publish(`__keyevent@${dbId}__:${event}`, key);
  }
}
