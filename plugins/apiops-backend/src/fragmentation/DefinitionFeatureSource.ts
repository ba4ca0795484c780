import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DefinitionParserPool } from './DefinitionParserPool';
import type { DefinitionFeaturesResult } from './extractDefinitionFeatures';
import { EventLoopYielder } from './EventLoopYielder';
import { definitionOf } from './extractFeatures';
import { FeatureCache } from './FeatureCache';
import {
  MAIN_THREAD_MAX_DEFINITION_CHARS,
  parseOnMainThread,
} from './parseOnMainThread';

/**
 * The definition features of the APIs of a snapshot: from the
 * {@link FeatureCache} for a definition seen before, else parsed on the
 * {@link DefinitionParserPool}'s worker threads (or on the calling thread
 * when there are none). One source lives as long as the snapshot service,
 * so that its cache spans runs; the threads start on first use in a run and
 * stop at {@link DefinitionFeatureSource.close}.
 *
 * @internal
 */
export class DefinitionFeatureSource {
  private pool: DefinitionParserPool | undefined;
  /** Slices the parsing on the calling thread (no parser threads). */
  private readonly yielder = EventLoopYielder.create();

  private constructor(
    private readonly cache: FeatureCache,
    private readonly threads: number,
    private readonly batchTimeoutMs: number | undefined,
    private readonly logger?: LoggerService,
  ) {}

  static create(options?: {
    /** Worker threads parsing definitions; 0 (the default) parses them on the calling thread. */
    threads?: number;
    /** Time a batch of definitions may take on a thread (see {@link DefinitionParserPool}). */
    batchTimeoutMs?: number;
    logger?: LoggerService;
    cache?: FeatureCache;
  }): DefinitionFeatureSource {
    const threads = options?.threads ?? 0;
    if (threads === 0) {
      options?.logger?.warn(
        `apiops.snapshot.parserThreads is 0: API definitions are parsed on the main thread, between its other work, and none larger than ${
          MAIN_THREAD_MAX_DEFINITION_CHARS / 1024
        } KB (those are not analysed). Use it for debugging only`,
      );
    }
    return new DefinitionFeatureSource(
      options?.cache ?? FeatureCache.create(),
      threads,
      options?.batchTimeoutMs,
      options?.logger,
    );
  }

  /**
   * The definition features of a page of API entities, in its order. The
   * work starts at once: call it for the next page before awaiting this one
   * to parse while the catalog is read.
   */
  getMany(page: readonly Entity[]): Promise<DefinitionFeaturesResult[]> {
    return this.cache.getMany(page.map(definitionOf), async missing => {
      if (this.threads > 0) {
        this.pool ??= DefinitionParserPool.create({
          threads: this.threads,
          batchTimeoutMs: this.batchTimeoutMs,
          logger: this.logger,
        });
        return this.pool.extract(missing);
      }
      return parseOnMainThread(missing, this.yielder);
    });
  }

  /**
   * Ends a run that read the whole catalog: forgets the definitions that
   * were not asked for since the previous complete run.
   */
  completeRun(): void {
    this.cache.prune();
  }

  /** Stops the threads (until the next {@link DefinitionFeatureSource.getMany}). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
