import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import { SnapshotResults, StoredApiResult } from '../database/SnapshotStore';

/** The group owning the APIs of {@link snapshotResults}. */
export const WALLET_TEAM = 'group:default/wallet-team';

/** An API of the wallet team with one `owner-mismatch` gap. */
export function walletApi(index: number): StoredApiResult {
  const entityRef = `api:default/wallet-${String(index).padStart(4, '0')}-api`;
  return {
    result: {
      entityRef,
      title: entityRef,
      lifecycle: 'production',
      station: {
        id: 'unassessed',
        source: 'none',
        cycle: 'api-productization-cycle',
      },
      owner: {
        ref: WALLET_TEAM,
        declared: 'wallet-team',
        resolved: true,
        kind: 'group',
        gaps: [
          {
            type: 'owner-mismatch',
            severity: 'warning',
            message: `the owner of ${entityRef} differs`,
          },
        ],
      },
      governance: { status: 'attention', findings: [] },
    },
    inputs: { providers: [], consumers: [] },
  };
}

/** A name-collision cluster of the APIs, by ref. */
export function nameCollision(
  id: string,
  refs: string[],
): FragmentationCluster {
  return {
    id,
    type: 'name-collision',
    members: refs.map(entityRef => ({
      entityRef,
      title: `Title of ${entityRef}`,
      owner: WALLET_TEAM,
      system: 'system:default/wallet',
    })),
    score: 1,
    sharedOperations: [],
    sharedOperationCount: 0,
    message: `${refs.length} APIs share a name`,
    details: { nameKey: id, owners: [WALLET_TEAM], systems: [] },
  };
}

/**
 * The results of a snapshot of `apiCount` wallet APIs (one gap each), three
 * team rollups counting them, and the clusters given.
 */
export function snapshotResults(
  apiCount: number,
  clusters: FragmentationCluster[] = [],
): SnapshotResults {
  const apis = Array.from({ length: apiCount }, (_, i) => walletApi(i));
  const team = (groupRef: string, count: number) => ({
    groupRef,
    title: groupRef,
    apis: count,
    byStation: { unassessed: count },
    byStatus: { attention: count },
    gaps: count,
    findings: 0,
    ownerRefs: [WALLET_TEAM],
  });
  return {
    apis,
    teams: [
      team('group:default/bank', apiCount),
      team('group:default/payments', apiCount),
      team(WALLET_TEAM, apiCount),
    ],
    clusters,
    counts: {
      apis: apiCount,
      byStation: { unassessed: apiCount },
      byStatus: { attention: apiCount },
      byGapType: { 'owner-mismatch': apiCount },
      byFindingType: {},
    },
  };
}
