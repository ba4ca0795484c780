import type { DefinitionFeaturesResult } from '../fragmentation/extractDefinitionFeatures';

/**
 * Version of the feature extraction whose results the store holds. Raise it
 * when `extractDefinitionFeatures` (or the parsers under it) changes what it
 * returns for a definition: rows of another version are not read, and are
 * overwritten or pruned.
 *
 * @internal
 */
export const DEFINITION_FEATURES_VERSION = 3;

/**
 * How long the result of an analysis the parser pool stopped ("analysis
 * timed out", "too complex to analyse: the parser thread stopped") is kept
 * before the definition is tried again. A timeout may come from an
 * overloaded replica rather than from the definition: it must not hold for
 * the other replicas forever, nor make each of them (and each restart) spend
 * a parser batch's deadline on a hostile definition at every snapshot.
 *
 * @internal
 */
export const STOPPED_RETRY_MS = 24 * 60 * 60 * 1000;

/**
 * A row's `last_used_at` is refreshed when a snapshot used it and the stored
 * value is older than this: at most one write per definition and day.
 *
 * @internal
 */
export const FEATURE_TOUCH_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Default number of definitions whose features are kept in the database. */
export const DEFAULT_MAX_STORED_DEFINITIONS = 500_000;

/**
 * A stored result and when a snapshot last used it (epoch ms, as stored
 * after this read).
 *
 * @internal
 */
export interface StoredDefinitionFeatures {
  result: DefinitionFeaturesResult;
  usedAt: number;
}

/**
 * The fragmentation features of API definitions, persisted by definition
 * hash (see `FeatureCache`), so that a restarted backend or another replica
 * does not parse again what was parsed before.
 *
 * @internal
 */
export interface DefinitionFeatureStore {
  /**
   * The stored results of these hashes (of the current
   * {@link DEFINITION_FEATURES_VERSION}; stopped analyses only until they
   * expire). Rows read are marked used (at most once a day).
   */
  getMany(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinitionFeatures>>;

  /**
   * Stores results. Transient results are never stored; a stopped analysis
   * ({@link isStoppedAnalysis}) is stored for {@link STOPPED_RETRY_MS} and
   * never replaces a complete result of the current version. Safe when several processes write the
   * same hashes at once.
   */
  putMany(
    entries: ReadonlyArray<{ hash: string; result: DefinitionFeaturesResult }>,
    now?: Date,
  ): Promise<void>;

  /** Marks rows as used at `now`. */
  touch(hashes: readonly string[], now?: Date): Promise<void>;

  /**
   * Deletes the rows not used since `unusedSince`, expired and of another
   * version, then the least recently used beyond `maxRows`. Resolves to how
   * many rows went.
   */
  prune(options: {
    unusedSince: Date;
    maxRows: number;
    now?: Date;
  }): Promise<number>;
}

/**
 * Whether the parser pool stopped the analysis of a definition (its batch
 * timed out on it, or its thread stopped on it): stored with an expiry, see
 * {@link STOPPED_RETRY_MS}.
 *
 * @internal
 */
export function isStoppedAnalysis(result: DefinitionFeaturesResult): boolean {
  return (
    result.problem !== undefined &&
    (result.problem.startsWith('spec.definition: analysis timed out') ||
      result.problem.startsWith(
        'spec.definition: too complex to analyse: the parser thread stopped',
      ))
  );
}
