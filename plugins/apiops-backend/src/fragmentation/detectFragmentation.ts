import {
  FRAGMENTATION_TYPES,
  resolveFragmentationThresholds,
  type FragmentationCluster,
  type FragmentationThresholds,
} from '@apiops-backstage/plugin-apiops-common';
import { UnionFind } from './UnionFind';
import { clusterId } from './clusterId';
import {
  isVersionFamilyPair,
  nameCollisionSteps,
  versionSprawlSteps,
} from './detectNameFindings';
import { styleInconsistencySteps } from './detectStyleInconsistency';
import { runSteps, type Steps } from './EventLoopYielder';
import { similarPairSteps } from './findSimilarPairs';
import { compareStrings, listRefs, toClusterMember } from './toClusterMember';
import type { FragmentationApi, FragmentationResult } from './types';

/** Pauses (see {@link Steps}) every 256 pairs. */
const PAUSE_EVERY = 3 * 256;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Finds the fragmentation of an API catalog: `duplicate`, `overlap`,
 * `version-sprawl`, `name-collision` and `style-inconsistency` clusters.
 * See {@link detectFragmentationWithStats}.
 *
 * @internal
 */
export function detectFragmentation(
  apis: readonly FragmentationApi[],
  thresholds?: Partial<FragmentationThresholds>,
): FragmentationCluster[] {
  return detectFragmentationWithStats(apis, thresholds).clusters;
}

/**
 * Finds the fragmentation of an API catalog, with figures of the run.
 *
 * - Duplicates and overlaps come from {@link findSimilarPairs} (inverted
 *   index with stop-list and prefix filtering, MinHash/LSH with capped
 *   buckets, exact verification of candidates only); duplicate pairs are
 *   merged transitively with union-find. Versions of one API are never
 *   duplicates or overlaps of each other.
 * - Version sprawl, name collisions and style inconsistencies group APIs by
 *   keys in hash maps.
 *
 * Time and memory grow with the number of operations and of candidate pairs;
 * no step compares all pairs of APIs. Clusters come sorted by type, then
 * score (highest first), then id.
 *
 * @param apis - Features of every API of the catalog.
 * @param thresholds - Overrides of {@link DEFAULT_FRAGMENTATION_THRESHOLDS}.
 * @throws Error when a threshold is out of range.
 * @internal
 */
export function detectFragmentationWithStats(
  apis: readonly FragmentationApi[],
  thresholds?: Partial<FragmentationThresholds>,
): FragmentationResult {
  return runSteps(detectFragmentationSteps(apis, thresholds));
}

/**
 * {@link detectFragmentationWithStats} as {@link Steps}: it pauses every
 * few hundred APIs or clusters, so that the snapshot lets the event loop
 * run while it detects (see {@link EventLoopYielder.run}).
 *
 * @internal
 */
export function* detectFragmentationSteps(
  apis: readonly FragmentationApi[],
  thresholds?: Partial<FragmentationThresholds>,
): Steps<FragmentationResult> {
  const t = resolveFragmentationThresholds(thresholds);
  const pairs = yield* similarPairSteps(
    apis.map(api => api.operations),
    t,
    (a, b) => isVersionFamilyPair(apis[a], apis[b]),
  );
  const { sizes, stopListed } = pairs;

  /** Signatures shared by at least two of the APIs, most shared first. */
  const sharedOperations = (indexes: readonly number[]) => {
    const counts = new Map<string, number>();
    for (const index of indexes) {
      for (const signature of apis[index].operations) {
        if (!stopListed.has(signature)) {
          counts.set(signature, (counts.get(signature) ?? 0) + 1);
        }
      }
    }
    const shared = [...counts.entries()]
      .filter(([, count]) => count > 1)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return {
      operations: shared
        .slice(0, t.maxSharedOperations)
        .map(([signature]) => signature),
      count: shared.length,
    };
  };
  const operationCounts = (indexes: readonly number[]) =>
    Object.fromEntries(
      indexes.map(index => [apis[index].entityRef, sizes[index]]),
    );

  const clusters: FragmentationCluster[] = [];

  // Duplicates: union-find over the verified pairs.
  const duplicateSets = new UnionFind(apis.length);
  const { duplicates, overlaps } = pairs;
  for (let e = 0; e < duplicates.length; e += 3) {
    if (e % PAUSE_EVERY === 0) yield;
    duplicateSets.union(duplicates[e], duplicates[e + 1]);
  }
  const components = new Map<
    number,
    { members: Set<number>; minJaccard: number; maxJaccard: number }
  >();
  for (let e = 0; e < duplicates.length; e += 3) {
    if (e % PAUSE_EVERY === 0) yield;
    const [a, b, shared] = [
      duplicates[e],
      duplicates[e + 1],
      duplicates[e + 2],
    ];
    const jaccard = shared / (sizes[a] + sizes[b] - shared);
    const root = duplicateSets.find(a);
    const component = components.get(root) ?? {
      members: new Set<number>(),
      minJaccard: 1,
      maxJaccard: 0,
    };
    component.members.add(a).add(b);
    component.minJaccard = Math.min(component.minJaccard, jaccard);
    component.maxJaccard = Math.max(component.maxJaccard, jaccard);
    components.set(root, component);
  }
  for (const component of components.values()) {
    yield;
    const indexes = [...component.members].sort((a, b) =>
      compareStrings(apis[a].entityRef, apis[b].entityRef),
    );
    const refs = indexes.map(index => apis[index].entityRef);
    const shared = sharedOperations(indexes);
    const jaccard = round(component.minJaccard);
    clusters.push({
      id: clusterId('duplicate', refs),
      type: 'duplicate',
      members: indexes.map(index => toClusterMember(apis[index])),
      score: jaccard,
      sharedOperations: shared.operations,
      sharedOperationCount: shared.count,
      details: {
        operationCounts: operationCounts(indexes),
        minJaccard: jaccard,
        maxJaccard: round(component.maxJaccard),
      },
      message:
        indexes.length === 2
          ? `${refs[0]} and ${refs[1]} share ${shared.count} of their ` +
            `${sizes[indexes[0]] + sizes[indexes[1]] - shared.count} ` +
            `operations (Jaccard ${jaccard.toFixed(2)}): they look like ` +
            `duplicates. Merge them or retire one.`
          : `${listRefs(refs)} share most of their operations (Jaccard ≥ ` +
            `${jaccard.toFixed(2)} between linked pairs): they look like ` +
            `duplicates. Merge them or retire all but one.`,
    });
  }

  // Overlaps: per pair, unless the two are already one duplicate cluster.
  for (let e = 0; e < overlaps.length; e += 3) {
    yield;
    let [contained, container] = [overlaps[e], overlaps[e + 1]];
    const shared = overlaps[e + 2];
    if (duplicateSets.find(contained) === duplicateSets.find(container)) {
      continue;
    }
    if (
      sizes[contained] === sizes[container] &&
      compareStrings(apis[contained].entityRef, apis[container].entityRef) > 0
    ) {
      [contained, container] = [container, contained]; // same size: by ref
    }
    const containment = round(shared / sizes[contained]);
    const small = apis[contained];
    const large = apis[container];
    const common = sharedOperations([contained, container]);
    clusters.push({
      id: clusterId('overlap', [small.entityRef, large.entityRef]),
      type: 'overlap',
      members: [toClusterMember(small), toClusterMember(large)],
      score: containment,
      sharedOperations: common.operations,
      sharedOperationCount: common.count,
      details: {
        contained: small.entityRef,
        container: large.entityRef,
        operationCounts: operationCounts([contained, container]),
        containment,
        jaccard: round(shared / (sizes[contained] + sizes[container] - shared)),
      },
      message:
        `${shared} of the ${sizes[contained]} operations of ` +
        `${small.entityRef} (${Math.round(containment * 100)}%) are also ` +
        `in ${large.entityRef}. Consider whether consumers need both.`,
    });
  }

  clusters.push(...(yield* versionSprawlSteps(apis, t)));
  clusters.push(
    ...(yield* nameCollisionSteps(
      apis,
      index => duplicateSets.find(index),
      sharedOperations,
    )),
  );
  clusters.push(...(yield* styleInconsistencySteps(apis, t)));
  yield;

  const order = new Map<string, number>(
    FRAGMENTATION_TYPES.map((type, index) => [type, index]),
  );
  clusters.sort(
    (a, b) =>
      order.get(a.type)! - order.get(b.type)! ||
      b.score - a.score ||
      compareStrings(a.id, b.id),
  );
  const counts: Record<string, number> = {};
  for (const cluster of clusters) {
    counts[cluster.type] = (counts[cluster.type] ?? 0) + 1;
  }
  return { clusters, stats: { ...pairs.stats, clusters: counts } };
}
