/**
 * Active expiry (Redis's expire.c activeExpireCycle, slow cycle): called hz times a second;
 * for each database it samples keys that have a TTL, deletes those past their time, and goes on
 * while more than 10% of a sample was expired and the time budget (25% of a cycle) remains.
 * Lazy expiry on access lives in Database.lookup.
 */
import type { Keyspace } from './db.js';

const KEYS_PER_LOOP = 20;
const ACCEPTABLE_STALE_PERCENT = 10;
const CYCLE_SLOW_TIME_PERC = 25;

export class ActiveExpire {
  enabled = true;
  private nextDb = 0;

  constructor(private readonly ks: Keyspace) {}

  /** One cycle; `hz` bounds its time budget. Replicas never run it (the master sends DELs). */
  cycle(hz: number): void {
    if (!this.enabled || this.ks.replicaMode) return;
    const start = performance.now();
    const budgetMs = (1000 / Math.max(1, hz)) * (CYCLE_SLOW_TIME_PERC / 100);
    const dbs = this.ks.dbs;
    let sampledTotal = 0;
    let expiredTotal = 0;
    for (let n = 0; n < dbs.length; n++) {
      const db = dbs[this.nextDb];
      this.nextDb = (this.nextDb + 1) % dbs.length;
      let iterations = 0;
      for (;;) {
        const volatile = db.expires.size;
        if (volatile === 0) {
          db.avgTtl = 0;
          break;
        }
        const now = Date.now();
        let sampled = 0;
        let expired = 0;
        let ttlSum = 0;
        let ttlSamples = 0;
        const num = Math.min(volatile, KEYS_PER_LOOP);
        for (let i = 0; i < num; i++) {
          const key = db.expires.randomKey()!;
          sampled++;
          if (db.expireIfNeeded(key, now)) {
            expired++;
          } else {
            const ttl = db.expires.get(key)! - now;
            if (ttl > 0) {
              ttlSum += ttl;
              ttlSamples++;
            }
          }
        }
        sampledTotal += sampled;
        expiredTotal += expired;
        if (ttlSamples > 0) {
          // Redis keeps a running estimate: 2% new sample, 98% previous.
          const avg = ttlSum / ttlSamples;
          db.avgTtl = db.avgTtl === 0 ? avg : (db.avgTtl / 50) * 49 + avg / 50;
        }
        iterations++;
        if ((iterations & 15) === 0 && performance.now() - start > budgetMs) {
          this.ks.stats.expiredTimeCapReachedCount++;
          break;
        }
        if (sampled === 0 || (expired * 100) / sampled <= ACCEPTABLE_STALE_PERCENT) break;
      }
    }
    if (sampledTotal > 0) {
      const perc = expiredTotal / sampledTotal;
      this.ks.stats.expiredStalePerc = perc * 0.05 + this.ks.stats.expiredStalePerc * 0.95;
    }
  }
}
