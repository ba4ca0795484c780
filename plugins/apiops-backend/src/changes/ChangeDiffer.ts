import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EvidenceJsonValue } from '@apiops-backstage/plugin-apiops-node';
import { EvidenceWorkerPool } from '../evidence/EvidenceWorkerPool';
import {
  CHANGE_WORKER_FILE,
  ChangeWorkerAnswer,
  ChangeWorkerInput,
} from './changeWorker';
import type { DefinitionDiff, DefinitionFacts } from './types';

/** How a comparison on a thread ended. */
export type DiffOutcome<T> =
  | { kind: 'done'; value: T }
  /** Stopped (deadline, thread died, differ threw): why, in a sentence. */
  | { kind: 'stopped'; problem: string }
  /** No thread could take it (the pool is closed or broken): tried again later. */
  | { kind: 'unavailable' };

const WORKER = {
  id: 'apiops-changes',
  title: 'The change detection',
  module: CHANGE_WORKER_FILE,
};

/**
 * Compares definitions on worker threads (never on the main thread), each
 * under a deadline, through the evidence worker pool: a definition that
 * stalls or crashes the differ gives a `problem`, never a failed snapshot.
 *
 * @internal
 */
export class ChangeDiffer {
  private pool?: EvidenceWorkerPool;

  private constructor(
    private readonly options: {
      threads: number;
      timeoutMs: number;
      maxHeapMb?: number;
      logger?: LoggerService;
    },
  ) {}

  static create(options: ChangeDiffer['options']): ChangeDiffer {
    return new ChangeDiffer(options);
  }

  /** Whether the threads kept failing to start. */
  get broken(): boolean {
    return this.pool?.broken ?? false;
  }

  diff(
    type: string,
    before: string,
    after: string,
    options: { maxChanges: number; ignoreVersionSegments?: boolean },
  ): Promise<DiffOutcome<DefinitionDiff>> {
    return this.run(type, after, { before, ...options }, answer => answer.diff);
  }

  describe(type: string, text: string): Promise<DiffOutcome<DefinitionFacts>> {
    return this.run(type, text, { maxChanges: 0 }, answer => answer.facts);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async run<T>(
    type: string,
    definition: string,
    input: ChangeWorkerInput,
    pick: (answer: ChangeWorkerAnswer) => T | undefined,
  ): Promise<DiffOutcome<T>> {
    if (!this.pool) {
      this.pool = EvidenceWorkerPool.create({
        threads: this.options.threads,
        timeoutMs: this.options.timeoutMs,
        maxHeapMb: this.options.maxHeapMb,
        logger: this.options.logger,
      });
    }
    const outcome = await this.pool.check(WORKER, {
      type: type.toLocaleLowerCase('en-US'),
      definition,
      input: input as unknown as EvidenceJsonValue,
    });
    if (outcome.kind === 'unavailable') return { kind: 'unavailable' };
    if (outcome.kind === 'stopped') {
      const problem = (outcome.evidence.problem ?? 'the differ stopped')
        .replace(/^The change detection could not check this definition: /, '')
        .replace(/; it is tried again in a day$/, '');
      return {
        kind: 'stopped',
        problem: `the definitions could not be compared: ${problem}`,
      };
    }
    const value = pick(outcome.evidence as ChangeWorkerAnswer);
    return value === undefined
      ? { kind: 'stopped', problem: 'the differ gave no answer' }
      : { kind: 'done', value };
  }
}
