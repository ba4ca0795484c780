import {
  fragmentationClusterSchema,
  type FragmentationCluster,
} from '@apiops-backstage/plugin-apiops-common';
import { readStoredCluster } from './readStoredCluster';

const small = { entityRef: 'api:default/card-status' };
const large = { entityRef: 'api:default/card-management' };
const fields = {
  score: 1,
  sharedOperations: ['GET /cards/{}'],
  sharedOperationCount: 1,
  message: 'm',
};

describe('readStoredCluster', () => {
  it('reads an overlap stored before the grouping by container as today', () => {
    const stored = {
      ...fields,
      id: 'overlap-1',
      type: 'overlap',
      members: [small, large],
      details: {
        contained: small.entityRef,
        container: large.entityRef,
        operationCounts: { [small.entityRef]: 4, [large.entityRef]: 14 },
        containment: 1,
        jaccard: 0.286,
      },
    };
    const cluster = readStoredCluster(JSON.stringify(stored));
    expect(cluster).toEqual({
      ...stored,
      members: [large, small],
      details: {
        ...stored.details,
        contained: [small.entityRef],
        pairs: [],
        genericOperations: [],
      },
    });
    expect(fragmentationClusterSchema.safeParse(cluster).success).toBe(true);
  });

  it('gives an old duplicate empty pairs and generic operations', () => {
    const stored = {
      ...fields,
      id: 'duplicate-1',
      type: 'duplicate',
      members: [large, small],
      details: { operationCounts: {}, minJaccard: 0.9, maxJaccard: 1 },
    };
    const cluster = readStoredCluster(JSON.stringify(stored));
    expect(cluster.details).toEqual({
      ...stored.details,
      pairs: [],
      genericOperations: [],
    });
    expect(fragmentationClusterSchema.safeParse(cluster).success).toBe(true);
  });

  it('returns clusters of today as stored', () => {
    const today: FragmentationCluster = {
      ...fields,
      id: 'overlap-2',
      type: 'overlap',
      members: [large, small],
      details: {
        container: large.entityRef,
        contained: [small.entityRef],
        operationCounts: {},
        containment: 1,
        jaccard: 0.286,
        pairs: [
          {
            from: small.entityRef,
            to: large.entityRef,
            sharedOperations: 4,
            schemaMatches: 1,
            jaccard: 0.286,
            containment: 1,
            evidence: 5,
          },
        ],
        genericOperations: ['GET /cards/{}'],
      },
    };
    expect(readStoredCluster(JSON.stringify(today))).toEqual(today);
    const sprawl = {
      ...fields,
      id: 'version-sprawl-1',
      type: 'version-sprawl',
      members: [small],
      details: {
        nameKey: 'x',
        liveVersions: ['1'],
        maxLiveVersions: 2,
        retiredMembers: [],
      },
    };
    expect(readStoredCluster(JSON.stringify(sprawl))).toEqual(sprawl);
  });
});
