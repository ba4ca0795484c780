import { definitionHash } from '../definitions';
import {
  extractDefinitionFeatures,
  type DefinitionFeaturesResult,
} from './extractDefinitionFeatures';

/** Default number of definitions remembered. */
export const DEFAULT_FEATURE_CACHE_SIZE = 500_000;

/**
 * Remembers the features of definitions across snapshots, keyed by the
 * SHA-256 of `spec.type` and `spec.definition`, so that an unchanged
 * definition is not parsed again. Only the (small) features are kept, never
 * the text. Least recently used entries go first once the cache is full, and
 * {@link FeatureCache.prune} after each complete snapshot drops the
 * definitions that are no longer in the catalog.
 *
 * @internal
 */
export class FeatureCache {
  private readonly entries = new Map<
    string,
    { result: DefinitionFeaturesResult; generation: number }
  >();
  private generation = 0;
  private hitCount = 0;
  private missCount = 0;

  private constructor(private readonly maxEntries: number) {}

  static create(options?: { maxEntries?: number }): FeatureCache {
    const maxEntries = options?.maxEntries ?? DEFAULT_FEATURE_CACHE_SIZE;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new Error(
        `maxEntries must be a positive integer, got ${maxEntries}`,
      );
    }
    return new FeatureCache(maxEntries);
  }

  /** The features of a definition, from the cache or extracted now. */
  get(type: string, definition: unknown): DefinitionFeaturesResult {
    const key = definitionHash(type, definition);
    const cached = key === undefined ? undefined : this.lookup(key);
    if (cached) {
      return cached;
    }
    const result = extractDefinitionFeatures(type, definition);
    if (key !== undefined) {
      this.remember(key, result);
    }
    return result;
  }

  /**
   * The features of many definitions, in the order given: those not in the
   * cache are extracted together by `extract` (on worker threads, or read
   * from the database, say), which is also given their keys. `onKey` sees
   * the key of every definition asked for, in the cache or not, with its
   * index in `items`.
   */
  async getMany(
    items: ReadonlyArray<{ type: string; definition: unknown }>,
    extract: (
      missing: Array<{ type: string; definition: unknown }>,
      keys: Array<string | undefined>,
    ) => Promise<DefinitionFeaturesResult[]>,
    onKey?: (key: string, index: number) => void,
  ): Promise<DefinitionFeaturesResult[]> {
    const results: DefinitionFeaturesResult[] = new Array(items.length);
    const missing: Array<{ index: number; key?: string }> = [];
    items.forEach(({ type, definition }, index) => {
      const key = definitionHash(type, definition);
      if (key !== undefined) {
        onKey?.(key, index);
      }
      const cached = key === undefined ? undefined : this.lookup(key);
      if (cached) {
        results[index] = cached;
      } else {
        missing.push({ index, key });
      }
    });
    if (missing.length > 0) {
      const extracted = await extract(
        missing.map(({ index }) => items[index]),
        missing.map(({ key }) => key),
      );
      missing.forEach(({ index, key }, i) => {
        results[index] = extracted[i];
        if (key !== undefined && !extracted[i].transient) {
          this.remember(key, extracted[i]);
        }
      });
    }
    return results;
  }

  private lookup(key: string): DefinitionFeaturesResult | undefined {
    const cached = this.entries.get(key);
    if (!cached) {
      this.missCount += 1;
      return undefined;
    }
    this.hitCount += 1;
    cached.generation = this.generation;
    // Re-insert: a Map iterates in insertion order, oldest first.
    this.entries.delete(key);
    this.entries.set(key, cached);
    return cached.result;
  }

  private remember(key: string, result: DefinitionFeaturesResult) {
    this.entries.set(key, { result, generation: this.generation });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
  }

  /**
   * Drops the definitions not looked up since the previous call, and returns
   * how many. Call it after each snapshot that went through the whole
   * catalog (not after a failed one, which saw only part of it).
   */
  prune(): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.generation !== this.generation) {
        this.entries.delete(key);
        removed += 1;
      }
    }
    this.generation += 1;
    return removed;
  }

  /** How many definitions are remembered, and how often the cache helped. */
  stats(): { size: number; hits: number; misses: number } {
    return {
      size: this.entries.size,
      hits: this.hitCount,
      misses: this.missCount,
    };
  }
}
