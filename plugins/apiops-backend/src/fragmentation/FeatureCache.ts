import { createHash } from 'node:crypto';
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
    if (typeof definition !== 'string') {
      return extractDefinitionFeatures(type, definition);
    }
    const key = createHash('sha256')
      .update(type.toLocaleLowerCase('en-US'))
      .update('\0')
      .update(definition)
      .digest('base64');
    const cached = this.entries.get(key);
    if (cached) {
      this.hitCount += 1;
      cached.generation = this.generation;
      // Re-insert: a Map iterates in insertion order, oldest first.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.result;
    }
    this.missCount += 1;
    const result = extractDefinitionFeatures(type, definition);
    this.entries.set(key, { result, generation: this.generation });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
    return result;
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
