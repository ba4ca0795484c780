import type { FamilyCluster } from '@apiops-backstage/plugin-apiops-common';
import { clusterId } from './clusterId';
import {
  compareStrings,
  listRefs,
  roundScore,
  toClusterMember,
} from './toClusterMember';
import type { FragmentationApi } from './types';

/**
 * The operations every one of the APIs has.
 *
 * @internal
 */
export function commonOperations(
  apis: readonly FragmentationApi[],
  indexes: readonly number[],
): string[] {
  const common = new Set(apis[indexes[0]].operations);
  for (const index of indexes.slice(1)) {
    const own = new Set(apis[index].operations);
    for (const op of common) {
      if (!own.has(op)) common.delete(op);
    }
  }
  return [...common];
}

/**
 * A `family` cluster of the APIs at `indexes`: members sorted by ref, the
 * interface as shared operations, the share of it the member implementing
 * the least of it implements as score.
 *
 * @internal
 */
export function toFamilyCluster(
  apis: readonly FragmentationApi[],
  indexes: readonly number[],
  family: {
    interfaceOperations: readonly string[];
    schemaMatches: number;
    evidence: number;
  },
  options: {
    maxSharedOperations: number;
    /** The listed infrastructure signatures, left out of the counts. */
    stopSignatures: ReadonlySet<string>;
  },
): FamilyCluster {
  const { schemaMatches, evidence } = family;
  const sorted = [...indexes].sort((a, b) =>
    compareStrings(apis[a].entityRef, apis[b].entityRef),
  );
  const refs = sorted.map(index => apis[index].entityRef);
  const interfaceSet = new Set(family.interfaceOperations);
  const sortedInterface = [...interfaceSet].sort();
  const coverage = Math.min(
    ...sorted.map(
      index =>
        apis[index].operations.filter(op => interfaceSet.has(op)).length /
        Math.max(1, interfaceSet.size),
    ),
  );
  const owners = [
    ...new Set(
      sorted.flatMap(index => (apis[index].owner ? [apis[index].owner!] : [])),
    ),
  ].sort(compareStrings);
  return {
    id: clusterId('family', refs),
    type: 'family',
    members: sorted.map(index => toClusterMember(apis[index])),
    score: roundScore(coverage),
    sharedOperations: sortedInterface.slice(0, options.maxSharedOperations),
    sharedOperationCount: sortedInterface.length,
    details: {
      // Counted as the interface is: operations too common to compare on
      // stay (a family of 36 has its interface stop-listed), only the listed
      // infrastructure endpoints are left out.
      operationCounts: Object.fromEntries(
        sorted.map(index => [
          apis[index].entityRef,
          apis[index].operations.filter(op => !options.stopSignatures.has(op))
            .length,
        ]),
      ),
      interfaceOperationCount: sortedInterface.length,
      schemaMatches,
      evidence: roundScore(evidence),
      owners,
    },
    message:
      `${refs.length} APIs implement one interface of ` +
      `${sortedInterface.length} operations${
        schemaMatches > 0
          ? ` (${schemaMatches} with the same request and response shapes)`
          : ''
      }: ${listRefs(refs, 3)}. Keep the interface one shared contract ` +
      `(a definition the members reference), so that it changes in one place.`,
  };
}
