import type { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  DefinitionFeatureStore,
  FEATURE_TOUCH_INTERVAL_MS,
} from '../database/DefinitionFeatureStore';
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
 * Parsed features gathered before they are written to the store, in one
 * transaction: one commit (on SQLite, one sync to disk) per 2,000
 * definitions, not one per catalog page. A cold snapshot of 200k APIs
 * spent 15.8 s of its main thread in 1,200 commits of 200 rows each
 * (docs/benchmarks.md).
 */
export const FEATURE_WRITE_ROWS = 2000;

/**
 * The definition features of the APIs of a snapshot: from the
 * {@link FeatureCache} for a definition this process has seen before, else
 * from the {@link DefinitionFeatureStore} (the database) for one another
 * process or an earlier start of this one has parsed, else parsed on the
 * {@link DefinitionParserPool}'s worker threads (or on the calling thread
 * when there are none) and written to the store. One source lives as long
 * as the snapshot service, so that its cache spans runs; the threads start
 * on first use in a run and stop at {@link DefinitionFeatureSource.close}.
 *
 * The store is a shortcut, never a condition: when it cannot be read or
 * written, the definitions are parsed and the snapshot goes on (with one
 * warning per run).
 *
 * @internal
 */
export class DefinitionFeatureSource {
  private pool: DefinitionParserPool | undefined;
  /**
   * Hash → when the store last marked it used (epoch ms), as far as this
   * process knows: the rows of this process's cache.
   */
  private readonly storedAt = new Map<string, number>();
  /** Hashes asked for in the current run. */
  private used = new Set<string>();
  private warned = false;
  /** Parsed features not handed to the store yet. */
  private pending: Array<{ hash: string; result: DefinitionFeaturesResult }> =
    [];
  /** The store writes handed over, in order. */
  private writes: Promise<void> = Promise.resolve();
  /** Slices the parsing on the calling thread (no parser threads). */
  private readonly yielder = EventLoopYielder.create();

  private constructor(
    private readonly cache: FeatureCache,
    private readonly threads: number,
    private readonly batchTimeoutMs: number | undefined,
    private readonly store: DefinitionFeatureStore | undefined,
    private readonly logger?: LoggerService,
  ) {}

  static create(options?: {
    /** Worker threads parsing definitions; 0 (the default) parses them on the calling thread. */
    threads?: number;
    /** Time a batch of definitions may take on a thread (see {@link DefinitionParserPool}). */
    batchTimeoutMs?: number;
    logger?: LoggerService;
    cache?: FeatureCache;
    /** Where features persist across restarts and replicas; none: in memory only. */
    store?: DefinitionFeatureStore;
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
      options?.store,
      options?.logger,
    );
  }

  /**
   * The definition features of a page of API entities, in its order. The
   * work starts at once: call it for the next page before awaiting this one
   * to parse while the catalog is read.
   */
  async getMany(page: readonly Entity[]): Promise<DefinitionFeaturesResult[]> {
    return (await this.getManyWithHashes(page)).results;
  }

  /**
   * As {@link DefinitionFeatureSource.getMany}, with the hash of each
   * definition (the cache key; undefined for a definition that is not
   * text), which the clusters' fingerprints are made of.
   */
  async getManyWithHashes(page: readonly Entity[]): Promise<{
    results: DefinitionFeaturesResult[];
    hashes: Array<string | undefined>;
  }> {
    const hashes: Array<string | undefined> = new Array(page.length);
    const results = await this.cache.getMany(
      page.map(definitionOf),
      (missing, keys) => this.fetch(missing, keys),
      (key, index) => {
        hashes[index] = key;
        if (this.store) this.used.add(key);
      },
    );
    return { results, hashes };
  }

  /** Definitions not in the cache: from the store, else parsed (and stored). */
  private async fetch(
    missing: Array<{ type: string; definition: unknown }>,
    keys: Array<string | undefined>,
  ): Promise<DefinitionFeaturesResult[]> {
    const store = this.store;
    if (!store) {
      return this.parse(missing);
    }
    const hashes = keys.filter((key): key is string => key !== undefined);
    let stored = new Map<
      string,
      { result: DefinitionFeaturesResult; usedAt: number }
    >();
    if (hashes.length > 0) {
      try {
        stored = await store.getMany(hashes);
      } catch (error) {
        this.warn('read', error);
      }
    }
    const results: DefinitionFeaturesResult[] = new Array(missing.length);
    const toParse: number[] = [];
    keys.forEach((key, i) => {
      const found = key === undefined ? undefined : stored.get(key);
      if (found) {
        results[i] = found.result;
        this.storedAt.set(key!, found.usedAt);
      } else {
        toParse.push(i);
      }
    });
    if (toParse.length === 0) {
      return results;
    }
    const parsed = await this.parse(toParse.map(i => missing[i]));
    toParse.forEach((i, j) => {
      results[i] = parsed[j];
      const key = keys[i];
      if (key !== undefined && !parsed[j].transient) {
        this.pending.push({ hash: key, result: parsed[j] });
      }
    });
    if (this.pending.length >= FEATURE_WRITE_ROWS) {
      this.flush();
    }
    return results;
  }

  /**
   * Hands the parsed features gathered so far to the store, after the
   * writes before them; {@link DefinitionFeatureSource.written} waits for
   * them. A failed write is a warning: the features stay in memory.
   */
  private flush() {
    const store = this.store;
    const written = this.pending;
    this.pending = [];
    if (!store || written.length === 0) return;
    this.writes = this.writes.then(async () => {
      const now = new Date();
      try {
        await store.putMany(written, now);
        for (const { hash } of written) {
          this.storedAt.set(hash, now.getTime());
        }
      } catch (error) {
        this.warn('write', error);
      }
    });
  }

  /** Writes what was parsed and not stored yet, and waits for every write. */
  async written(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private async parse(
    items: Array<{ type: string; definition: unknown }>,
  ): Promise<DefinitionFeaturesResult[]> {
    if (this.threads > 0) {
      this.pool ??= DefinitionParserPool.create({
        threads: this.threads,
        batchTimeoutMs: this.batchTimeoutMs,
        logger: this.logger,
      });
      return this.pool.extract(items);
    }
    return parseOnMainThread(items, this.yielder);
  }

  private warn(what: 'read' | 'write' | 'mark', error: unknown) {
    if (this.warned) {
      return;
    }
    this.warned = true;
    const message = error instanceof Error ? error.message : String(error);
    this.logger?.warn(
      `Could not ${what} the stored definition features (${message}); the definitions are parsed instead`,
    );
  }

  /**
   * Ends a run that read the whole catalog: forgets the definitions that
   * were not asked for since the previous complete run, and marks in the
   * store the definitions used whose mark is older than a day (a process
   * that keeps them in memory for months would otherwise let them be
   * pruned from the store).
   */
  async completeRun(now: Date = new Date()): Promise<void> {
    await this.written();
    this.cache.prune();
    if (!this.store) {
      return;
    }
    const due: string[] = [];
    for (const key of this.used) {
      const at = this.storedAt.get(key);
      if (at !== undefined && at < now.getTime() - FEATURE_TOUCH_INTERVAL_MS) {
        due.push(key);
      }
    }
    for (const key of this.storedAt.keys()) {
      if (!this.used.has(key)) {
        this.storedAt.delete(key);
      }
    }
    this.used = new Set();
    if (due.length > 0) {
      try {
        await this.store.touch(due, now);
        for (const key of due) {
          this.storedAt.set(key, now.getTime());
        }
      } catch (error) {
        this.warn('mark', error);
      }
    }
  }

  /** Stops the threads (until the next {@link DefinitionFeatureSource.getMany}). */
  async close(): Promise<void> {
    await this.written();
    this.used = new Set();
    this.warned = false;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
