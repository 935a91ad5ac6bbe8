/**
 * TLS on the client port: certificates made by openssl in a temp dir (test/helpers/tls-certs.ts),
 * Redis's tls-* directives and Dragonfly's `--tls` spelling, real clients (ioredis, redis-cli
 * --tls), and the refusals: no client certificate, a certificate from another CA, an expired
 * one; bad files are fatal at start-up with the file's name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { Redis } from 'ioredis';
import { freePort, peerSkip, startPetrel, type RunningServer } from '../helpers/server.js';
import { KEY_PASS, opensslSkip, makeTestCerts, tlsPing, type TestCerts } from '../helpers/tls-certs.js';

const noOpenssl = opensslSkip();

function assertRefused(result: string, what: string): void {
  assert.notEqual(result, '+PONG', `${what}: accepted`);
  assert.notEqual(result, 'timeout', `${what}: no answer at all`);
}

describe('TLS', { skip: noOpenssl }, () => {
  let certs: TestCerts;
  const pem = (name: string) => readFileSync(certs.file(name));
  const client = (name = 'client') => ({ ca: pem('ca-cert.pem'), cert: pem(`${name}-cert.pem`), key: pem(`${name}-key.pem`) });

  before(() => {
    certs = makeTestCerts();
  });
  after(() => certs?.remove());

  describe('tls-port with client certificates required (the default)', () => {
    let petrel: RunningServer;
    let tlsPort: number;
    before(async () => {
      tlsPort = await freePort();
      petrel = await startPetrel({
        args: ['--tls-port', String(tlsPort), '--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), '--tls-ca-cert-file', certs.file('ca-cert.pem')],
      });
    });
    after(async () => {
      await petrel?.stop();
    });

    it('serves ioredis over TLS, and plain RESP on port', async () => {
      const r = new Redis({ port: tlsPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, tls: { ...client(), servername: 'localhost' } });
      try {
        await r.connect();
        assert.equal(await r.set('tls:k', 'v'), 'OK');
        assert.equal(await r.get('tls:k'), 'v');
        // Big replies go through the TLS socket intact (several TLS records).
        const big = 'x'.repeat(2 * 1024 * 1024);
        await r.set('tls:big', big);
        assert.equal(await r.get('tls:big'), big);
        const list = await r.client('LIST');
        assert.match(String(list), new RegExp(`laddr=127\\.0\\.0\\.1:${tlsPort} `));
      } finally {
        r.disconnect();
      }
      const plain = new Redis({ port: petrel.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await plain.connect();
        assert.equal(await plain.get('tls:k'), 'v');
      } finally {
        plain.disconnect();
      }
    });

    it('serves redis-cli --tls --cert --key --cacert', { skip: peerSkip('redis-cli') }, () => {
      const out = execFileSync('redis-cli', ['--tls', '--cert', certs.file('client-cert.pem'), '--key', certs.file('client-key.pem'), '--cacert', certs.file('ca-cert.pem'), '-p', String(tlsPort), 'PING'], {
        encoding: 'latin1',
        timeout: 10000,
      });
      assert.equal(out.trim(), 'PONG');
    });

    it('refuses a client without a certificate', async () => {
      assertRefused(await tlsPing(tlsPort, { ca: pem('ca-cert.pem') }), 'no client certificate');
    });

    it('refuses a client certificate signed by another CA', async () => {
      assertRefused(await tlsPing(tlsPort, client('stranger')), 'certificate from another CA');
    });

    it('refuses an expired client certificate', async () => {
      assertRefused(await tlsPing(tlsPort, { ...client('expired'), key: pem('expired-key.pem') }), 'expired certificate');
    });

    it('refuses plain RESP on the TLS port', async () => {
      const out = await new Promise<string>((resolve) => {
        let data = '';
        const s = net.connect(tlsPort, '127.0.0.1', () => s.write('PING\r\n'));
        const t = setTimeout(() => {
          s.destroy();
          resolve(`timeout ${data}`);
        }, 5000);
        s.on('data', (d) => (data += d.toString('latin1')));
        s.on('error', () => undefined);
        s.on('close', () => {
          clearTimeout(t);
          resolve(data);
        });
      });
      assert.ok(!out.includes('+PONG'), out);
      assert.ok(!out.startsWith('timeout'), 'the server should close the connection');
    });

    it('refuses redis-cli --tls without --cert/--key', { skip: peerSkip('redis-cli') }, () => {
      let out = '';
      try {
        out = execFileSync('redis-cli', ['--tls', '--cacert', certs.file('ca-cert.pem'), '-p', String(tlsPort), 'PING'], { encoding: 'latin1', timeout: 10000, stdio: 'pipe' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? '');
      }
      assert.notEqual(out.trim(), 'PONG');
    });
  });

  describe('tls-auth-clients, protocols, ciphers, CA dir, key passphrase', () => {
    const servers: RunningServer[] = [];
    after(async () => {
      for (const s of servers) await s.stop();
    });
    async function tlsServer(...extra: string[]): Promise<number> {
      const port = await freePort();
      const s = await startPetrel({ args: ['--port', String(port), '--tls', '--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), ...extra] });
      servers.push(s);
      return port;
    }

    it('tls-auth-clients no: no client certificate needed', async () => {
      const port = await tlsServer('--tls-auth-clients', 'no');
      assert.equal(await tlsPing(port, { ca: pem('ca-cert.pem') }), '+PONG');
    });

    it('tls-auth-clients optional: none is fine, a bad one is refused, a good one is accepted', async () => {
      const port = await tlsServer('--tls-auth-clients', 'optional', '--tls-ca-cert-file', certs.file('ca-cert.pem'));
      assert.equal(await tlsPing(port, { ca: pem('ca-cert.pem') }), '+PONG');
      assert.equal(await tlsPing(port, client()), '+PONG');
      assertRefused(await tlsPing(port, client('stranger')), 'optional + certificate from another CA');
    });

    it('tls-ca-cert-dir verifies client certificates', async () => {
      const caDir = certs.file('cadir');
      mkdirSync(caDir, { recursive: true });
      copyFileSync(certs.file('ca-cert.pem'), `${caDir}/ca.pem`);
      const port = await tlsServer('--tls-ca-cert-dir', caDir);
      assert.equal(await tlsPing(port, client()), '+PONG');
      assertRefused(await tlsPing(port, client('stranger')), 'CA dir + certificate from another CA');
    });

    it('tls-protocols limits the versions', async () => {
      const port = await tlsServer('--tls-auth-clients', 'no', '--tls-protocols', 'TLSv1.2');
      assert.equal(await tlsPing(port, { ca: pem('ca-cert.pem'), maxVersion: 'TLSv1.2' }), '+PONG');
      assertRefused(await tlsPing(port, { ca: pem('ca-cert.pem'), minVersion: 'TLSv1.3' }), 'TLSv1.3 against TLSv1.2 only');
      const both = await tlsServer('--tls-auth-clients', 'no', '--tls-protocols', 'TLSv1.2 TLSv1.3');
      assert.equal(await tlsPing(both, { ca: pem('ca-cert.pem'), minVersion: 'TLSv1.3' }), '+PONG');
    });

    it('tls-ciphersuites (TLSv1.3) and tls-ciphers (TLSv1.2) choose the cipher', async () => {
      const port = await tlsServer('--tls-auth-clients', 'no', '--tls-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256', '--tls-ciphers', 'ECDHE-ECDSA-AES128-GCM-SHA256');
      const cipherOf = (opts: tls.ConnectionOptions) =>
        new Promise<string>((resolve, reject) => {
          const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pem('ca-cert.pem'), ...opts }, () => {
            const name = s.getCipher().name;
            s.destroy();
            resolve(name);
          });
          s.on('error', reject);
          s.setTimeout(5000, () => s.destroy(new Error('timeout')));
        });
      assert.equal(await cipherOf({ minVersion: 'TLSv1.3' }), 'TLS_CHACHA20_POLY1305_SHA256');
      assert.equal(await cipherOf({ maxVersion: 'TLSv1.2' }), 'ECDHE-ECDSA-AES128-GCM-SHA256');
    });

    it('tls-key-file-pass opens an encrypted key', async () => {
      const port = await freePort();
      const s = await startPetrel({
        args: ['--port', String(port), '--tls', '--tls-auth-clients', 'no', '--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key-enc.pem'), '--tls-key-file-pass', KEY_PASS],
      });
      servers.push(s);
      assert.equal(await tlsPing(port, { ca: pem('ca-cert.pem') }), '+PONG');
    });
  });

  describe('bad TLS files are fatal at start-up, naming the file', () => {
    async function startFails(args: string[]): Promise<string> {
      try {
        const s = await startPetrel({ args: ['--tls-port', String(await freePort()), '--tls-auth-clients', 'no', ...args], timeoutMs: 10000 });
        await s.stop();
      } catch (e) {
        return (e as Error).message;
      }
      assert.fail('petrel-server started with a bad TLS file');
    }

    it('missing certificate file', async () => {
      const msg = await startFails(['--tls-cert-file', certs.file('nope.pem'), '--tls-key-file', certs.file('server-key.pem')]);
      assert.match(msg, /exited with 1/);
      assert.match(msg, /Failed to load certificate: .*nope\.pem: No such file or directory/);
    });

    it('a DER (not PEM) certificate', async () => {
      const msg = await startFails(['--tls-cert-file', certs.file('server-cert.der'), '--tls-key-file', certs.file('server-key.pem')]);
      assert.match(msg, /exited with 1/);
      assert.match(msg, /server-cert\.der: not a PEM file/);
    });

    it('an encrypted key without (or with a wrong) passphrase', async () => {
      let msg = await startFails(['--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key-enc.pem')]);
      assert.match(msg, /Failed to load private key: .*server-key-enc\.pem/);
      msg = await startFails(['--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key-enc.pem'), '--tls-key-file-pass', 'wrong']);
      assert.match(msg, /Failed to load private key: .*server-key-enc\.pem/);
    });

    it('a missing CA file, and client auth without any CA', async () => {
      let msg = await startFails(['--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), '--tls-ca-cert-file', certs.file('nope-ca.pem')]);
      assert.match(msg, /Failed to load CA certificate file: .*nope-ca\.pem/);
      msg = await startFails(['--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), '--tls-auth-clients', 'yes']);
      assert.match(msg, /Either tls-ca-cert-file or tls-ca-cert-dir must be specified/);
    });

    it('an unknown protocol in tls-protocols', async () => {
      const msg = await startFails(['--tls-cert-file', certs.file('server-cert.pem'), '--tls-key-file', certs.file('server-key.pem'), '--tls-protocols', 'SSLv3']);
      assert.match(msg, /Invalid tls-protocols specified: SSLv3/);
    });
  });
});
