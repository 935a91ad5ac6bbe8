/**
 * RDB persistence with real processes: SAVE + restart, BGSAVE under a concurrent write load
 * (the file must be exactly the dataset at BGSAVE's start), files exchanged with Debian's
 * redis-server both ways, save points, SHUTDOWN/SIGTERM saves, a corrupt file, MISCONF,
 * DEBUG RELOAD. Digests (DEBUG DIGEST) decide equality.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { peerSkip, startPetrel, startRedis, waitFor, type RunningServer } from '../helpers/server.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'petrel-persist-'));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function client(port: number): Redis {
  return new Redis({ port, host: '127.0.0.1', lazyConnect: false, maxRetriesPerRequest: 0, enableOfflineQueue: true });
}

async function info(r: Redis, field: string): Promise<string> {
  const text = await r.info('persistence');
  const m = new RegExp(`^${field}:(.*)$`, 'm').exec(text);
  return m ? m[1].trim() : '';
}

async function digest(r: Redis): Promise<string> {
  return String(await r.call('DEBUG', 'DIGEST'));
}

/** Every type, TTLs, three databases. */
async function writeAllTypes(r: Redis): Promise<void> {
  await r.select(0);
  await r.set('str', 'hello');
  await r.set('int', '12345');
  await r.set('big', 'x'.repeat(5000));
  await r.set('ttl', 'v', 'EX', 100000);
  await r.rpush('list', 'a', 'b', 'c', '1', '2');
  await r.rpush('biglist', ...Array.from({ length: 300 }, (_, i) => `e${i}`));
  await r.sadd('set', 'x', 'y', 'z');
  await r.sadd('intset', '1', '2', '3');
  await r.sadd('bigset', ...Array.from({ length: 600 }, (_, i) => String(i)));
  await r.hset('hash', 'f', 'v', 'f2', 'v2');
  await r.hset('bighash', ...Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`]).flat());
  await r.zadd('zset', 1, 'a', 2.5, 'b', -3, 'c');
  await r.zadd('bigzset', ...Array.from({ length: 200 }, (_, i) => [String(i / 3), `m${i}`]).flat());
  await r.xadd('stream', '1-1', 'f', 'v');
  await r.xadd('stream', '2-1', 'f', 'w', 'g', 'h');
  await r.call('XGROUP', 'CREATE', 'stream', 'grp', '0');
  await r.call('XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '1', 'STREAMS', 'stream', '>');
  await r.pexpire('hash', 100000000);
  await r.select(3);
  await r.set('in-db3', 'yes');
  await r.rpush('l3', 'q');
  await r.select(15);
  await r.set('in-db15', 'yes');
  await r.select(0);
}

describe('SAVE and restart', () => {
  it('loads every type, TTLs and several databases (digest equal)', async () => {
    const dir = tmp();
    let srv = await startPetrel({ args: ['--dir', dir] });
    let r = client(srv.port);
    await writeAllTypes(r);
    const before = await digest(r);
    assert.equal(await r.save(), 'OK');
    assert.equal(await info(r, 'rdb_changes_since_last_save'), '0');
    assert.equal(await info(r, 'rdb_saves'), '1');
    const last = Number(await r.lastsave());
    assert.ok(Math.abs(last - Date.now() / 1000) < 60);
    r.disconnect();
    await srv.stop();
    srv = await startPetrel({ args: ['--dir', dir] });
    r = client(srv.port);
    try {
      assert.equal(await digest(r), before);
      const ttl = await r.ttl('ttl');
      assert.ok(ttl > 99000 && ttl <= 100000, `ttl ${ttl}`);
      assert.match(srv.output(), /Loading RDB produced by version 7\.0\.15/);
      assert.match(srv.output(), /DB loaded from disk: \d+\.\d{3} seconds/);
      assert.equal(await info(r, 'rdb_last_load_keys_loaded'), '17');
      // DEBUG RELOAD: save, flush, load: same data.
      assert.equal(await r.call('DEBUG', 'RELOAD'), 'OK');
      assert.equal(await digest(r), before);
    } finally {
      r.disconnect();
      await srv.stop();
    }
  });
});

describe('BGSAVE', () => {
  it('writes exactly the dataset of its start under a concurrent write load', async () => {
    const dir = tmp();
    const srv = await startPetrel({ args: ['--dir', dir, '--save', ''] });
    const r = client(srv.port);
    const writers: Redis[] = [];
    try {
      await r.call('DEBUG', 'POPULATE', '200000');
      const p = r.pipeline();
      for (let i = 0; i < 500; i++) {
        p.rpush(`list:${i}`, 'a', 'b', 'c');
        p.sadd(`set:${i}`, `m${i}`, 'shared');
        p.expire(`key:${i * 7}`, 500000);
      }
      await p.exec();
      await r.select(1);
      await r.call('DEBUG', 'POPULATE', '20000', 'one');
      await r.select(2);
      await r.call('DEBUG', 'POPULATE', '1000', 'two');
      await r.select(0);

      // The load: several connections, each pipelining mixed writes until BGSAVE is over.
      let stop = false;
      let writes = 0;
      let writesDuring = 0;
      let saving = false;
      const loops: Array<Promise<void>> = [];
      for (let w = 0; w < 4; w++) {
        const c = client(srv.port);
        writers.push(c);
        loops.push(
          (async () => {
            let n = 0;
            for (let round = 0; !stop && round < 2000; round++) {
              const q = c.pipeline();
              for (let k = 0; k < 50; k++, n++) {
                const i = (n * 7919 + w * 104729) % 200000;
                q.lpush(`list:${i % 500}`, `v${n}`);
                q.lpop(`list:${(i + 1) % 500}`);
                q.sunionstore(`set:${i % 500}`, `set:${(i + 2) % 500}`, `set:${(i + 3) % 500}`);
                q.del(`key:${i}`);
                q.set(`key:${(i + 11) % 200000}`, `w${w}:${n}`);
                q.set(`fresh:${w}:${n}`, 'new');
                q.expire(`key:${(i + 13) % 200000}`, 600000);
                q.rename(`key:${(i + 17) % 200000}`, `renamed:${w}:${n}`);
              }
              if (round % 5 === 0) {
                q.select(1);
                q.del(`one:${n % 20000}`);
                q.set(`one:${(n + 1) % 20000}`, 'changed');
                q.select(0);
              }
              const res = await q.exec();
              writes += res?.length ?? 0;
              if (saving) writesDuring += res?.length ?? 0;
              await new Promise((res2) => setImmediate(res2));
            }
          })(),
        );
      }
      await new Promise((res) => setTimeout(res, 50));
      // DEBUG DIGEST and BGSAVE in one transaction: nothing runs between them.
      saving = true;
      const tx = await r.multi().call('DEBUG', 'DIGEST').bgsave().exec();
      assert.ok(tx);
      const startDigest = String(tx[0][1]);
      assert.equal(tx[1][1], 'Background saving started');
      // While it runs: the refusals Redis gives.
      const inProgress = (await info(r, 'rdb_bgsave_in_progress')) === '1';
      if (inProgress) {
        await assert.rejects(r.bgsave(), /Background save already in progress/);
        await assert.rejects(r.save(), /Background save already in progress/);
      }
      // A FLUSHDB of db 2 and a SWAPDB while it runs: the snapshot keeps the start state.
      await r.select(2);
      await r.flushdb();
      await r.set('after-flush', '1');
      await r.swapdb(1, 3);
      await r.select(0);
      await waitFor(async () => (await info(r, 'rdb_bgsave_in_progress')) === '0', 60000, 'BGSAVE end');
      saving = false;
      stop = true;
      await Promise.all(loops);
      assert.equal(await info(r, 'rdb_last_bgsave_status'), 'ok');
      assert.ok(writes > 0);
      assert.ok(existsSync(path.join(dir, 'dump.rdb')));
      assert.ok(!existsSync(path.join(dir, `temp-${srv.proc.pid}.rdb`)));
      assert.notEqual(await digest(r), startDigest, 'the writes changed the live dataset');
      console.log(`# ${writesDuring} write commands while the BGSAVE ran`);

      const dir2 = tmp();
      copyFileSync(path.join(dir, 'dump.rdb'), path.join(dir2, 'dump.rdb'));
      const b = await startPetrel({ args: ['--dir', dir2, '--save', ''] });
      const rb = client(b.port);
      try {
        assert.equal(await digest(rb), startDigest);
      } finally {
        rb.disconnect();
        await b.stop();
      }
    } finally {
      for (const w of writers) w.disconnect();
      r.disconnect();
      await srv.stop();
    }
  });

  it('BGSAVE SCHEDULE, LASTSAVE, and syntax', async () => {
    const srv = await startPetrel({ args: ['--save', ''] });
    const r = client(srv.port);
    try {
      await r.call('DEBUG', 'POPULATE', '100000');
      const tx = await r.multi().bgsave().call('BGSAVE', 'SCHEDULE').exec();
      assert.equal(tx![0][1], 'Background saving started');
      assert.equal(tx![1][1], 'Background saving scheduled');
      await assert.rejects(r.call('BGSAVE', 'x'), /ERR syntax error/);
      // The scheduled one runs after the first: two saves in the end.
      await waitFor(async () => (await info(r, 'rdb_saves')) === '2' && (await info(r, 'rdb_bgsave_in_progress')) === '0', 30000, 'two BGSAVEs');
      assert.ok(Number(await r.lastsave()) > 0);
    } finally {
      r.disconnect();
      await srv.stop();
    }
  });
});

describe('files exchanged with redis-server', () => {
  const skip = peerSkip('redis-server');

  it('a file written by Petrel loads in redis-server', { skip }, async () => {
    const p = await startPetrel({ args: ['--save', ''] });
    const rp = client(p.port);
    const dir = tmp();
    let want: string;
    try {
      await writeAllTypes(rp);
      want = await digest(rp);
      await rp.save();
      copyFileSync(path.join(p.dir, 'dump.rdb'), path.join(dir, 'dump.rdb'));
    } finally {
      rp.disconnect();
      await p.stop();
    }
    const rs = await startRedis({ args: ['--dir', dir, '--dbfilename', 'dump.rdb'] });
    const rr = client(rs.port);
    try {
      assert.equal(await digest(rr), want);
    } finally {
      rr.disconnect();
      await rs.stop();
    }
  });

  it('a dump.rdb written by redis-server loads in Petrel', { skip }, async () => {
    const rs = await startRedis();
    const rr = client(rs.port);
    const dir = tmp();
    let want: string;
    try {
      await writeAllTypes(rr);
      await rr.call('DEBUG', 'POPULATE', '2000');
      want = await digest(rr);
      await rr.save();
      copyFileSync(path.join(rs.dir, 'dump.rdb'), path.join(dir, 'dump.rdb'));
    } finally {
      rr.disconnect();
      await rs.stop();
    }
    const p = await startPetrel({ args: ['--dir', dir, '--save', ''] });
    const rp = client(p.port);
    try {
      assert.equal(await digest(rp), want);
    } finally {
      rp.disconnect();
      await p.stop();
    }
  });
});

describe('save points and shutdown', () => {
  it('a save point triggers a BGSAVE', async () => {
    const srv = await startPetrel({ args: ['--save', '1', '2'] });
    const r = client(srv.port);
    try {
      await r.set('a', '1');
      await r.set('b', '2');
      await waitFor(async () => (await info(r, 'rdb_saves')) === '1', 15000, 'save point BGSAVE');
      assert.match(srv.output(), /2 changes in 1 seconds\. Saving\.\.\./);
      assert.match(srv.output(), /Background saving terminated with success/);
      assert.ok(existsSync(path.join(srv.dir, 'dump.rdb')));
      assert.equal(await info(r, 'rdb_changes_since_last_save'), '0');
    } finally {
      r.disconnect();
      await srv.stop();
    }
  });

  it('SHUTDOWN saves when save points are set; NOSAVE skips; SIGTERM saves', async () => {
    const dir = tmp();
    let srv = await startPetrel({ args: ['--dir', dir, '--save', '3600', '1'] });
    let r = client(srv.port);
    await r.set('k', 'v1');
    await r.call('SHUTDOWN').catch(() => undefined);
    assert.equal(await srv.exited(), 0);
    r.disconnect();
    assert.match(srv.output(), /Saving the final RDB snapshot before exiting/);

    srv = await startPetrel({ args: ['--dir', dir, '--save', '3600', '1'] });
    r = client(srv.port);
    assert.equal(await r.get('k'), 'v1');
    await r.set('k', 'v2');
    await r.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    assert.equal(await srv.exited(), 0);
    r.disconnect();

    srv = await startPetrel({ args: ['--dir', dir, '--save', '3600', '1'] });
    r = client(srv.port);
    assert.equal(await r.get('k'), 'v1');
    await r.set('k', 'v3');
    r.disconnect();
    assert.equal(await srv.stop(), 0); // SIGTERM

    srv = await startPetrel({ args: ['--dir', dir, '--save', ''] });
    r = client(srv.port);
    try {
      assert.equal(await r.get('k'), 'v3');
      await r.set('k', 'v4');
      // No save points: only SHUTDOWN SAVE writes.
      await r.call('SHUTDOWN', 'SAVE').catch(() => undefined);
      assert.equal(await srv.exited(), 0);
    } finally {
      r.disconnect();
    }
    srv = await startPetrel({ args: ['--dir', dir, '--save', ''] });
    r = client(srv.port);
    try {
      assert.equal(await r.get('k'), 'v4');
    } finally {
      r.disconnect();
      await srv.stop();
    }
  });

  it('a corrupt dump.rdb is a fatal start-up error (exit 1)', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'dump.rdb'), Buffer.from('REDIS0010\xfa\x09redis-ver\x067.0.15\xfe\x00\x00\x03key', 'latin1'));
    await assert.rejects(startPetrel({ args: ['--dir', dir] }), (e: Error) => {
      assert.match(e.message, /exited with 1 before ready/);
      assert.match(e.message, /Short read|Internal error in RDB|Wrong/);
      return true;
    });
    writeFileSync(path.join(dir, 'dump.rdb'), 'NOTREDIS');
    await assert.rejects(startPetrel({ args: ['--dir', dir] }), /exited with 1 before ready/);
  });
});

describe('stop-writes-on-bgsave-error', () => {
  it('a failed BGSAVE refuses writes with MISCONF until a save succeeds', async () => {
    const srv: RunningServer = await startPetrel({ args: ['--save', '3600', '1', '--enable-protected-configs', 'yes'] });
    const r = client(srv.port);
    const gone = path.join(tmp(), 'gone');
    mkdirSync(gone);
    try {
      await r.set('a', '1');
      await r.config('SET', 'dir', gone);
      rmSync(gone, { recursive: true, force: true });
      assert.equal(await r.bgsave(), 'Background saving started');
      await waitFor(async () => (await info(r, 'rdb_last_bgsave_status')) === 'err', 10000, 'failed BGSAVE');
      await assert.rejects(r.set('b', '2'), /^ReplyError: MISCONF Redis is configured to save RDB snapshots/);
      await assert.rejects(r.ping(), /MISCONF/);
      assert.equal(await r.get('a'), '1');
      await r.config('SET', 'stop-writes-on-bgsave-error', 'no');
      assert.equal(await r.set('b', '2'), 'OK');
      await r.config('SET', 'stop-writes-on-bgsave-error', 'yes');
      await r.config('SET', 'dir', srv.dir);
      assert.equal(await r.save(), 'OK');
      assert.equal(await info(r, 'rdb_last_bgsave_status'), 'ok');
      assert.equal(await r.set('c', '3'), 'OK');
    } finally {
      r.disconnect();
      await srv.stop();
    }
  });
});
