/**
 * Pub/sub family (Redis's pubsub.c): SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH,
 * the sharded SSUBSCRIBE SUNSUBSCRIBE SPUBLISH, and PUBSUB introspection. The registry and
 * message delivery live in server/pubsub.ts; this file parses and replies.
 *
 * Subscription replies are pushes (RESP3 `>`, arrays in RESP2), one per channel.
 */
import type { Client } from '../server/client.js';
import { PubSub, type ChannelKind } from '../server/pubsub.js';
import { compileGlob } from '../store/glob.js';
import { cmd, type CommandSpec } from './types.js';

/** One (un)subscription confirmation: [kind, channel or null, count]. */
function confirm(c: Client, what: string, channel: string | null, count: number): void {
  const w = c.reply;
  w.push(3);
  w.bulk(what);
  w.bulk(channel);
  w.integer(count);
}

function subscribeGeneric(c: Client, argv: string[], kind: ChannelKind): void {
  const ps = c.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    ps.subscribe(c, argv[i], kind);
    if (kind === 'shard') confirm(c, 'ssubscribe', argv[i], PubSub.shardCount(c));
    else confirm(c, 'subscribe', argv[i], PubSub.count(c));
  }
}

function unsubscribeGeneric(c: Client, argv: string[], kind: ChannelKind): void {
  const ps = c.server.pubsub;
  const what = kind === 'shard' ? 'sunsubscribe' : 'unsubscribe';
  const count = kind === 'shard' ? PubSub.shardCount : PubSub.count;
  let channels: string[];
  if (argv.length > 1) {
    channels = argv.slice(1);
  } else {
    const s = c.pubsub;
    channels = s === null ? [] : [...(kind === 'shard' ? s.shard : s.channels)];
    // Subscribed to nothing: still one reply.
    if (channels.length === 0) return confirm(c, what, null, count(c));
  }
  for (const ch of channels) {
    ps.unsubscribe(c, ch, kind);
    confirm(c, what, ch, count(c));
  }
}

/* SUBSCRIBE channel [channel ...] */
function subscribe(c: Client, argv: string[]): void {
  subscribeGeneric(c, argv, 'channel');
}

/* UNSUBSCRIBE [channel [channel ...]] */
function unsubscribe(c: Client, argv: string[]): void {
  unsubscribeGeneric(c, argv, 'channel');
}

/* SSUBSCRIBE shardchannel [shardchannel ...] */
function ssubscribe(c: Client, argv: string[]): void {
  // Inside EXEC (Redis's CLIENT_DENY_BLOCKING) only the shard variant is refused.
  if (c.inExec) return c.reply.error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
  subscribeGeneric(c, argv, 'shard');
}

/* SUNSUBSCRIBE [shardchannel [shardchannel ...]] */
function sunsubscribe(c: Client, argv: string[]): void {
  unsubscribeGeneric(c, argv, 'shard');
}

/* PSUBSCRIBE pattern [pattern ...] */
function psubscribe(c: Client, argv: string[]): void {
  const ps = c.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    ps.psubscribe(c, argv[i]);
    confirm(c, 'psubscribe', argv[i], PubSub.count(c));
  }
}

/* PUNSUBSCRIBE [pattern [pattern ...]] */
function punsubscribe(c: Client, argv: string[]): void {
  const ps = c.server.pubsub;
  let patterns: string[];
  if (argv.length > 1) {
    patterns = argv.slice(1);
  } else {
    patterns = c.pubsub === null ? [] : [...c.pubsub.patterns];
    if (patterns.length === 0) return confirm(c, 'punsubscribe', null, PubSub.count(c));
  }
  for (const p of patterns) {
    ps.punsubscribe(c, p);
    confirm(c, 'punsubscribe', p, PubSub.count(c));
  }
}

/* PUBLISH channel message */
function publish(c: Client, argv: string[]): void {
  c.reply.integer(c.server.pubsub.publish(argv[1], argv[2], 'channel'));
  // Replicas publish it to their own subscribers (Redis outside cluster mode).
  c.forcePropagation();
}

/* SPUBLISH shardchannel message */
function spublish(c: Client, argv: string[]): void {
  c.reply.integer(c.server.pubsub.publish(argv[1], argv[2], 'shard'));
  c.forcePropagation();
}

function channelList(c: Client, argv: string[], table: Map<string, unknown>): void {
  if (argv.length > 3) return subcommandSyntax(c, argv);
  const match = argv.length === 3 ? compileGlob(argv[2]) : null;
  const out: string[] = [];
  for (const ch of table.keys()) if (match === null || match(ch)) out.push(ch);
  c.reply.array(out.length);
  for (const ch of out) c.reply.bulk(ch);
}

function numsub(c: Client, argv: string[], table: Map<string, Set<Client>>): void {
  c.reply.array((argv.length - 2) * 2);
  for (let i = 2; i < argv.length; i++) {
    c.reply.bulk(argv[i]);
    c.reply.integer(table.get(argv[i])?.size ?? 0);
  }
}

function subcommandSyntax(c: Client, argv: string[]): void {
  c.reply.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try PUBSUB HELP.`);
}

/* PUBSUB CHANNELS [pattern] */
function pubsubChannels(c: Client, argv: string[]): void {
  channelList(c, argv, c.server.pubsub.channels);
}

/* PUBSUB SHARDCHANNELS [pattern] */
function pubsubShardchannels(c: Client, argv: string[]): void {
  channelList(c, argv, c.server.pubsub.shardChannels);
}

/* PUBSUB NUMSUB [channel [channel ...]] */
function pubsubNumsub(c: Client, argv: string[]): void {
  numsub(c, argv, c.server.pubsub.channels);
}

/* PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]] */
function pubsubShardnumsub(c: Client, argv: string[]): void {
  numsub(c, argv, c.server.pubsub.shardChannels);
}

/* PUBSUB NUMPAT */
function pubsubNumpat(c: Client): void {
  c.reply.integer(c.server.pubsub.patterns.size);
}

const HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

/* PUBSUB HELP */
function pubsubHelp(c: Client): void {
  c.reply.array(HELP.length);
  for (const line of HELP) c.reply.simple(line);
}

const ps = { group: 'pubsub' } as const;
const nokeys = { firstKey: 0, lastKey: 0, step: 0, group: 'pubsub' } as const;
const SUB_FLAGS = ['pubsub', 'noscript', 'loading', 'stale'] as const;
const INTRO_FLAGS = ['pubsub', 'loading', 'stale'] as const;

export const pubsubCommands = [
  cmd({ name: 'subscribe', arity: -2, flags: SUB_FLAGS, ...nokeys, since: '2.0.0', summary: 'Listen for messages published to the given channels', complexity: 'O(N) where N is the number of channels to subscribe to.', handler: subscribe }),
  cmd({ name: 'unsubscribe', arity: -1, flags: SUB_FLAGS, ...nokeys, since: '2.0.0', summary: 'Stop listening for messages posted to the given channels', complexity: 'O(N) where N is the number of clients already subscribed to a channel.', handler: unsubscribe }),
  cmd({ name: 'psubscribe', arity: -2, flags: SUB_FLAGS, ...nokeys, since: '2.0.0', summary: 'Listen for messages published to channels matching the given patterns', complexity: 'O(N) where N is the number of patterns the client is already subscribed to.', handler: psubscribe }),
  cmd({ name: 'punsubscribe', arity: -1, flags: SUB_FLAGS, ...nokeys, since: '2.0.0', summary: 'Stop listening for messages posted to channels matching the given patterns', complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).', handler: punsubscribe }),
  cmd({ name: 'publish', arity: 3, flags: ['pubsub', 'loading', 'stale', 'fast'], ...nokeys, since: '2.0.0', summary: 'Post a message to a channel', complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).', handler: publish }),
  cmd({ name: 'spublish', arity: 3, flags: ['pubsub', 'loading', 'stale', 'fast'], firstKey: 1, lastKey: 1, step: 1, ...ps, keyFlags: ['not_key'], since: '7.0.0', summary: 'Post a message to a shard channel', complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.', handler: spublish }),
  cmd({ name: 'ssubscribe', arity: -2, flags: SUB_FLAGS, firstKey: 1, lastKey: -1, step: 1, ...ps, keyFlags: ['not_key'], since: '7.0.0', summary: 'Listen for messages published to the given shard channels', complexity: 'O(N) where N is the number of shard channels to subscribe to.', handler: ssubscribe }),
  cmd({ name: 'sunsubscribe', arity: -1, flags: SUB_FLAGS, firstKey: 1, lastKey: -1, step: 1, ...ps, keyFlags: ['not_key'], since: '7.0.0', summary: 'Stop listening for messages posted to the given shard channels', complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.', handler: sunsubscribe }),
  cmd({
    name: 'pubsub', arity: -2, flags: [], ...nokeys, since: '2.8.0', summary: 'A container for Pub/Sub commands', complexity: 'Depends on subcommand.',
    subcommands: [
      cmd({ name: 'channels', arity: -2, flags: INTRO_FLAGS, ...nokeys, since: '2.8.0', summary: 'List active channels', complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)', handler: pubsubChannels }),
      cmd({ name: 'numpat', arity: 2, flags: INTRO_FLAGS, ...nokeys, since: '2.8.0', summary: 'Get the count of unique patterns pattern subscriptions', complexity: 'O(1)', handler: pubsubNumpat }),
      cmd({ name: 'numsub', arity: -2, flags: INTRO_FLAGS, ...nokeys, since: '2.8.0', summary: 'Get the count of subscribers for channels', complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels', handler: pubsubNumsub }),
      cmd({ name: 'shardchannels', arity: -2, flags: INTRO_FLAGS, ...nokeys, since: '7.0.0', summary: 'List active shard channels', complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).', handler: pubsubShardchannels }),
      cmd({ name: 'shardnumsub', arity: -2, flags: INTRO_FLAGS, ...nokeys, since: '7.0.0', summary: 'Get the count of subscribers for shard channels', complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels', handler: pubsubShardnumsub }),
      cmd({ name: 'help', arity: 2, flags: ['loading', 'stale'], ...nokeys, acl: ['-pubsub'], since: '6.2.0', summary: 'Show helpful text about the different subcommands', complexity: 'O(1)', handler: pubsubHelp }),
    ],
  }),
] satisfies CommandSpec[];
