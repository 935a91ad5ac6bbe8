/**
 * The replication stream's oracle: random writes of every family run on Petrel; the stream it
 * produced (DEBUG REPLSTREAM) is replayed into an empty Debian redis-server 7.0 as a replica
 * would apply it (bytes on one connection, replies ignored); then both datasets must agree:
 * DEBUG DIGEST, the keys of each db, every key's absolute expiry (PEXPIRETIME) and the state of
 * stream consumer groups (which DEBUG DIGEST does not cover).
 *
 * The reference never expires keys itself (DEBUG SET-ACTIVE-EXPIRE 0, as a replica): keys that
 * expire on Petrel are short-lived keys of their own that nothing touches before they expire,
 * so their DEL in the stream is all that removes them on both sides.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RespClient, parseReply, showReply, type Reply } from '../helpers/resp-client.js';
import { peerSkip, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';
import { Rng } from '../helpers/differential.js';

const skip = peerSkip('redis-server');
const DBS = 3;

function str(r: Reply): string {
  if (r.t === 'bulk' || r.t === 'simple' || r.t === 'int' || r.t === 'verbatim') return r.v;
  throw new Error(`unexpected reply ${showReply(r)}`);
}

/**
 * XINFO GROUPS: name, pending and last-delivered-id. Not the consumer count nor entries-read
 * and lag: Redis 7.0's own replicas differ from their master there (a history read creates a
 * consumer without telling replicas; XCLAIM ... LASTID moves the last ID but not entries-read),
 * and Petrel's stream is Redis's.
 */
function groupsInfo(r: Reply): string {
  if (r.t !== 'array') return showReply(r);
  return r.v
    .map((g) => {
      const f = (g as { v: Reply[] }).v;
      const out: string[] = [];
      for (let i = 0; i < f.length; i += 2) if (['name', 'pending', 'last-delivered-id'].includes(str(f[i]))) out.push(`${str(f[i])}=${showReply(f[i + 1])}`);
      return out.join(' ');
    })
    .join('; ');
}

/** Commands in a stream segment (each a RESP multibulk). */
function countCommands(buf: Buffer): number {
  let n = 0;
  let pos = 0;
  while (pos < buf.length) {
    const r = parseReply(buf, pos);
    if (r === null) throw new Error(`truncated stream at ${pos}: ${JSON.stringify(buf.latin1Slice(pos, pos + 80))}`);
    pos = r[1];
    n++;
  }
  return n;
}

/** A write generator over every family: keys per family, long TTLs only (see the header). */
function randomCommand(r: Rng): string[] {
  const s = () => `s:${r.int(0, 4)}`;
  const l = () => `l:${r.int(0, 3)}`;
  const S = () => `S:${r.int(0, 3)}`;
  const z = () => `z:${r.int(0, 3)}`;
  const h = () => `h:${r.int(0, 2)}`;
  const x = () => `x:${r.int(0, 1)}`;
  const v = () => r.str(r.int(1, 4));
  const far = () => String(Math.floor(Date.now() / 1000) + r.int(1000, 100000));
  const num = () => String(r.int(-20, 20));
  const gen: Array<() => string[]> = [
    // strings and TTLs
    () => ['SET', s(), v()],
    () => ['SET', s(), v(), 'EX', String(r.int(100, 10000))],
    () => ['SET', s(), v(), 'PX', String(r.int(100000, 10000000)), r.pick(['NX', 'XX', 'GET'])],
    () => ['SET', s(), v(), 'EXAT', far()],
    () => ['SET', s(), v(), 'PXAT', far() + '123'],
    () => ['SET', s(), v(), 'KEEPTTL'],
    () => ['SETEX', s(), String(r.int(100, 10000)), v()],
    () => ['PSETEX', s(), String(r.int(100000, 1000000)), v()],
    () => ['GETEX', s(), r.pick(['EX', 'PX', 'EXAT', 'PXAT']), r.pick(['5000', '9000000', far()])],
    () => ['GETEX', s(), 'PERSIST'],
    () => ['GETDEL', s()],
    () => ['INCRBYFLOAT', s(), r.pick(['1.5', '-0.1', '3e2', '0.3333333333333333333'])],
    () => ['INCRBY', s(), num()],
    () => ['APPEND', s(), v()],
    () => ['EXPIRE', s(), String(r.int(100, 10000)), ...(r.bool(0.3) ? [r.pick(['NX', 'XX', 'GT', 'LT'])] : [])],
    () => ['PEXPIRE', r.pick([s(), l(), h()]), String(r.int(100000, 10000000))],
    () => ['EXPIREAT', r.pick([s(), S(), z()]), far()],
    () => ['PEXPIREAT', s(), far() + '000'],
    () => [r.pick(['EXPIRE', 'PEXPIRE']), r.pick([s(), l(), S(), z(), h()]), String(-r.int(0, 10))],
    () => ['EXPIREAT', s(), '1'],
    () => ['PERSIST', s()],
    () => ['DEL', r.pick([s(), l(), S(), z(), h(), x()])],
    () => ['RENAME', s(), s()],
    // lists
    () => [r.pick(['LPUSH', 'RPUSH']), l(), v(), v()],
    () => [r.pick(['LPOP', 'RPOP']), l(), ...(r.bool() ? [String(r.int(1, 3))] : [])],
    () => ['LMOVE', l(), l(), r.pick(['LEFT', 'RIGHT']), r.pick(['LEFT', 'RIGHT'])],
    () => ['RPOPLPUSH', l(), l()],
    () => ['LMPOP', '2', l(), l(), r.pick(['LEFT', 'RIGHT']), 'COUNT', String(r.int(1, 3))],
    () => [r.pick(['BLPOP', 'BRPOP']), l(), l(), '0.01'],
    () => ['BLMOVE', l(), l(), 'LEFT', 'RIGHT', '0.01'],
    () => ['BLMPOP', '0.01', '1', l(), 'RIGHT', 'COUNT', '2'],
    // sets
    () => ['SADD', S(), v(), v(), String(r.int(0, 30))],
    () => ['SPOP', S()],
    () => ['SPOP', S(), String(r.int(0, 6))],
    () => ['SRANDMEMBER', S(), String(r.int(-3, 3))],
    () => ['SREM', S(), v()],
    () => ['SMOVE', S(), S(), v()],
    () => ['SINTERSTORE', S(), S(), S()],
    // sorted sets
    () => ['ZADD', z(), num(), v(), num(), v()],
    () => ['ZINCRBY', z(), r.pick(['1.5', '-2', '0.1']), v()],
    () => [r.pick(['ZPOPMIN', 'ZPOPMAX']), z(), ...(r.bool() ? [String(r.int(1, 3))] : [])],
    () => ['ZMPOP', '2', z(), z(), r.pick(['MIN', 'MAX']), ...(r.bool() ? ['COUNT', String(r.int(1, 3))] : [])],
    () => [r.pick(['BZPOPMIN', 'BZPOPMAX']), z(), '0.01'],
    () => ['BZMPOP', '0.01', '2', z(), z(), r.pick(['MIN', 'MAX']), 'COUNT', '2'],
    () => ['ZRANDMEMBER', z(), '2'],
    // hashes
    () => ['HSET', h(), v(), v()],
    () => ['HINCRBYFLOAT', h(), r.pick(['f', 'g']), r.pick(['1.1', '-3.7e1', '0.3333333333333333333'])],
    () => ['HINCRBY', h(), r.pick(['i', 'j']), num()],
    () => ['HDEL', h(), v()],
    // streams
    () => ['XADD', x(), '*', 'f', v()],
    () => ['XADD', x(), 'MAXLEN', '~', String(r.int(0, 5)), '*', 'f', v()],
    () => ['XADD', x(), 'MAXLEN', String(r.int(1, 8)), '*', 'f', v()],
    () => ['XTRIM', x(), 'MAXLEN', r.pick(['~', '=']), String(r.int(0, 10))],
    () => ['XGROUP', 'CREATE', x(), r.pick(['g1', 'g2']), r.pick(['0', '$']), 'MKSTREAM'],
    () => ['XREADGROUP', 'GROUP', r.pick(['g1', 'g2']), r.pick(['c1', 'c2', 'c3']), 'COUNT', String(r.int(1, 3)), ...(r.bool(0.3) ? ['NOACK'] : []), 'STREAMS', x(), r.pick(['>', '>', '0'])],
    () => ['XAUTOCLAIM', x(), r.pick(['g1', 'g2']), r.pick(['c4', 'c1']), '0', '0', 'COUNT', '2'],
    () => ['XACK', x(), 'g1', `${r.int(0, 9)}-0`],
    () => ['XDEL', x(), `${r.int(0, 9)}-0`],
    // hyperloglog
    () => ['PFADD', 'hll', v(), v()],
    () => ['PFCOUNT', 'hll'],
    // databases
    () => ['SELECT', String(r.int(0, DBS - 1))],
    () => ['MOVE', s(), String(r.int(0, DBS - 1))],
    () => ['COPY', s(), s(), 'DB', String(r.int(0, DBS - 1)), 'REPLACE'],
    () => ['SWAPDB', String(r.int(0, DBS - 1)), String(r.int(0, DBS - 1))],
  ];
  if (r.bool(0.01)) return ['FLUSHDB'];
  return r.pick(gen)();
}

describe('differential: replication stream replayed into redis-server', { skip }, () => {
  let petrel: RunningServer;
  let redis: RunningServer;
  before(async () => {
    [petrel, redis] = await Promise.all([startPetrel({ args: ['--repl-backlog-size', '64mb'] }), startRedis()]);
  });
  after(async () => {
    await Promise.all([petrel?.stop(), redis?.stop()]);
  });

  it('records nothing before the backlog exists (repl_backlog_active:0, as Redis)', async () => {
    const p = await RespClient.connect(petrel.port);
    try {
      await p.call('SET', 'k', 'v');
      const info = str(await p.call('INFO', 'replication'));
      assert.match(info, /master_repl_offset:0\r\n/);
      assert.match(info, /repl_backlog_active:0\r\n/);
      assert.match(info, /repl_backlog_first_byte_offset:0\r\n/);
      assert.match(info, /repl_backlog_histlen:0\r\n/);
      const r = (await p.call('DEBUG', 'REPLSTREAM')) as { t: 'array'; v: Reply[] };
      assert.equal(showReply(r), 'array[int("1"), bulk("")]');
      assert.match(str(await p.call('INFO', 'replication')), /repl_backlog_active:1\r\nrepl_backlog_size:67108864\r\nrepl_backlog_first_byte_offset:1\r\nrepl_backlog_histlen:0\r\n/);
    } finally {
      p.close();
    }
  });

  /**
   * Runs `body` on Petrel with a fresh dataset, then replays the stream it produced into a
   * flushed redis-server and compares.
   */
  async function oracle(body: (p: RespClient) => Promise<void>): Promise<void> {
    const p = await RespClient.connect(petrel.port);
    const ref = await RespClient.connect(redis.port);
    try {
      await p.call('FLUSHALL');
      await p.call('SELECT', '0');
      const start = await p.call('DEBUG', 'REPLSTREAM');
      assert.equal(start.t, 'array');
      const startOffset = Number(str((start as { v: Reply[] }).v[0])) + str((start as { v: Reply[] }).v[1]).length;
      // Puts the stream in db 0, where the reference's replay connection starts.
      await p.call('SET', '__start', '1');
      await p.call('DEL', '__start');
      await body(p);
      const end = (await p.call('DEBUG', 'REPLSTREAM')) as { t: 'array'; v: Reply[] };
      const first = Number(str(end.v[0]));
      const bytes = Buffer.from(str(end.v[1]), 'latin1').subarray(startOffset - first);
      const info = str(await p.call('INFO', 'replication'));
      assert.match(info, /repl_backlog_active:1/);
      assert.match(info, new RegExp(`master_repl_offset:${first + str(end.v[1]).length - 1}\\r\\n`));

      await ref.call('FLUSHALL');
      await ref.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
      const n = countCommands(bytes);
      const replies = n ? await ref.sendRaw(bytes, n) : [];
      const errors = replies.filter((r) => r.t === 'error').map(showReply);
      assert.deepEqual(errors, [], 'the reference refused part of the stream');
      await ref.call('SELECT', '0');
      await p.call('SELECT', '0');
      await compare(p, ref, bytes);
    } finally {
      p.close();
      ref.close();
    }
  }

  async function compare(p: RespClient, ref: RespClient, bytes: Buffer): Promise<void> {
    const stream = () => bytes.toString('latin1').replace(/\r\n/g, ' ').slice(-3000);
    assert.equal(showReply(await p.call('DEBUG', 'DIGEST')), showReply(await ref.call('DEBUG', 'DIGEST')), `DEBUG DIGEST differs; stream tail: ${stream()}`);
    for (let db = 0; db < DBS + 2; db++) {
      await p.call('SELECT', String(db));
      await ref.call('SELECT', String(db));
      const keys = (c: RespClient) => c.call('KEYS', '*').then((r) => (r as { v: Reply[] }).v.map(str).sort());
      const pk = await keys(p);
      assert.deepEqual(pk, await keys(ref), `keys of db ${db}`);
      for (const k of pk) {
        assert.equal(showReply(await p.call('PEXPIRETIME', k)), showReply(await ref.call('PEXPIRETIME', k)), `PEXPIRETIME ${k} in db ${db}`);
        if (str(await p.call('TYPE', k)) !== 'stream') continue;
        assert.equal(groupsInfo(await p.call('XINFO', 'GROUPS', k)), groupsInfo(await ref.call('XINFO', 'GROUPS', k)), `XINFO GROUPS ${k} in db ${db}`);
        const groups = (await p.call('XINFO', 'GROUPS', k)) as { v: Reply[] };
        for (const g of groups.v) {
          const name = str((g as { v: Reply[] }).v[1]);
          assert.equal(showReply(await p.call('XPENDING', k, name)), showReply(await ref.call('XPENDING', k, name)), `XPENDING ${k} ${name}`);
        }
      }
    }
  }

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random writes of every family, seed ${seed}`, async () => {
      await oracle(async (p) => {
        const r = new Rng(seed * 7919);
        for (let i = 0; i < 400; i++) {
          const argv = randomCommand(r);
          if (r.bool(0.06)) {
            // A transaction of a few commands (reads and failing commands included).
            await p.call('MULTI');
            const k = r.int(0, 4);
            for (let j = 0; j < k; j++) await p.call(...randomCommand(r));
            await p.call(r.bool(0.9) ? 'EXEC' : 'DISCARD');
          } else {
            await p.call(...argv);
          }
        }
      });
    });
  }

  it('blocking pops served by pushes from another connection', async () => {
    const other = await RespClient.connect(petrel.port);
    try {
      await oracle(async (p) => {
        const cases: Array<{ block: string[]; feed: string[][]; db?: string }> = [
          { block: ['BLPOP', 'bl', '0'], feed: [['RPUSH', 'bl', 'a', 'b']] },
          { block: ['BRPOP', 'nope', 'bl2', '0'], feed: [['LPUSH', 'bl2', 'a', 'b', 'c']] },
          { block: ['BLMOVE', 'bm', 'bdst', 'RIGHT', 'LEFT', '0'], feed: [['RPUSH', 'bm', 'x', 'y']] },
          { block: ['BRPOPLPUSH', 'bp', 'bdst', '0'], feed: [['RPUSH', 'bp', 'x', 'y']] },
          { block: ['BLMPOP', '0', '2', 'q1', 'q2', 'LEFT', 'COUNT', '2'], feed: [['RPUSH', 'q2', '1', '2', '3']] },
          { block: ['BZPOPMIN', 'bz', '0'], feed: [['ZADD', 'bz', '1', 'a', '2', 'b']] },
          { block: ['BZMPOP', '0', '1', 'bz2', 'MAX', 'COUNT', '2'], feed: [['ZADD', 'bz2', '1', 'a', '2', 'b', '3', 'c']] },
          { block: ['BLPOP', 'sel', '0'], feed: [['RPUSH', 'sel', 'v']], db: '2' },
          { block: ['XREADGROUP', 'GROUP', 'g', 'c1', 'BLOCK', '0', 'COUNT', '2', 'STREAMS', 'bx', '>'], feed: [['XADD', 'bx', '*', 'f', '1']] },
          { block: ['XREADGROUP', 'GROUP', 'g', 'c2', 'BLOCK', '0', 'NOACK', 'STREAMS', 'bx', '>'], feed: [['XADD', 'bx', '*', 'f', '2']] },
          // Pushed inside a transaction: served after EXEC.
          { block: ['BLPOP', 'bt', '0'], feed: [['MULTI'], ['RPUSH', 'bt', 'a'], ['SET', 'k', 'v', 'EX', '500'], ['EXEC']] },
        ];
        await p.call('XGROUP', 'CREATE', 'bx', 'g', '$', 'MKSTREAM');
        for (const c of cases) {
          await other.call('SELECT', c.db ?? '0');
          await p.call('SELECT', c.db ?? '0');
          const pending = other.sendRaw(Buffer.from(c.block.map((a) => `$${a.length}\r\n${a}\r\n`).reduce((s, x) => s + x, `*${c.block.length}\r\n`), 'latin1'));
          await waitFor(async () => /blocked_clients:1\r\n/.test(str(await p.call('INFO', 'clients'))), 5000, `${c.block[0]} to block`);
          for (const f of c.feed) await p.call(...f);
          const [reply] = await pending;
          assert.notEqual(reply.t, 'nullarray', `${c.block.join(' ')} was not served`);
        }
      });
    } finally {
      other.close();
    }
  });

  it('keys that expire: actively, lazily, and EXPIRE in the past', async () => {
    await oracle(async (p) => {
      // Active expiry: keys nothing touches, gone by the cycle.
      await p.call('SELECT', '3');
      for (let i = 0; i < 20; i++) await p.call('SET', `act:${i}`, 'v', 'PX', String(10 + i));
      await p.call('HSET', 'act:h', 'f', 'v');
      await p.call('PEXPIRE', 'act:h', '15');
      await waitFor(async () => str(await p.call('DBSIZE')) === '0', 10000, 'active expiry');
      // Lazy expiry: the cycle is off; commands find the keys expired (DEL before them).
      await p.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
      try {
        await p.call('SELECT', '4');
        for (let i = 0; i < 6; i++) await p.call('SET', `lazy:${i}`, 'v', 'PX', '20');
        await p.call('RPUSH', 'lazy:l', 'a');
        await p.call('PEXPIRE', 'lazy:l', '20');
        await new Promise((res) => setTimeout(res, 60));
        await p.call('GET', 'lazy:0');
        await p.call('APPEND', 'lazy:1', 'x');
        await p.call('SET', 'lazy:2', 'new');
        await p.call('MULTI');
        await p.call('EXISTS', 'lazy:3');
        await p.call('INCR', 'lazy:4');
        await p.call('EXEC');
        await p.call('RPUSH', 'lazy:l', 'b');
        await p.call('SCAN', '0', 'COUNT', '100');
        await p.call('EXPIRE', 'lazy:l', '-1');
      } finally {
        await p.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
      }
      await p.call('SELECT', '0');
      await p.call('SET', 'past', 'v');
      await p.call('EXPIREAT', 'past', '1');
      await p.call('SET', 'past2', 'v');
      await p.call('GETEX', 'past2', 'PXAT', '1');
      await p.call('SET', 'live', 'v', 'EX', '1000');
    });
  });

  it('CONFIG SET repl-backlog-size resizes the backlog, keeping the latest bytes', async () => {
    const p = await RespClient.connect(petrel.port);
    try {
      await p.call('SET', 'big', 'x'.repeat(40000));
      await p.call('CONFIG', 'SET', 'repl-backlog-size', '100');
      const info = str(await p.call('INFO', 'replication'));
      assert.match(info, /repl_backlog_size:16384\r\n/);
      assert.match(info, /repl_backlog_histlen:16384\r\n/);
      const end = Number(/master_repl_offset:(\d+)/.exec(info)![1]);
      assert.match(info, new RegExp(`repl_backlog_first_byte_offset:${end - 16384 + 1}\\r\\n`));
      const r = (await p.call('DEBUG', 'REPLSTREAM')) as { t: 'array'; v: Reply[] };
      assert.equal(str(r.v[1]).length, 16384);
      assert.ok(str(r.v[1]).endsWith('x'.repeat(100) + '\r\n'));
    } finally {
      await p.call('CONFIG', 'SET', 'repl-backlog-size', '64mb');
      p.close();
    }
  });

  it('transactions, databases and flushes', async () => {
    await oracle(async (p) => {
      await p.call('MULTI');
      await p.call('SET', 'a', '1');
      await p.call('SELECT', '1');
      await p.call('SET', 'a', '2');
      await p.call('GET', 'a');
      await p.call('INCRBYFLOAT', 'f', '2.5');
      await p.call('EXEC');
      await p.call('SELECT', '0');
      await p.call('MULTI');
      await p.call('GET', 'a');
      await p.call('EXEC');
      await p.call('MULTI');
      await p.call('SET', 'only', 'one', 'PX', '900000');
      await p.call('EXEC');
      await p.call('SELECT', '2');
      await p.call('FLUSHDB');
      await p.call('SET', 'x', 'y');
      await p.call('SWAPDB', '2', '1');
      await p.call('SELECT', '1');
      await p.call('SPOP', 'nothing');
      await p.call('SADD', 'S', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
      await p.call('SPOP', 'S', '3');
      await p.call('SPOP', 'S', '6');
      await p.call('SPOP', 'S', '100');
      await p.call('PUBLISH', 'chan', 'msg');
    });
  });
});
