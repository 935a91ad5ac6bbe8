/**
 * RDB persistence for the server (Redis's rdb.c save/load entry points and the persistence
 * parts of server.c): SAVE, BGSAVE [SCHEDULE], save points, stop-writes-on-bgsave-error,
 * loading at start-up and DEBUG RELOAD, the save at shutdown, INFO persistence.
 *
 * BGSAVE has no child process: it is a Snapshot (snapshot.ts) walking the live keyspace into
 * `temp-<pid>.rdb`, then fsync + rename over `dbfilename`, so a crash never leaves a broken
 * dump. SAVE runs the same walk synchronously. Files are named relative to the working
 * directory, which is `dir` (CONFIG SET dir changes it), as in Redis.
 */
import fs from 'node:fs';
import type { Client } from '../server/client.js';
import type { Server } from '../server/server.js';
import type { TableEntry } from '../commands/table.js';
import { CommandTable } from '../commands/table.js';
import { saveParams } from '../config/config.js';
import { logger } from '../server/log.js';
import { usedMemory } from '../metrics/memory.js';
import { RdbReader } from './rdb/reader.js';
import { RdbError } from './rdb/errors.js';
import type { RdbAux, RdbSink } from './rdb/writer.js';
import type { RdbEvent, RdbRecord } from './rdb/types.js';
import { fromNeutral, limitsFromConfig, type AdapterLimits } from './adapter.js';
import { Snapshot, SnapshotRegistry } from './snapshot.js';

/** Redis's CONFIG_BGSAVE_RETRY_DELAY: seconds between a failed BGSAVE and the next automatic try. */
const BGSAVE_RETRY_DELAY = 5;
/** Pause the BGSAVE walk while this many bytes wait to be written to the file. */
const FILE_HIGH_WATER = 4 * 1024 * 1024;
/** Read size while loading; the event loop gets a turn between reads (LOADING replies). */
const LOAD_CHUNK = 1024 * 1024;

export const MISCONF_ERROR =
  "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";
export const LOADING_ERROR = 'LOADING Redis is loading the dataset in memory';

/** A load that cannot go on (corrupt file, too many databases, duplicate key). */
export class RdbLoadError extends Error {}

/** The file sink of a BGSAVE: ordered async writes with a high-water mark, then fsync. */
class FileSink implements RdbSink {
  private queue: Buffer[] = [];
  private queued = 0;
  private writing = false;
  private waiters: Array<() => void> = [];
  error: Error | null = null;

  constructor(private readonly fd: number) {}

  write(chunk: Buffer): boolean {
    if (this.error) return true; // the snapshot is aborted by onError; drop the bytes
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.pump();
    return this.queued < FILE_HIGH_WATER;
  }

  drain(): Promise<void> {
    if (this.queued < FILE_HIGH_WATER || this.error) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  onError: ((e: Error) => void) | null = null;

  private pump(): void {
    if (this.writing || this.queue.length === 0 || this.error) return;
    this.writing = true;
    const bufs = this.queue;
    this.queue = [];
    fs.writev(this.fd, bufs, (err) => {
      this.writing = false;
      for (const b of bufs) this.queued -= b.length;
      if (err) {
        this.error = err;
        this.onError?.(err);
      }
      if (this.queued < FILE_HIGH_WATER || this.error) for (const w of this.waiters.splice(0)) w();
      this.pump();
    });
  }

  /** Resolves once every queued byte is written and synced. */
  async finish(): Promise<void> {
    while (this.queued > 0 && !this.error) await new Promise<void>((r) => this.waiters.push(r));
    if (this.error) throw this.error;
    await new Promise<void>((res, rej) => fs.fsync(this.fd, (e) => (e ? rej(e) : res())));
  }
}

interface BgSave {
  snap: Snapshot;
  startedAt: number;
  dirtyBefore: number;
  temp: string;
  /** Set when we stop it on purpose (FLUSHALL, shutdown): not a failure. */
  killed: boolean;
}

export type ShutdownFlags = { save?: boolean; nosave?: boolean; force?: boolean };

export class Persistence {
  readonly snapshots: SnapshotRegistry;
  private bg: BgSave | null = null;
  bgsaveScheduled = false;
  lastBgsaveStatus: 'ok' | 'err' = 'ok';
  /** Unix seconds of the last BGSAVE attempt (for the retry delay). */
  private lastBgsaveTry = 0;
  lastBgsaveTimeSec = -1;
  rdbSaves = 0;
  lastLoadKeysLoaded = 0;
  lastLoadKeysExpired = 0;
  /** Loading state for INFO and the LOADING refusal. */
  loading = false;
  loadingStartTime = 0;
  loadingTotalBytes = 0;
  loadingLoadedBytes = 0;
  loadingRdbUsedMem = 0;

  constructor(private readonly server: Server) {
    this.snapshots = new SnapshotRegistry(() => server.keyspace);
  }

  get bgsaveInProgress(): boolean {
    return this.bg !== null;
  }

  /** The running BGSAVE's snapshot (INFO current_save_keys_*). */
  get bgSnapshot(): Snapshot | null {
    return this.bg?.snap ?? null;
  }

  get bgStartedAt(): number {
    return this.bg?.startedAt ?? 0;
  }

  /** Save points are configured (Redis's saveparamslen > 0). */
  get hasSavePoints(): boolean {
    return saveParams(this.server.config).length > 0;
  }

  /** The aux fields Redis 7.0 writes, in its order. */
  private aux(): RdbAux {
    const s = this.server;
    return {
      'redis-ver': '7.0.15',
      'redis-bits': '64',
      ctime: String(Math.floor(Date.now() / 1000)),
      'used-mem': String(usedMemory()),
      'repl-stream-db': '0',
      'repl-id': s.replId,
      'repl-offset': String(s.replOffset),
      'aof-base': '0',
    };
  }

  private snapshotOptions() {
    const c = this.server.config;
    return { compression: c.bool('rdbcompression'), checksum: c.bool('rdbchecksum'), aux: this.aux() };
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Command checks and the write barrier                                                      */
  /* ---------------------------------------------------------------------------------------- */

  /** MISCONF (after a failed BGSAVE) and LOADING refusals, in Redis's processCommand order. */
  checkCommand(c: Client, e: TableEntry, _argv: string[]): string | null {
    const flags = e.spec.flags;
    if (this.lastBgsaveStatus === 'err' && this.server.role === 'master' && this.server.config.bool('stop-writes-on-bgsave-error') && this.hasSavePoints) {
      const isPing = e.spec.name === 'ping' && e.parent === null;
      if (flags.includes('write') || isPing || (e.spec.name === 'exec' && c.multi !== null && c.multi.queue.some((q) => q.e.spec.flags.includes('write')))) {
        return MISCONF_ERROR;
      }
    }
    if (this.loading) {
      const top = e.parent ?? e;
      if (!flags.includes('loading') && !top.spec.flags.includes('loading')) return LOADING_ERROR;
    }
    return null;
  }

  /**
   * The snapshot write barrier for one command about to run: every key it names (the command
   * table's key positions) that a running snapshot has not written yet is written first.
   */
  barrierCommand(c: Client, e: TableEntry, argv: string[]): void {
    const reg = this.snapshots;
    if (reg.active.size === 0) return;
    const flags = e.spec.flags;
    if (!flags.includes('write') && !flags.includes('may_replicate')) return;
    const db = c.db;
    let watched = false;
    for (const s of reg.active) if (s.watches(db)) watched = true;
    if (!watched) return;
    for (const i of CommandTable.keyIndexes(e.spec, argv)) reg.barrier(db, argv[i]);
  }

  /* ---------------------------------------------------------------------------------------- */
  /* SAVE, BGSAVE, save points                                                                 */
  /* ---------------------------------------------------------------------------------------- */

  /** Redis's rdbSave: the whole dataset to dbfilename, synchronously. True on success. */
  saveSync(): boolean {
    const file = this.server.config.str('dbfilename');
    const temp = `temp-${process.pid}-sync.rdb`;
    let fd: number;
    try {
      fd = fs.openSync(temp, 'w');
    } catch (err) {
      logger.warning(`Failed opening the temp RDB file ${temp} (in server root dir ${cwd()}) for saving: ${errText(err)}`);
      return false;
    }
    try {
      const sink: RdbSink = {
        write: (chunk) => {
          let off = 0;
          while (off < chunk.length) off += fs.writeSync(fd, chunk, off);
          return true;
        },
        drain: () => Promise.resolve(),
      };
      new Snapshot(this.server.keyspace, sink, this.snapshotOptions()).runSync();
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(temp, file);
    } catch (err) {
      logger.warning(`Write error saving DB on disk: ${errText(err)}`);
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
      safeUnlink(temp);
      return false;
    }
    logger.notice('DB saved on disk');
    this.server.dirty = 0;
    this.server.lastSave = Math.floor(Date.now() / 1000);
    this.lastBgsaveStatus = 'ok';
    return true;
  }

  /**
   * Redis's rdbSaveBackground: starts the snapshot now (the point in time is this call) and
   * writes it in slices. False when one is running already.
   */
  startBgsave(): boolean {
    if (this.bg !== null) return false;
    const server = this.server;
    this.lastBgsaveTry = Math.floor(Date.now() / 1000);
    const temp = `temp-${process.pid}.rdb`;
    const file = server.config.str('dbfilename');
    let fd = -1;
    let openError: unknown = null;
    try {
      fd = fs.openSync(temp, 'w');
    } catch (err) {
      openError = err;
    }
    const sink = fd >= 0 ? new FileSink(fd) : null;
    const snap = new Snapshot(server.keyspace, sink ?? { write: () => true, drain: () => Promise.resolve() }, this.snapshotOptions());
    const bg: BgSave = { snap, startedAt: Date.now(), dirtyBefore: server.dirty, temp, killed: false };
    this.bg = bg;
    logger.notice('Background saving started');
    if (sink === null) {
      // As a forked child would: the failure shows after the reply, in the log and INFO.
      setImmediate(() => {
        logger.warning(`Failed opening the temp RDB file ${temp} (in server root dir ${cwd()}) for saving: ${errText(openError)}`);
        this.bgsaveDone(bg, false);
      });
      return true;
    }
    sink.onError = () => snap.abort();
    snap.begin();
    this.snapshots.add(snap);
    void (async () => {
      let ok = false;
      try {
        await snap.run();
        await sink.finish();
        fs.closeSync(fd);
        fd = -1;
        if (bg.killed) throw new Error('killed');
        fs.renameSync(temp, file);
        logger.notice('DB saved on disk');
        ok = true;
      } catch (err) {
        if (!bg.killed) logger.warning(`Write error saving DB on disk: ${errText(sink.error ?? err)}`);
        if (fd >= 0) {
          try {
            fs.closeSync(fd);
          } catch {
            // already closed
          }
        }
        safeUnlink(temp);
      }
      this.bgsaveDone(bg, ok);
    })();
    return true;
  }

  /** Redis's backgroundSaveDoneHandler. */
  private bgsaveDone(bg: BgSave, ok: boolean): void {
    if (this.bg !== bg) return;
    this.bg = null;
    const server = this.server;
    this.lastBgsaveTimeSec = Math.floor((Date.now() - bg.startedAt) / 1000);
    if (ok) {
      logger.notice('Background saving terminated with success');
      server.dirty = Math.max(0, server.dirty - bg.dirtyBefore);
      server.lastSave = Math.floor(Date.now() / 1000);
      this.lastBgsaveStatus = 'ok';
      this.rdbSaves++;
    } else if (bg.killed) {
      logger.warning('Background saving terminated by signal 10');
    } else {
      logger.warning('Background saving error');
      this.lastBgsaveStatus = 'err';
    }
  }

  /** Stops a running BGSAVE without counting it as an error (Redis's killRDBChild). */
  killBgsave(): void {
    const bg = this.bg;
    if (bg === null) return;
    bg.killed = true;
    bg.snap.abort();
    // The writer task notices, removes the temp file and reports; INFO shows it gone at once.
    this.bgsaveDone(bg, false);
  }

  /** serverCron's persistence part: save points and BGSAVE SCHEDULE. */
  cron(): void {
    if (this.bg !== null || this.loading) return;
    const now = Math.floor(Date.now() / 1000);
    const retryOk = now - this.lastBgsaveTry > BGSAVE_RETRY_DELAY || this.lastBgsaveStatus === 'ok';
    const server = this.server;
    for (const [seconds, changes] of saveParams(server.config)) {
      if (server.dirty >= changes && now - server.lastSave > seconds && retryOk) {
        logger.notice(`${changes} changes in ${seconds} seconds. Saving...`);
        this.startBgsave();
        return;
      }
    }
    if (this.bgsaveScheduled && retryOk) {
      if (this.startBgsave()) this.bgsaveScheduled = false;
    }
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Shutdown                                                                                  */
  /* ---------------------------------------------------------------------------------------- */

  /**
   * Redis's prepareForShutdown, persistence part: saves when save points exist (unless NOSAVE)
   * or SAVE was asked. False when the save failed and FORCE was not given: do not exit.
   */
  prepareShutdown(flags: ShutdownFlags): boolean {
    if (this.bg !== null) {
      logger.warning('There is a child saving an .rdb. Killing it!');
      this.killBgsave();
      safeUnlink(`temp-${process.pid}.rdb`);
    }
    if ((this.hasSavePoints && !flags.nosave) || flags.save) {
      logger.notice('Saving the final RDB snapshot before exiting.');
      if (!this.saveSync()) {
        if (flags.force) {
          logger.warning('Error trying to save the DB. Exit anyway.');
        } else {
          logger.warning("Error trying to save the DB, can't exit.");
          return false;
        }
      }
    }
    return true;
  }

  /** SIGTERM/SIGINT: the flags of shutdown-on-sigterm / shutdown-on-sigint ("default" = none). */
  signalFlags(sig: 'SIGTERM' | 'SIGINT'): ShutdownFlags {
    const words = this.server.config.str(sig === 'SIGTERM' ? 'shutdown-on-sigterm' : 'shutdown-on-sigint').split(' ');
    return { save: words.includes('save'), nosave: words.includes('nosave'), force: words.includes('force') };
  }

  /** After FLUSHALL (Redis's flushAllDataAndResetRDB): kill a BGSAVE, save the empty dataset. */
  afterFlushAll(): void {
    if (this.bg !== null) this.killBgsave();
    if (this.hasSavePoints) this.saveSync();
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Loading                                                                                   */
  /* ---------------------------------------------------------------------------------------- */

  /**
   * Loads dbfilename at start-up, yielding to the event loop between reads so clients get
   * LOADING meanwhile. Resolves quietly when there is no file; throws RdbLoadError (the caller
   * logs it and exits 1) when the file cannot be loaded.
   */
  async loadAtStartup(): Promise<void> {
    const file = this.server.config.str('dbfilename');
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new RdbLoadError(`Fatal error loading the DB: ${errText(err)}. Exiting.`);
    }
    const start = performance.now();
    this.startLoading(fs.fstatSync(fd).size);
    const loader = new Loader(this, false);
    try {
      const buf = Buffer.allocUnsafe(LOAD_CHUNK);
      let lastYield = performance.now();
      for (;;) {
        const n = fs.readSync(fd, buf, 0, LOAD_CHUNK, null);
        if (n === 0) break;
        loader.push(Buffer.from(buf.subarray(0, n)));
        this.loadingLoadedBytes += n;
        if (loader.done) break;
        if (performance.now() - lastYield > 2) {
          await new Promise<void>((r) => setImmediate(r));
          lastYield = performance.now();
        }
      }
      loader.end();
    } finally {
      fs.closeSync(fd);
      this.loading = false;
    }
    this.finishLoad(loader);
    logger.notice(`DB loaded from disk: ${((performance.now() - start) / 1000).toFixed(3)} seconds`);
  }

  /** Loads dbfilename synchronously (DEBUG RELOAD). Throws RdbLoadError or a file error. */
  loadSync(merge: boolean): void {
    const data = fs.readFileSync(this.server.config.str('dbfilename'));
    this.startLoading(data.length);
    const loader = new Loader(this, merge);
    try {
      loader.push(data);
      loader.end();
    } finally {
      this.loading = false;
    }
    this.finishLoad(loader);
  }

  private startLoading(total: number): void {
    this.loading = true;
    this.loadingStartTime = Math.floor(Date.now() / 1000);
    this.loadingTotalBytes = total;
    this.loadingLoadedBytes = 0;
    this.loadingRdbUsedMem = 0;
  }

  private finishLoad(l: Loader): void {
    this.lastLoadKeysLoaded = l.loaded;
    this.lastLoadKeysExpired = l.expired;
    logger.notice(`Done loading RDB, keys loaded: ${l.loaded}, keys expired: ${l.expired}.`);
    const replId = l.aux.get('repl-id');
    const replOffset = l.aux.get('repl-offset');
    if (replId !== undefined && replOffset !== undefined && /^[0-9a-f]{40}$/.test(replId)) {
      // Kept for PSYNC after a restart (replication reads these once it exists).
      this.loadedReplInfo = { replId, replOffset: Number(replOffset) };
    }
  }

  /** repl-id / repl-offset found in the last loaded file, if any. */
  loadedReplInfo: { replId: string; replOffset: number } | null = null;

  /* ---------------------------------------------------------------------------------------- */
  /* DEBUG RELOAD                                                                              */
  /* ---------------------------------------------------------------------------------------- */

  /** DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: Redis's error text, or null when done. */
  debugReload(opts: { merge: boolean; flush: boolean; save: boolean }): string | null {
    if (opts.save && !this.saveSync()) return 'ERR';
    const server = this.server;
    if (opts.flush) {
      for (const db of server.keyspace.dbs) server.watch.touchDb(db.id, null);
      server.keyspace.flushAll();
      server.events.dbChanged(-1);
    }
    try {
      this.loadSync(opts.merge);
    } catch (err) {
      logger.warning(`Error loading the RDB dump for DEBUG RELOAD: ${errText(err)}`);
      return 'ERR Error trying to load the RDB dump, check server logs.';
    }
    logger.warning('DB reloaded by DEBUG RELOAD');
    return null;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* INFO                                                                                      */
  /* ---------------------------------------------------------------------------------------- */

  /** rdb_current_bgsave_time_sec */
  get currentBgsaveTimeSec(): number {
    return this.bg === null ? -1 : Math.floor((Date.now() - this.bg.startedAt) / 1000);
  }

  /** The loading_* fields Redis adds while loading. */
  loadingFields(): Array<[string, string | number]> {
    if (!this.loading) return [];
    const elapsed = Math.max(0, Math.floor(Date.now() / 1000) - this.loadingStartTime);
    const perc = this.loadingTotalBytes > 0 ? (this.loadingLoadedBytes / this.loadingTotalBytes) * 100 : 0;
    let eta = 1;
    if (elapsed > 0 && this.loadingLoadedBytes > 0) {
      const rate = this.loadingLoadedBytes / elapsed;
      eta = Math.floor((this.loadingTotalBytes - this.loadingLoadedBytes) / rate);
    }
    return [
      ['loading_start_time', this.loadingStartTime],
      ['loading_total_bytes', this.loadingTotalBytes],
      ['loading_rdb_used_mem', this.loadingRdbUsedMem],
      ['loading_loaded_bytes', this.loadingLoadedBytes],
      ['loading_loaded_perc', perc.toFixed(2)],
      ['loading_eta_seconds', eta],
    ];
  }

  /** The server (for the loader). */
  get srv(): Server {
    return this.server;
  }
}

/** Applies reader events to the keyspace (Redis's rdbLoadRioWithLoadingCtx, keyspace side). */
class Loader {
  private readonly reader: RdbReader;
  private readonly limits: AdapterLimits;
  private readonly isMaster: boolean;
  private readonly now = Date.now();
  loaded = 0;
  expired = 0;
  done = false;
  readonly aux: Map<string, string>;

  constructor(
    private readonly p: Persistence,
    private readonly merge: boolean,
  ) {
    const server = p.srv;
    this.reader = new RdbReader({ verifyChecksum: server.config.bool('rdbchecksum') });
    this.aux = this.reader.aux;
    this.limits = limitsFromConfig(server.config);
    this.isMaster = !server.keyspace.replicaMode;
  }

  push(chunk: Buffer): void {
    this.apply(() => this.reader.push(chunk));
  }

  end(): void {
    if (!this.done) this.apply(() => this.reader.end());
  }

  private apply(read: () => RdbEvent[]): void {
    let events: RdbEvent[];
    try {
      events = read();
    } catch (err) {
      throw toLoadError(err);
    }
    for (const ev of events) this.event(ev);
  }

  private event(ev: RdbEvent): void {
    switch (ev.kind) {
      case 'header':
        break;
      case 'aux':
        if (ev.key === 'redis-ver') logger.notice(`Loading RDB produced by version ${ev.value}`);
        else if (ev.key === 'ctime') {
          let age = Math.floor(this.now / 1000) - Number(ev.value);
          if (age < 0) age = 0;
          logger.notice(`RDB age ${age} seconds`);
        } else if (ev.key === 'used-mem') {
          this.p.loadingRdbUsedMem = Number(ev.value) || 0;
          logger.notice(`RDB memory usage when created ${(Number(ev.value) / (1024 * 1024)).toFixed(2)} Mb`);
        }
        break;
      case 'selectdb':
        if (ev.db >= this.p.srv.keyspace.dbs.length) {
          throw new RdbLoadError(`FATAL: Data file was created with a Redis server configured to handle more than ${this.p.srv.keyspace.dbs.length} databases. Exiting`);
        }
        break;
      case 'function':
        logger.warning(`Skipping a function library in the RDB: Petrel has no scripting (${ev.warning})`);
        break;
      case 'record':
        this.record(ev.record);
        break;
      case 'eof':
        this.done = true;
        break;
      default:
    }
  }

  private record(rec: RdbRecord): void {
    const ks = this.p.srv.keyspace;
    if (rec.db >= ks.dbs.length) {
      throw new RdbLoadError(`FATAL: Data file was created with a Redis server configured to handle more than ${ks.dbs.length} databases. Exiting`);
    }
    // Redis drops empty collections and, on a master, keys already expired.
    if (isEmptyRecord(rec)) return;
    if (this.isMaster && rec.expireMs !== null && rec.expireMs < this.now) {
      this.expired++;
      return;
    }
    const db = ks.dbs[rec.db];
    if (db.dict.has(rec.key)) {
      if (!this.merge) throw new RdbLoadError(`RDB has duplicated key '${rec.key}' in DB ${rec.db}`);
      db.delete(rec.key);
    }
    db.set(rec.key, fromNeutral(rec, this.limits));
    if (rec.expireMs !== null) db.setExpire(rec.key, rec.expireMs);
    this.loaded++;
  }
}

function isEmptyRecord(r: RdbRecord): boolean {
  switch (r.type) {
    case 'string':
      return false;
    case 'stream':
      return false;
    default:
      return r.value.length === 0;
  }
}

/** Redis's wording for the kinds of broken file, then the fatal line. */
function toLoadError(err: unknown): Error {
  if (err instanceof RdbError) {
    let first: string;
    switch (err.code) {
      case 'BAD_HEADER':
        first = `Wrong signature or version trying to load DB from file: ${err.message}`;
        break;
      case 'TRUNCATED':
        first = `Short read or OOM loading DB. Unrecoverable error, aborting now. (${err.message})`;
        break;
      case 'CHECKSUM':
        first = `Wrong RDB checksum. Aborting now. (${err.message})`;
        break;
      default:
        first = `Internal error in RDB reading: ${err.message}`;
    }
    return new RdbLoadError(first);
  }
  return err instanceof Error ? err : new Error(String(err));
}

function errText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

function cwd(): string {
  try {
    return process.cwd();
  } catch {
    return '(unknown: the directory was removed)';
  }
}

function safeUnlink(p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    // not there
  }
}
