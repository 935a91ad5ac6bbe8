/**
 * Side-by-side throughput: Petrel against Debian's redis-server 7.0, both driven by
 * redis-benchmark with identical flags, alternating server per run so that background noise on
 * the machine falls on both. Each row is repeated and the median kept; the table reports ops/s
 * and the ratio Petrel / Redis. Never run in CI (timings decide nothing in tests).
 *
 *   node --import tsx bench/throughput.ts [--requests N] [--repeat K] [--quick] [--clients C]
 *                                         [--only set,get] [--pipelines 1,16] [--csv]
 *
 * Petrel runs from dist/ (built first when missing or older than src/); both servers listen on
 * free 127.0.0.1 ports, persistence off, and are stopped on every exit path, errors included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ensureBuilt, freePort, killAll, startPetrel, startRedis, track, type Server } from './lib/servers.js';


/**
 * One row family: a redis-benchmark test name (`-t`) and the CSV label it prints. Adding a
 * command to the benchmark is one line here: `{ test: 'lpush', label: 'LPUSH' }`.
 * For LPOP/ZRANGE-like tests redis-benchmark prints a label such as "LPOP" or
 * "LRANGE_100 (first 100 elements)"; the label is matched as a prefix.
 */
interface BenchTest {
  /** Name given to `redis-benchmark -t` (or, with `command`, the row's name for --only). */
  test: string;
  /** Prefix of the "test" column redis-benchmark prints in --csv mode. */
  label: string;
  /**
   * A command for redis-benchmark to send instead of a built-in test (it takes one after its
   * options, and prints the command line as the test name), for commands it has no test for.
   */
  command?: string[];
  /** Commands run with redis-cli on each server before the row (data the command reads). */
  setup?: string[][];
}

/** 100 members, scores 0..99: a listpack in both servers (zset-max-listpack-entries 128). */
const ZRANGE_SETUP = [['DEL', 'bench:zrange'], ['ZADD', 'bench:zrange', ...Array.from({ length: 100 }, (_, i) => [String(i), `member:${i}`]).flat()]];

const TESTS: BenchTest[] = [
  { test: 'set', label: 'SET' },
  { test: 'get', label: 'GET' },
  { test: 'incr', label: 'INCR' },
  { test: 'mset', label: 'MSET' },
  // LPOP pops what LPUSH pushed (same key, same count), so it runs after it.
  { test: 'lpush', label: 'LPUSH' },
  { test: 'lpop', label: 'LPOP' },
  { test: 'sadd', label: 'SADD' },
  { test: 'hset', label: 'HSET' },
  { test: 'zadd', label: 'ZADD' },
  // redis-benchmark 7.0 has no ZRANGE test: the first 10 of a 100-member sorted set.
  { test: 'zrange', label: 'ZRANGE', command: ['ZRANGE', 'bench:zrange', '0', '9'], setup: ZRANGE_SETUP },
];

interface Options {
  requests: number;
  repeat: number;
  clients: number;
  pipelines: number[];
  tests: BenchTest[];
  csv: boolean;
  portBase: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { requests: 200_000, repeat: 3, clients: 50, pipelines: [1, 16], tests: TESTS, csv: false, portBase: 7500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--requests':
      case '-n':
        o.requests = positive(a, val());
        break;
      case '--repeat':
        o.repeat = positive(a, val());
        break;
      case '--clients':
      case '-c':
        o.clients = positive(a, val());
        break;
      case '--pipelines':
        o.pipelines = val().split(',').map((p) => positive(a, p));
        break;
      case '--only': {
        const names = val().toLowerCase().split(',');
        o.tests = names.map((n) => TESTS.find((t) => t.test === n) ?? { test: n, label: n.toUpperCase() });
        break;
      }
      case '--quick':
        o.requests = 50_000;
        o.repeat = 1;
        break;
      case '--csv':
        o.csv = true;
        break;
      case '--port-base':
        o.portBase = positive(a, val());
        break;
      case '--help':
      case '-h':
        process.stdout.write(fileHeader());
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  return o;
}

function positive(name: string, s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive integer, got '${s}'`);
  return n;
}

function fileHeader(): string {
  return 'usage: node --import tsx bench/throughput.ts [--requests N] [--repeat K] [--quick] [--clients C] [--only set,get] [--pipelines 1,16] [--csv] [--port-base P]\n';
}

// ---------------------------------------------------------------------------------------------
// Processes

// Servers, ports and builds: bench/lib/servers.ts (every child is killed on every exit path).

// ---------------------------------------------------------------------------------------------
// redis-benchmark

/**
 * Runs redis-benchmark once for one test and returns ops/s from its CSV output. Bounded: a run
 * that hangs (a server that stopped answering) is killed and reported as an error.
 */
interface Sample {
  /** ops/s as redis-benchmark reports it. */
  rps: number;
  /** Server CPU time (user + system) per request, microseconds: steadier than ops/s on a busy machine. */
  cpuUs: number;
}

/** user + system CPU time of a process so far, in clock ticks (Linux /proc; 0 elsewhere). */
function cpuTicks(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** Clock ticks per second for /proc times (USER_HZ, 100 on Linux unless told otherwise). */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'latin1' }).stdout?.trim()) || 100;

async function measure(server: Server, t: BenchTest, pipeline: number, o: Options): Promise<Sample> {
  const before = cpuTicks(server.pid);
  const rps = await runBenchmark(server.port, t, pipeline, o);
  const ticks = cpuTicks(server.pid) - before;
  return { rps, cpuUs: ((ticks / TICKS) * 1e6) / o.requests };
}

function runBenchmark(port: number, t: BenchTest, pipeline: number, o: Options): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-c', String(o.clients), '-n', String(o.requests), '-P', String(pipeline), '--csv'];
  if (t.command !== undefined) args.push(...t.command);
  else args.push('-t', t.test);
  return new Promise((resolve, reject) => {
    const p = spawn('redis-benchmark', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    track(p);
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    p.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
    // At 2k ops/s a run would be very sick; past that bound, give up.
    const limit = Math.max(60_000, (o.requests / 2000) * 1000);
    const timer = setTimeout(() => p.kill('SIGKILL'), limit);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      const rps = parseCsv(out, t.label);
      if (rps !== null) return resolve(rps);
      reject(new Error(`redis-benchmark ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${out}${err}`));
    });
  });
}

/** Finds the rps of the row whose test column starts with `label` in redis-benchmark's CSV. */
export function parseCsv(out: string, label: string): number | null {
  for (const line of out.split(/\r?\n/)) {
    const m = /^"([^"]*)","([0-9.]+)"/.exec(line);
    if (m && m[1].toUpperCase().startsWith(label.toUpperCase())) return Number(m[2]);
  }
  return null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs a row's setup commands on one server (bounded); an error reply stops the benchmark. */
function setup(port: number, t: BenchTest): void {
  for (const argv of t.setup ?? []) {
    const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...argv], { encoding: 'latin1', timeout: 10_000 });
    const out = (r.stdout ?? '').trim();
    if (r.status !== 0 || /^(\(error\) )?(ERR|WRONGTYPE)/.test(out)) throw new Error(`setup of ${t.test} failed on port ${port}: ${argv[0]} -> ${out}${r.stderr ?? ''}`);
  }
}

/** Checks the servers answer a command at all, so the table can flag rows that measure errors. */
function supports(port: number, t: BenchTest): boolean {
  // redis-benchmark counts error replies as replies: a missing command would look fast.
  const probe: Record<string, string[]> = {
    set: ['SET', 'bench:probe', 'x'],
    get: ['GET', 'bench:probe'],
    incr: ['INCR', 'bench:probe:n'],
    mset: ['MSET', 'bench:probe:a', '1', 'bench:probe:b', '2'],
    lpush: ['LPUSH', 'bench:probe:l', 'x'],
    lpop: ['LPOP', 'bench:probe:l'],
    sadd: ['SADD', 'bench:probe:s', 'x'],
    hset: ['HSET', 'bench:probe:h', 'f', 'v'],
    zadd: ['ZADD', 'bench:probe:z', '1', 'x'],
  };
  const argv = probe[t.test] ?? t.command ?? [t.test.toUpperCase()];
  const r = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...argv], { encoding: 'latin1', timeout: 5000 });
  const out = (r.stdout ?? '').trim();
  return r.status === 0 && !/^ERR unknown command|^\(error\) ERR unknown command/.test(out);
}

// ---------------------------------------------------------------------------------------------

interface Row {
  test: string;
  pipeline: number;
  petrel: number;
  redis: number;
  /** Median server CPU microseconds per request. */
  petrelCpu: number;
  redisCpu: number;
  note: string;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function printTable(rows: Row[], csv: boolean): void {
  if (csv) {
    process.stdout.write('test,pipeline,petrel_ops,redis_ops,ratio,petrel_cpu_us_per_op,redis_cpu_us_per_op\n');
    for (const r of rows) {
      process.stdout.write(`${r.test},${r.pipeline},${r.petrel.toFixed(0)},${r.redis.toFixed(0)},${(r.petrel / r.redis).toFixed(2)},${r.petrelCpu.toFixed(2)},${r.redisCpu.toFixed(2)}\n`);
    }
    return;
  }
  const head = ['test', 'pipeline', 'Petrel ops/s', 'Redis ops/s', 'ratio', 'Petrel CPU us/op', 'Redis CPU us/op', ''];
  const left = (i: number) => i === 0 || i === head.length - 1;
  const body = rows.map((r) => [r.test, String(r.pipeline), fmt(r.petrel), fmt(r.redis), (r.petrel / r.redis).toFixed(2), r.petrelCpu.toFixed(2), r.redisCpu.toFixed(2), r.note]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  process.stdout.write(line(head) + '\n');
  process.stdout.write('|' + widths.map((w, i) => (left(i) ? ':' : '-') + '-'.repeat(w) + (left(i) ? '-' : ':')).join('|') + '|\n');
  for (const b of body) process.stdout.write(line(b) + '\n');
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  for (const bin of ['redis-server', 'redis-benchmark', 'redis-cli']) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) throw new Error(`${bin} not found (apt-get install redis-server redis-tools)`);
  }
  ensureBuilt();
  const servers: Server[] = [];
  try {
    const petrel = await startPetrel(await freePort(o.portBase));
    servers.push(petrel);
    const redis = await startRedis(await freePort(o.portBase));
    servers.push(redis);
    process.stderr.write(`petrel on ${petrel.port}, redis on ${redis.port}; ${o.requests} requests, ${o.clients} clients, median of ${o.repeat}\n`);
    const rows: Row[] = [];
    for (const t of o.tests) {
      for (const srv of [petrel, redis]) setup(srv.port, t);
      const note = supports(petrel.port, t) ? '' : 'Petrel lacks the command: measures error replies';
      for (const pipeline of o.pipelines) {
        const pr: Sample[] = [];
        const rr: Sample[] = [];
        for (let k = 0; k < o.repeat; k++) {
          // Alternate which server goes first so drift (thermal, other load) is shared.
          if (k % 2 === 0) {
            pr.push(await measure(petrel, t, pipeline, o));
            rr.push(await measure(redis, t, pipeline, o));
          } else {
            rr.push(await measure(redis, t, pipeline, o));
            pr.push(await measure(petrel, t, pipeline, o));
          }
        }
        const row: Row = {
          test: t.label,
          pipeline,
          petrel: median(pr.map((x) => x.rps)),
          redis: median(rr.map((x) => x.rps)),
          petrelCpu: median(pr.map((x) => x.cpuUs)),
          redisCpu: median(rr.map((x) => x.cpuUs)),
          note,
        };
        rows.push(row);
        process.stderr.write(`  ${row.test} -P ${pipeline}: petrel ${fmt(row.petrel)} [${pr.map((x) => fmt(x.rps)).join(', ')}], redis ${fmt(row.redis)} [${rr.map((x) => fmt(x.rps)).join(', ')}]\n`);
      }
    }
    printTable(rows, o.csv);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench/throughput: ${e.message}\n`);
  killAll();
  process.exit(1);
});
