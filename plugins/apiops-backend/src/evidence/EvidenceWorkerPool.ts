import { Worker } from 'node:worker_threads';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DefinitionEvidence } from '@apiops-backstage/plugin-apiops-common';
import type {
  DefinitionEvidenceRequest,
  EvidenceJsonValue,
} from '@apiops-backstage/plugin-apiops-node';
import {
  EVIDENCE_WORKER_FILE,
  EVIDENCE_WORKER_ROLE,
  type EvidenceWorkerReady,
  type EvidenceWorkerRequest,
  type EvidenceWorkerResponse,
} from './evidenceWorker';

/** Threads that failed to start in a row before the pool gives up for good. */
const MAX_THREAD_FAILURES = 3;

/** The provider a definition is checked for, as a thread loads it. */
export interface EvidenceWorkerProvider {
  id: string;
  title: string;
  module: string;
  options?: EvidenceJsonValue;
}

/**
 * How a check ended. `stopped`: the pool stopped it (deadline, a thread that
 * died, a checker that could not start): the evidence holds one finding
 * saying so, kept for a while only. `unavailable`: no thread could run it
 * (the definition stays in the backlog).
 */
export type EvidenceCheckOutcome =
  | { kind: 'checked'; evidence: DefinitionEvidence }
  | { kind: 'stopped'; evidence: DefinitionEvidence }
  | { kind: 'unavailable'; reason: string };

interface Task {
  provider: EvidenceWorkerProvider;
  request: DefinitionEvidenceRequest;
  resolve(outcome: EvidenceCheckOutcome): void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  current?: { id: number; task: Task; timer: NodeJS.Timeout };
  /** Stopped on purpose (deadline, close): not a failure. */
  retired: boolean;
}

/** The evidence of a definition whose check was stopped: one finding. */
export function stoppedEvidence(
  provider: { title: string },
  ruleId: string,
  problem: string,
): DefinitionEvidence {
  const message = `${provider.title} could not check this definition: ${problem}`;
  return {
    findings: [{ ruleId, severity: 'warning', message }],
    problem: message,
  };
}

/**
 * Checks definitions for the evidence providers on worker threads, never on
 * the main thread: each thread takes one definition at a time, under a
 * deadline. A definition past its deadline has its thread terminated and
 * gets one finding ("took more than N s"); one whose thread dies (out of
 * memory, a crash) gets one finding ("stopped"); a checker that throws on
 * it, one finding with its message; a checker that cannot be created (a
 * ruleset that does not load) one finding with why. Threads start on first
 * use and stop at {@link EvidenceWorkerPool.close}.
 *
 * @internal
 */
export class EvidenceWorkerPool {
  private readonly threads: Thread[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 0;
  private closed = false;
  private failures = 0;

  private constructor(
    private readonly size: number,
    private readonly timeoutMs: number,
    private readonly resourceLimits: { maxOldGenerationSizeMb: number },
    private readonly logger?: LoggerService,
  ) {}

  static create(options: {
    threads: number;
    /** Time one definition may take. */
    timeoutMs: number;
    /** Heap of a thread, in MB. */
    maxHeapMb?: number;
    logger?: LoggerService;
  }): EvidenceWorkerPool {
    if (!Number.isInteger(options.threads) || options.threads < 1) {
      throw new Error(
        `threads must be a positive integer, got ${options.threads}`,
      );
    }
    if (!(options.timeoutMs > 0)) {
      throw new Error(
        `timeoutMs must be a positive number, got ${options.timeoutMs}`,
      );
    }
    return new EvidenceWorkerPool(
      options.threads,
      options.timeoutMs,
      { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
      options.logger,
    );
  }

  /** Checks one definition for a provider. Never rejects. */
  check(
    provider: EvidenceWorkerProvider,
    request: DefinitionEvidenceRequest,
  ): Promise<EvidenceCheckOutcome> {
    if (this.closed) {
      return Promise.resolve({
        kind: 'unavailable',
        reason: 'the evidence worker pool is closed',
      });
    }
    if (this.failures >= MAX_THREAD_FAILURES) {
      return Promise.resolve({
        kind: 'unavailable',
        reason: `${this.failures} evidence worker threads failed in a row`,
      });
    }
    return new Promise(resolve => {
      this.waiting.push({ provider, request, resolve });
      this.dispatch();
    });
  }

  /** Whether the pool gave up on its threads (they kept failing to start). */
  get broken(): boolean {
    return this.failures >= MAX_THREAD_FAILURES;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) {
      task.resolve({ kind: 'unavailable', reason: 'the pool was closed' });
    }
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      thread.retired = true;
      if (thread.current) {
        clearTimeout(thread.current.timer);
        thread.current.task.resolve({
          kind: 'unavailable',
          reason: 'the pool was closed',
        });
        thread.current = undefined;
      }
    }
    await Promise.all(threads.map(thread => thread.worker.terminate()));
  }

  private dispatch() {
    if (this.closed) return;
    if (this.failures >= MAX_THREAD_FAILURES) {
      for (const task of this.waiting.splice(0)) {
        task.resolve({
          kind: 'unavailable',
          reason: `${this.failures} evidence worker threads failed in a row`,
        });
      }
      return;
    }
    if (this.waiting.length === 0) return;
    while (this.threads.length < this.size) {
      this.threads.push(this.startThread());
    }
    for (const thread of this.threads) {
      if (this.waiting.length === 0) return;
      if (thread.ready && !thread.current) {
        this.send(thread, this.waiting.shift()!);
      }
    }
  }

  private startThread(): Thread {
    const worker = new Worker(
      `require(${JSON.stringify(EVIDENCE_WORKER_FILE)});`,
      {
        eval: true,
        workerData: { role: EVIDENCE_WORKER_ROLE },
        execArgv: workerExecArgv(),
        resourceLimits: this.resourceLimits,
      },
    );
    const thread: Thread = { worker, ready: false, retired: false };
    let failure = '';
    worker.on(
      'message',
      (message: EvidenceWorkerResponse | EvidenceWorkerReady) => {
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

  private send(thread: Thread, task: Task) {
    const id = this.nextId++;
    const timer = setTimeout(() => this.expire(thread), this.timeoutMs);
    timer.unref();
    thread.current = { id, task, timer };
    const message: EvidenceWorkerRequest = {
      id,
      provider: {
        id: task.provider.id,
        module: task.provider.module,
        options: task.provider.options,
      },
      request: task.request,
    };
    thread.worker.postMessage(message);
  }

  private answer(thread: Thread, response: EvidenceWorkerResponse) {
    const current = thread.current;
    if (!current || current.id !== response.id) return;
    clearTimeout(current.timer);
    thread.current = undefined;
    this.failures = 0;
    const { provider } = current.task;
    if ('evidence' in response) {
      current.task.resolve({ kind: 'checked', evidence: response.evidence });
    } else if (response.setup) {
      current.task.resolve({
        kind: 'stopped',
        evidence: stoppedEvidence(
          provider,
          'checker-failed',
          `it could not start: ${response.error}`,
        ),
      });
    } else {
      current.task.resolve({
        kind: 'stopped',
        evidence: stoppedEvidence(
          provider,
          'checker-failed',
          `it failed on it: ${response.error}`,
        ),
      });
    }
    this.dispatch();
  }

  /** A definition past its deadline: its thread is terminated. */
  private expire(thread: Thread) {
    const current = thread.current;
    if (!current || this.closed) return;
    thread.current = undefined;
    this.retire(thread);
    const seconds = this.timeoutMs / 1000;
    current.task.resolve({
      kind: 'stopped',
      evidence: stoppedEvidence(
        current.task.provider,
        'checker-timeout',
        `it took more than ${seconds} s; it is tried again in a day`,
      ),
    });
    this.logger?.warn(
      `${current.task.provider.title} took more than ${seconds} s on a definition of type ${current.task.request.type} (${current.task.request.definition.length} chars); its thread was stopped`,
    );
    this.dispatch();
  }

  /** A thread that died: the definition it was on gets one finding. */
  private recover(thread: Thread, reason: string) {
    // Only threads that never got ready count: one that dies on a
    // definition is that definition's doing.
    if (!thread.ready) {
      this.failures += 1;
    }
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    const current = thread.current;
    thread.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.task.resolve({
        kind: 'stopped',
        evidence: stoppedEvidence(
          current.task.provider,
          'checker-stopped',
          `its thread stopped on it (${reason}); it is tried again in a day`,
        ),
      });
    }
    this.logger?.warn(
      `An evidence worker thread stopped (${reason})${
        current ? ` on a definition for ${current.task.provider.title}` : ''
      }${
        this.failures >= MAX_THREAD_FAILURES
          ? `; after ${this.failures} failures in a row, no more definitions are checked until the next run`
          : ''
      }`,
    );
    this.dispatch();
  }

  private retire(thread: Thread) {
    thread.retired = true;
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    thread.worker.terminate().catch(() => {});
  }
}

/**
 * Run from TypeScript sources (tests, `backstage-cli package start`), a
 * thread needs the transform the Backstage CLI loads into the main thread;
 * built code needs nothing.
 */
function workerExecArgv(): string[] | undefined {
  if (!/\.tsx?$/.test(EVIDENCE_WORKER_FILE)) {
    return undefined;
  }
  if (process.execArgv.some(arg => arg.includes('nodeTransform'))) {
    return undefined;
  }
  return [
    ...process.execArgv,
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
  ];
}
