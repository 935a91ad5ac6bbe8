/**
 * The lookup every family starts with (Redis's lookupKeyReadOrReply + checkType).
 */
import type { Client } from '../server/client.js';
import type { DataObject, TypeName } from '../store/db.js';
import { ERR } from '../protocol/shared.js';

/**
 * The value at key when it has the given type: undefined when the key is missing, null after a
 * WRONGTYPE reply. Reads count keyspace hits and misses; lookups for writes (`forWrite`) do not.
 */
export function lookupOfType<T extends DataObject>(c: Client, key: string, type: Exclude<TypeName, 'string'>, forWrite = false): T | undefined | null {
  const v = forWrite ? c.db.lookup(key) : c.db.lookupRead(key);
  if (v === undefined) return undefined;
  if (typeof v === 'string' || v.type !== type) {
    c.reply.error(ERR.wrongType);
    return null;
  }
  return v as T;
}
