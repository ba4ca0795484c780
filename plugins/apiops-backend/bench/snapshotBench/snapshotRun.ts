/**
 * One snapshot of the benchmark, measured: its phases' clocks, memory, GC
 * pauses and what held the event loop.
 */

import fs from 'node:fs';
import {
  PerformanceObserver,
  constants as perfConstants,
  monitorEventLoopDelay,
} from 'node:perf_hooks';
import { SnapshotService } from '../../src/snapshot/SnapshotService';
import { Clock, now, since, add, maxRssMb, gc, round } from './measuring';
import { CatalogCounters, newCounters } from './fakeCatalog';
import { Context } from './services';

export interface SnapshotFigures {
  total: Clock;
  /**
   * CPU ms of the main thread alone (the rest of `total.cpu` is the worker
   * threads': parsing, and the process's GC helpers).
   */
  mainThreadCpu: number;
  /** Org stream + ownership index. */
  index: Clock;
  /** API stream + per-API evaluation and feature extraction. */
  evaluate: Clock;
  /** Fragmentation detection + team rollups + counts. */
  detect: Clock;
  /** `completeRun`: the one transaction that replaces the results. */
  write: Clock;
  /** The catalog's share (generation + JSON) of index and evaluate. */
  catalog: Clock;
  catalogMb: number;
  maxRssMb: number;
  heapUsedMb: number;
  /** Heap used and RSS at the marks (start of streams, write). */
  memoryAt: CatalogCounters['memory'];
  /** Main-thread GC pauses during the run. */
  gcPauses: { totalMs: number; majorMs: number; major: number };
  /** The event loop's delay during the run. */
  loop: LoopDelay;
}

/**
 * Main-thread GC pauses while a task runs: total, and of the major
 * (mark-compact) ones, in ms.
 */
async function withGcPauses<T>(task: () => Promise<T>) {
  const pauses = { totalMs: 0, majorMs: 0, major: 0 };
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      pauses.totalMs += entry.duration;
      const { detail } = entry as unknown as { detail?: { kind?: number } };
      const kind = detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        pauses.majorMs += entry.duration;
        pauses.major += 1;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const value = await task();
  // GC entries are delivered asynchronously.
  await new Promise(resolve => setTimeout(resolve, 50));
  observer.disconnect();
  return {
    value,
    gcPauses: {
      totalMs: Math.round(pauses.totalMs),
      majorMs: Math.round(pauses.majorMs),
      major: pauses.major,
    },
  };
}

/** What held the event loop during a run: see {@link watchEventLoop}. */
export interface LoopDelay {
  /** Longest delay of a timer, ms (`monitorEventLoopDelay`, 10 ms resolution). */
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  /** Times the loop was held for more than {@link LONG_STALL_MS}. */
  stalls: number;
  /**
   * The most CPU the main thread spent in one stall (Linux: from
   * /proc, 10 ms ticks): the stall without the time the thread waited for
   * a core on a loaded machine.
   */
  maxOnCpuMs: number;
  /** The longest stalls, with the phase of the run they started in. */
  longest: Array<{ ms: number; cpuMs: number; phase: string }>;
}

const TICKS_MS = 10; // USER_HZ is 100 on Linux
const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;
/** CPU time of the main thread (user + system), ms; 0 where /proc has none. */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(MAIN_THREAD_STAT, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after comm.
    return (Number(fields[11]) + Number(fields[12])) * TICKS_MS;
  } catch {
    return 0;
  }
}

/** A stall worth naming in the report. */
export const LONG_STALL_MS = 50;

/**
 * Watches the event loop while a task runs: the delay histogram of
 * `perf_hooks.monitorEventLoopDelay` (what a request handler on the same
 * loop would wait for, at worst and at p99), and the stalls longer than
 * {@link LONG_STALL_MS} with the phase of the run (marks) they started in,
 * to find what holds the loop.
 */
async function watchEventLoop<T>(
  counters: CatalogCounters,
  task: () => Promise<T>,
): Promise<{ value: T; loop: LoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const stalls: Array<{ at: number; ms: number; cpuMs: number }> = [];
  const tick = 5;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const t = performance.now();
    const cpu = mainThreadCpuMs();
    const held = t - last - tick;
    if (held > LONG_STALL_MS) {
      stalls.push({ at: last, ms: held, cpuMs: cpu - lastCpu });
    }
    last = t;
    lastCpu = cpu;
  }, tick);
  histogram.enable();
  // The histogram's first sample only starts its clock: let it be taken
  // before the task, or a task that holds the loop from its start to its
  // end would go unseen.
  await new Promise(resolve => setTimeout(resolve, 25));
  try {
    const value = await task();
    return { value, loop: summarizeLoop() };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }

  function summarizeLoop(): LoopDelay {
    const phases = (
      [
        ['orgStart', 'index'],
        ['apiStart', 'evaluate'],
        ['apiEnd', 'detect'],
        ['writeStart', 'write'],
        ['writeEnd', 'after write'],
      ] as const
    ).filter(([m]) => counters.marks[m]);
    const phaseAt = (at: number) => {
      let phase = 'start';
      for (const [m, name] of phases) {
        if (counters.marks[m].wall <= at) phase = name;
      }
      return phase;
    };
    const ns = 1e6;
    return {
      maxMs: round(histogram.max / ns),
      p99Ms: round(histogram.percentile(99) / ns),
      p50Ms: round(histogram.percentile(50) / ns),
      stalls: stalls.length,
      maxOnCpuMs: Math.max(0, ...stalls.map(s => s.cpuMs)),
      longest: [...stalls]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map(s => ({
          ms: Math.round(s.ms),
          cpuMs: s.cpuMs,
          phase: phaseAt(s.at),
        })),
    };
  }
}

export async function snapshotRun(
  ctx: Context,
  service: SnapshotService,
): Promise<SnapshotFigures> {
  gc();
  const counters = newCounters();
  ctx.holder.counters = counters;
  const start = now();
  const mainStart = process.threadCpuUsage();
  const {
    value: { gcPauses },
    loop,
  } = await watchEventLoop(counters, () => withGcPauses(() => service.run()));
  const end = now();
  const main = process.threadCpuUsage(mainStart);
  const m = counters.marks;
  return {
    loop,
    total: since(start, end),
    mainThreadCpu: Math.round((main.user + main.system) / 1000),
    index: since(m.orgStart, m.apiStart),
    evaluate: since(m.apiStart, m.apiEnd),
    detect: since(m.apiEnd, m.writeStart),
    write: since(m.writeStart, m.writeEnd),
    catalog: add(counters.org, counters.api),
    catalogMb: round(counters.bytes / 1e6, 0),
    maxRssMb: maxRssMb(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    memoryAt: counters.memory,
    gcPauses,
  };
}
