import type {
  FragmentationCluster,
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The conventions a REST API follows; both fields are undefined for other
 * kinds of API and for REST APIs without paths.
 *
 * @internal
 */
export interface ApiStyle {
  pathCasing?: PathCasing;
  versioning?: VersioningScheme;
}

/**
 * What a definition alone tells: the part of the features that is cached by
 * the hash of the definition.
 *
 * @internal
 */
export interface DefinitionFeatures {
  /** Sorted, unique, normalized operation signatures. */
  operations: readonly string[];
  /**
   * The shape of each operation's data (see `operationShape`), 8 hex digits
   * per operation in the order of `operations`, `00000000` where unknown;
   * absent when no operation has one (AsyncAPI, GraphQL, gRPC, bare paths).
   */
  shapes?: string;
  /**
   * Where the API is served: its first server URL (OpenAPI 3) or host and
   * base path (Swagger 2), lower case, without scheme and trailing `/`.
   */
  server?: string;
  style: ApiStyle;
  /** Major version declared by the definition (`info.version`, proto package). */
  version?: string;
}

/**
 * The canonical features of one API used by fragmentation detection.
 *
 * @internal
 */
export interface ApiFeatures {
  entityRef: string;
  /** `metadata.name`, lower-cased. */
  name: string;
  /**
   * Sorted, unique, normalized operation signatures: `GET /cards/{}/status`,
   * `SEND kestrel.payments.payment-settled`, `QUERY accounts`,
   * `RPC kestrel.cards.tokenization.cardtokenizationservice/tokenizecard`.
   */
  operations: readonly string[];
  /** The shapes of the operations; see {@link DefinitionFeatures.shapes}. */
  shapes?: string;
  /** Where the API is served; see {@link DefinitionFeatures.server}. */
  server?: string;
  /** Normalized name: lower-case words, version and `api`/`service` removed. */
  nameKey: string;
  /** Major version, e.g. `2`. */
  versionKey?: string;
  /** Whether the version key comes from the name/title or the definition. */
  versionSource?: 'name' | 'definition';
  style: ApiStyle;
}

/**
 * An API as fragmentation detection takes it: its features plus the catalog
 * context the findings name. Refs are normalized (lower-case, full).
 *
 * @internal
 */
export interface FragmentationApi extends ApiFeatures {
  /**
   * SHA-256 of the definition, as the feature cache keys it (none for a
   * definition that is not text): the clusters' fingerprints are made of it.
   */
  definitionHash?: string;
  title?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  domain?: string;
}

/**
 * Features of one API entity, and why its definition gave none (then
 * `operations` is empty and `style` blank, but the name and version keys
 * still take part in name-based findings).
 *
 * @internal
 */
export interface ExtractFeaturesResult {
  features: FragmentationApi;
  problem?: string;
}

/**
 * Figures of one run, for logs and benchmarks.
 *
 * @internal
 */
export interface SimilarityStats {
  apis: number;
  /** Distinct signatures. */
  signatures: number;
  /** Signature occurrences over all APIs (after de-duplication). */
  occurrences: number;
  /** Signatures ignored for being too common (or listed). */
  stopListed: number;
  /** The document frequency from which a signature is stop-listed. */
  stopListThreshold: number;
  /** APIs with a prefix signature over `maxPostingSize`, handed to LSH. */
  incompleteApis: number;
  /** Pairs verified that came from the inverted index. */
  indexCandidates: number;
  /** Pairs verified that came from LSH buckets. */
  lshCandidates: number;
  /** LSH buckets skipped for holding more than `maxBucketSize` APIs. */
  skippedBuckets: number;
}

/**
 * Pairs of APIs whose operation sets are similar, by index into the input.
 *
 * @internal
 */
export interface SimilarPairs {
  /**
   * Flat tuples `[a, b, shared, schemaMatches, sharedWeight, evidence]`
   * (a < b; `PAIR_STRIDE` values each) with Jaccard ≥ the threshold.
   */
  duplicates: number[];
  /**
   * Flat tuples `[contained, container, shared, schemaMatches,
   * sharedWeight, evidence]` whose containment of the smaller set is ≥ the
   * threshold and that are not duplicates.
   */
  overlaps: number[];
  /** Operations per API once stop-listed signatures are left out. */
  sizes: Int32Array;
  /** Families: APIs implementing one shared interface. */
  families: Array<{
    /** The APIs, by index, ascending. */
    members: number[];
    /** The interface's signatures. */
    interfaceOperations: string[];
    schemaMatches: number;
    evidence: number;
  }>;
  /** Kept signatures common in the catalog (weight below 1), with their weight. */
  commonSignatures: ReadonlyMap<string, number>;
  /** The stop-listed signatures that occur in the input. */
  stopListed: ReadonlySet<string>;
  stats: SimilarityStats;
}

/**
 * Clusters and the figures of the run that found them.
 *
 * @internal
 */
export interface FragmentationResult {
  clusters: FragmentationCluster[];
  stats: SimilarityStats & { clusters: Record<string, number> };
}
