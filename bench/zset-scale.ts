/**
 * Sorted-set scaling: the structure in-process (no server, no protocol), grown to 1k, 100k and
 * 1M members, timing per operation:
 *   ZADD          insert of a new member (the last 10k inserts before each size is reached)
 *   ZRANK         rank of a random member
 *   ZRANGE rank   10 elements from a random rank
 *   ZRANGE score  10 elements from a random score (first-in-range descent + walk)
 * With O(log n) operations the cost grows by a small constant per 100x, not 100x.
 *
 *   node --import tsx bench/zset-scale.ts        (not run in CI)
 */
import { Zset } from '../src/store/types/zset.js';

const SIZES = [1_000, 100_000, 1_000_000];
const LIMITS = { entries: 128, value: 64 };
const QUERIES = 100_000;
const INSERT_SAMPLE = 10_000;

/** Deterministic PRNG so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nsPerOp(start: bigint, ops: number): number {
  return Number(process.hrtime.bigint() - start) / ops;
}

const rand = rng(42);

// Warm the JIT on a throwaway set so the 1k row measures the structure, not compilation.
{
  const w = Zset.create(LIMITS, 8);
  for (let i = 0; i < 50_000; i++) w.insert('w' + i, Math.floor(rand() * 1e9), LIMITS);
  for (let i = 0; i < 50_000; i++) {
    const f = w.firstWhere((s) => s >= i * 20_000);
    w.rank('w' + i);
    if (f < w.size) w.walk(f, Math.min(w.size - 1, f + 9), false, () => {});
  }
}
const z = Zset.create(LIMITS, 8);
const members: string[] = [];
let sink = 0;
const rows: Array<Record<string, string>> = [];

for (const size of SIZES) {
  // Grow to size - INSERT_SAMPLE untimed, then time the last inserts.
  const timedFrom = Math.max(members.length, size - INSERT_SAMPLE);
  while (members.length < timedFrom) {
    const m = 'member:' + members.length;
    z.insert(m, Math.floor(rand() * 1e9), LIMITS);
    members.push(m);
  }
  let t = process.hrtime.bigint();
  const inserted = size - members.length;
  while (members.length < size) {
    const m = 'member:' + members.length;
    z.insert(m, Math.floor(rand() * 1e9), LIMITS);
    members.push(m);
  }
  const zadd = nsPerOp(t, inserted);

  t = process.hrtime.bigint();
  for (let i = 0; i < QUERIES; i++) sink += z.rank(members[Math.floor(rand() * size)]);
  const zrank = nsPerOp(t, QUERIES);

  t = process.hrtime.bigint();
  for (let i = 0; i < QUERIES; i++) {
    const start = Math.floor(rand() * (size - 10));
    z.walk(start, start + 9, false, (_m, s) => void (sink += s));
  }
  const byRank = nsPerOp(t, QUERIES);

  t = process.hrtime.bigint();
  for (let i = 0; i < QUERIES; i++) {
    const min = Math.floor(rand() * 1e9);
    const first = z.firstWhere((s) => s >= min);
    if (first < size) z.walk(first, Math.min(size - 1, first + 9), false, (_m, s) => void (sink += s));
  }
  const byScore = nsPerOp(t, QUERIES);

  rows.push({
    members: size.toLocaleString('en-US'),
    encoding: z.encoding(),
    'ZADD ns/op': zadd.toFixed(0),
    'ZRANK ns/op': zrank.toFixed(0),
    'ZRANGE rank(10) ns/op': byRank.toFixed(0),
    'ZRANGE score(10) ns/op': byScore.toFixed(0),
  });
}

console.table(rows);
const first = rows[0];
const last = rows[rows.length - 1];
for (const k of ['ZADD ns/op', 'ZRANK ns/op', 'ZRANGE rank(10) ns/op', 'ZRANGE score(10) ns/op']) {
  console.log(`${k.padEnd(24)} 1M / 1k = ${(Number(last[k]) / Number(first[k])).toFixed(1)}x  (linear would be 1000x)`);
}
if (sink === 0.5) console.log(sink); // keep the work observable
