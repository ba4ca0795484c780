import type { PairEvidence } from '@apiops-backstage/plugin-apiops-common';
import type { Steps } from './EventLoopYielder';
import { PAIR_STRIDE } from './findSimilarPairs';
import { hostOf } from './places';
import { UnionFind } from './UnionFind';
import type { FragmentationApi } from './types';

/**
 * Jaccard similarity from which two APIs of one owner, each at a base path of
 * its own on one host, are instances of one interface (one API per sport,
 * tenant or deployment: 0.75 to 1 on the labelled corpus) rather than one
 * API containing another (scores inside stats: about 0.5).
 */
export const NEAR_DUPLICATE_JACCARD = 0.7;

/** Pauses (see {@link Steps}) every 256 pairs. */
const PAUSE_EVERY = PAIR_STRIDE * 256;

/**
 * Instance families: the near-identical APIs of one owner served at places of
 * their own.
 *
 * @internal
 */
export interface InstanceFamilies {
  /** The families (two APIs or more each), with the pairs that link them. */
  families: Array<{ members: Set<number>; pairs: PairEvidence[] }>;
  /** Whether two APIs are of one instance family (which lists them). */
  sameFamily(a: number, b: number): boolean;
}

/**
 * Whether two APIs are served at places of their own: one owner, one host,
 * another base path (`api.example.com/v3/nba/scores`,
 * `api.example.com/v3/nhl/scores`). The tenant, sport or deployment is named
 * in the path. The same paths under another host name of the owner
 * (`chat.twilio.com`, `ip-messaging.twilio.com`: a legacy, testing or
 * regional name) are one API published twice; and an API of another owner,
 * or at the same server, is a copy.
 *
 * @internal
 */
export function atPlacesOfTheirOwn(
  a: FragmentationApi,
  b: FragmentationApi,
): boolean {
  const host = hostOf(a.server);
  return (
    a.owner !== undefined &&
    a.owner === b.owner &&
    host !== undefined &&
    host === hostOf(b.server) &&
    a.server !== b.server
  );
}

/**
 * Finds instance families among the verified duplicate and overlap pairs:
 * APIs linked by pairs of Jaccard ≥ {@link NEAR_DUPLICATE_JACCARD} whose APIs
 * are {@link atPlacesOfTheirOwn}, in components of two API groups or more
 * whose servers are all different. Two suffice: two deployments of one
 * interface, each with its own data, are not one API to retire.
 *
 * @param apis - The features of the APIs.
 * @param lists - Pair lists (`PAIR_STRIDE` values per pair, the two APIs
 *   first, then the shared count).
 * @param sizes - Operations per API once stop-listed ones are left out.
 * @param groups - A group per API (versions of one API share one).
 * @param pairEvidence - The figures of the pair at `e` of a list.
 * @internal
 */
export function* findInstanceFamilies(
  apis: readonly FragmentationApi[],
  lists: ReadonlyArray<number[]>,
  sizes: ArrayLike<number>,
  groups: ArrayLike<number>,
  pairEvidence: (list: number[], e: number) => PairEvidence,
): Steps<InstanceFamilies> {
  const isInstancePair = (list: number[], e: number) => {
    const [a, b, shared] = [list[e], list[e + 1], list[e + 2]];
    return (
      shared / (sizes[a] + sizes[b] - shared) >=
        NEAR_DUPLICATE_JACCARD - 1e-9 && atPlacesOfTheirOwn(apis[a], apis[b])
    );
  };
  const sets = new UnionFind(apis.length);
  const components = new Map<
    number,
    { members: Set<number>; pairs: PairEvidence[] }
  >();
  for (const list of lists) {
    for (let e = 0; e < list.length; e += PAIR_STRIDE) {
      if (e % PAUSE_EVERY === 0) yield;
      if (isInstancePair(list, e)) {
        sets.union(list[e], list[e + 1]);
      }
    }
  }
  for (const list of lists) {
    for (let e = 0; e < list.length; e += PAIR_STRIDE) {
      if (e % PAUSE_EVERY === 0) yield;
      if (isInstancePair(list, e)) {
        const root = sets.find(list[e]);
        const component = components.get(root) ?? {
          members: new Set<number>(),
          pairs: [],
        };
        component.members.add(list[e]).add(list[e + 1]);
        component.pairs.push(pairEvidence(list, e));
        components.set(root, component);
      }
    }
  }
  for (const [root, { members }] of components) {
    const servers = new Set([...members].map(index => apis[index].server));
    const spanned = new Set([...members].map(index => groups[index]));
    if (spanned.size < 2 || servers.size < members.size) {
      components.delete(root);
    }
  }
  return {
    families: [...components.values()],
    sameFamily(a: number, b: number) {
      const root = sets.find(a);
      return root === sets.find(b) && components.has(root);
    },
  };
}
