import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How much lower than the process's the plugin's worker threads run (nice). */
export const WORKER_THREAD_NICENESS = 10;

/**
 * Lowers the calling thread's CPU priority by {@link WORKER_THREAD_NICENESS},
 * on Linux (elsewhere, or where it is not allowed, the thread keeps the
 * process's). The plugin's worker threads parse and lint in the background:
 * when they and the main thread want more cores than there are, the main
 * thread, which answers requests and hands the workers their next batch,
 * goes first. A cold snapshot of 200k APIs on two cores held the event
 * loop for up to 940 ms of which 90 ms on the CPU; with the threads lowered,
 * the loop's p99 delay at 50k fell by a fifth, but stalls with little CPU
 * remain (docs/benchmarks.md): not all of that wait is for a core.
 *
 * Returns the thread's nice value after the call, or undefined when it was
 * not changed.
 *
 * @internal
 */
export function lowerThreadPriority(): number | undefined {
  if (process.platform !== 'linux') {
    return undefined;
  }
  try {
    // Linux takes a thread id where a process id is asked for, and then
    // sets that one thread's priority.
    const threadId = Number(
      path.basename(fs.readlinkSync('/proc/thread-self')),
    );
    if (!Number.isInteger(threadId)) {
      return undefined;
    }
    const niceness = Math.min(
      19,
      os.getPriority(threadId) + WORKER_THREAD_NICENESS,
    );
    os.setPriority(threadId, niceness);
    return niceness;
  } catch {
    return undefined;
  }
}
