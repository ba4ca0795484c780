import {
  CLUSTER_MEMBERS_MAX,
  FragmentationCluster,
  fragmentationClusterSchema,
} from '@apiops-backstage/plugin-apiops-common';
import { capClusterMembers } from './capClusterMembers';

const refs = (count: number) =>
  Array.from({ length: count }, (_, i) => `api:default/api-${i}`);

const CONVENTIONS = {
  pathCasing: {
    convention: 'snake' as const,
    followerCount: 900,
    apiCount: 1200,
    styleCounts: { snake: 900, kebab: 150, camel: 150 },
  },
  versioning: {
    convention: 'path' as const,
    followerCount: 900,
    apiCount: 1200,
    styleCounts: { path: 900, none: 300 },
  },
};

function styleCluster(count: number): FragmentationCluster {
  const all = refs(count);
  return {
    id: 'style-inconsistency-0123456789abcdef01234567',
    type: 'style-inconsistency',
    scope: 'system:default/payments-hub',
    members: all.map(entityRef => ({ entityRef, title: entityRef })),
    score: 0.5,
    sharedOperations: [],
    sharedOperationCount: 0,
    message: `${count} APIs mix conventions`,
    details: {
      scopeKind: 'system',
      pathCasing: {
        kebab: all.filter((_, i) => i % 2 === 0),
        camel: all.filter((_, i) => i % 2 === 1),
      },
      versioning: { none: all },
      conventions: CONVENTIONS,
    },
  };
}

function duplicateCluster(count: number): FragmentationCluster {
  const all = refs(count);
  return {
    id: 'duplicate-0123456789abcdef01234567',
    type: 'duplicate',
    members: all.map(entityRef => ({ entityRef })),
    score: 0.9,
    sharedOperations: ['GET /cards'],
    sharedOperationCount: 1,
    message: 'duplicates',
    details: {
      operationCounts: Object.fromEntries(all.map(ref => [ref, 4])),
      minJaccard: 0.9,
      maxJaccard: 1,
      pairs: [],
      genericOperations: [],
    },
  };
}

/** `api-0` holding most of the operations of each of the others. */
function overlapCluster(count: number): FragmentationCluster {
  const all = refs(count);
  return {
    id: 'overlap-0123456789abcdef01234567',
    type: 'overlap',
    members: all.map(entityRef => ({ entityRef })),
    score: 1,
    sharedOperations: ['GET /cards'],
    sharedOperationCount: 1,
    message: 'contained',
    details: {
      container: all[0],
      contained: all.slice(1),
      operationCounts: Object.fromEntries(all.map(ref => [ref, 4])),
      containment: 1,
      jaccard: 0.5,
      pairs: all.slice(1, 26).map(from => ({
        from,
        to: all[0],
        sharedOperations: 4,
        schemaMatches: 0,
        jaccard: 0.5,
        containment: 1,
        evidence: 4,
      })),
      genericOperations: [],
    },
  };
}

describe('capClusterMembers', () => {
  it('keeps the members of a cluster within the cap as they are, with their count', () => {
    const cluster = styleCluster(CLUSTER_MEMBERS_MAX);
    expect(capClusterMembers(cluster)).toEqual({
      ...cluster,
      memberCount: CLUSTER_MEMBERS_MAX,
    });
  });

  it('lists the first CLUSTER_MEMBERS_MAX members of a large cluster, counting them all', () => {
    const capped = capClusterMembers(styleCluster(300));
    expect(CLUSTER_MEMBERS_MAX).toBe(25);
    expect(capped.memberCount).toBe(300);
    expect(capped.members.map(member => member.entityRef)).toEqual(
      refs(CLUSTER_MEMBERS_MAX),
    );
    expect(fragmentationClusterSchema.safeParse(capped).success).toBe(true);
  });

  it('keeps each style of a style inconsistency, with only the members listed', () => {
    const capped = capClusterMembers(styleCluster(300), 4);
    expect(capped.type === 'style-inconsistency' && capped.details).toEqual({
      scopeKind: 'system',
      pathCasing: {
        kebab: ['api:default/api-0', 'api:default/api-2'],
        camel: ['api:default/api-1', 'api:default/api-3'],
      },
      versioning: { none: refs(4) },
      conventions: CONVENTIONS,
    });
  });

  it('keeps the operation counts of the members listed only', () => {
    const capped = capClusterMembers(duplicateCluster(40), 3);
    expect(capped.members).toHaveLength(3);
    expect(capped.type === 'duplicate' && capped.details).toEqual({
      operationCounts: Object.fromEntries(refs(3).map(ref => [ref, 4])),
      minJaccard: 0.9,
      maxJaccard: 1,
      pairs: [],
      genericOperations: [],
    });
  });

  it('keeps the container of an overlap and the contained APIs listed only', () => {
    const capped = capClusterMembers(overlapCluster(40), 3);
    expect(capped.memberCount).toBe(40);
    expect(capped.type === 'overlap' && capped.details).toMatchObject({
      container: 'api:default/api-0',
      contained: ['api:default/api-1', 'api:default/api-2'],
      operationCounts: Object.fromEntries(refs(3).map(ref => [ref, 4])),
    });
    // The pairs of the contained APIs listed only.
    expect(
      capped.type === 'overlap' && capped.details.pairs.map(pair => pair.from),
    ).toEqual(['api:default/api-1', 'api:default/api-2']);
    expect(fragmentationClusterSchema.safeParse(capped).success).toBe(true);
  });

  it('composes with a filter of the members: the count is of those given', () => {
    const cluster = styleCluster(60);
    const visible = {
      ...cluster,
      members: cluster.members.filter((_, i) => i % 3 === 0),
    };
    const capped = capClusterMembers(visible, 10);
    expect(capped.memberCount).toBe(20);
    expect(capped.members[1].entityRef).toBe('api:default/api-3');
  });
});
