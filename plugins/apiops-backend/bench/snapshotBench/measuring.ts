/**
 * Measuring: wall and CPU clocks, memory, percentiles and the progress log
 * of the snapshot benchmark.
 */

/** Wall and CPU (user + system, all threads) milliseconds. */
export interface Clock {
  wall: number;
  cpu: number;
}

export function now(): Clock {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 };
}

export function since(start: Clock, end: Clock = now()): Clock {
  return { wall: end.wall - start.wall, cpu: end.cpu - start.cpu };
}

export function add(a: Clock, b: Clock): Clock {
  return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu };
}

export const ZERO: Clock = { wall: 0, cpu: 0 };

/** Peak RSS of this process so far, in MB. */
export function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function log(message: string) {
  process.stderr.write(
    `[${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}
