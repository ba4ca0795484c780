import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DefinitionFeaturesResult } from './extractDefinitionFeatures';
import { EventLoopYielder } from './EventLoopYielder';
import { parseOnMainThread } from './parseOnMainThread';
import {
  FEATURE_WORKER_FILE,
  FEATURE_WORKER_ROLE,
  type FeatureWorkerReady,
  type FeatureWorkerRequest,
  type FeatureWorkerResponse,
  progressOf,
} from './featureWorker';

/** Definitions sent to a thread at a time. */
const BATCH_SIZE = 50;
/** Time a batch may take on a thread by default. */
export const DEFAULT_PARSER_BATCH_TIMEOUT_MS = 60_000;
/**
 * Thread failures in a row, with no batch answered in between (threads that
 * cannot start, say), after which the pool parses on the calling thread only.
 */
const MAX_THREAD_FAILURES = 3;
/**
 * Heap limits of a thread. A thread holds one batch at a time; without
 * limits, V8 lets each thread's heap grow by hundreds of MB of garbage on a
 * large catalog. A definition that needs more (a few MB of YAML with many
 * small nodes) stops its thread and is reported as too complex.
 */
const THREAD_RESOURCE_LIMITS = {
  maxOldGenerationSizeMb: 128,
  maxYoungGenerationSizeMb: 16,
};

/** A batch of definitions and the answers so far. */
interface Batch {
  items: FeatureWorkerRequest['items'];
  results: DefinitionFeaturesResult[];
  /** The first definition not answered yet. */
  next: number;
  /**
   * Definitions after `next` that stopped a thread: answered by the pool,
   * never parsed again.
   */
  stopped: Set<number>;
  resolve(results: DefinitionFeaturesResult[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** The index in its batch of the definition the thread is on. */
  progress: Int32Array;
  /** Loaded: batches (and their deadlines) wait for this. */
  ready: boolean;
  /** The batch the thread works on, and its deadline. */
  current?: { id: number; batch: Batch; timer: NodeJS.Timeout };
  /** Stopped on purpose (deadline, close, giving up): not a failure. */
  retired: boolean;
}

/**
 * Parses API definitions into their fragmentation features on worker
 * threads, so that a snapshot's first pass over the catalog (every
 * definition parsed) uses every core while the main thread streams the
 * catalog and evaluates the APIs. Threads start on first use and stop on
 * {@link DefinitionParserPool.close}; each works on one batch at a time,
 * answers it in one message and tells through shared memory which
 * definition it is on.
 *
 * Every definition gets a result, and a hostile one cannot hold the
 * snapshot: a batch that takes longer than the deadline has its thread
 * terminated, the definition the thread was on gets the problem "analysis
 * timed out" (cached: it is not tried again while it is unchanged) and the
 * rest of the batch gets the same problem for this run only (`transient`).
 * A thread that stops (out of memory on a pathological definition, say) is
 * replaced, the definition it was on gets the problem "too complex to
 * analyse", and the rest of its batch (what it had parsed before too) goes
 * to another thread. What stalled or stopped a thread is never parsed
 * again, neither on a thread nor on the main thread; only after
 * {@link MAX_THREAD_FAILURES} failures in a row (threads that cannot start)
 * does the pool parse the rest on the calling thread, with
 * {@link parseOnMainThread} (in slices between the event loop's other work,
 * and no definition over its size cap).
 *
 * @internal
 */
export class DefinitionParserPool {
  private readonly threads: Thread[] = [];
  /** Batches waiting for a thread, first come first served. */
  private readonly waiting: Batch[] = [];
  private nextId = 0;
  private closed = false;
  /** Thread failures since a batch was last answered. */
  private failures = 0;
  /** Slices the main thread's parsing, after too many failures. */
  private readonly yielder = EventLoopYielder.create();

  private constructor(
    private readonly size: number,
    private readonly batchTimeoutMs: number,
    private readonly logger?: LoggerService,
  ) {}

  /** Threads used when the configuration does not say: the cores, up to 4. */
  static defaultThreads(): number {
    return Math.max(1, Math.min(4, os.availableParallelism()));
  }

  static create(options: {
    threads: number;
    /** Time a batch may take on a thread. Default: {@link DEFAULT_PARSER_BATCH_TIMEOUT_MS}. */
    batchTimeoutMs?: number;
    logger?: LoggerService;
  }): DefinitionParserPool {
    const { threads, logger } = options;
    const batchTimeoutMs =
      options.batchTimeoutMs ?? DEFAULT_PARSER_BATCH_TIMEOUT_MS;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`threads must be a positive integer, got ${threads}`);
    }
    if (!(batchTimeoutMs > 0)) {
      throw new Error(
        `batchTimeoutMs must be a positive number, got ${batchTimeoutMs}`,
      );
    }
    return new DefinitionParserPool(threads, batchTimeoutMs, logger);
  }

  /** The features of each definition, in the order given. */
  async extract(
    items: ReadonlyArray<{ type: string; definition: unknown }>,
  ): Promise<DefinitionFeaturesResult[]> {
    if (this.closed) {
      throw new Error('The definition parser pool is closed');
    }
    if (this.failures >= MAX_THREAD_FAILURES) {
      return parseOnMainThread(items, this.yielder);
    }
    const batches: Array<Promise<DefinitionFeaturesResult[]>> = [];
    for (let i = 0; i < items.length; i += BATCH_SIZE) {
      const slice = items.slice(i, i + BATCH_SIZE);
      batches.push(
        new Promise((resolve, reject) => {
          this.waiting.push({
            items: slice,
            results: new Array(slice.length),
            next: 0,
            stopped: new Set(),
            resolve,
            reject,
          });
        }),
      );
    }
    this.dispatch();
    return (await Promise.all(batches)).flat();
  }

  /** Stops the threads. Batches not answered yet are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('The definition parser pool was closed');
    for (const batch of this.waiting.splice(0)) {
      batch.reject(error);
    }
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      thread.retired = true;
      if (thread.current) {
        clearTimeout(thread.current.timer);
        thread.current.batch.reject(error);
        thread.current = undefined;
      }
    }
    await Promise.all(threads.map(thread => thread.worker.terminate()));
  }

  /** Gives waiting batches to idle threads (or, after too many failures, parses them here). */
  private dispatch() {
    if (this.closed) {
      return;
    }
    if (this.failures >= MAX_THREAD_FAILURES) {
      for (const batch of this.waiting.splice(0)) {
        const pending = pendingOf(batch);
        parseOnMainThread(
          pending.map(i => batch.items[i]),
          this.yielder,
        ).then(results => {
          pending.forEach((i, j) => {
            batch.results[i] = results[j];
          });
          batch.resolve(batch.results);
        }, batch.reject);
      }
      return;
    }
    if (this.waiting.length === 0) {
      return;
    }
    while (this.threads.length < this.size) {
      this.threads.push(this.startThread());
    }
    for (const thread of this.threads) {
      if (this.waiting.length === 0) {
        return;
      }
      if (thread.ready && !thread.current) {
        this.send(thread, this.waiting.shift()!);
      }
    }
  }

  private startThread(): Thread {
    const progress = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const worker = new Worker(
      `require(${JSON.stringify(FEATURE_WORKER_FILE)});`,
      {
        eval: true,
        workerData: { role: FEATURE_WORKER_ROLE, progress },
        execArgv: workerExecArgv(),
        resourceLimits: THREAD_RESOURCE_LIMITS,
      },
    );
    const thread: Thread = {
      worker,
      progress: progressOf(progress),
      ready: false,
      retired: false,
    };
    let failure = '';
    worker.on(
      'message',
      (message: FeatureWorkerResponse | FeatureWorkerReady) => {
        if ('ready' in message) {
          thread.ready = true;
          this.dispatch();
        } else {
          this.answer(thread, message);
        }
      },
    );
    worker.on('error', (error: unknown) => {
      failure = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', code => {
      if (!this.closed && !thread.retired) {
        this.recover(thread, failure || `exit code ${code}`);
      }
    });
    return thread;
  }

  private send(thread: Thread, batch: Batch) {
    const id = this.nextId++;
    const timer = setTimeout(() => this.expire(thread), this.batchTimeoutMs);
    timer.unref();
    thread.current = { id, batch, timer };
    // Until the thread starts, it is on the batch's first definition.
    Atomics.store(thread.progress, 0, batch.next);
    const request: FeatureWorkerRequest = {
      id,
      start: batch.next,
      items: batch.next === 0 ? batch.items : batch.items.slice(batch.next),
      ...(batch.stopped.size > 0 ? { skip: [...batch.stopped] } : {}),
    };
    thread.worker.postMessage(request);
  }

  private answer(thread: Thread, response: FeatureWorkerResponse) {
    const current = thread.current;
    if (!current || current.id !== response.id) {
      return;
    }
    const { batch } = current;
    response.results.forEach((result, i) => {
      if (result !== null) batch.results[response.start + i] = result;
    });
    batch.next = response.start + response.results.length;
    if (batch.next < batch.items.length) {
      return;
    }
    clearTimeout(current.timer);
    thread.current = undefined;
    this.failures = 0;
    batch.resolve(batch.results);
    this.dispatch();
  }

  /**
   * A batch past its deadline: its thread is terminated, the definition it
   * was on is reported as timed out, the rest of the batch for this run only.
   */
  private expire(thread: Thread) {
    const current = thread.current;
    if (!current || this.closed) {
      return;
    }
    thread.current = undefined;
    this.retire(thread);
    const { batch } = current;
    const seconds = this.batchTimeoutMs / 1000;
    const culprit = onItem(thread, batch);
    batch.results[culprit] = stopped(
      `analysis timed out: it took more than ${seconds} s`,
    );
    // What the thread parsed before the culprit went with it, unsent.
    for (const i of pendingOf(batch)) {
      if (i === culprit) continue;
      batch.results[i] = {
        ...stopped(
          `analysis timed out: another definition held its parser batch past ${seconds} s; it is analysed at the next snapshot`,
        ),
        transient: true,
      };
    }
    batch.resolve(batch.results);
    this.logger?.warn(
      `A definition parser batch took more than ${seconds} s and its thread was stopped; ${
        pendingOf(batch).length
      } definitions were not analysed (${describe(batch.items[culprit]).slice(
        0,
        -1,
      )} stalled it)`,
    );
    this.dispatch();
  }

  /**
   * Replaces a thread that stopped: the definition it was on is reported as
   * too complex (never parsed again), the rest of its batch goes to another
   * thread. After {@link MAX_THREAD_FAILURES} failures in a row, the rest is
   * parsed here.
   */
  private recover(thread: Thread, reason: string) {
    this.failures += 1;
    const index = this.threads.indexOf(thread);
    if (index >= 0) {
      this.threads.splice(index, 1);
    }
    const current = thread.current;
    thread.current = undefined;
    let culprit: { type: string; definition: unknown } | undefined;
    if (current) {
      clearTimeout(current.timer);
      const { batch } = current;
      const on = onItem(thread, batch);
      culprit = batch.items[on];
      batch.results[on] = stopped(
        `too complex to analyse: the parser thread stopped on it (${reason})`,
      );
      // What the thread parsed before it went with it: parsed again.
      batch.stopped.add(on);
      while (batch.stopped.has(batch.next)) {
        batch.stopped.delete(batch.next);
        batch.next += 1;
      }
      if (batch.next < batch.items.length) {
        this.waiting.unshift(batch);
      } else {
        batch.resolve(batch.results);
      }
    }
    const giveUp = this.failures >= MAX_THREAD_FAILURES;
    if (giveUp) {
      // The other threads' batches are innocent: parsed here.
      for (const other of this.threads.splice(0)) {
        if (other.current) {
          clearTimeout(other.current.timer);
          this.waiting.unshift(other.current.batch);
          other.current = undefined;
        }
        this.retire(other);
      }
    }
    this.logger?.warn(
      `A definition parser thread stopped (${reason}); ${
        culprit ? describe(culprit) : 'no definition'
      } is reported as too complex${
        giveUp
          ? `. After ${this.failures} failures in a row, definitions are parsed on the main thread only`
          : ''
      }`,
    );
    this.dispatch();
  }

  /** Stops a thread on purpose. */
  private retire(thread: Thread) {
    thread.retired = true;
    const index = this.threads.indexOf(thread);
    if (index >= 0) {
      this.threads.splice(index, 1);
    }
    thread.worker.terminate().catch(() => {});
  }
}

/**
 * The index in its batch of the definition a thread is on (as the thread
 * last said, within the part of the batch not answered yet).
 */
function onItem(thread: Thread, batch: Batch): number {
  const index = Atomics.load(thread.progress, 0);
  return Math.min(Math.max(index, batch.next), batch.items.length - 1);
}

/** The indices of a batch's definitions not answered yet. */
function pendingOf(batch: Batch): number[] {
  const pending: number[] = [];
  for (let i = batch.next; i < batch.items.length; i += 1) {
    if (!batch.stopped.has(i)) pending.push(i);
  }
  return pending;
}

/** The result of a definition whose analysis was stopped. */
function stopped(problem: string): {
  problem: string;
  definitionProblem: string;
} {
  const message = `spec.definition: ${problem}`;
  return { problem: message, definitionProblem: message };
}

/** A definition as a log line names it (its type and size, never its text). */
function describe(item: { type: string; definition: unknown }): string {
  const size =
    typeof item.definition === 'string'
      ? `${item.definition.length} chars`
      : 'not text';
  return `a definition of type ${item.type}, ${size},`;
}

/**
 * Run from TypeScript sources (tests, `backstage-cli package start`), a
 * thread needs the transform the Backstage CLI loads into the main thread;
 * built code needs nothing.
 */
function workerExecArgv(): string[] | undefined {
  if (!/\.tsx?$/.test(FEATURE_WORKER_FILE)) {
    return undefined;
  }
  if (process.execArgv.some(arg => arg.includes('nodeTransform'))) {
    return undefined; // inherited
  }
  return [
    ...process.execArgv,
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
  ];
}
