/**
 * Protocol edge cases sent as raw bytes to Petrel and to redis-server: every reply up to the
 * close must be identical, and the connection must close where Redis closes it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { peerSkip, startPetrel, startRedis, type RunningServer } from '../helpers/server.js';

/** Sends bytes, collects everything until the server closes or goes quiet. */
function exchange(port: number, input: string, quietMs = 300): Promise<{ out: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    let out = '';
    let timer: NodeJS.Timeout;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve({ out, closed });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    };
    s.on('data', (d) => {
      out += d.toString('latin1');
      arm();
    });
    s.on('close', () => done(true));
    s.on('error', () => done(true));
    s.on('connect', () => {
      s.write(Buffer.from(input, 'latin1'));
      arm();
    });
  });
}

const CASES: Array<[string, string]> = [
  ['inline commands', 'PING\r\nECHO hello\r\nECHO "a b\\x41\\n"\r\necho \'it\\\'s\'\r\n\r\nPING\n'],
  ['unbalanced quotes', 'PING\r\nECHO "abc\r\nPING\r\n'],
  ['bad multibulk length', '*abc\r\n'],
  ['multibulk too long', '*2147483648\r\n'],
  ['big multibulk count waits', '*1048577\r\n$4\r\nPING\r\n'],
  ['expected dollar', '*1\r\n+PING\r\n'],
  ['bad bulk length', '*1\r\n$-5\r\n'],
  ['bulk length not a number', '*1\r\n$x\r\n'],
  ['empty and negative multibulk', '*0\r\n*-1\r\nPING\r\n'],
  ['pipeline', '*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n*1\r\n$4\r\nPING\r\n'],
  ['commands before an error run', '*2\r\n$4\r\nECHO\r\n$1\r\nx\r\n*1\r\n=PING\r\n'],
  ['binary bulk', '*2\r\n$4\r\nECHO\r\n$4\r\n\x00\r\n\xff\r\n'],
  ['too big inline', 'A'.repeat(70 * 1024)],
  ['too big mbulk count string', '*' + '1'.repeat(70 * 1024)],
];

describe('protocol against redis-server', { skip: peerSkip('redis-server') }, () => {
  let petrel: RunningServer;
  let redis: RunningServer;
  before(async () => {
    [petrel, redis] = await Promise.all([startPetrel(), startRedis()]);
  });
  after(async () => {
    await Promise.all([petrel?.stop(), redis?.stop()]);
  });
  for (const [name, input] of CASES) {
    it(name, async () => {
      const [p, r] = await Promise.all([exchange(petrel.port, input), exchange(redis.port, input)]);
      assert.equal(JSON.stringify(p.out), JSON.stringify(r.out));
      assert.equal(p.closed, r.closed, `closed: petrel ${p.closed}, redis ${r.closed}`);
    });
  }
});
