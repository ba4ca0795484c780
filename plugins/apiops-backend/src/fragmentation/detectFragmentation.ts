import {
  CLUSTER_MEMBERS_MAX,
  FRAGMENTATION_TYPES,
  resolveFragmentationThresholds,
  type FragmentationCluster,
  type FragmentationThresholds,
  type PairEvidence,
} from '@apiops-backstage/plugin-apiops-common';
import { UnionFind } from './UnionFind';
import { apiPlaces } from './places';
import { clusterId } from './clusterId';
import {
  isVersionFamilyPair,
  nameCollisionSteps,
  versionSprawlSteps,
} from './detectNameFindings';
import { styleInconsistencySteps } from './detectStyleInconsistency';
import { runSteps, type Steps } from './EventLoopYielder';
import { findInstanceFamilies } from './findInstanceFamilies';
import { PAIR_STRIDE, similarPairSteps } from './findSimilarPairs';
import {
  compareStrings,
  listRefs,
  roundScore,
  toClusterMember,
} from './toClusterMember';
import { commonOperations, toFamilyCluster } from './toFamilyCluster';
import type { FragmentationApi, FragmentationResult } from './types';

/** Pauses (see {@link Steps}) every 256 pairs. */
const PAUSE_EVERY = PAIR_STRIDE * 256;

/**
 * Finds the fragmentation of an API catalog: `duplicate`, `overlap`,
 * `family`, `version-sprawl`, `name-collision` and `style-inconsistency`
 * clusters.
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
 *   buckets, exact verification of candidates only, weighted evidence);
 *   duplicate pairs are merged transitively with union-find, overlaps
 *   grouped by container. Versions of one API are never duplicates or
 *   overlaps of each other. The APIs of one owner at one server (one
 *   place, see `apiPlaces`) count once in an operation's rarity.
 * - Families come from `findFamilies` (one shared interface) and from
 *   near-identical APIs of one owner served at places of their own
 *   (`findInstanceFamilies`).
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
  // Versions of one API (one name key), and the APIs at one place, count
  // once in an operation's rarity.
  const { groups, places } = apiPlaces(apis);
  const pairs = yield* similarPairSteps(
    apis.map(api => api.operations),
    t,
    {
      exclude: (a, b) => isVersionFamilyPair(apis[a], apis[b]),
      shapes: apis.map(api => api.shapes),
      groups,
      places,
    },
  );
  const { sizes, stopListed, commonSignatures } = pairs;

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
  /** Of the shared operations, those common in the catalog (rarest last). */
  const genericOf = (operations: readonly string[]) =>
    operations
      .filter(signature => commonSignatures.has(signature))
      .sort(
        (a, b) =>
          commonSignatures.get(b)! - commonSignatures.get(a)! ||
          (a < b ? -1 : 1),
      )
      .slice(0, t.maxSharedOperations);
  const listedStops = new Set(t.stopSignatures);
  const operationCounts = (indexes: readonly number[]) =>
    Object.fromEntries(
      indexes.map(index => [apis[index].entityRef, sizes[index]]),
    );
  /** The figures of one verified pair (at `e` of a pair list). */
  const pairEvidence = (list: number[], e: number): PairEvidence => {
    const [from, to, shared, schemaMatches, , evidence] = list.slice(
      e,
      e + PAIR_STRIDE,
    );
    return {
      from: apis[from].entityRef,
      to: apis[to].entityRef,
      sharedOperations: shared,
      schemaMatches,
      jaccard: roundScore(shared / (sizes[from] + sizes[to] - shared)),
      containment: roundScore(shared / Math.min(sizes[from], sizes[to])),
      evidence: roundScore(evidence),
    };
  };

  const clusters: FragmentationCluster[] = [];
  const { duplicates, overlaps } = pairs;

  /** How many API groups (versions of one API count once) the APIs span. */
  const groupCount = (indexes: Iterable<number>) =>
    new Set([...indexes].map(index => groups[index])).size;

  // Instance families: near-identical APIs of one owner, each at a base
  // path of its own on one host (one interface served per tenant, sport or
  // deployment). Copies across owners, or at one place, stay duplicates.
  const instances = yield* findInstanceFamilies(
    apis,
    [duplicates, overlaps],
    sizes,
    groups,
    pairEvidence,
  );
  const sameInstanceFamily = instances.sameFamily;

  // Duplicate components: union-find over the verified duplicate pairs.
  const duplicateSets = new UnionFind(apis.length);
  for (let e = 0; e < duplicates.length; e += PAIR_STRIDE) {
    if (e % PAUSE_EVERY === 0) yield;
    if (!sameInstanceFamily(duplicates[e], duplicates[e + 1])) {
      duplicateSets.union(duplicates[e], duplicates[e + 1]);
    }
  }
  const components = new Map<
    number,
    { members: Set<number>; pairs: PairEvidence[] }
  >();
  for (let e = 0; e < duplicates.length; e += PAIR_STRIDE) {
    if (e % PAUSE_EVERY === 0) yield;
    if (sameInstanceFamily(duplicates[e], duplicates[e + 1])) {
      continue;
    }
    const root = duplicateSets.find(duplicates[e]);
    const component = components.get(root) ?? {
      members: new Set<number>(),
      pairs: [],
    };
    component.members.add(duplicates[e]).add(duplicates[e + 1]);
    component.pairs.push(pairEvidence(duplicates, e));
    components.set(root, component);
  }

  // Findings that link two APIs (duplicate or overlap), per API.
  const linked = new Map<number, Set<number>>();
  const link = (a: number, b: number) => {
    linked.set(a, (linked.get(a) ?? new Set()).add(b));
    linked.set(b, (linked.get(b) ?? new Set()).add(a));
  };
  for (const list of [duplicates, overlaps]) {
    for (let e = 0; e < list.length; e += PAIR_STRIDE) {
      link(list[e], list[e + 1]);
    }
  }
  // Interface families (from shared interfaces). A member that pair
  // findings link to other members mostly by operations outside the
  // interface (a copy of them, or contained in them) more often than by the
  // interface is not a peer: those findings say better what the APIs are to
  // each other, and the member leaves the family.
  // What remains must still span familyMinApis API groups.
  const families = pairs.families.flatMap(family => {
    const interfaceSet = new Set(family.interfaceOperations);
    /** Whether most of what two members share is outside the interface. */
    const beyondInterface = (a: number, b: number) => {
      const ofB = new Set(apis[b].operations);
      let shared = 0;
      let outside = 0;
      for (const op of apis[a].operations) {
        if (ofB.has(op) && !stopListed.has(op)) {
          shared += 1;
          outside += interfaceSet.has(op) ? 0 : 1;
        }
      }
      return outside >= Math.max(t.overlapMinOperations, shared / 2);
    };
    const members = family.members.filter(api => {
      let beyond = 0;
      let explained = 0;
      for (const other of linked.get(api) ?? []) {
        if (other !== api && family.members.includes(other)) {
          if (beyondInterface(api, other)) beyond += 1;
          else explained += 1;
        }
      }
      return beyond <= explained;
    });
    // Members that are all one duplicate component are reported by it (as a
    // duplicate, or as an instance family): not twice.
    const component = duplicateSets.find(members[0] ?? 0);
    if (members.every(api => duplicateSets.find(api) === component)) {
      return [];
    }
    // One member linked to every other one: a container and its parts (or
    // copies), which the overlap and duplicate findings describe.
    const hub = members.some(api =>
      members.every(other => other === api || linked.get(api)?.has(other)),
    );
    return !hub && groupCount(members) >= t.familyMinApis
      ? [{ ...family, members }]
      : [];
  });
  const familiesOf = new Map<number, number[]>();
  families.forEach((family, index) => {
    for (const api of family.members) {
      familiesOf.set(api, [...(familiesOf.get(api) ?? []), index]);
    }
  });
  /** Whether two APIs are of one interface family (which lists them already). */
  const sameFamily = (a: number, b: number) => {
    const ofA = familiesOf.get(a);
    const ofB = familiesOf.get(b);
    return !!ofA && !!ofB && ofA.some(family => ofB.includes(family));
  };

  for (const component of components.values()) {
    yield;
    const indexes = [...component.members].sort((a, b) =>
      compareStrings(apis[a].entityRef, apis[b].entityRef),
    );
    const pairList = component.pairs.sort(
      (a, b) =>
        b.jaccard - a.jaccard ||
        compareStrings(a.from, b.from) ||
        compareStrings(a.to, b.to),
    );
    const shared = sharedOperations(indexes);
    const refs = indexes.map(index => apis[index].entityRef);
    const jaccard = Math.min(...pairList.map(pair => pair.jaccard));
    const first = pairList[0];
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
        maxJaccard: first.jaccard,
        pairs: pairList.slice(0, CLUSTER_MEMBERS_MAX),
        genericOperations: genericOf(shared.operations),
      },
      message:
        indexes.length === 2
          ? `${refs[0]} and ${refs[1]} share ${first.sharedOperations} ` +
            `operations${
              first.schemaMatches > 0
                ? ` (${first.schemaMatches} with the same request and response shapes)`
                : ''
            }, Jaccard ${jaccard.toFixed(2)}: they look like ` +
            `duplicates. Merge them or retire one.`
          : `${listRefs(refs)} share most of their operations (Jaccard ≥ ` +
            `${jaccard.toFixed(2)} between linked pairs): they look like ` +
            `duplicates. Merge them or retire all but one.`,
    });
  }

  const familyOptions = {
    maxSharedOperations: t.maxSharedOperations,
    stopSignatures: listedStops,
  };
  for (const component of instances.families) {
    yield;
    const indexes = [...component.members];
    clusters.push(
      toFamilyCluster(
        apis,
        indexes,
        {
          interfaceOperations: commonOperations(apis, indexes).filter(
            op => !stopListed.has(op),
          ),
          schemaMatches: Math.min(
            ...component.pairs.map(pair => pair.schemaMatches),
          ),
          evidence: Math.min(...component.pairs.map(pair => pair.evidence)),
        },
        familyOptions,
      ),
    );
  }

  for (const family of families) {
    yield;
    clusters.push(toFamilyCluster(apis, family.members, family, familyOptions));
  }

  // Overlaps: grouped by the containing API, leaving out pairs that are one
  // duplicate cluster or one family already.
  const byContainer = new Map<number, number[]>();
  for (let e = 0; e < overlaps.length; e += PAIR_STRIDE) {
    if (e % PAUSE_EVERY === 0) yield;
    let [contained, container] = [overlaps[e], overlaps[e + 1]];
    if (
      sizes[contained] === sizes[container] &&
      compareStrings(apis[contained].entityRef, apis[container].entityRef) > 0
    ) {
      // Same size: the lower ref is the contained one, whatever the input
      // order (the pair's figures are symmetric).
      [contained, container] = [container, contained];
      overlaps[e] = contained;
      overlaps[e + 1] = container;
    }
    if (
      duplicateSets.find(contained) === duplicateSets.find(container) ||
      sameFamily(contained, container) ||
      sameInstanceFamily(contained, container)
    ) {
      continue;
    }
    byContainer.set(container, [...(byContainer.get(container) ?? []), e]);
  }
  for (const [container, entries] of byContainer) {
    yield;
    const containedPairs = entries
      .map(e => pairEvidence(overlaps, e))
      .sort(
        (a, b) =>
          b.containment - a.containment || compareStrings(a.from, b.from),
      );
    const containedIndexes = entries.map(e => overlaps[e]);
    const indexes = [container, ...containedIndexes];
    const large = apis[container];
    const containedRefs = containedPairs.map(pair => pair.from);
    const refs = [large.entityRef, ...containedRefs];
    const common = sharedOperations(indexes);
    const top = containedPairs[0];
    const containment = top.containment;
    const members = [
      toClusterMember(large),
      ...containedRefs.map(ref =>
        toClusterMember(
          apis[containedIndexes.find(i => apis[i].entityRef === ref)!],
        ),
      ),
    ];
    clusters.push({
      id: clusterId('overlap', refs),
      type: 'overlap',
      members,
      score: containment,
      sharedOperations: common.operations,
      sharedOperationCount: common.count,
      details: {
        container: large.entityRef,
        contained: containedRefs,
        operationCounts: operationCounts(indexes),
        containment,
        jaccard: Math.max(...containedPairs.map(pair => pair.jaccard)),
        pairs: containedPairs.slice(0, CLUSTER_MEMBERS_MAX),
        genericOperations: genericOf(common.operations),
      },
      message:
        containedRefs.length === 1
          ? `${top.sharedOperations} of the ${
              sizes[containedIndexes[0]]
            } operations of ${top.from} (${Math.round(
              containment * 100,
            )}%) are also in ${large.entityRef}. Consider ` +
            `whether consumers need both.`
          : `${containedRefs.length} APIs are largely contained in ` +
            `${large.entityRef}: ${listRefs(containedRefs, 3)} (up to ` +
            `${Math.round(containment * 100)}% of their operations). ` +
            `Consider whether consumers need them besides it.`,
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
