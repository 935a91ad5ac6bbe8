/**
 * BGSAVE side by side: Petrel's in-process snapshot (a walk with a write barrier, no fork)
 * against Debian's redis-server 7.0 (fork + copy-on-write). Loads N keys of mixed types into
 * both, then on each server measures the save time and the peak extra memory during the save,
 * (a) idle and (b) under a concurrent write load, plus (c) the same write load for the same time
 * without a save (what the load alone costs, to read (b) against). Never run in CI.
 *
 *   node --import tsx bench/snapshot.ts [--keys N] [--rate W] [--port-base P] [--only petrel|redis]
 *
 * Data (key:<i>, the type by i mod 10): 60% strings of 20-100 bytes, 10% each hashes, sets,
 * sorted sets and lists of 5-20 small elements (listpacks in Redis). Loaded with pipelined raw
 * RESP over one socket, a bounded batch at a time.
 *
 * Write load: a second connection sends a batch every 10 ms (W/100 commands, default W = 10000
 * writes/s), waiting for each batch's replies: SET on existing strings (50%), LPUSH on existing
 * lists (15%), HSET on existing hashes (15%), SET of new keys (20%), keys picked at random.
 *
 * Save time: from sending BGSAVE to INFO's rdb_bgsave_in_progress:0 (polled every 20 ms).
 * Memory: VmRSS sampled every 20 ms. "Extra" = peak during the save minus RSS just before.
 * For Redis the forked child is found through /proc/<pid>/task/<tid>/children and counted two
 * ways: parent RSS + child RSS (overstates: the child's RSS counts every page it still shares
 * with the parent) and parent RSS + child Private_Dirty from smaps_rollup (the pages that really
 * got copied: Redis's own current_cow_size). The ratios use the second, the honest one.
 * Dataset = RSS after loading (settled) minus RSS of the empty server.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  Conn,
  childPids,
  ensureBuilt,
  freePort,
  infoField,
  killAll,
  mb,
  requireRedis,
  resp,
  rss,
  sleep,
  smapsRollup,
  startPetrel,
  startRedis,
  type Server,
} from './lib/servers.js';

/** Issue target: Petrel's extra memory under write load below this share of the dataset. */
const TARGET_EXTRA = 0.05;
/** Issue target: Petrel's save time at most this times Redis's. */
const TARGET_TIME = 1.5;
/** Commands per loading batch. */
const BATCH = 2000;
const SAMPLE_MS = 20;
/** A save that takes longer than this is a failure, not a measurement. */
const SAVE_TIMEOUT_MS = 15 * 60_000;

interface Options {
  keys: number;
  rate: number;
  portBase: number;
  only: ('petrel' | 'redis')[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = { keys: 1_000_000, rate: 10_000, portBase: 9000, only: ['petrel', 'redis'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const positive = () => {
      const n = Number(val());
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a}: expected a positive integer`);
      return n;
    };
    switch (a) {
      case '--keys':
      case '-n':
        o.keys = positive();
        break;
      case '--rate':
        o.rate = positive();
        break;
      case '--port-base':
        o.portBase = positive();
        break;
      case '--only': {
        const v = val();
        if (v !== 'petrel' && v !== 'redis') throw new Error('--only: petrel or redis');
        o.only = [v];
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write('usage: node --import tsx bench/snapshot.ts [--keys N] [--rate writes/s] [--port-base P] [--only petrel|redis]\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Data

/** mulberry32: a small deterministic PRNG, so both servers get the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Letters to cut values from (random, so the RDB's LZF finds little to compress). */
const POOL = (() => {
  const r = prng(7);
  let s = '';
  for (let i = 0; i < 8192; i++) s += String.fromCharCode(33 + Math.floor(r() * 94));
  return s;
})();

function value(r: () => number, min: number, max: number): string {
  const len = min + Math.floor(r() * (max - min + 1));
  const at = Math.floor(r() * (POOL.length - len));
  return POOL.slice(at, at + len);
}

type Kind = 'string' | 'hash' | 'set' | 'zset' | 'list';
function kindOf(i: number): Kind {
  const m = i % 10;
  return m < 6 ? 'string' : m === 6 ? 'hash' : m === 7 ? 'set' : m === 8 ? 'zset' : 'list';
}

function loadCommand(i: number, r: () => number): string {
  const key = `key:${i}`;
  const kind = kindOf(i);
  if (kind === 'string') return resp(['SET', key, value(r, 20, 100)]);
  const n = 5 + Math.floor(r() * 16);
  const a: string[] = [];
  switch (kind) {
    case 'hash':
      a.push('HSET', key);
      for (let j = 0; j < n; j++) a.push(`f${j}`, value(r, 4, 12));
      break;
    case 'set':
      a.push('SADD', key);
      for (let j = 0; j < n; j++) a.push(`m${j}:${Math.floor(r() * 1e6)}`);
      break;
    case 'zset':
      a.push('ZADD', key);
      for (let j = 0; j < n; j++) a.push(String(Math.floor(r() * 1e6) / 100), `m${j}`);
      break;
    case 'list':
      a.push('RPUSH', key);
      for (let j = 0; j < n; j++) a.push(value(r, 4, 12));
      break;
  }
  return resp(a);
}

async function load(c: Conn, keys: number): Promise<void> {
  const r = prng(42);
  for (let start = 0; start < keys; start += BATCH) {
    const end = Math.min(keys, start + BATCH);
    const reqs = new Array<string>(end - start);
    for (let i = start; i < end; i++) reqs[i - start] = loadCommand(i, r);
    await c.send(reqs);
  }
}

/** A random existing key index of `kind` (indexes with i mod 10 in the kind's range). */
function pick(r: () => number, keys: number, kind: 'string' | 'hash' | 'list'): number {
  const base = Math.floor(r() * Math.floor(keys / 10)) * 10;
  const off = kind === 'string' ? Math.floor(r() * 6) : kind === 'hash' ? 6 : 9;
  return Math.min(base + off, keys - 1);
}

/**
 * The concurrent write load: every 10 ms one pipelined batch of rate/100 writes, waiting for
 * its replies. stop() ends it after the batch in flight; resolves with the writes done.
 */
function writeLoad(c: Conn, keys: number, rate: number, tag: string): { stop: () => Promise<{ writes: number; newKeys: number; ms: number }> } {
  const r = prng(1234);
  const per = Math.max(1, Math.round(rate / 100));
  let stopped = false;
  let writes = 0;
  let newKeys = 0;
  let fresh = 0;
  const t0 = performance.now();
  const loop = (async () => {
    for (let tick = 0; !stopped; tick++) {
      const reqs: string[] = [];
      for (let j = 0; j < per; j++) {
        const x = r();
        if (x < 0.5) reqs.push(resp(['SET', `key:${pick(r, keys, 'string')}`, value(r, 20, 100)]));
        else if (x < 0.65) reqs.push(resp(['LPUSH', `key:${pick(r, keys, 'list')}`, value(r, 4, 12)]));
        else if (x < 0.8) reqs.push(resp(['HSET', `key:${pick(r, keys, 'hash')}`, `f${Math.floor(r() * 24)}`, value(r, 4, 12)]));
        else {
          reqs.push(resp(['SET', `new:${tag}:${fresh++}`, value(r, 20, 100)]));
          newKeys++;
        }
      }
      await c.send(reqs, { ms: 60_000 });
      writes += reqs.length;
      // A fixed pace: batch k is due at t0 + 10k ms; a late batch is sent at once.
      const due = t0 + (tick + 1) * 10 - performance.now();
      if (due > 0) await sleep(due);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { writes, newKeys, ms: performance.now() - t0 };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface SaveResult {
  ms: number;
  /** rdb_last_bgsave_time_sec */
  serverSec: number;
  before: number;
  /** Peak of parent RSS + child Private_Dirty (Petrel: its RSS). */
  peak: number;
  /** Peak of parent RSS + child RSS (Redis only). */
  peakNaive: number;
  /** Peak child Private_Dirty (Redis only). */
  peakChildDirty: number;
  /** Petrel: peak INFO used_memory minus before. */
  usedExtra: number;
  /** Redis: rdb_last_cow_size */
  cow: number;
  rdbBytes: number;
  load?: { writes: number; newKeys: number; ms: number };
}

/** Samples the server's memory every 20 ms until stop(). */
function sampler(pid: number): { stop: () => { peak: number; peakNaive: number; peakChildDirty: number; samples: number } } {
  let peak = 0;
  let peakNaive = 0;
  let peakChildDirty = 0;
  let samples = 0;
  const sample = () => {
    const parent = rss(pid);
    let childRss = 0;
    let childDirty = 0;
    for (const c of childPids(pid)) {
      childRss += rss(c);
      childDirty += smapsRollup(c, 'Private_Dirty');
    }
    peak = Math.max(peak, parent + childDirty);
    peakNaive = Math.max(peakNaive, parent + childRss);
    peakChildDirty = Math.max(peakChildDirty, childDirty);
    samples++;
  };
  sample();
  const t = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(t);
      sample();
      return { peak, peakNaive, peakChildDirty, samples };
    },
  };
}

/** Lets the server settle: a full GC for Petrel (DEBUG GC, Petrel-only), then a pause. */
async function settle(s: Server, c: Conn, ms: number): Promise<void> {
  if (s.name === 'petrel') await c.call('DEBUG', 'GC');
  await sleep(ms);
}

async function bgsave(s: Server, c: Conn, keys: number, withLoad: boolean, tag: string): Promise<SaveResult> {
  await settle(s, c, 1000);
  const before = rss(s.pid);
  const mem0 = infoField(await c.call('INFO', 'memory'), 'used_memory') ?? 0;
  let loadConn: Conn | null = null;
  let wl: ReturnType<typeof writeLoad> | null = null;
  if (withLoad) {
    loadConn = await Conn.connect(s.port);
    wl = writeLoad(loadConn, keys, RATE, tag);
  }
  const smp = sampler(s.pid);
  let usedPeak = mem0;
  let ms = 0;
  let mem: ReturnType<typeof smp.stop> | null = null;
  let loadDone: Awaited<ReturnType<NonNullable<typeof wl>['stop']>> | undefined;
  const t0 = performance.now();
  try {
    const rep = await c.call('BGSAVE');
    if (rep !== 'Background saving started') throw new Error(`${s.name}: BGSAVE replied ${String(rep)}`);
    for (;;) {
      const [pers, info] = await c.send([resp(['INFO', 'persistence']), resp(['INFO', 'memory'])], { keep: true });
      usedPeak = Math.max(usedPeak, infoField(info, 'used_memory') ?? 0);
      if (infoField(pers, 'rdb_bgsave_in_progress') === 0) break;
      if (performance.now() - t0 > SAVE_TIMEOUT_MS) throw new Error(`${s.name}: BGSAVE still running after ${SAVE_TIMEOUT_MS / 1000} s`);
      await sleep(SAMPLE_MS);
    }
  } finally {
    ms = performance.now() - t0;
    mem = smp.stop();
    // The load stops after the save: its last batch is waited for (bounded by send's timeout).
    loadDone = wl ? await wl.stop().catch(() => undefined) : undefined;
    loadConn?.close();
  }
  const pers = await c.call('INFO', 'persistence');
  if (typeof pers !== 'string' || !pers.includes('rdb_last_bgsave_status:ok')) throw new Error(`${s.name}: BGSAVE failed`);
  let rdbBytes = 0;
  try {
    rdbBytes = statSync(path.join(s.dir, 'dump.rdb')).size;
  } catch {
    // Reported as 0.
  }
  return {
    ms,
    serverSec: infoField(pers, 'rdb_last_bgsave_time_sec') ?? -1,
    before,
    peak: mem.peak,
    peakNaive: mem.peakNaive,
    peakChildDirty: mem.peakChildDirty,
    usedExtra: usedPeak - mem0,
    cow: infoField(pers, 'rdb_last_cow_size') ?? 0,
    rdbBytes,
    load: loadDone,
  };
}

/** (c): the same write load for `ms` without a save: how much RSS the load alone adds. */
async function loadOnly(s: Server, c: Conn, keys: number, ms: number, tag: string): Promise<{ extra: number; writes: number }> {
  await settle(s, c, 1000);
  const before = rss(s.pid);
  const lc = await Conn.connect(s.port);
  const smp = sampler(s.pid);
  try {
    const wl = writeLoad(lc, keys, RATE, tag);
    await sleep(ms);
    const done = await wl.stop();
    return { extra: smp.stop().peak - before, writes: done.writes };
  } finally {
    smp.stop();
    lc.close();
  }
}

interface ServerResult {
  empty: number;
  loaded: number;
  idle: SaveResult;
  busy: SaveResult;
  loadAlone: { extra: number; writes: number };
}

let RATE = 10_000;

async function measure(start: (port: number) => Promise<Server>, o: Options): Promise<ServerResult> {
  const s = await start(await freePort(o.portBase));
  let c: Conn | null = null;
  try {
    c = await Conn.connect(s.port);
    await c.call('PING');
    await settle(s, c, 300);
    const empty = rss(s.pid);
    const t0 = performance.now();
    await load(c, o.keys);
    const dbsize = await c.call('DBSIZE');
    if (dbsize !== o.keys) throw new Error(`${s.name}: DBSIZE ${String(dbsize)}, expected ${o.keys}`);
    process.stderr.write(`  ${s.name}: loaded ${o.keys} keys in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    await settle(s, c, 1500);
    const loaded = rss(s.pid);
    const idle = await bgsave(s, c, o.keys, false, 'a');
    process.stderr.write(`  ${s.name}: idle BGSAVE ${(idle.ms / 1000).toFixed(2)} s, +${mb(idle.peak - idle.before)} MB\n`);
    const busy = await bgsave(s, c, o.keys, true, 'b');
    process.stderr.write(`  ${s.name}: BGSAVE under load ${(busy.ms / 1000).toFixed(2)} s, +${mb(busy.peak - busy.before)} MB, ${busy.load?.writes ?? 0} writes\n`);
    const loadAlone = await loadOnly(s, c, o.keys, busy.ms, 'c');
    process.stderr.write(`  ${s.name}: load alone for the same time: +${mb(loadAlone.extra)} MB, ${loadAlone.writes} writes\n`);
    return { empty, loaded, idle, busy, loadAlone };
  } finally {
    c?.close();
    await s.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}%`;
}

function printTable(o: Options, p: ServerResult | undefined, r: ServerResult | undefined): void {
  const rows: string[][] = [];
  const sec = (x: number) => (x / 1000).toFixed(2);
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? (a / b).toFixed(2) : '');
  const row = (label: string, f: (x: ServerResult) => string, ra?: (x: ServerResult) => number) =>
    rows.push([label, p ? f(p) : '-', r ? f(r) : '-', ra && p && r ? ratio(ra(p), ra(r)) : '']);
  const ds = (x: ServerResult) => x.loaded - x.empty;
  row('RSS empty server, MB', (x) => mb(x.empty));
  row('RSS after load, MB', (x) => mb(x.loaded), (x) => x.loaded);
  row('dataset (loaded - empty), MB', (x) => mb(ds(x)), ds);
  row('RDB file, MB', (x) => mb(x.idle.rdbBytes), (x) => x.idle.rdbBytes);
  for (const [name, get] of [
    ['idle', (x: ServerResult) => x.idle],
    ['under load', (x: ServerResult) => x.busy],
  ] as const) {
    row(`${name}: BGSAVE time, s`, (x) => sec(get(x).ms), (x) => get(x).ms);
    row(`${name}: rdb_last_bgsave_time_sec`, (x) => String(get(x).serverSec));
    row(`${name}: peak extra RSS, MB (Redis: + child Private_Dirty)`, (x) => mb(get(x).peak - get(x).before), (x) => get(x).peak - get(x).before);
    row(`${name}: peak extra / dataset`, (x) => pct(get(x).peak - get(x).before, ds(x)));
    row(`${name}: Redis parent + child RSS (shared pages counted), MB`, (x) => (x === r ? mb(get(x).peakNaive - get(x).before) : '-'));
    row(`${name}: Redis child Private_Dirty peak / rdb_last_cow_size, MB`, (x) => (x === r ? `${mb(get(x).peakChildDirty)} / ${mb(get(x).cow)}` : '-'));
    row(`${name}: Petrel used_memory peak extra, MB`, (x) => (x === p ? mb(get(x).usedExtra) : '-'));
  }
  row('under load: writes during the save (new keys)', (x) => `${x.busy.load?.writes ?? 0} (${x.busy.load?.newKeys ?? 0})`);
  row('under load: write rate achieved, /s', (x) => (x.busy.load ? ((1000 * x.busy.load.writes) / x.busy.load.ms).toFixed(0) : '-'));
  row('same load alone, same time: peak extra RSS, MB', (x) => mb(x.loadAlone.extra));

  const head = ['', 'Petrel', 'Redis', 'Petrel / Redis'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  process.stdout.write(`\n${o.keys} keys (60% strings 20-100 B, 10% each hash/set/zset/list of 5-20 elements); write load ${o.rate}/s\n\n`);
  process.stdout.write(line(head) + '\n');
  process.stdout.write('|' + widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|\n');
  for (const x of rows) process.stdout.write(line(x) + '\n');
  if (p && r) {
    const extra = (p.busy.peak - p.busy.before) / (p.loaded - p.empty);
    const t = p.busy.ms / r.busy.ms;
    const ti = p.idle.ms / r.idle.ms;
    process.stdout.write(
      `\nTargets: Petrel extra memory under load ${pct(p.busy.peak - p.busy.before, p.loaded - p.empty)} of its dataset ` +
        `(target < ${TARGET_EXTRA * 100}%: ${extra < TARGET_EXTRA ? 'met' : 'NOT met'}); ` +
        `save time ${ti.toFixed(2)}x Redis idle, ${t.toFixed(2)}x under load (target <= ${TARGET_TIME}x: ${Math.max(t, ti) <= TARGET_TIME ? 'met' : 'NOT met'}).\n`,
    );
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  RATE = o.rate;
  if (o.only.includes('redis')) requireRedis();
  if (o.only.includes('petrel')) ensureBuilt();
  process.stderr.write(`${o.keys} keys, write load ${o.rate}/s\n`);
  const p = o.only.includes('petrel') ? await measure((port) => startPetrel(port, { prefix: 'petrel-snap-' }), o) : undefined;
  const r = o.only.includes('redis') ? await measure((port) => startRedis(port, { prefix: 'redis-snap-' }), o) : undefined;
  printTable(o, p, r);
}

main().catch((e: Error) => {
  process.stderr.write(`bench/snapshot: ${e.stack ?? e.message}\n`);
  killAll();
  process.exit(1);
});
