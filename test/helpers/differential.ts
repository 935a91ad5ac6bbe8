/**
 * The differential harness: the same commands go to Petrel and to Debian's redis-server 7.0,
 * and the replies must be identical, type for type and byte for byte. It is the oracle for every
 * command family.
 *
 *   differential('strings', (d) => {
 *     d.case('set then get', [['SET', 'k', 'v'], ['GET', 'k']]);
 *     d.case('ttl is close', [['SET', 'k', 'v', 'EX', '100'], { args: ['TTL', 'k'], compare: 'type' }]);
 *     d.random('random string ops', { steps: 300, gen: (r) => ['SET', r.pick(['a', 'b']), r.str(3)] });
 *   });
 *
 * Each case starts on a fresh connection after FLUSHALL. Random sequences use a seed printed on
 * failure; PETREL_DIFF_SEED=<n> replays one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RespClient, showReply, type Reply } from './resp-client.js';
import { peerSkip, startPetrel, startRedis, type RunningServer } from './server.js';

/**
 * How two replies are compared:
 * 'exact' (default) type and value; 'type' only the reply type (values vary: TTL, TIME);
 * 'unordered' arrays compared as multisets (SCAN, KEYS, SMEMBERS); or a function that asserts.
 */
export type Compare = 'exact' | 'type' | 'unordered' | ((petrel: Reply, redis: Reply) => void);

export type Step = string[] | { args: string[]; compare: Compare };

export interface CaseOptions {
  /** Speak RESP3 (HELLO 3) on both connections first. */
  resp3?: boolean;
}

/** Deterministic PRNG (mulberry32) with helpers for generating commands. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  /** A string of n bytes drawn from a small alphabet, sometimes binary. */
  str(n: number, binary = false): string {
    let s = '';
    for (let i = 0; i < n; i++) s += binary ? String.fromCharCode(this.int(0, 255)) : 'abcxyz0123'[this.int(0, 9)];
    return s;
  }
}

export interface RandomOptions {
  steps: number;
  gen: (rng: Rng, step: number) => Step;
  seed?: number;
  resp3?: boolean;
}

interface Peers {
  petrel: RunningServer;
  redis: RunningServer;
}

export interface DiffSuite {
  case(name: string, steps: Step[], opts?: CaseOptions): void;
  random(name: string, opts: RandomOptions): void;
}

function normalizeUnordered(r: Reply): Reply {
  if (r.t === 'array' || r.t === 'set') {
    const items = r.v.map(normalizeUnordered);
    items.sort((a, b) => (showReply(a) < showReply(b) ? -1 : showReply(a) > showReply(b) ? 1 : 0));
    return { t: r.t, v: items };
  }
  return r;
}

function compareReplies(step: Step, p: Reply, r: Reply, where: string): void {
  const mode: Compare = Array.isArray(step) ? 'exact' : step.compare;
  if (typeof mode === 'function') return mode(p, r);
  if (mode === 'type') {
    assert.equal(p.t, r.t, `${where}: reply types differ\n petrel: ${showReply(p)}\n redis:  ${showReply(r)}`);
    return;
  }
  const a = mode === 'unordered' ? normalizeUnordered(p) : p;
  const b = mode === 'unordered' ? normalizeUnordered(r) : r;
  if (showReply(a) !== showReply(b)) {
    assert.fail(`${where}: replies differ\n petrel: ${showReply(p)}\n redis:  ${showReply(r)}`);
  }
}

function argsOf(step: Step): string[] {
  return Array.isArray(step) ? step : step.args;
}

function show(args: string[]): string {
  return args.map((a) => JSON.stringify(a)).join(' ');
}

async function fresh(peers: Peers, resp3: boolean): Promise<[RespClient, RespClient]> {
  const p = await RespClient.connect(peers.petrel.port);
  const r = await RespClient.connect(peers.redis.port);
  for (const c of [p, r]) {
    await c.call('FLUSHALL');
    if (resp3) await c.call('HELLO', '3');
  }
  return [p, r];
}

async function runSteps(peers: Peers, steps: Step[], resp3: boolean, label: string): Promise<void> {
  const [p, r] = await fresh(peers, resp3);
  try {
    for (let i = 0; i < steps.length; i++) {
      const args = argsOf(steps[i]);
      const [pr, rr] = await Promise.all([p.call(...args), r.call(...args)]);
      compareReplies(steps[i], pr, rr, `${label} step ${i}: ${show(args)}`);
    }
  } finally {
    p.close();
    r.close();
  }
}

/** Declares a differential suite; it skips visibly when redis-server is missing. */
export function differential(family: string, build: (d: DiffSuite) => void): void {
  const skip = peerSkip('redis-server');
  describe(`differential: ${family}`, { skip }, () => {
    let peers: Peers | null = null;
    before(async () => {
      const [petrel, redis] = await Promise.all([startPetrel(), startRedis()]);
      peers = { petrel, redis };
    });
    after(async () => {
      if (peers) await Promise.all([peers.petrel.stop(), peers.redis.stop()]);
    });
    build({
      case(name, steps, opts = {}) {
        it(name, async () => runSteps(peers!, steps, !!opts.resp3, name));
      },
      random(name, opts) {
        it(name, async () => {
          const seed = Number(process.env.PETREL_DIFF_SEED ?? opts.seed ?? Math.floor(Math.random() * 2 ** 31));
          const rng = new Rng(seed);
          const steps: Step[] = [];
          for (let i = 0; i < opts.steps; i++) steps.push(opts.gen(rng, i));
          try {
            await runSteps(peers!, steps, !!opts.resp3, `${name} (seed ${seed})`);
          } catch (e) {
            (e as Error).message += `\nreplay with PETREL_DIFF_SEED=${seed}`;
            throw e;
          }
        });
      },
    });
  });
}
