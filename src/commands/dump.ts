/**
 * DUMP and RESTORE (Redis's cluster.c). The payload is the value as RDB writes it, framed by
 * src/persistence/adapter.ts, so a DUMP from Redis 7.0 restores here and the reverse.
 * IDLETIME sets the key's access time (OBJECT IDLETIME); FREQ is checked as Redis does and then
 * ignored, since Petrel keeps no LFU counters.
 */
import type { Client } from '../server/client.js';
import { ERR, OK } from '../protocol/shared.js';
import { DumpPayloadError, dumpPayload, fromNeutral, limitsFromConfig, parseDumpPayload } from '../persistence/adapter.js';
import { cmd, type CommandSpec } from './types.js';
import { keyWritten, parseLL } from './string.js';

const BUSYKEY = 'BUSYKEY Target key name already exists.';
const BAD_PAYLOAD = 'ERR DUMP payload version or checksum are wrong';
const BAD_DATA = 'ERR Bad data format';

/* DUMP key */
function dump(c: Client, argv: string[]): void {
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.null();
  let payload: Buffer;
  try {
    payload = dumpPayload(v, c.server.config.bool('rdbcompression'));
  } catch (e) {
    // only a value type the adapter does not know yet gets here
    return c.reply.error(`ERR ${(e as Error).message}`);
  }
  c.reply.bulkBuffer(payload);
}

/* RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] */
function restore(c: Client, argv: string[]): void {
  let replace = false;
  let absttl = false;
  let idle = -1;
  let freq = -1;
  for (let j = 4; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const more = argv.length - j - 1;
    if (opt === 'replace') {
      replace = true;
    } else if (opt === 'absttl') {
      absttl = true;
    } else if (opt === 'idletime' && more >= 1 && freq === -1) {
      // Redis accepts one of IDLETIME / FREQ; the other is then a syntax error.
      const n = parseLL(argv[++j]);
      if (n === null) return c.reply.error(ERR.notInteger);
      if (n < 0) return c.reply.error('ERR Invalid IDLETIME value, must be >= 0');
      idle = Number(n);
    } else if (opt === 'freq' && more >= 1 && idle === -1) {
      const n = parseLL(argv[++j]);
      if (n === null) return c.reply.error(ERR.notInteger);
      if (n < 0 || n > 255) return c.reply.error('ERR Invalid FREQ value, must be >= 0 and <= 255');
      freq = Number(n);
    } else {
      return c.reply.error(ERR.syntax);
    }
  }
  const db = c.db;
  const key = argv[1];
  // Order of checks as Redis: existing key, then TTL, then the payload.
  if (!replace && db.lookup(key) !== undefined) return c.reply.error(BUSYKEY);
  const ttlArg = parseLL(argv[2]);
  if (ttlArg === null) return c.reply.error(ERR.notInteger);
  if (ttlArg < 0) return c.reply.error('ERR Invalid TTL value, must be >= 0');

  let value;
  try {
    value = fromNeutral(parseDumpPayload(Buffer.from(argv[3], 'latin1')), limitsFromConfig(c.server.config));
  } catch (e) {
    if (e instanceof DumpPayloadError && e.reason === 'version-or-checksum') return c.reply.error(BAD_PAYLOAD);
    return c.reply.error(BAD_DATA);
  }

  const deleted = replace && db.delete(key);
  let when = 0;
  if (ttlArg !== 0) when = absttl ? Number(ttlArg) : Date.now() + Number(ttlArg);
  if (when !== 0 && when <= Date.now() && !c.server.keyspace.replicaMode) {
    // Already expired: the key is not created (an old value REPLACE removed stays removed).
    if (deleted) {
      keyWritten(c, key, 'g', 'del');
      c.server.dirty++;
      c.propagateAs([c.server.config.bool('lazyfree-lazy-server-del') ? 'UNLINK' : 'DEL', key]);
    }
    return c.reply.raw(OK);
  }
  db.set(key, value);
  if (idle >= 0) db.dict.setIdle(key, idle);
  if (when !== 0) db.setExpire(key, when);
  if (when !== 0 && !absttl) {
    // Replicas get the absolute time: ttl rewritten and ABSTTL appended (Redis 7.0).
    const prop = argv.slice();
    prop[2] = String(when);
    prop.push('ABSTTL');
    c.propagateAs(prop);
  }
  keyWritten(c, key, 'g', 'restore');
  c.server.dirty++;
  c.reply.raw(OK);
}

const g = { group: 'generic' } as const;

export const dumpCommands = [
  cmd({ name: 'dump', arity: 2, flags: ['readonly'], firstKey: 1, lastKey: 1, step: 1, ...g, since: '2.6.0', summary: 'Return a serialized version of the value stored at the specified key.', complexity: 'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).', tips: ['nondeterministic_output'], handler: dump }),
  cmd({ name: 'restore', arity: -4, flags: ['write', 'denyoom'], firstKey: 1, lastKey: 1, step: 1, ...g, keyFlags: ['OW', 'update'], acl: ['dangerous'], since: '2.6.0', summary: 'Create a key using the provided serialized value, previously obtained using DUMP.', complexity: 'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).', handler: restore }),
] satisfies CommandSpec[];
