/**
 * MULTI/EXEC/WATCH against a real Petrel with two ioredis connections: what one connection
 * does breaks the other's transaction. Expected behaviour checked against redis-server 7.0.15.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startPetrel, type RunningServer } from '../helpers/server.js';
import { ioredis } from '../helpers/clients.js';

let srv: RunningServer;
let a: Redis;
let b: Redis;

function connect(port: number): Redis {
  return ioredis(port);
}

before(async () => {
  srv = await startPetrel();
  a = connect(srv.port);
  b = connect(srv.port);
});

after(async () => {
  a.disconnect();
  b.disconnect();
  await srv.stop();
});

describe('WATCH across connections', () => {
  it('a write from another client breaks the transaction', async () => {
    await a.set('w1', '1');
    await a.watch('w1');
    await b.set('w1', '2');
    const res = await a.multi().set('w1', '3').exec();
    assert.equal(res, null);
    assert.equal(await a.get('w1'), '2');
  });

  it('an untouched watched key lets EXEC run', async () => {
    await a.watch('w2');
    await b.set('other', 'x');
    const res = await a.multi().set('w2', 'ok').get('w2').exec();
    assert.deepEqual(res, [
      [null, 'OK'],
      [null, 'ok'],
    ]);
  });

  it('EXEC, DISCARD and UNWATCH forget the watches', async () => {
    await a.watch('w3');
    await a.multi().ping().exec();
    await b.set('w3', 'x');
    assert.deepEqual(await a.multi().ping().exec(), [[null, 'PONG']]);
    await a.watch('w3');
    await a.unwatch();
    await b.set('w3', 'y');
    assert.deepEqual(await a.multi().ping().exec(), [[null, 'PONG']]);
  });

  it('deletes, expiry changes and other types of writes break it', async () => {
    await a.set('w4', '1');
    await a.watch('w4');
    await b.expire('w4', 100);
    assert.equal(await a.multi().ping().exec(), null);
    await a.watch('w4');
    await b.del('w4');
    assert.equal(await a.multi().ping().exec(), null);
    await a.set('w5', 'x');
    await a.watch('w5');
    await b.rename('w5', 'w5b');
    assert.equal(await a.multi().ping().exec(), null);
  });

  it('watching in another db is not broken by the same key name in db 0', async () => {
    await a.select(1);
    await a.watch('w6');
    await b.set('w6', 'x');
    assert.deepEqual(await a.multi().ping().exec(), [[null, 'PONG']]);
    await a.watch('w6');
    await b.select(1);
    await b.set('w6', 'y');
    await b.select(0);
    assert.equal(await a.multi().ping().exec(), null);
    await a.select(0);
  });

  it('CLIENT LIST shows multi=, the x and d flags', async () => {
    await a.set('w7', '1');
    await a.watch('w7');
    await b.set('w7', '2');
    await a.call('MULTI');
    await a.call('SET', 'w7', 'x');
    await a.call('GET', 'w7');
    const line = String(await b.call('CLIENT', 'LIST', 'ID', String(await b.call('CLIENT', 'ID')))); // b itself
    assert.match(line, /multi=-1/);
    const all = String(await b.call('CLIENT', 'LIST'));
    const mine = all.split('\n').find((l) => / multi=2 /.test(l));
    assert.ok(mine, all);
    assert.match(mine!, /flags=xd /);
    assert.equal(await a.call('EXEC'), null);
  });

  it('commandstats count EXEC and the queued commands, not the queueing', async () => {
    await a.config('RESETSTAT');
    await a.multi().set('cs', '1').incr('cs').exec();
    const info = await a.info('commandstats');
    assert.match(info, /cmdstat_exec:calls=1,/);
    assert.match(info, /cmdstat_multi:calls=1,/);
    assert.match(info, /cmdstat_set:calls=1,/);
    assert.match(info, /cmdstat_incr:calls=1,/);
    // A failing queued command counts against itself, not against EXEC.
    await a.config('RESETSTAT');
    await a.set('cs', 'abc');
    await a.multi().incr('cs').exec();
    const info2 = await a.info('commandstats');
    assert.match(info2, /cmdstat_exec:calls=1,.*failed_calls=0/);
    assert.match(info2, /cmdstat_incr:calls=1,.*failed_calls=1/);
  });

  it('a client that disconnects inside MULTI leaves no trace', async () => {
    const c = connect(srv.port);
    await c.watch('w8');
    await c.call('MULTI');
    await c.call('SET', 'w8', 'x');
    c.disconnect();
    await b.set('w8', 'y');
    assert.equal(await b.get('w8'), 'y');
  });
});
