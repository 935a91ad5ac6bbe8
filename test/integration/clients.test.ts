/**
 * Real clients against a real Petrel process: ioredis, node-redis (RESP2 and RESP3) and
 * redis-cli, including pipelining and binary values.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { peerSkip, startPetrel, type RunningServer } from '../helpers/server.js';

describe('real clients', () => {
  let petrel: RunningServer;
  before(async () => {
    petrel = await startPetrel();
  });
  after(async () => {
    await petrel?.stop();
  });

  it('ioredis: commands, pipelines and binary values', async () => {
    const r = new Redis({ port: petrel.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await r.connect();
    try {
      assert.equal(await r.ping(), 'PONG');
      assert.equal(await r.set('k', 'v'), 'OK');
      assert.equal(await r.get('k'), 'v');
      const bin = Buffer.from([0, 255, 13, 10, 128, 1]);
      await r.set(Buffer.from([1, 2, 0xff]), bin);
      assert.deepEqual(await r.getBuffer(Buffer.from([1, 2, 0xff])), bin);
      const p = r.pipeline();
      for (let i = 0; i < 500; i++) p.set(`p:${i}`, String(i));
      for (let i = 0; i < 500; i++) p.get(`p:${i}`);
      const res = (await p.exec())!;
      assert.equal(res.length, 1000);
      for (let i = 0; i < 500; i++) assert.equal(res[500 + i][1], String(i));
      const big = 'x'.repeat(3 * 1024 * 1024);
      await r.set('big', big);
      assert.equal((await r.get('big'))!.length, big.length);
    } finally {
      r.disconnect();
    }
  });

  for (const RESP of [2, 3] as const) {
    it(`node-redis over RESP${RESP}`, async () => {
      const c = createClient({ socket: { port: petrel.port, host: '127.0.0.1', reconnectStrategy: false }, RESP });
      c.on('error', () => {});
      await c.connect();
      try {
        assert.equal(await c.ping(), 'PONG');
        assert.equal(await c.set('nr', 'hello'), 'OK');
        assert.equal(await c.get('nr'), 'hello');
        assert.equal(await c.get('nr:missing'), null);
        await assert.rejects(c.sendCommand(['NOSUCHCMD']), /unknown command/);
        const many = await Promise.all(Array.from({ length: 100 }, (_, i) => c.set(`nr:${i}`, String(i))));
        assert.ok(many.every((x) => x === 'OK'));
      } finally {
        c.destroy();
      }
    });
  }

  it('redis-cli', { skip: peerSkip('redis-cli') }, () => {
    const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(petrel.port), ...args], { encoding: 'latin1', timeout: 10000 }).trim();
    assert.equal(cli('PING'), 'PONG');
    assert.equal(cli('SET', 'cli', 'a b'), 'OK');
    assert.equal(cli('GET', 'cli'), 'a b');
    assert.match(cli('NOSUCH'), /ERR unknown command 'NOSUCH'/);
    // Commands from standard input, as scripts feed redis-cli.
    const out = execFileSync('redis-cli', ['-p', String(petrel.port)], { input: 'SET s 1\nGET s\n', encoding: 'latin1', timeout: 10000 });
    assert.equal(out, 'OK\n1\n');
  });
});
