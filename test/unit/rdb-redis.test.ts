/**
 * Files written by our RDB writer, checked by Redis 7.0 itself: `redis-check-rdb` accepts them,
 * and a redis-server started on them (with deep payload sanitization) holds exactly the data of
 * the fixture they were made from: every key's DEBUG DIGEST-VALUE and expiry match what the
 * original server reported. Skips visibly without redis-server (fails under PETREL_REQUIRE_PEERS=1).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { peerSkip, startRedis } from '../helpers/server.js';
import { RespClient } from '../helpers/resp-client.js';
import { decodeRdb } from '../../src/persistence/rdb/reader.js';
import { encodeRdb } from '../../src/persistence/rdb/writer.js';
import { FIXTURES, fixtureNames, loadJson, toDatabases } from '../helpers/rdb.js';

const skip = peerSkip('redis-server', 'redis-check-rdb');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const AUX = {
  'redis-ver': '7.0.15',
  'redis-bits': '64',
  ctime: String(Math.floor(Date.now() / 1000)),
  'used-mem': '1000000',
  'repl-stream-db': '0',
  'repl-id': 'a'.repeat(40),
  'repl-offset': '0',
  'aof-base': '0',
};

describe('RDB written by Petrel, loaded by redis-server 7.0', { skip }, () => {
  for (const name of fixtureNames) {
    for (const compression of [true, false]) {
      it(`${name} (rdbcompression ${compression ? 'yes' : 'no'})`, async () => {
        const src = decodeRdb(readFileSync(path.join(FIXTURES, `${name}.rdb`)));
        const out = encodeRdb(toDatabases(src.records), AUX, { compression, checksum: compression });
        const dir = mkdtempSync(path.join(os.tmpdir(), 'petrel-rdb-'));
        dirs.push(dir);
        writeFileSync(path.join(dir, 'dump.rdb'), out);

        const check = spawnSync('redis-check-rdb', [path.join(dir, 'dump.rdb')], { encoding: 'latin1', timeout: 20000 });
        assert.equal(check.status, 0, `redis-check-rdb failed:\n${check.stdout}${check.stderr}`);

        const server = await startRedis({ args: ['--dir', dir, '--dbfilename', 'dump.rdb', '--sanitize-dump-payload', 'yes'] });
        const c = await RespClient.connect(server.port);
        try {
          const json = loadJson(name);
          for (let db = 0; db < 16; db++) {
            await c.call('SELECT', String(db));
            const keys = json[db] ?? {};
            const size = await c.call('DBSIZE');
            assert.deepEqual(size, { t: 'int', v: String(Object.keys(keys).length) }, `db ${db} size`);
            for (const [key, exp] of Object.entries(keys)) {
              const k = key;
              assert.deepEqual(await c.call('DEBUG', 'DIGEST-VALUE', k), { t: 'array', v: [{ t: 'simple', v: exp.digest }] }, `${db}:${key} digest`);
              assert.deepEqual(await c.call('PEXPIRETIME', k), { t: 'int', v: String(exp.pexpiretime) }, `${db}:${key} expiry`);
              assert.deepEqual(await c.call('TYPE', k), { t: 'simple', v: exp.type }, `${db}:${key} type`);
            }
          }
        } finally {
          c.close();
          await server.stop();
        }
      });
    }
  }
});
