/**
 * Test certificates made with the openssl command line in a temporary directory, the way
 * Dragonfly's docs make them: a CA, a server certificate (CN localhost, SAN 127.0.0.1) and a
 * client certificate signed by it, a second unrelated CA with its own client certificate, an
 * expired client certificate (`openssl ca -startdate/-enddate` in the past: no clock faking),
 * the server key encrypted with a passphrase, and a DER copy of the server certificate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TestCerts {
  dir: string;
  /** Absolute path of a file in dir. */
  file(name: string): string;
  remove(): void;
}

/** Passphrase of server-key-enc.pem. */
export const KEY_PASS = 'petrel-pass';

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'latin1', timeout: 60000 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/**
 * Skip reason when the openssl command is missing (the TLS tests skip visibly), or throws under
 * PETREL_REQUIRE_PEERS=1 (CI installs it).
 */
export function opensslSkip(): string | false {
  if (spawnSync('openssl', ['version']).status === 0) return false;
  const msg = 'needs the openssl command (apt-get install openssl)';
  if (process.env.PETREL_REQUIRE_PEERS === '1') throw new Error(`PETREL_REQUIRE_PEERS=1 but ${msg}`);
  return msg;
}

/** Makes every file listed in the module comment; throws when openssl fails. */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'petrel-certs-'));
  const o = (...args: string[]) => openssl(dir, args);
  const key = (name: string) => o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name);
  const ca = (name: string, cn: string) => {
    key(`${name}-key.pem`);
    o('req', '-x509', '-new', '-key', `${name}-key.pem`, '-out', `${name}-cert.pem`, '-days', '30', '-subj', `/CN=${cn}`);
  };
  const csr = (name: string, cn: string) => {
    key(`${name}-key.pem`);
    o('req', '-new', '-key', `${name}-key.pem`, '-out', `${name}-req.pem`, '-subj', `/CN=${cn}`);
  };
  const sign = (name: string, caName: string, serial: string, ext?: string) =>
    o('x509', '-req', '-in', `${name}-req.pem`, '-days', '30', '-CA', `${caName}-cert.pem`, '-CAkey', `${caName}-key.pem`, '-set_serial', serial, '-out', `${name}-cert.pem`, ...(ext ? ['-extfile', ext] : []));

  ca('ca', 'Petrel Test CA');
  ca('other-ca', 'Some Other CA');
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  csr('server', 'localhost');
  sign('server', 'ca', '1', 'server.ext');
  csr('client', 'petrel-client');
  sign('client', 'ca', '2');
  csr('stranger', 'stranger-client');
  sign('stranger', 'other-ca', '3');

  // Expired: signed by the right CA, valid only for one day in 2020.
  csr('expired', 'expired-client');
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial.txt'), '10\n');
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[ ca ]\ndefault_ca = test\n[ test ]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial.txt\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[ any ]\ncommonName = supplied\n',
  );
  o('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca-cert.pem', '-keyfile', 'ca-key.pem', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-in', 'expired-req.pem', '-out', 'expired-cert.pem', '-notext');

  o('pkey', '-in', 'server-key.pem', '-aes256', '-passout', `pass:${KEY_PASS}`, '-out', 'server-key-enc.pem');
  o('x509', '-in', 'server-cert.pem', '-outform', 'DER', '-out', 'server-cert.der');

  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Sends PING over TLS and returns '+PONG', or how it failed ('error: ...', 'closed'). Bounded:
 * 'timeout' after 5 s (a failure for every caller).
 */
export function tlsPing(port: number, opts: tls.ConnectionOptions): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    let finished = false;
    const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ...opts });
    const done = (r: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done('timeout'), 5000);
    s.on('secureConnect', () => s.write('PING\r\n'));
    s.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (out.includes('\r\n')) done(out.trim());
    });
    s.on('error', (e) => done(`error: ${e.message}`));
    s.on('close', () => done('closed'));
  });
}
