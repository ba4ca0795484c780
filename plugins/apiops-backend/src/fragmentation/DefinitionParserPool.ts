import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DefinitionFeaturesResult } from './extractDefinitionFeatures';
import {
  FEATURE_WORKER_FILE,
  FEATURE_WORKER_ROLE,
  type FeatureWorkerRequest,
  type FeatureWorkerResponse,
} from './featureWorker';

/** Definitions sent to a thread at a time. */
const BATCH_SIZE = 50;

interface Thread {
  worker: Worker;
  /** Definitions sent and not answered yet. */
  load: number;
}

interface PendingBatch {
  thread: Thread;
  size: number;
  resolve(results: DefinitionFeaturesResult[]): void;
  reject(error: Error): void;
}

/**
 * Parses API definitions into their fragmentation features on worker
 * threads, so that a snapshot's first pass over the catalog (every
 * definition parsed) uses every core while the main thread streams the
 * catalog and evaluates the APIs. Threads start on first use and stop on
 * {@link DefinitionParserPool.close}. When a thread fails, every batch not
 * answered yet is rejected, and so is every later call.
 *
 * @internal
 */
export class DefinitionParserPool {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, PendingBatch>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  private constructor(private readonly size: number) {}

  /** Threads used when the configuration does not say: the cores, up to 4. */
  static defaultThreads(): number {
    return Math.max(1, Math.min(4, os.availableParallelism()));
  }

  static create(options: { threads: number }): DefinitionParserPool {
    const { threads } = options;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`threads must be a positive integer, got ${threads}`);
    }
    return new DefinitionParserPool(threads);
  }

  /** The features of each definition, in the order given. */
  async extract(
    items: ReadonlyArray<{ type: string; definition: unknown }>,
  ): Promise<DefinitionFeaturesResult[]> {
    if (this.closed) {
      throw new Error('The definition parser pool is closed');
    }
    if (this.failure) {
      throw this.failure;
    }
    if (this.threads.length === 0) {
      this.start();
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
    this.failAll(new Error('The definition parser pool was closed'));
    await Promise.all(this.threads.map(thread => thread.worker.terminate()));
    this.threads.length = 0;
  }

  private start() {
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(
        `require(${JSON.stringify(FEATURE_WORKER_FILE)});`,
        {
          eval: true,
          workerData: { role: FEATURE_WORKER_ROLE },
          execArgv: workerExecArgv(),
        },
      );
      const thread: Thread = { worker, load: 0 };
      worker.on('message', (response: FeatureWorkerResponse) =>
        this.answer(response),
      );
      worker.on('error', (error: unknown) =>
        this.failAll(
          new Error(
            `A definition parser thread failed: ${
              error instanceof Error ? error.message : String(error)
            }`,
          ),
        ),
      );
      worker.on('exit', code => {
        if (!this.closed) {
          this.failAll(
            new Error(`A definition parser thread stopped with code ${code}`),
          );
        }
      });
      this.threads.push(thread);
    }
  }

  private send(
    items: FeatureWorkerRequest['items'],
  ): Promise<DefinitionFeaturesResult[]> {
    const thread = this.threads.reduce((least, t) =>
      t.load < least.load ? t : least,
    );
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { thread, size: items.length, resolve, reject });
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
    batch.thread.load -= batch.size;
    batch.resolve(response.results);
  }

  private failAll(error: Error) {
    this.failure ??= error;
    for (const batch of this.pending.values()) {
      batch.reject(this.failure);
    }
    this.pending.clear();
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
