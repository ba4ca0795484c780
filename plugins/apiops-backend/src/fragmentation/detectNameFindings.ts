import type {
  FragmentationThresholds,
  NameCollisionCluster,
  VersionSprawlCluster,
} from '@apiops-backstage/plugin-apiops-common';
import { UnionFind } from './UnionFind';
import { clusterId } from './clusterId';
import { runSteps, type Steps } from './EventLoopYielder';
import { compareStrings, listRefs, toClusterMember } from './toClusterMember';
import type { FragmentationApi } from './types';

/**
 * Whether two APIs are versions of one API: the same name key and different
 * major versions, at least one of which is spelled in the name or title.
 * Such pairs are neither duplicates, overlaps nor name collisions; too many
 * live ones are version sprawl.
 *
 * @internal
 */
export function isVersionFamilyPair(
  a: FragmentationApi,
  b: FragmentationApi,
): boolean {
  return (
    a.nameKey === b.nameKey &&
    (a.versionKey ?? '') !== (b.versionKey ?? '') &&
    (a.versionSource === 'name' || b.versionSource === 'name')
  );
}

function compareVersions(a: string | undefined, b: string | undefined) {
  return (
    Number(a ?? -1) - Number(b ?? -1) || compareStrings(String(a), String(b))
  );
}

/**
 * `version-sprawl`: versions of one API (same name key, linked by a shared
 * owner or system) with more distinct live major versions than
 * `maxLiveVersions`. Versions whose lifecycle is retired (e.g. `deprecated`)
 * do not count, and are not members. One pass over the APIs, hash maps only.
 *
 * @internal
 */
export function detectVersionSprawl(
  apis: readonly FragmentationApi[],
  thresholds: Pick<
    FragmentationThresholds,
    'maxLiveVersions' | 'retiredLifecycles'
  >,
): VersionSprawlCluster[] {
  return runSteps(versionSprawlSteps(apis, thresholds));
}

/**
 * {@link detectVersionSprawl} as {@link Steps}: pauses every 256 APIs and
 * every 256 families.
 *
 * @internal
 */
export function* versionSprawlSteps(
  apis: readonly FragmentationApi[],
  thresholds: Pick<
    FragmentationThresholds,
    'maxLiveVersions' | 'retiredLifecycles'
  >,
): Steps<VersionSprawlCluster[]> {
  const retired = new Set(
    thresholds.retiredLifecycles.map(l => l.toLocaleLowerCase('en-US')),
  );
  // Link the versioned APIs of one name key that share an owner or a system.
  const families = new UnionFind(apis.length);
  const firstWith = new Map<string, number>();
  for (let index = 0; index < apis.length; index++) {
    if ((index & 255) === 0) yield;
    const api = apis[index];
    if (!api.versionKey) {
      continue;
    }
    for (const link of [`o:${api.owner ?? ''}`, `s:${api.system ?? ''}`]) {
      if (link.length > 2) {
        const key = `${api.nameKey}\0${link}`;
        const first = firstWith.get(key);
        if (first === undefined) {
          firstWith.set(key, index);
        } else {
          families.union(first, index);
        }
      }
    }
  }
  const byFamily = new Map<number, number[]>();
  for (let index = 0; index < apis.length; index++) {
    if ((index & 255) === 0) yield;
    const api = apis[index];
    if (api.versionKey) {
      const root = families.find(index);
      const family = byFamily.get(root);
      if (family) {
        family.push(index);
      } else {
        byFamily.set(root, [index]);
      }
    }
  }

  const clusters: VersionSprawlCluster[] = [];
  let familyCount = 0;
  for (const family of byFamily.values()) {
    if ((++familyCount & 255) === 0) yield;
    const live = family.filter(
      index => !retired.has(apis[index].lifecycle ?? ''),
    );
    const liveVersions = [
      ...new Set(live.map(index => apis[index].versionKey!)),
    ].sort(compareVersions);
    if (liveVersions.length <= thresholds.maxLiveVersions) {
      continue;
    }
    const members = live
      .map(index => apis[index])
      .sort(
        (a, b) =>
          compareVersions(a.versionKey, b.versionKey) ||
          compareStrings(a.entityRef, b.entityRef),
      );
    const refs = members.map(api => api.entityRef);
    const retiredRefs = family
      .filter(index => retired.has(apis[index].lifecycle ?? ''))
      .map(index => apis[index].entityRef)
      .sort();
    clusters.push({
      id: clusterId('version-sprawl', refs),
      type: 'version-sprawl',
      members: members.map(toClusterMember),
      score: 1,
      sharedOperations: [],
      sharedOperationCount: 0,
      details: {
        nameKey: members[0].nameKey,
        liveVersions,
        maxLiveVersions: thresholds.maxLiveVersions,
        retiredMembers: retiredRefs,
      },
      message:
        `${listRefs(refs)} are ${liveVersions.length} live major versions ` +
        `(${liveVersions.map(v => `v${v}`).join(', ')}) of one API, more ` +
        `than the ${thresholds.maxLiveVersions} expected. Deprecate the ` +
        `versions consumers should move away from.`,
    });
  }
  return clusters;
}

/**
 * `name-collision`: APIs with the same name key and the same version spelled
 * in the name (so not versions of one API; the same `metadata.name` in two
 * namespaces always qualifies) whose owners or systems differ, unless they
 * are all one duplicate cluster.
 *
 * @param sharedOperations - The signatures shared by members of a group.
 * @param duplicateRoot - The duplicate cluster of an API (its own index when
 * it is in none).
 * @internal
 */
export function detectNameCollisions(
  apis: readonly FragmentationApi[],
  duplicateRoot: (index: number) => number,
  sharedOperations: (indexes: readonly number[]) => {
    operations: string[];
    count: number;
  },
): NameCollisionCluster[] {
  return runSteps(nameCollisionSteps(apis, duplicateRoot, sharedOperations));
}

/**
 * {@link detectNameCollisions} as {@link Steps}: pauses every 256 APIs and
 * every 256 name groups.
 *
 * @internal
 */
export function* nameCollisionSteps(
  apis: readonly FragmentationApi[],
  duplicateRoot: (index: number) => number,
  sharedOperations: (indexes: readonly number[]) => {
    operations: string[];
    count: number;
  },
): Steps<NameCollisionCluster[]> {
  const groups = new Map<string, number[]>();
  for (let index = 0; index < apis.length; index++) {
    if ((index & 255) === 0) yield;
    const api = apis[index];
    const version = api.versionSource === 'name' ? api.versionKey : '';
    const key = `${api.nameKey}\0${version}`;
    const group = groups.get(key);
    if (group) {
      group.push(index);
    } else {
      groups.set(key, [index]);
    }
  }

  const clusters: NameCollisionCluster[] = [];
  let groupCount = 0;
  for (const group of groups.values()) {
    if ((++groupCount & 255) === 0) yield;
    if (group.length < 2) {
      continue;
    }
    const members = group.map(index => apis[index]);
    const owners = new Set(members.map(api => api.owner ?? ''));
    const systems = new Set(members.map(api => api.system ?? ''));
    if (owners.size < 2 && systems.size < 2) {
      continue; // one owner, one system: siblings, not a collision
    }
    if (new Set(group.map(duplicateRoot)).size < 2) {
      continue; // all one duplicate cluster: reported as such
    }
    members.sort((a, b) => compareStrings(a.entityRef, b.entityRef));
    const refs = members.map(api => api.entityRef);
    const shared = sharedOperations(group);
    const differ = [
      owners.size > 1 ? 'owners' : undefined,
      systems.size > 1 ? 'systems' : undefined,
    ]
      .filter(Boolean)
      .join(' and ');
    clusters.push({
      id: clusterId('name-collision', refs),
      type: 'name-collision',
      members: members.map(toClusterMember),
      score: 1,
      sharedOperations: shared.operations,
      sharedOperationCount: shared.count,
      details: {
        nameKey: members[0].nameKey,
        owners: [...owners].filter(Boolean).sort(),
        systems: [...systems].filter(Boolean).sort(),
      },
      message:
        `${listRefs(refs)} share the name "${members[0].nameKey}" but have ` +
        `different ${differ}. Rename one so that consumers can tell them apart.`,
    });
  }
  return clusters;
}
