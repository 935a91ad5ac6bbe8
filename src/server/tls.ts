/**
 * TLS settings from the config (Redis's tls-* directives, Dragonfly's tls_* spellings) turned
 * into the options of Node's tls.Server. PEM files only, as Dragonfly: a certificate, key or CA
 * that is missing, unreadable or not PEM is a fatal start-up error naming the file.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import type { Config } from '../config/config.js';

/** A TLS setting that cannot be used; the message names the directive or file. */
export class TlsConfigError extends Error {}

/** tls-auth-clients: yes = a certificate is required, optional = verified when sent. */
export type TlsAuthClients = 'yes' | 'no' | 'optional';

/** What a TLS listener needs: the options of tls.createServer plus the client-cert policy. */
export interface TlsServerSettings {
  options: tls.TlsOptions;
  authClients: TlsAuthClients;
}

const PROTOCOLS: readonly tls.SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** True when the config asks for any TLS listener (tls-port, or `tls yes` for the main port). */
export function tlsWanted(config: Config): boolean {
  return config.num('tls-port') !== 0 || config.bool('tls');
}

/**
 * Reads the certificate files named by the config and builds one SecureContext for every TLS
 * listener. Throws TlsConfigError with a message fit for the start-up log.
 */
export function tlsServerSettings(config: Config): TlsServerSettings {
  const certFile = config.str('tls-cert-file');
  const keyFile = config.str('tls-key-file');
  const caFile = config.str('tls-ca-cert-file');
  const caDir = config.str('tls-ca-cert-dir');
  const authClients = config.str('tls-auth-clients') as TlsAuthClients;
  if (certFile === '') throw new TlsConfigError('No tls-cert-file configured (Dragonfly: --tls_cert_file)');
  if (keyFile === '') throw new TlsConfigError('No tls-key-file configured (Dragonfly: --tls_key_file)');
  // Redis refuses to verify clients without something to verify them against.
  if (authClients !== 'no' && caFile === '' && caDir === '') {
    throw new TlsConfigError('Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-auth-clients is enabled (set tls-auth-clients no to accept clients without certificates)');
  }

  const cert = readPem(certFile, 'certificate', 'CERTIFICATE');
  const keyText = readPem(keyFile, 'private key', 'PRIVATE KEY');
  const passphrase = config.str('tls-key-file-pass') || undefined;
  try {
    // Checks the passphrase now: Node would otherwise fail later with a vaguer message.
    createPrivateKey({ key: keyText, format: 'pem', passphrase });
  } catch (e) {
    throw new TlsConfigError(`Failed to load private key: ${keyFile}: ${(e as Error).message}${passphrase ? '' : ' (encrypted key? set tls-key-file-pass)'}`);
  }

  const ca: string[] = [];
  if (caFile !== '') ca.push(readPem(caFile, 'CA certificate file', 'CERTIFICATE'));
  if (caDir !== '') ca.push(...readCaDir(caDir));

  const options: tls.TlsOptions = { cert, key: keyText, passphrase };
  if (ca.length > 0) options.ca = ca;
  const dh = config.str('tls-dh-params-file');
  if (dh !== '') options.dhparam = readPem(dh, 'DH parameters file', 'DH PARAMETERS');
  Object.assign(options, protocolRange(config.str('tls-protocols')));
  const ciphers = cipherList(config.str('tls-ciphers'), config.str('tls-ciphersuites'));
  if (ciphers !== null) options.ciphers = ciphers;
  options.honorCipherOrder = config.bool('tls-prefer-server-ciphers');
  options.sessionTimeout = config.num('tls-session-cache-timeout');
  options.requestCert = authClients !== 'no';
  // optional: the handshake completes without a certificate; one that fails is refused
  // after the handshake (listeners.ts), as OpenSSL's VERIFY_PEER without FAIL_IF_NO_PEER_CERT.
  options.rejectUnauthorized = authClients === 'yes';

  try {
    // Built here to report bad material at start-up; tls.Server builds its own from `options`.
    tls.createSecureContext(options);
  } catch (e) {
    throw new TlsConfigError(`Failed to configure TLS: ${(e as Error).message}`);
  }
  return { options, authClients };
}

/** Reads a PEM file; `label` is the PEM block expected ("CERTIFICATE", "PRIVATE KEY" ...). */
function readPem(file: string, what: string, label: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EACCES' ? 'Permission denied' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
    throw new TlsConfigError(`Failed to load ${what}: ${file}: ${why}`);
  }
  // "PRIVATE KEY" also matches "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY".
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(text)) {
    throw new TlsConfigError(`Failed to load ${what}: ${file}: not a PEM file (no "-----BEGIN ...${label}-----" block; only PEM is supported)`);
  }
  return text;
}

/** Every PEM certificate in a directory (OpenSSL's CApath: hashed names or *.pem, *.crt). */
function readCaDir(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new TlsConfigError(`Failed to load CA certificate directory: ${dir}: ${(e as Error).message}`);
  }
  const out: string[] = [];
  for (const n of names) {
    const f = path.join(dir, n);
    try {
      if (!statSync(f).isFile()) continue;
      const text = readFileSync(f, 'latin1');
      if (text.includes('-----BEGIN CERTIFICATE-----')) out.push(text);
    } catch {
      // unreadable entries are skipped, as OpenSSL's lookup does
    }
  }
  if (out.length === 0) throw new TlsConfigError(`Failed to load CA certificate directory: ${dir}: no PEM certificate found`);
  return out;
}

/**
 * tls-protocols "TLSv1.2 TLSv1.3" -> minVersion/maxVersion. Node takes a range, so a list with
 * a gap is served as the range that covers it. Empty: Redis's default, TLSv1.2 and TLSv1.3.
 */
function protocolRange(spec: string): { minVersion: tls.SecureVersion; maxVersion: tls.SecureVersion } {
  const words = spec.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' };
  const idx = words.map((w) => {
    const i = PROTOCOLS.findIndex((p) => p.toLowerCase() === w.toLowerCase());
    if (i < 0) throw new TlsConfigError(`Invalid tls-protocols specified: ${w} (use TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)`);
    return i;
  });
  return { minVersion: PROTOCOLS[Math.min(...idx)], maxVersion: PROTOCOLS[Math.max(...idx)] };
}

/**
 * Node takes TLSv1.2 ciphers and TLSv1.3 suites in one list (suites are the TLS_* names).
 * The half the config leaves empty keeps Node's default. Null: both defaults.
 */
function cipherList(ciphers: string, suites: string): string | null {
  if (ciphers === '' && suites === '') return null;
  const defaults = tls.DEFAULT_CIPHERS.split(':');
  const defSuites = defaults.filter((c) => c.startsWith('TLS_')).join(':');
  const defCiphers = defaults.filter((c) => !c.startsWith('TLS_')).join(':');
  return `${suites || defSuites}:${ciphers || defCiphers}`;
}
