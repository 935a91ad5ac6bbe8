/**
 * Pub/sub against a real Petrel: messages between connections in RESP2 (ioredis) and RESP3
 * (raw client, push frames), patterns, shard channels, keyspace notifications, INFO and CLIENT
 * LIST counters, and the pubsub output buffer limit. Formats checked against redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Redis } from 'ioredis';
import { peerSkip, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';
import { RespClient, showReply, encodeCommand } from '../helpers/resp-client.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
let pub: Redis;

function connect(port: number): Redis {
  return ioredis(port);
}

/** Collects 'message'/'pmessage' events of an ioredis subscriber. */
function collect(sub: Redis): string[] {
  const got: string[] = [];
  sub.on('message', (ch: string, msg: string) => got.push(`${ch}=${msg}`));
  sub.on('pmessage', (pat: string, ch: string, msg: string) => got.push(`${pat}:${ch}=${msg}`));
  return got;
}

before(async () => {
  srv = await startPetrel();
  pub = connect(srv.port);
});

after(async () => {
  pub.disconnect();
  await srv.stop();
});

describe('pub/sub RESP2', () => {
  it('delivers messages to channel and pattern subscribers', async () => {
    const sub = connect(srv.port);
    const got = collect(sub);
    await sub.subscribe('news', 'sport');
    await sub.psubscribe('n*');
    assert.equal(await pub.publish('news', 'hello'), 2);
    assert.equal(await pub.publish('nothing', 'x'), 1);
    assert.equal(await pub.publish('other', 'x'), 0);
    await waitFor(() => got.length === 3, 5000, 'messages');
    assert.deepEqual(got.sort(), ['n*:news=hello', 'n*:nothing=x', 'news=hello'].sort());
    assert.deepEqual(await pub.call('PUBSUB', 'NUMSUB', 'news', 'sport', 'none'), ['news', 1, 'sport', 1, 'none', 0]);
    assert.equal(await pub.call('PUBSUB', 'NUMPAT'), 1);
    assert.deepEqual(((await pub.call('PUBSUB', 'CHANNELS')) as string[]).sort(), ['news', 'sport']);
    assert.deepEqual(await pub.call('PUBSUB', 'CHANNELS', 's*'), ['sport']);
    const info = await pub.info('stats');
    assert.match(info, /pubsub_channels:2\r\n/);
    assert.match(info, /pubsub_patterns:1\r\n/);
    const list = String(await pub.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    assert.match(list, / flags=P /);
    assert.match(list, / sub=2 psub=1 ssub=0 /);
    sub.disconnect();
    await waitFor(async () => (await pub.call('PUBSUB', 'NUMPAT')) === 0, 5000, 'cleanup on disconnect');
    assert.deepEqual(await pub.call('PUBSUB', 'CHANNELS'), []);
  });

  it('binary channel names and messages pass through unchanged', async () => {
    const sub = connect(srv.port);
    const got: Buffer[] = [];
    sub.on('messageBuffer', (_ch: Buffer, msg: Buffer) => got.push(msg));
    const ch = Buffer.from([0, 0xff, 0x0d, 0x0a]);
    try {
      await sub.subscribe(ch as unknown as string);
      const msg = Buffer.from([1, 2, 0xfe, 0x80]);
      assert.equal(await pub.publish(ch as unknown as string, msg as unknown as string), 1);
      await waitFor(() => got.length === 1, 5000, 'binary message');
      assert.deepEqual(got[0], msg);
    } finally {
      sub.disconnect();
    }
  });

  it('shard channels: SSUBSCRIBE / SPUBLISH, not seen by patterns', async () => {
    const c = await RespClient.connect(srv.port);
    const p = await RespClient.connect(srv.port);
    try {
    assert.equal(showReply(await c.call('PSUBSCRIBE', '*')), showReply({ t: 'array', v: [{ t: 'bulk', v: 'psubscribe' }, { t: 'bulk', v: '*' }, { t: 'int', v: '1' }] }));
    const r = await c.call('SSUBSCRIBE', 'sh');
    assert.equal(showReply(r), showReply({ t: 'array', v: [{ t: 'bulk', v: 'ssubscribe' }, { t: 'bulk', v: 'sh' }, { t: 'int', v: '1' }] }));
    const pending = c.sendRaw('', 1);
    assert.equal(showReply(await p.call('SPUBLISH', 'sh', 'm')), showReply({ t: 'int', v: '1' }));
    const [msg] = await pending;
    assert.equal(showReply(msg), showReply({ t: 'array', v: [{ t: 'bulk', v: 'smessage' }, { t: 'bulk', v: 'sh' }, { t: 'bulk', v: 'm' }] }));
    assert.match(showReply(await p.call('INFO', 'stats')), /pubsubshard_channels:1/);
    } finally {
      c.close();
      p.close();
    }
  });
});

describe('pub/sub RESP3', () => {
  it('messages arrive as push frames and other commands still work', async () => {
    const c = await RespClient.connect(srv.port);
    await c.call('HELLO', '3');
    const sub = await c.call('SUBSCRIBE', 'r3');
    assert.equal(sub.t, 'push');
    assert.equal(showReply(await c.call('SET', 'r3key', 'v')), showReply({ t: 'simple', v: 'OK' }));
    assert.equal(await pub.publish('r3', 'hi'), 1);
    await waitFor(() => c.pushes.length === 1, 5000, 'push');
    assert.equal(showReply(c.pushes[0]), showReply({ t: 'push', v: [{ t: 'bulk', v: 'message' }, { t: 'bulk', v: 'r3' }, { t: 'bulk', v: 'hi' }] }));
    assert.equal(showReply(await c.call('PING')), showReply({ t: 'simple', v: 'PONG' }));
    assert.equal((await c.call('RESET')).t, 'simple');
    assert.equal(await pub.publish('r3', 'again'), 0);
    c.close();
  });
});

describe('keyspace notifications', () => {
  it('publishes __keyspace@ and __keyevent@ for string and generic writes', async () => {
    await pub.config('SET', 'notify-keyspace-events', 'KEA');
    const sub = connect(srv.port);
    const got = collect(sub);
    await sub.psubscribe('__key*__:*');
    await pub.set('kn', '1');
    await pub.incrby('kn', 2);
    await pub.append('kn', 'x');
    await pub.expire('kn', 100);
    await pub.persist('kn');
    await pub.rename('kn', 'kn2');
    await pub.del('kn2');
    const want = [
      ['set', 'kn'],
      ['incrby', 'kn'],
      ['append', 'kn'],
      ['expire', 'kn'],
      ['persist', 'kn'],
      ['rename_from', 'kn'],
      ['rename_to', 'kn2'],
      ['del', 'kn2'],
    ];
    await waitFor(() => got.length === want.length * 2, 5000, 'notifications');
    const expected: string[] = [];
    for (const [ev, key] of want) {
      expected.push(`__key*__:*:__keyspace@0__:${key}=${ev}`);
      expected.push(`__key*__:*:__keyevent@0__:${ev}=${key}`);
    }
    assert.deepEqual(got, expected);
    sub.disconnect();
  });

  it('class and type flags filter; expired keys announce themselves', async () => {
    await pub.config('SET', 'notify-keyspace-events', 'Ex');
    const sub = connect(srv.port);
    const got = collect(sub);
    await sub.subscribe('__keyevent@0__:expired', '__keyevent@0__:set');
    await pub.set('kx', 'v', 'PX', 20);
    // Lazy expiry on access, bounded wait for the time to pass.
    await waitFor(async () => (await pub.exists('kx')) === 0, 5000, 'expiry');
    await waitFor(() => got.length >= 1, 5000, 'expired event');
    assert.deepEqual(got, ['__keyevent@0__:expired=kx']);
    await pub.config('SET', 'notify-keyspace-events', '');
    sub.disconnect();
  });
});

/** Runs a script of writes with notify-keyspace-events KEA and returns the keyevents seen. */
async function keyevents(port: number): Promise<string[]> {
  const a = connect(port);
  const s = connect(port);
  try {
    await a.flushall();
    await a.config('SET', 'notify-keyspace-events', 'KEA');
    const got: string[] = [];
    s.on('pmessage', (_p: string, ch: string, m: string) => got.push(`${ch}=${m}`));
    await s.psubscribe('__keyevent@*');
    await a.set('k', '1', 'EX', 100);
    await a.setrange('k', 0, 'x');
    await a.set('n', '1');
    await a.incrbyfloat('n', 1.5);
    await a.incr('i');
    await a.copy('k', 'k2');
    await a.move('k2', 1);
    await a.getex('k', 'PX', 1000);
    await a.getex('k', 'PERSIST');
    await a.expire('k', -1);
    await a.mset('m1', 1, 'm2', 2);
    await a.msetnx('m3', 1);
    await a.getdel('m1');
    await a.getset('m2', 3);
    await a.setex('m4', 10, 'v');
    await a.del('m2', 'm4', 'nokey');
    await a.pexpireat('m3', 1);
    await a.renamenx('n', 'nn');
    await a.setnx('nn', 1);
    await a.append('ap', 'x');
    await a.swapdb(0, 1);
    await a.flushdb();
    await a.set('last', '1');
    await waitFor(() => got.some((g) => g.endsWith('=last')), 5000, 'last event');
    await a.config('SET', 'notify-keyspace-events', '');
    return got;
  } finally {
    a.disconnect();
    s.disconnect();
  }
}

describe('keyspace notifications match redis-server', { skip: peerSkip('redis-server') }, () => {
  it('same events in the same order for string and generic writes', async () => {
    const redis = await startRedis();
    try {
      const [mine, theirs] = [await keyevents(srv.port), await keyevents(redis.port)];
      assert.deepEqual(mine, theirs);
    } finally {
      await redis.stop();
    }
  });
});

describe('client-output-buffer-limit pubsub', () => {
  it('closes a subscriber that does not read once its output passes the hard limit', async () => {
    await pub.config('SET', 'client-output-buffer-limit', 'pubsub 1mb 512kb 60');
    // A raw subscriber that never reads after subscribing.
    const s = net.connect(srv.port, '127.0.0.1');
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    s.write(encodeCommand(['SUBSCRIBE', 'flood']));
    await waitFor(async () => ((await pub.call('PUBSUB', 'NUMSUB', 'flood')) as unknown[])[1] === 1, 5000, 'subscribed');
    s.pause();
    let closed = false;
    s.on('close', () => (closed = true));
    s.on('error', () => {});
    const big = 'x'.repeat(256 * 1024);
    // Bounded: at most 400 x 256kb = 100mb; the kill comes long before.
    for (let i = 0; i < 400; i++) {
      const n = await pub.publish('flood', big);
      if (n === 0) break;
    }
    assert.equal(((await pub.call('PUBSUB', 'NUMSUB', 'flood')) as unknown[])[1], 0);
    s.resume();
    await waitFor(() => closed, 10000, 'subscriber closed');
    assert.match(srv.output(), /scheduled to be closed ASAP for overcoming of output buffer limits/);
    await pub.config('SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60');
    s.destroy();
  });
});
