import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Work that pauses at points where it may be interrupted: a generator that
 * yields (nothing) every so often and returns its result. Run it to its end
 * at once with {@link runSteps}, or with {@link EventLoopYielder.run} to let
 * the event loop serve requests between slices.
 *
 * @internal
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs {@link Steps} to their end, without pausing. @internal */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/**
 * Time the snapshot may hold the event loop before it lets the loop run
 * (requests, timers, I/O of the same backend).
 */
export const DEFAULT_SLICE_MS = 10;

/**
 * Lets the event loop run during long work on the main thread: the work
 * calls {@link EventLoopYielder.maybeYield} between items (or is given as
 * {@link Steps} to {@link EventLoopYielder.run}), and once a slice of
 * `sliceMs` is used up, it waits for one turn of the loop (`setImmediate`)
 * before it goes on. Checking the time costs well under a microsecond, and
 * a turn of an idle loop a few microseconds: the work takes about as long as
 * without it, and a request waits for at most about one slice.
 *
 * @internal
 */
export class EventLoopYielder {
  private sliceStart = performance.now();

  private constructor(private readonly sliceMs: number) {}

  static create(options?: { sliceMs?: number }): EventLoopYielder {
    const sliceMs = options?.sliceMs ?? DEFAULT_SLICE_MS;
    if (!(sliceMs >= 0)) {
      throw new Error(`sliceMs must be a number ≥ 0, got ${sliceMs}`);
    }
    return new EventLoopYielder(sliceMs);
  }

  /** Whether the current slice is used up. */
  get due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Waits for one turn of the event loop and starts a new slice. */
  async yield(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }

  /**
   * Waits for one turn of the event loop when the slice is used up; else
   * resolves at once. In hot loops, `if (yielder.due) await yielder.yield()`
   * saves the promise.
   */
  async maybeYield(): Promise<void> {
    if (this.due) {
      await this.yield();
    }
  }

  /** Runs {@link Steps} to their end, letting the loop run between slices. */
  async run<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const step = steps.next();
      if (step.done) {
        return step.value;
      }
      if (this.due) {
        await this.yield();
      }
    }
  }
}
