/**
 * Databases and expiry (Redis's db.c and expire.c). A string value is stored as a latin1
 * string directly, the cheapest form V8 has; every other type is an object whose `type` names
 * it. Expiry times are absolute unix milliseconds in a second table, as Redis keeps `expires`.
 */
import { KeyTable, STRING_RAW } from './keytable.js';

export type TypeName = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

/** A non-string value. The pure structures live in src/store/types/. */
export interface DataObject {
  readonly type: Exclude<TypeName, 'string'>;
  /** A deep copy (COPY). Types without it are copied with structuredClone-like fallbacks. */
  clone?(): DataObject;
  /** OBJECT ENCODING as Redis would report it ("listpack", "hashtable", "quicklist" ...). */
  encoding?(): string;
}

export type Value = string | DataObject;

export function typeOf(v: Value): TypeName {
  return typeof v === 'string' ? 'string' : v.type;
}

/** What the keyspace tells the server about deletions it makes on its own. */
export interface KeyspaceEvents {
  /** A key was found expired and removed (lazily or by the active cycle). */
  expired(db: Database, key: string): void;
}

/** What a running snapshot needs to hear before the keyspace changes (its write barrier). */
export interface SnapshotHooks {
  barrier(db: Database, key: string): void;
  /** Before `db` is emptied; true when the snapshot keeps its tables (install new ones). */
  detach(db: Database): boolean;
}

export class Database {
  /** Replaced (not cleared) when a running snapshot keeps the old tables (see clear()). */
  dict = new KeyTable<Value>(true);
  expires = new KeyTable<number>();
  /** Sum of TTLs sampled by the active cycle, for INFO keyspace avg_ttl (Redis's estimate). */
  avgTtl = 0;

  constructor(
    public id: number,
    private readonly ks: Keyspace,
  ) {}

  get size(): number {
    return this.dict.size;
  }

  /** True when the key has a TTL that has passed. Replicas never act on it; they only hide. */
  isExpired(key: string, now = Date.now()): boolean {
    const when = this.expires.get(key);
    return when !== undefined && when <= now;
  }

  /**
   * Expires the key if its time has passed. Returns true when the key is (logically) gone.
   * On a replica the key stays (the master sends the DEL) but reads treat it as missing.
   */
  expireIfNeeded(key: string, now = Date.now()): boolean {
    if (!this.isExpired(key, now)) return false;
    if (this.ks.replicaMode) return true;
    this.delete(key);
    this.ks.stats.expiredKeys++;
    this.ks.events?.expired(this, key);
    return true;
  }

  /** Lookup for reading: expired keys are missing. Counts keyspace hits and misses. */
  lookupRead(key: string): Value | undefined {
    const v = this.lookup(key);
    if (v === undefined) this.ks.stats.keyspaceMisses++;
    else this.ks.stats.keyspaceHits++;
    return v;
  }

  /** Lookup without touching stats (writes, internal use). Expired keys are missing. */
  lookup(key: string): Value | undefined {
    const v = this.dict.getTouch(key);
    if (v === undefined) return undefined;
    if (this.expires.size > 0 && this.expireIfNeeded(key)) return undefined;
    return v;
  }

  /** Lookup that leaves the access time alone (OBJECT, DEBUG OBJECT: Redis's LOOKUP_NOTOUCH). */
  peek(key: string): Value | undefined {
    const v = this.dict.get(key);
    if (v === undefined) return undefined;
    if (this.expires.size > 0 && this.expireIfNeeded(key)) return undefined;
    return v;
  }

  /** OBJECT IDLETIME: seconds since the key was last read or written. */
  idleSeconds(key: string): number {
    return this.dict.idleSeconds(key);
  }

  /** A string value Redis would hold "raw" (APPEND/SETRANGE results), for OBJECT ENCODING. */
  markRawString(key: string): void {
    this.dict.setFlags(key, STRING_RAW);
  }

  isRawString(key: string): boolean {
    return (this.dict.flagsOf(key) & STRING_RAW) !== 0;
  }

  /** Adds or overwrites a key. Clears the TTL unless keepTtl. */
  set(key: string, value: Value, keepTtl = false): void {
    if (this.ks.snapshots !== null) this.ks.snapshots.barrier(this, key);
    this.dict.set(key, value);
    if (!keepTtl && this.expires.size > 0) this.expires.delete(key);
  }

  /** Overwrites the value of an existing key, keeping its TTL (in-place updates like APPEND). */
  replace(key: string, value: Value): void {
    if (this.ks.snapshots !== null) this.ks.snapshots.barrier(this, key);
    if (!this.dict.update(key, value)) this.dict.set(key, value);
  }

  /** Removes a key and its TTL; true if it existed. Does not check expiry. */
  delete(key: string): boolean {
    if (this.ks.snapshots !== null) this.ks.snapshots.barrier(this, key);
    if (this.dict.delete(key) === undefined) return false;
    if (this.expires.size > 0) this.expires.delete(key);
    return true;
  }

  /** Absolute expiry in ms, or undefined when the key has none. */
  getExpire(key: string): number | undefined {
    return this.expires.get(key);
  }

  setExpire(key: string, whenMs: number): void {
    if (this.ks.snapshots !== null) this.ks.snapshots.barrier(this, key);
    this.expires.set(key, whenMs);
  }

  /** Removes a TTL; true if there was one. */
  persist(key: string): boolean {
    if (this.ks.snapshots !== null) this.ks.snapshots.barrier(this, key);
    return this.expires.delete(key) !== undefined;
  }

  clear(): void {
    if (this.ks.snapshots !== null && this.ks.snapshots.detach(this)) {
      // A running snapshot keeps the old tables and finishes from them.
      this.dict = new KeyTable<Value>(true);
      this.expires = new KeyTable<number>();
    }
    this.dict.clear();
    this.expires.clear();
    this.avgTtl = 0;
  }

  /** A random key that is not expired (bounded tries, like Redis's dbRandomKey). */
  randomKey(): string | undefined {
    for (let tries = 0; tries < 100 && this.dict.size > 0; tries++) {
      const key = this.dict.randomKey()!;
      if (!this.expires.has(key)) return key;
      if (this.ks.replicaMode) {
        // Replicas cannot delete; after many expired picks Redis returns one anyway.
        if (!this.isExpired(key) || tries === 99) return key;
        continue;
      }
      if (!this.expireIfNeeded(key)) return key;
    }
    return undefined;
  }
}

export interface KeyspaceStats {
  expiredKeys: number;
  expiredStalePerc: number;
  expiredTimeCapReachedCount: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

export class Keyspace {
  dbs: Database[];
  /** On a replica keys are never deleted by expiry: the master sends DELs. */
  replicaMode = false;
  events: KeyspaceEvents | null = null;
  /** Running snapshots (persistence/snapshot.ts): told before any key changes; null when none run. */
  snapshots: SnapshotHooks | null = null;
  readonly stats: KeyspaceStats = {
    expiredKeys: 0,
    expiredStalePerc: 0,
    expiredTimeCapReachedCount: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
  };

  constructor(count: number) {
    this.dbs = [];
    for (let i = 0; i < count; i++) this.dbs.push(new Database(i, this));
  }

  /** SWAPDB: exchanges the contents of two databases; clients keep their selected index. */
  swap(a: number, b: number): void {
    const da = this.dbs[a];
    const db = this.dbs[b];
    this.dbs[a] = db;
    this.dbs[b] = da;
    da.id = b;
    db.id = a;
  }

  /** FLUSHALL */
  flushAll(): void {
    for (const d of this.dbs) d.clear();
  }

  totalKeys(): number {
    let n = 0;
    for (const d of this.dbs) n += d.size;
    return n;
  }
}
