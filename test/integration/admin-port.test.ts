/**
 * The admin port (Dragonfly's --admin_port): a second RESP listener, plain TCP with
 * --no_tls_on_admin_port=true even when the main port requires TLS, TLS otherwise; an HTTP
 * GET on it is answered with the Prometheus metrics. Started with Dragonfly's documented
 * command line, word for word apart from the free ports.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { PETREL_BIN, freePort, peerSkip, startPetrel, waitFor, type RunningServer } from '../helpers/server.js';
import { opensslSkip, makeTestCerts, tlsPing, type TestCerts } from '../helpers/tls-certs.js';

const noOpenssl = opensslSkip();

/** Raw bytes in, everything read until the server closes or `until` matches (bounded). */
function rawExchange(port: number, send: string, until?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(send));
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error(`no complete answer within 5s: ${JSON.stringify(data)}`));
    }, 5000);
    const finish = () => {
      clearTimeout(t);
      s.destroy();
      resolve(data);
    };
    s.on('data', (d) => {
      data += d.toString('latin1');
      if (until?.test(data)) finish();
    });
    s.on('error', reject);
    s.on('close', finish);
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('admin port with Dragonfly command line', { skip: noOpenssl }, () => {
  let certs: TestCerts;
  let proc: ChildProcess;
  let out = '';
  let port: number;
  let adminPort: number;

  before(async () => {
    certs = makeTestCerts();
    port = await freePort();
    adminPort = await freePort();
    // Dragonfly's docs (managing-dragonfly/Replication.md, "admin port"):
    //   dragonfly --tls --tls_key_file=server-key.pem --tls_cert_file=server-cert.pem
    //     --tls_ca_cert_file=ca-cert.pem -admin_port=6380 --no_tls_on_admin_port=true
    // plus --requirepass and the listening port and address (Dragonfly's default 6379 is taken).
    const argv = [
      PETREL_BIN,
      '--tls',
      '--tls_key_file=server-key.pem',
      '--tls_cert_file=server-cert.pem',
      '--tls_ca_cert_file=ca-cert.pem',
      `-admin_port=${adminPort}`,
      '--no_tls_on_admin_port=true',
      '--requirepass=s3cret',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
    ];
    proc = spawn(process.execPath, argv, { cwd: certs.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (d) => (out += d.toString('latin1')));
    proc.stderr!.on('data', (d) => (out += d.toString('latin1')));
    await waitFor(() => out.includes('Ready to accept connections') || proc.exitCode !== null, 15000, 'petrel-server start');
    assert.ok(out.includes('Ready to accept connections'), out);
  });

  after(async () => {
    if (proc && proc.exitCode === null) {
      proc.kill('SIGTERM');
      await waitFor(() => proc.exitCode !== null || proc.signalCode !== null, 5000, 'exit').catch(() => proc.kill('SIGKILL'));
    }
    certs?.remove();
  });

  it('the main port requires TLS and a client certificate', async () => {
    const ca = readFileSync(certs.file('ca-cert.pem'));
    const withCert = { ca, cert: readFileSync(certs.file('client-cert.pem')), key: readFileSync(certs.file('client-key.pem')) };
    // Authenticated by requirepass after the TLS handshake.
    const reply = await tlsPing(port, withCert);
    assert.match(reply, /^-NOAUTH/);
    const noCert = await tlsPing(port, { ca });
    assert.notEqual(noCert, 'timeout');
    assert.doesNotMatch(noCert, /^[-+]/);
    const plain = await rawExchange(port, 'PING\r\n');
    assert.ok(!plain.includes('PONG') && !plain.includes('NOAUTH'), plain);
  });

  it('the admin port speaks plain RESP: AUTH, commands, CLIENT LIST laddr', async () => {
    const r = new Redis({ port: adminPort, host: '127.0.0.1', password: 's3cret', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await r.connect();
      assert.equal(await r.set('admin:k', 'v'), 'OK');
      assert.equal(await r.get('admin:k'), 'v');
      assert.equal(await r.dbsize(), 1);
      const list = String(await r.client('LIST'));
      assert.match(list, new RegExp(`laddr=127\\.0\\.0\\.1:${adminPort} `));
      assert.equal(await r.config('GET', 'admin-port').then(String), `admin-port,${adminPort}`);
    } finally {
      r.disconnect();
    }
    // Without AUTH: Redis's error, as on any port.
    assert.match(await rawExchange(adminPort, 'PING\r\n', /\r\n/), /^-NOAUTH Authentication required\./);
    // An inline `GET key` is RESP, not HTTP (no HTTP version on the line).
    assert.match(await rawExchange(adminPort, 'AUTH s3cret\r\nGET admin:k\r\n', /\$1\r\nv\r\n/), /\+OK\r\n\$1\r\nv\r\n/);
  });

  it('redis-cli -p <admin port> works without --tls', { skip: peerSkip('redis-cli') }, () => {
    const got = execFileSync('redis-cli', ['-p', String(adminPort), '-a', 's3cret', '--no-auth-warning', 'GET', 'admin:k'], { encoding: 'latin1', timeout: 10000 });
    assert.equal(got.trim(), 'v');
  });

  it('redis-cli --tls --key --cert --cacert reaches the main port', { skip: peerSkip('redis-cli') }, () => {
    const got = execFileSync('redis-cli', ['--tls', '--key', './client-key.pem', '--cert', './client-cert.pem', '--cacert', './ca-cert.pem', '-p', String(port), '-a', 's3cret', '--no-auth-warning', 'GET', 'admin:k'], {
      cwd: certs.dir,
      encoding: 'latin1',
      timeout: 10000,
    });
    assert.equal(got.trim(), 'v');
  });

  it('an HTTP GET on the admin port gets the Prometheus metrics', async () => {
    const res = await httpGet(adminPort, '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^petrel_db_keys\{db="db0"\} 1$/m);
    assert.match(res.body, /^petrel_replication_role\{role="master"\} 1$/m);
    assert.equal((await httpGet(adminPort, '/nothing')).status, 404);
  });
});

describe('admin port without no-tls-on-admin-port', { skip: noOpenssl }, () => {
  let certs: TestCerts;
  let petrel: RunningServer;
  let adminPort: number;
  before(async () => {
    certs = makeTestCerts();
    adminPort = await freePort();
    petrel = await startPetrel({
      args: ['--tls', '--tls-auth-clients', 'no', '--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), '--admin-port', String(adminPort), '--admin-bind', '127.0.0.1'],
    });
  });
  after(async () => {
    await petrel?.stop();
    certs?.remove();
  });

  it('is TLS like the main port', async () => {
    const ca = readFileSync(certs.file('ca-cert.pem'));
    assert.equal(await tlsPing(adminPort, { ca }), '+PONG');
    assert.equal(await tlsPing(petrel.port, { ca }), '+PONG');
    const plain = await rawExchange(adminPort, 'PING\r\n');
    assert.ok(!plain.includes('PONG'), plain);
  });
});

describe('admin port on a plain server', () => {
  let petrel: RunningServer;
  let adminPort: number;
  before(async () => {
    adminPort = await freePort();
    petrel = await startPetrel({ args: ['--admin-port', String(adminPort)] });
  });
  after(async () => {
    await petrel?.stop();
  });

  it('shares the keyspace and clients with the main port', async () => {
    const main = new Redis({ port: petrel.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    const admin = new Redis({ port: adminPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await main.connect();
      await admin.connect();
      await main.set('shared', '1');
      assert.equal(await admin.get('shared'), '1');
      await admin.client('SETNAME', 'ops');
      const list = String(await main.client('LIST'));
      assert.match(list, new RegExp(`laddr=127\\.0\\.0\\.1:${adminPort} .* name=ops `));
      // A pipeline split across reads after the first bytes were sniffed.
      const p = admin.pipeline();
      for (let i = 0; i < 200; i++) p.incr('n');
      await p.exec();
      assert.equal(await main.get('n'), '200');
    } finally {
      main.disconnect();
      admin.disconnect();
    }
  });

  it('a refused bind is fatal with Redis message', async () => {
    await assert.rejects(startPetrel({ args: ['--admin-port', String(petrel.port)], timeoutMs: 10000 }), /Could not create server TCP listening socket 127\.0\.0\.1:\d+: listen EADDRINUSE/);
  });
});
