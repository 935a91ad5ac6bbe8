/**
 * Streams against a real Petrel process with ioredis: what the differential cannot show —
 * blocking XREAD / XREADGROUP (served by XADD, timeouts, group destroyed while blocked, inside
 * MULTI), auto-generated IDs, OBJECT ENCODING, keyspace notifications. Expected values were
 * checked against redis-server 7.0.15.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis, errorOf as err } from '../helpers/clients.js';

let srv: RunningServer;
let r: Redis;
const extra: Redis[] = [];

function client(): Redis {
  const c = ioredis(srv.port);
  extra.push(c);
  return c;
}

/** Resolves once `n` clients are blocked (INFO clients), bounded. */
async function blockedClients(n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = await r.info('clients');
    const m = /blocked_clients:(\d+)/.exec(info);
    if (m && Number(m[1]) >= n) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`never saw ${n} blocked clients`);
}

before(async () => {
  srv = await startPetrel();
  r = ioredis(srv.port);
});

after(async () => {
  for (const c of extra) c.disconnect();
  r.disconnect();
  await srv.stop();
});

let n = 0;
let k = '';
beforeEach(() => {
  k = `st${n++}`;
});

describe('stream basics', () => {
  it('auto IDs increase, encoding is "stream", type is "stream"', async () => {
    const a = (await r.xadd(k, '*', 'f', '1'))!;
    const b = (await r.xadd(k, '*', 'f', '2'))!;
    const [ams, aseq] = a.split('-').map(BigInt);
    const [bms, bseq] = b.split('-').map(BigInt);
    assert.ok(bms > ams || (bms === ams && bseq > aseq), `${a} < ${b}`);
    assert.ok(Math.abs(Number(ams) - Date.now()) < 60_000);
    assert.equal(await r.object('ENCODING', k), 'stream');
    assert.equal(await r.type(k), 'stream');
    assert.equal(await r.xlen(k), 2);
  });

  it('an emptied stream keeps its key', async () => {
    await r.xadd(k, '1-1', 'f', 'v');
    assert.equal(await r.xdel(k, '1-1'), 1);
    assert.equal(await r.exists(k), 1);
    assert.equal(await r.xlen(k), 0);
  });

  it('wrong type', async () => {
    await r.set(k, 'x');
    assert.match(await err(r.xadd(k, '*', 'f', 'v')), /^WRONGTYPE/);
    assert.match(await err(r.xrange(k, '-', '+')), /^WRONGTYPE/);
  });

  it('keyspace notifications for xadd, xtrim, xdel, xgroup-create', async () => {
    await r.config('SET', 'notify-keyspace-events', 'KEt');
    const sub = client();
    const seen: string[] = [];
    await sub.psubscribe(`__keyspace@0__:${k}`);
    sub.on('pmessage', (_p, _ch, msg) => seen.push(msg));
    await r.xadd(k, 'MAXLEN', '1', '1-1', 'f', 'v');
    await r.xadd(k, 'MAXLEN', '1', '2-1', 'f', 'v');
    await r.xdel(k, '2-1');
    await r.xgroup('CREATE', k, 'g', '0');
    for (let i = 0; i < 200 && seen.length < 5; i++) await new Promise((res) => setTimeout(res, 10));
    assert.deepEqual(seen, ['xadd', 'xadd', 'xtrim', 'xdel', 'xgroup-create']);
    await r.config('SET', 'notify-keyspace-events', '');
  });
});

describe('blocking reads', () => {
  it('XREAD BLOCK is served by XADD', async () => {
    const b = client();
    const p = b.xread('BLOCK', 5000, 'STREAMS', k, '$');
    await blockedClients(1);
    await r.xadd(k, '5-1', 'f', 'v');
    assert.deepEqual(await p, [[k, [['5-1', ['f', 'v']]]]]);
  });

  it('XREAD BLOCK times out with a null reply', async () => {
    const b = client();
    const t0 = Date.now();
    assert.equal(await b.xread('BLOCK', 50, 'STREAMS', k, '$'), null);
    assert.ok(Date.now() - t0 >= 40);
  });

  it('XREAD BLOCK inside MULTI does not block', async () => {
    const res = await r.multi().xread('BLOCK', 0, 'STREAMS', k, '$').exec();
    assert.deepEqual(res, [[null, null]]);
  });

  it('XREADGROUP BLOCK is served by XADD and adds to the PEL', async () => {
    await r.xgroup('CREATE', k, 'g', '$', 'MKSTREAM');
    const b = client();
    const p = b.xreadgroup('GROUP', 'g', 'alice', 'BLOCK', 5000, 'STREAMS', k, '>');
    await blockedClients(1);
    await r.xadd(k, '7-1', 'f', 'v');
    assert.deepEqual(await p, [[k, [['7-1', ['f', 'v']]]]]);
    const pending = (await r.xpending(k, 'g')) as unknown[];
    assert.deepEqual(pending, [1, '7-1', '7-1', [['alice', '1']]]);
  });

  it('XGROUP DESTROY wakes blocked XREADGROUP with NOGROUP', async () => {
    await r.xgroup('CREATE', k, 'g', '$', 'MKSTREAM');
    const b = client();
    const p = err(b.xreadgroup('GROUP', 'g', 'bob', 'BLOCK', 5000, 'STREAMS', k, '>'));
    await blockedClients(1);
    await r.xgroup('DESTROY', k, 'g');
    assert.equal(await p, 'NOGROUP the consumer group this client was blocked on no longer exists');
  });

  it('DEL or a SET of another type wakes blocked XREADGROUP with an error', async () => {
    for (const kill of [() => r.del(k), () => r.set(k, 'x')]) {
      await r.del(k);
      await r.xgroup('CREATE', k, 'g', '$', 'MKSTREAM');
      const b = client();
      const p = err(b.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 5000, 'STREAMS', k, '>'));
      await blockedClients(1);
      await kill();
      assert.equal(await p, 'UNBLOCKED the stream key no longer exists');
    }
  });

  it('a blocked XREAD stays blocked when its key is deleted', async () => {
    await r.xadd(k, '1-1', 'f', 'v');
    const b = client();
    const p = b.xread('BLOCK', 5000, 'STREAMS', k, '$');
    await blockedClients(1);
    await r.del(k);
    await r.xadd(k, '2-1', 'f', 'w');
    assert.deepEqual(await p, [[k, [['2-1', ['f', 'w']]]]]);
  });

  it('several blocked readers are all served by one XADD', async () => {
    const readers = [client(), client(), client()];
    const ps = readers.map((c) => c.xread('BLOCK', 5000, 'STREAMS', k, '0'));
    await blockedClients(3);
    await r.xadd(k, '1-1', 'a', 'b');
    for (const p of ps) assert.deepEqual(await p, [[k, [['1-1', ['a', 'b']]]]]);
  });
});
