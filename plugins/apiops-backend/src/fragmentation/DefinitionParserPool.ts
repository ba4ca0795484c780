import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  extractDefinitionFeatures,
  type DefinitionFeaturesResult,
} from './extractDefinitionFeatures';
import {
  FEATURE_WORKER_FILE,
  FEATURE_WORKER_ROLE,
  type FeatureWorkerRequest,
  type FeatureWorkerResponse,
} from './featureWorker';

/** Definitions sent to a thread at a time. */
const BATCH_SIZE = 50;
/**
 * Heap limits of a thread. A thread holds one batch at a time; without
 * limits, V8 lets each thread's heap grow by hundreds of MB of garbage on a
 * large catalog. A definition that needs more (a few MB of YAML with many
 * small nodes) fails its thread and is parsed on the main thread instead.
 */
/**
 * Thread failures in a row, with no batch answered in between (threads that
 * cannot start, say), after which the pool parses on the calling thread only.
 */
const MAX_THREAD_FAILURES = 3;
const THREAD_RESOURCE_LIMITS = {
  maxOldGenerationSizeMb: 128,
  maxYoungGenerationSizeMb: 16,
};

interface Thread {
  worker: Worker;
  /** Definitions sent and not answered yet. */
  load: number;
}

interface PendingBatch {
  thread: Thread;
  items: FeatureWorkerRequest['items'];
  resolve(results: DefinitionFeaturesResult[]): void;
  reject(error: Error): void;
}

/**
 * Parses API definitions into their fragmentation features on worker
 * threads, so that a snapshot's first pass over the catalog (every
 * definition parsed) uses every core while the main thread streams the
 * catalog and evaluates the APIs. Threads start on first use and stop on
 * {@link DefinitionParserPool.close}. A thread that fails (out of memory on
 * a pathological definition, say) is replaced, and the batches it had not
 * answered are parsed on the calling thread: the results are the same.
 *
 * @internal
 */
export class DefinitionParserPool {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, PendingBatch>();
  private nextId = 0;
  private closed = false;
  /** Thread failures since a batch was last answered. */
  private failures = 0;

  private constructor(
    private readonly size: number,
    private readonly logger?: LoggerService,
  ) {}

  /** Threads used when the configuration does not say: the cores, up to 4. */
  static defaultThreads(): number {
    return Math.max(1, Math.min(4, os.availableParallelism()));
  }

  static create(options: {
    threads: number;
    logger?: LoggerService;
  }): DefinitionParserPool {
    const { threads, logger } = options;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`threads must be a positive integer, got ${threads}`);
    }
    return new DefinitionParserPool(threads, logger);
  }

  /** The features of each definition, in the order given. */
  async extract(
    items: ReadonlyArray<{ type: string; definition: unknown }>,
  ): Promise<DefinitionFeaturesResult[]> {
    if (this.closed) {
      throw new Error('The definition parser pool is closed');
    }
    if (this.failures >= MAX_THREAD_FAILURES) {
      return items.map(item =>
        extractDefinitionFeatures(item.type, item.definition),
      );
    }
    while (this.threads.length < this.size) {
      this.threads.push(this.startThread());
    }
    const batches: Array<Promise<DefinitionFeaturesResult[]>> = [];
    for (let i = 0; i < items.length; i += BATCH_SIZE) {
      batches.push(this.send(items.slice(i, i + BATCH_SIZE)));
    }
    return (await Promise.all(batches)).flat();
  }

  /** Stops the threads. Batches not answered yet are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const batch of this.pending.values()) {
      batch.reject(new Error('The definition parser pool was closed'));
    }
    this.pending.clear();
    const threads = this.threads.splice(0);
    await Promise.all(threads.map(thread => thread.worker.terminate()));
  }

  private startThread(): Thread {
    const worker = new Worker(
      `require(${JSON.stringify(FEATURE_WORKER_FILE)});`,
      {
        eval: true,
        workerData: { role: FEATURE_WORKER_ROLE },
        execArgv: workerExecArgv(),
        resourceLimits: THREAD_RESOURCE_LIMITS,
      },
    );
    const thread: Thread = { worker, load: 0 };
    let failure = '';
    worker.on('message', (response: FeatureWorkerResponse) =>
      this.answer(response),
    );
    worker.on('error', (error: unknown) => {
      failure = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', code => {
      if (!this.closed) {
        this.recover(thread, failure || `exit code ${code}`);
      }
    });
    return thread;
  }

  private send(
    items: FeatureWorkerRequest['items'],
  ): Promise<DefinitionFeaturesResult[]> {
    const thread = this.threads.reduce((least, t) =>
      t.load < least.load ? t : least,
    );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { thread, items, resolve, reject });
      thread.load += items.length;
      const request: FeatureWorkerRequest = { id, items };
      thread.worker.postMessage(request);
    });
  }

  private answer(response: FeatureWorkerResponse) {
    const batch = this.pending.get(response.id);
    if (!batch) {
      return;
    }
    this.pending.delete(response.id);
    this.failures = 0;
    batch.thread.load -= batch.items.length;
    batch.resolve(response.results);
  }

  /**
   * Replaces a thread that stopped, and parses its batches here. After
   * {@link MAX_THREAD_FAILURES} failures in a row, everything is parsed here.
   */
  private recover(thread: Thread, reason: string) {
    this.failures += 1;
    const index = this.threads.indexOf(thread);
    if (index >= 0) {
      this.threads.splice(index, 1);
    }
    const giveUp = this.failures >= MAX_THREAD_FAILURES;
    if (giveUp) {
      const threads = this.threads.splice(0);
      threads.forEach(t => t.worker.terminate());
    }
    let definitions = 0;
    for (const [id, batch] of this.pending) {
      if (batch.thread === thread) {
        this.pending.delete(id);
        definitions += batch.items.length;
        batch.resolve(
          batch.items.map(item =>
            extractDefinitionFeatures(item.type, item.definition),
          ),
        );
      }
    }
    this.logger?.warn(
      `A definition parser thread stopped (${reason}); ${definitions} definitions it had were parsed on the main thread${
        giveUp
          ? `. After ${this.failures} failures in a row, definitions are parsed on the main thread only`
          : ''
      }`,
    );
  }
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
