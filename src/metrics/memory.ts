/**
 * Memory and rate metrics for INFO: what the process really uses (V8 heap, external and
 * ArrayBuffer memory, RSS), the peak seen by the cron, and Redis's instantaneous samples
 * (trackInstantaneousMetric) for network input/output. Sampled from the server cron.
 */
import v8 from 'node:v8';
import type { Server } from '../server/server.js';

/** Samples Redis keeps per metric (STATS_METRIC_SAMPLES). */
const SAMPLES = 16;
/** Minimum ms between two samples (Redis samples every 100 ms). */
const SAMPLE_EVERY_MS = 100;

/** Bytes Petrel has allocated: V8 heap in use + external + ArrayBuffers (Buffers). */
export function usedMemory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

/** Resident set size of the process. */
export function rssMemory(): number {
  return process.memoryUsage.rss();
}

/** V8's view of its heap: allocated (in use), active (committed) and resident (physical). */
export function allocatorStats(): { allocated: number; active: number; resident: number } {
  const h = v8.getHeapStatistics();
  const ext = h.external_memory ?? 0;
  return {
    allocated: h.used_heap_size + ext,
    active: h.total_heap_size + ext,
    resident: h.total_physical_size + ext,
  };
}

/** Redis's bytesToHuman: 1023B, 1.00K, 2.50M ... */
export function bytesToHuman(n: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (n < 1024) return `${n}B`;
  let d = n;
  for (const u of units) {
    d /= 1024;
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
  }
  return `${n}B`;
}

class RateMetric {
  private samples: number[] = [];
  private lastTime = Date.now();
  private lastValue = 0;

  constructor(initial: number) {
    this.lastValue = initial;
  }

  sample(now: number, value: number): void {
    const dt = now - this.lastTime;
    if (dt < SAMPLE_EVERY_MS) return;
    this.samples.push(((value - this.lastValue) * 1000) / dt);
    if (this.samples.length > SAMPLES) this.samples.shift();
    this.lastTime = now;
    this.lastValue = value;
  }

  /** Mean of the samples, per second. */
  get value(): number {
    if (this.samples.length === 0) return 0;
    return this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
  }
}

/** Peak memory and instantaneous network rates, fed by {@link MetricsSampler.sample} from the cron. */
export class MetricsSampler {
  /** used_memory_peak */
  peakMemory: number;
  /** used_memory_startup: what the process used before serving anything. */
  readonly startupMemory: number;
  private readonly netIn: RateMetric;
  private readonly netOut: RateMetric;

  constructor(private readonly server: Server) {
    this.startupMemory = usedMemory();
    this.peakMemory = this.startupMemory;
    this.netIn = new RateMetric(0);
    this.netOut = new RateMetric(0);
  }

  /** Called from the cron; cheap enough for hz=500. */
  sample(): void {
    const now = Date.now();
    this.netIn.sample(now, this.server.stats.netInputBytes);
    this.netOut.sample(now, this.server.stats.netOutputBytes);
    this.notePeak(usedMemory());
  }

  /** Records a used_memory reading (INFO also calls this, as Redis does). */
  notePeak(used: number): void {
    if (used > this.peakMemory) this.peakMemory = used;
  }

  /** instantaneous_input_kbps */
  get inputKbps(): number {
    return this.netIn.value / 1024;
  }

  /** instantaneous_output_kbps */
  get outputKbps(): number {
    return this.netOut.value / 1024;
  }
}
