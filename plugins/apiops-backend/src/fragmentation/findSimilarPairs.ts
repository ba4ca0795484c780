import type { FragmentationThresholds } from '@apiops-backstage/plugin-apiops-common';
import type { SimilarPairs } from './types';
import { runSteps, type Steps } from './EventLoopYielder';
import { findFamilies } from './findFamilies';
import { HashInterner, mix32 } from './HashInterner';

export { mix32 };

/** The thresholds that candidate generation and verification use. */
export type SimilarityThresholds = Pick<
  FragmentationThresholds,
  | 'duplicateJaccard'
  | 'duplicateMinOperations'
  | 'overlapContainment'
  | 'overlapMinOperations'
  | 'minEvidence'
  | 'familyMinApis'
  | 'familyMinEvidence'
  | 'stopListShare'
  | 'stopListMinApis'
  | 'stopSignatures'
  | 'maxPostingSize'
  | 'lshBands'
  | 'lshRows'
  | 'maxBucketSize'
>;

/** Slack for float comparisons of `share × size` with integer counts. */
const EPSILON = 1e-9;
/** Slack for comparisons of sums of weights (kept in 32-bit floats). */
const WEIGHT_EPSILON = 1e-4;
/** Values per pair in {@link SimilarPairs.duplicates} and `overlaps`. */
export const PAIR_STRIDE = 6;

/**
 * The rarity weight of a signature that `groups` APIs (versions of one API
 * counted once) have: 1 when at most two have it (the pair itself), else
 * `1/√(groups − 1)`: 0.5 for five, 0.33 for ten, 0.14 for fifty.
 */
export function rarityWeight(groups: number): number {
  return groups <= 2 ? 1 : 1 / Math.sqrt(groups - 1);
}

/** What {@link findSimilarPairs} takes besides the operation sets. */
export interface SimilarityOptions {
  /** Pairs (a < b) never reported, e.g. versions of one API. */
  exclude?: (a: number, b: number) => boolean;
  /**
   * The shape of each operation of each API: 8 hex digits per signature, in
   * the order of the API's (sorted, unique) signatures; `00000000` or no
   * string where unknown. Matching shapes add to a pair's evidence.
   */
  shapes?: ReadonlyArray<string | undefined>;
  /**
   * A group id per API (e.g. its name key): the APIs of one group count once
   * in a signature's rarity, so that the versions of an API do not make its
   * operations look common.
   */
  groups?: ArrayLike<number>;
  /**
   * A place id per API (-1: unknown; see `apiPlaces`): at one place a
   * signature is one endpoint, so shapes that differ there are the endpoint
   * described at two versions, and do not count against the pair.
   */
  places?: ArrayLike<number>;
}
/** Pauses (see {@link Steps}) every 256 APIs, and every 64k signatures. */
const PAUSE_EVERY_APIS = 255;
const PAUSE_EVERY_ITEMS = 65535;

function growInt32(array: Int32Array, minLength: number): Int32Array {
  const grown = new Int32Array(Math.max(minLength, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * Two 32-bit FNV-1a variants of a string (a 64-bit hash), written to
 * `out[at]` and `out[at + 1]`.
 */
function hashSignature(value: string, out: Int32Array, at: number) {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  out[at] = mix32(h1) | 0;
  out[at + 1] = mix32(h2 ^ value.length) | 0;
}

/** The shape of signature `k` of a shapes string, as an integer; 0 when unknown. */
function shapeAt(shapes: string | undefined, k: number): number {
  if (shapes === undefined || shapes.length < 8 * (k + 1)) {
    return 0;
  }
  return parseInt(shapes.slice(8 * k, 8 * k + 8), 16) | 0;
}

/**
 * Sorts `keys[from..to)` ascending and moves `values` along: insertion sort
 * for short runs, an index sort otherwise.
 */
function sortRunWith(
  keys: Int32Array,
  values: Int32Array,
  from: number,
  to: number,
) {
  if (to - from > 32) {
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (x, y) => keys[x] - keys[y],
    );
    const sortedKeys = order.map(i => keys[i]);
    const sortedValues = order.map(i => values[i]);
    keys.set(sortedKeys, from);
    values.set(sortedValues, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const key = keys[i];
    const value = values[i];
    let j = i - 1;
    while (j >= from && keys[j] > key) {
      keys[j + 1] = keys[j];
      values[j + 1] = values[j];
      j -= 1;
    }
    keys[j + 1] = key;
    values[j + 1] = value;
  }
}

/**
 * Finds the pairs of APIs whose operation sets are duplicates (Jaccard) or
 * overlap (containment of the smaller), with enough weighted evidence,
 * without comparing all pairs:
 *
 * 1. Signatures are interned to integers; those found in too many APIs are
 *    stop-listed and ignored from here on (by every similarity). Each kept
 *    signature gets a {@link rarityWeight} from the number of API groups
 *    having it: an operation common in the catalog counts for less.
 * 2. Signatures are ranked rarest first, and each API's set is stored as a
 *    sorted run of ranks in one typed array (CSR), with an inverted index
 *    rank → APIs beside it.
 * 3. Prefix filtering: a set B holding at least `t·|A|` of A's signatures must
 *    hold one of A's `|A| − ⌈t·|A|⌉ + 1` rarest ones. So each API probes the
 *    posting lists of only those rarest signatures; the lists are short, and
 *    the candidates found are complete for both thresholds.
 * 4. A posting list longer than `maxPostingSize` is not probed. An API whose
 *    prefix reaches such a list is "incomplete"; duplicates between two
 *    incomplete APIs are found by MinHash/LSH over the incomplete APIs only
 *    (bands × rows hashes in one typed array; buckets over `maxBucketSize`
 *    are skipped, not expanded).
 * 5. Each candidate pair is verified exactly by merging (or galloping through)
 *    the two sorted runs. A pair over a threshold is reported only with
 *    `minEvidence`: the rarity weights of the shared signatures, counted
 *    three times for those whose operation shapes match, and half for those
 *    whose shapes both definitions give and differ.
 *
 * Families (APIs sharing one interface) are found beside, from the same
 * interned signatures (see {@link findFamilies}).
 *
 * The work is O(occurrences + Σ probed posting lengths + candidates · set
 * size); nothing is quadratic in the number of APIs.
 *
 * @param sets - The operation signatures of each API (sorted, unique).
 * @param thresholds - Similarity thresholds and caps.
 * @param options - Pairs never reported, operation shapes, API groups.
 * @internal
 */
export function findSimilarPairs(
  sets: ReadonlyArray<readonly string[]>,
  thresholds: SimilarityThresholds,
  options?: SimilarityOptions,
): SimilarPairs {
  return runSteps(similarPairSteps(sets, thresholds, options));
}

/**
 * {@link findSimilarPairs} as {@link Steps}: it pauses every few hundred
 * APIs, so that a caller can let the event loop run (see
 * {@link EventLoopYielder.run}).
 *
 * @internal
 */
export function* similarPairSteps(
  sets: ReadonlyArray<readonly string[]>,
  thresholds: SimilarityThresholds,
  options?: SimilarityOptions,
): Steps<SimilarPairs> {
  const n = sets.length;
  const exclude = options?.exclude;
  const places = options?.places;
  // Each step is a function of its own, so that its scratch arrays (hashes,
  // hash table) can be collected once it returns.
  const interned = yield* internSignatures(
    sets,
    thresholds.stopSignatures,
    options?.shapes,
  );
  const { documentFrequency, signatureCount } = interned;

  // Stop-list: too common, or listed.
  const stopListThreshold = Math.max(
    thresholds.stopListMinApis,
    Math.ceil(thresholds.stopListShare * n - EPSILON),
  );
  const stopped = new Uint8Array(signatureCount);
  const stopListed = new Set<string>();
  for (let id = 0; id < signatureCount; id++) {
    if ((id & PAUSE_EVERY_ITEMS) === 0) yield;
    if (documentFrequency[id] >= stopListThreshold) {
      stopped[id] = 1;
      stopListed.add(interned.signatureOf(id));
    }
  }
  const listed = new Uint8Array(signatureCount);
  for (const id of interned.listedIds) {
    listed[id] = 1;
    stopListed.add(interned.signatureOf(id));
  }
  const foundFamilies = yield* findFamilies(
    { ...interned, listed, groups: options?.groups },
    thresholds.familyMinApis,
    thresholds.familyMinEvidence,
  );
  for (const id of interned.listedIds) {
    stopped[id] = 1;
  }

  const groupFrequency = yield* countGroups(interned, options?.groups);
  const { start, tokens, tokenShapes, sizes, postingStart, postings, rankOf } =
    yield* buildIndex(n, interned, stopped);
  const postingLength = (rank: number) =>
    postingStart[rank + 1] - postingStart[rank];

  // Rarity weights per rank, for the evidence of a pair.
  const rankCount = postingStart.length - 1;
  const rankWeight = new Float32Array(rankCount);
  /** The kept signatures that weigh less than 1 (common in the catalog). */
  const commonSignatures = new Map<string, number>();
  for (let id = 0; id < signatureCount; id++) {
    const rank = rankOf[id];
    if (rank >= 0) {
      rankWeight[rank] = rarityWeight(groupFrequency[id]);
      if (rankWeight[rank] < 1) {
        commonSignatures.set(interned.signatureOf(id), rankWeight[rank]);
      }
    }
  }

  // 3. Prefix filtering: the prefix length of each API, and whether all of
  //    its prefix posting lists are short enough to be probed (complete).
  const {
    duplicateJaccard,
    duplicateMinOperations,
    overlapContainment,
    overlapMinOperations,
    minEvidence,
    maxPostingSize,
  } = thresholds;
  const minSize = Math.min(duplicateMinOperations, overlapMinOperations);
  /** Fewest shared signatures for any finding with `size` as the smaller set. */
  const minShared = (size: number): number => {
    let required = Infinity;
    if (size >= duplicateMinOperations) {
      required = Math.max(
        duplicateMinOperations,
        Math.ceil(duplicateJaccard * size - EPSILON),
      );
    }
    if (size >= overlapMinOperations) {
      required = Math.min(
        required,
        Math.max(1, Math.ceil(overlapContainment * size - EPSILON)),
      );
    }
    return required;
  };
  const prefixLength = new Int32Array(n);
  const complete = new Uint8Array(n);
  let incompleteApis = 0;
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    const size = sizes[api];
    if (size >= minSize) {
      prefixLength[api] = size - minShared(size) + 1;
      // Ranks are sorted rarest first: the prefix's last is its most common.
      const last = tokens[start[api] + prefixLength[api] - 1];
      complete[api] = postingLength(last) <= maxPostingSize ? 1 : 0;
      incompleteApis += 1 - complete[api];
    }
  }

  // 5. Exact verification of a candidate pair (used by steps 3 and 4): no
  //    allocation per pair, only the positives are recorded.
  const duplicates: number[] = [];
  const overlaps: number[] = [];
  const reported = new Set<number>();
  /**
   * The evidence of the last {@link sharedCount} merge: the rarity weights
   * of the shared signatures, of those whose shapes match, and of those
   * whose shapes both APIs give and differ; and the matches.
   */
  let sharedWeight = 0;
  let shapeWeight = 0;
  let mismatchWeight = 0;
  let schemaMatches = 0;
  const match = (x: number, y: number) => {
    const weight = rankWeight[tokens[x]];
    sharedWeight += weight;
    if (tokenShapes[x] !== 0 && tokenShapes[x] === tokenShapes[y]) {
      shapeWeight += weight;
      schemaMatches += 1;
    } else if (tokenShapes[x] !== 0 && tokenShapes[y] !== 0) {
      mismatchWeight += weight;
    }
  };
  /**
   * Signatures shared by two APIs, counted by merging their sorted runs (or
   * galloping through the larger one when sizes are skewed), their evidence
   * summed on the way. Gives up as soon as `required` can no longer be
   * reached, returning less than it.
   */
  const sharedCount = (a: number, b: number, required: number): number => {
    sharedWeight = 0;
    shapeWeight = 0;
    mismatchWeight = 0;
    schemaMatches = 0;
    const small = sizes[a] <= sizes[b] ? a : b;
    const large = small === a ? b : a;
    let i = start[small];
    const iEnd = start[small + 1];
    let j = start[large];
    const jEnd = start[large + 1];
    let shared = 0;
    if (jEnd - j > 8 * (iEnd - i)) {
      for (; i < iEnd && j < jEnd; i++) {
        if (shared + (iEnd - i) < required) {
          return shared;
        }
        const value = tokens[i];
        let step = 1;
        while (j + step < jEnd && tokens[j + step] < value) {
          j += step;
          step *= 2;
        }
        let lo = j;
        let hi = Math.min(j + step, jEnd - 1);
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (tokens[mid] < value) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        j = lo;
        if (tokens[j] === value) {
          match(i, j);
          shared += 1;
          j += 1;
        }
      }
      return shared;
    }
    while (i < iEnd && j < jEnd) {
      if (shared + Math.min(iEnd - i, jEnd - j) < required) {
        return shared;
      }
      const x = tokens[i];
      const y = tokens[j];
      if (x === y) {
        match(i, j);
        shared += 1;
        i += 1;
        j += 1;
      } else if (x < y) {
        i += 1;
      } else {
        j += 1;
      }
    }
    return shared;
  };
  /** Fewest shared signatures for the pair to be any finding. */
  const requiredShared = (sizeA: number, sizeB: number): number => {
    // Jaccard ≥ t ⇔ shared ≥ t·(|A| + |B|) / (1 + t).
    let required = Math.max(
      duplicateMinOperations,
      Math.ceil(
        (duplicateJaccard * (sizeA + sizeB)) / (1 + duplicateJaccard) - EPSILON,
      ),
    );
    const smaller = Math.min(sizeA, sizeB);
    if (smaller >= overlapMinOperations) {
      required = Math.min(
        required,
        Math.ceil(overlapContainment * smaller - EPSILON),
      );
    }
    return Math.max(1, required);
  };
  const verify = (a: number, b: number) => {
    const sizeA = sizes[a];
    const sizeB = sizes[b];
    const shared = sharedCount(a, b, requiredShared(sizeA, sizeB));
    const smaller = Math.min(sizeA, sizeB);
    const union = sizeA + sizeB - shared;
    const isDuplicate =
      shared >= duplicateMinOperations &&
      shared >= duplicateJaccard * union - EPSILON;
    const isOverlap =
      !isDuplicate &&
      smaller >= overlapMinOperations &&
      shared >= overlapContainment * smaller - EPSILON;
    if (!isDuplicate && !isOverlap) {
      return;
    }
    // Matching shapes confirm an operation (it counts three times); shapes
    // that both definitions give and that differ make it count half, except
    // between two APIs at one place (one endpoint at two versions).
    const samePlace =
      places !== undefined && places[a] >= 0 && places[a] === places[b];
    const evidence =
      sharedWeight + 2 * shapeWeight - (samePlace ? 0 : mismatchWeight / 2);
    if (evidence < minEvidence - WEIGHT_EPSILON) {
      return;
    }
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const key = low * n + high;
    if (reported.has(key) || exclude?.(low, high)) {
      return;
    }
    reported.add(key);
    const figures = [shared, schemaMatches, sharedWeight, evidence];
    if (isDuplicate) {
      duplicates.push(low, high, ...figures);
    } else {
      const contained = sizeA < sizeB || (sizeA === sizeB && a < b) ? a : b;
      overlaps.push(contained, contained === a ? b : a, ...figures);
    }
  };

  // 3. Probe the prefix posting lists. A pair is verified from the side of
  //    its smaller set (ties: lower index) unless that side is incomplete and
  //    so may have missed it.
  const probedBy = new Int32Array(n); // api + 1 of the last prober
  let indexCandidates = 0;
  for (let a = 0; a < n; a++) {
    if ((a & PAUSE_EVERY_APIS) === 0) yield;
    const sizeA = sizes[a];
    if (sizeA < minSize) {
      continue;
    }
    for (let p = start[a]; p < start[a] + prefixLength[a]; p++) {
      const rank = tokens[p];
      if (postingLength(rank) > maxPostingSize) {
        break; // ranks ascend in frequency: the rest are longer still
      }
      for (let q = postingStart[rank]; q < postingStart[rank + 1]; q++) {
        const b = postings[q];
        if (b === a || probedBy[b] === a + 1) {
          continue;
        }
        probedBy[b] = a + 1;
        const sizeB = sizes[b];
        if (sizeB < minSize) {
          continue;
        }
        const bIsSmallerSide = sizeB < sizeA || (sizeB === sizeA && b < a);
        if (bIsSmallerSide && complete[b]) {
          continue; // b probes this pair itself
        }
        indexCandidates += 1;
        verify(a, b);
      }
    }
  }

  // 4. MinHash/LSH over the incomplete APIs (duplicates among them).
  const { lshCandidates, skippedBuckets } = yield* lshPairs(
    n,
    sizes,
    start,
    tokens,
    complete,
    thresholds,
    verify,
  );

  return {
    duplicates,
    overlaps,
    families: foundFamilies.map(family => ({
      members: family.members,
      interfaceOperations: family.interfaceIds.map(id =>
        interned.signatureOf(id),
      ),
      schemaMatches: family.schemaMatches,
      evidence: family.evidence,
    })),
    sizes,
    commonSignatures,
    stopListed,
    stats: {
      apis: n,
      signatures: signatureCount,
      occurrences: interned.rawStart[n],
      stopListed: stopListed.size,
      stopListThreshold,
      incompleteApis,
      indexCandidates,
      lshCandidates,
      skippedBuckets,
    },
  };
}

/** Signatures as dense ids: each API's ids sorted and unique. */
interface InternedSignatures {
  /** Where each API's ids start in `raw`; `rawStart[n]` is the total. */
  rawStart: Int32Array;
  raw: Int32Array;
  /** The shape of each operation of `raw` (0: unknown). */
  rawShapes: Int32Array;
  signatureCount: number;
  /** APIs per signature id. */
  documentFrequency: Int32Array;
  /** Ids of the listed stop signatures that occur. */
  listedIds: number[];
  signatureOf(id: number): string;
}

/**
 * Step 1: hashes every string once (one pass that reads the strings in
 * order), then gives ids to the 64-bit hashes in a table of typed arrays (a
 * V8 Map of millions of strings is several times slower). Each API's ids are
 * sorted and de-duplicated in place, then counted.
 */
function* internSignatures(
  sets: ReadonlyArray<readonly string[]>,
  stopSignatures: readonly string[],
  shapes: ReadonlyArray<string | undefined> | undefined,
): Steps<InternedSignatures> {
  const n = sets.length;
  const setStart = new Int32Array(n + 1);
  for (let api = 0; api < n; api++) {
    setStart[api + 1] = setStart[api] + sets[api].length;
  }
  const total = setStart[n];
  const hashes = new Int32Array(total * 2);
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    const set = sets[api];
    for (let k = 0; k < set.length; k++) {
      hashSignature(set[k], hashes, 2 * (setStart[api] + k));
    }
  }
  const interner = new HashInterner(total);
  let firstOccurrence = new Int32Array(1024); // id → index into `sets`, flat
  const rawStart = new Int32Array(n + 1);
  const raw = new Int32Array(total);
  const rawShapes = new Int32Array(total);
  let occurrences = 0;
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    rawStart[api] = occurrences;
    const apiShapes = shapes?.[api];
    for (let p = setStart[api]; p < setStart[api + 1]; p++) {
      rawShapes[occurrences] = shapeAt(apiShapes, p - setStart[api]);
      const known = interner.count;
      const id = interner.idOf(hashes[2 * p], hashes[2 * p + 1], true);
      if (id === known) {
        if (id >= firstOccurrence.length) {
          firstOccurrence = growInt32(firstOccurrence, id + 1);
        }
        firstOccurrence[id] = p;
      }
      raw[occurrences++] = id;
    }
    sortRunWith(raw, rawShapes, rawStart[api], occurrences);
    let kept = rawStart[api];
    for (let r = rawStart[api]; r < occurrences; r++) {
      if (r === rawStart[api] || raw[r] !== raw[kept - 1]) {
        rawShapes[kept] = rawShapes[r];
        raw[kept++] = raw[r];
      }
    }
    occurrences = kept;
  }
  rawStart[n] = occurrences;
  const signatureCount = interner.count;
  const documentFrequency = new Int32Array(signatureCount);
  for (let r = 0; r < occurrences; r++) {
    documentFrequency[raw[r]] += 1;
  }
  const listedIds: number[] = [];
  const probe = new Int32Array(2);
  for (const signature of stopSignatures) {
    hashSignature(signature, probe, 0);
    const id = interner.idOf(probe[0], probe[1], false);
    if (id >= 0) {
      listedIds.push(id);
    }
  }
  const firstOccurrences = firstOccurrence;
  return {
    rawStart,
    raw,
    rawShapes,
    signatureCount,
    documentFrequency,
    listedIds,
    signatureOf(id: number): string {
      // The last API whose set starts at or before the first occurrence.
      const p = firstOccurrences[id];
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (setStart[mid] <= p) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return sets[lo][p - setStart[lo]];
    },
  };
}

/**
 * The number of API groups having each signature: the APIs are visited
 * group by group (a counting sort of the group ids), so that a signature
 * seen again in the same group is not counted twice. Without groups, the
 * document frequency.
 */
function* countGroups(
  interned: InternedSignatures,
  groups: ArrayLike<number> | undefined,
): Steps<Int32Array> {
  const { raw, rawStart, signatureCount, documentFrequency } = interned;
  const n = rawStart.length - 1;
  if (!groups) {
    return documentFrequency;
  }
  let maxGroup = 0;
  for (let api = 0; api < n; api++) {
    maxGroup = Math.max(maxGroup, groups[api]);
  }
  const groupStart = new Int32Array(maxGroup + 2);
  for (let api = 0; api < n; api++) {
    groupStart[groups[api] + 1] += 1;
  }
  for (let g = 0; g <= maxGroup; g++) {
    groupStart[g + 1] += groupStart[g];
  }
  const order = new Int32Array(n);
  for (let api = 0; api < n; api++) {
    order[groupStart[groups[api]]++] = api;
  }
  const counts = new Int32Array(signatureCount);
  const lastGroup = new Int32Array(signatureCount).fill(-1);
  for (let k = 0; k < n; k++) {
    if ((k & PAUSE_EVERY_APIS) === 0) yield;
    const api = order[k];
    const group = groups[api];
    for (let p = rawStart[api]; p < rawStart[api + 1]; p++) {
      if (lastGroup[raw[p]] !== group) {
        lastGroup[raw[p]] = group;
        counts[raw[p]] += 1;
      }
    }
  }
  return counts;
}

/** Each API's kept signatures as sorted ranks, and the inverted index. */
interface SignatureIndex {
  /** Where each API's ranks start in `tokens`; `start[n]` is the total. */
  start: Int32Array;
  /** Ranks: 0 is the rarest kept signature. */
  tokens: Int32Array;
  /** The operation shape at each position of `tokens` (0: unknown). */
  tokenShapes: Int32Array;
  sizes: Int32Array;
  /** The rank of each signature id; -1 for the stop-listed. */
  rankOf: Int32Array;
  /** Where each rank's APIs start in `postings`. */
  postingStart: Int32Array;
  /** APIs per rank, ascending. */
  postings: Int32Array;
}

/**
 * Step 2: ranks the kept signatures rarest first (counting sort on
 * frequency, stable in id), stores each API's ranks sorted in one typed
 * array, and builds the inverted index rank → APIs beside it.
 */
function* buildIndex(
  n: number,
  interned: InternedSignatures,
  stopped: Uint8Array,
): Steps<SignatureIndex> {
  const { documentFrequency, signatureCount, raw, rawStart, rawShapes } =
    interned;
  let maxFrequency = 0;
  for (let id = 0; id < signatureCount; id++) {
    maxFrequency = Math.max(maxFrequency, documentFrequency[id]);
  }
  const frequencyStart = new Int32Array(maxFrequency + 2);
  for (let id = 0; id < signatureCount; id++) {
    if (!stopped[id]) {
      frequencyStart[documentFrequency[id] + 1] += 1;
    }
  }
  for (let f = 0; f <= maxFrequency; f++) {
    frequencyStart[f + 1] += frequencyStart[f];
  }
  const rankCount = frequencyStart[maxFrequency + 1];
  const rankOf = new Int32Array(signatureCount).fill(-1);
  const postingStart = new Int32Array(rankCount + 1);
  for (let id = 0; id < signatureCount; id++) {
    if (!stopped[id]) {
      const rank = frequencyStart[documentFrequency[id]]++;
      rankOf[id] = rank;
      postingStart[rank + 1] = documentFrequency[id];
    }
  }
  for (let rank = 0; rank < rankCount; rank++) {
    postingStart[rank + 1] += postingStart[rank];
  }
  const start = new Int32Array(n + 1);
  const tokens = new Int32Array(postingStart[rankCount]);
  const tokenShapes = new Int32Array(tokens.length);
  const sizes = new Int32Array(n);
  let kept = 0;
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    start[api] = kept;
    for (let p = rawStart[api]; p < rawStart[api + 1]; p++) {
      const rank = rankOf[raw[p]];
      if (rank >= 0) {
        tokenShapes[kept] = rawShapes[p];
        tokens[kept++] = rank;
      }
    }
    sortRunWith(tokens, tokenShapes, start[api], kept);
    sizes[api] = kept - start[api];
  }
  start[n] = kept;
  const postings = new Int32Array(kept);
  const cursor = postingStart.slice(0, rankCount);
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    for (let p = start[api]; p < start[api + 1]; p++) {
      postings[cursor[tokens[p]]++] = api;
    }
  }
  return { start, tokens, tokenShapes, sizes, postingStart, postings, rankOf };
}

/**
 * MinHash signatures (bands × rows hashes per API, one typed array) of the
 * incomplete APIs with enough operations for a duplicate, banded into
 * buckets; every pair of a bucket no larger than `maxBucketSize` is
 * verified once.
 */
function* lshPairs(
  n: number,
  sizes: Int32Array,
  start: Int32Array,
  tokens: Int32Array,
  complete: Uint8Array,
  thresholds: SimilarityThresholds,
  verify: (a: number, b: number) => void,
): Steps<{ lshCandidates: number; skippedBuckets: number }> {
  const { lshBands: bands, lshRows: rows, maxBucketSize } = thresholds;
  const members: number[] = [];
  for (let api = 0; api < n; api++) {
    if (!complete[api] && sizes[api] >= thresholds.duplicateMinOperations) {
      members.push(api);
    }
  }
  if (members.length < 2) {
    return { lshCandidates: 0, skippedBuckets: 0 };
  }
  const hashes = bands * rows;
  const seeds = new Uint32Array(hashes);
  for (let h = 0; h < hashes; h++) {
    seeds[h] = mix32(Math.imul(h + 1, 0x9e3779b9));
  }
  const minHashes = new Uint32Array(members.length * hashes).fill(0xffffffff);
  for (let m = 0; m < members.length; m++) {
    if ((m & PAUSE_EVERY_APIS) === 0) yield;
    const api = members[m];
    const offset = m * hashes;
    for (let p = start[api]; p < start[api + 1]; p++) {
      const base = mix32(tokens[p] + 0x6a09e667);
      for (let h = 0; h < hashes; h++) {
        const value = mix32(base ^ seeds[h]);
        if (value < minHashes[offset + h]) {
          minHashes[offset + h] = value;
        }
      }
    }
  }

  const seen = new Set<number>();
  const next = new Int32Array(members.length);
  const bucket = new Int32Array(maxBucketSize);
  let lshCandidates = 0;
  let skippedBuckets = 0;
  for (let band = 0; band < bands; band++) {
    // Chain the members of each bucket: head per key, `next` links.
    const heads = new Map<number, number>();
    yield;
    for (let m = 0; m < members.length; m++) {
      let key = mix32(band + 0x3c6ef372);
      const offset = m * hashes + band * rows;
      for (let r = 0; r < rows; r++) {
        key = mix32(Math.imul(key ^ minHashes[offset + r], 0x01000193));
      }
      const head = heads.get(key);
      next[m] = head === undefined ? -1 : head;
      heads.set(key, m);
    }
    let buckets = 0;
    for (const head of heads.values()) {
      if ((++buckets & PAUSE_EVERY_APIS) === 0) yield;
      let count = 0;
      let oversized = false;
      for (let m = head; m >= 0; m = next[m]) {
        if (count === maxBucketSize) {
          oversized = true;
          break;
        }
        bucket[count++] = m;
      }
      if (oversized) {
        skippedBuckets += 1;
        continue;
      }
      for (let i = 0; i < count; i++) {
        for (let j = i + 1; j < count; j++) {
          const a = Math.min(members[bucket[i]], members[bucket[j]]);
          const b = Math.max(members[bucket[i]], members[bucket[j]]);
          const key = a * n + b;
          if (!seen.has(key)) {
            seen.add(key);
            lshCandidates += 1;
            verify(a, b);
          }
        }
      }
    }
  }
  return { lshCandidates, skippedBuckets };
}
