import { createHash } from 'node:crypto';
import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';

/** What a member without a definition hash (no text definition) counts as. */
const NO_DEFINITION = '-';

/**
 * The fingerprint of a cluster: a SHA-256 (hex) of its sorted member refs,
 * each with the hash of its definition, so that it changes when a member's
 * definition does while the cluster id (type and member refs) stays. A
 * dismissal applies only while the fingerprint is the one it was recorded
 * with: a changed definition re-opens the cluster.
 *
 * @internal
 */
export function clusterFingerprint(
  memberRefs: readonly string[],
  definitionHashOf: (ref: string) => string | undefined,
): string {
  const lines = memberRefs
    .map(ref => {
      const key = ref.toLocaleLowerCase('en-US');
      return `${key}\t${definitionHashOf(key) ?? NO_DEFINITION}`;
    })
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * The clusters with their fingerprints (see {@link clusterFingerprint}),
 * from the definition hashes of the APIs by lower-case entity ref.
 *
 * @internal
 */
export function withClusterFingerprints(
  clusters: readonly FragmentationCluster[],
  definitionHashes: ReadonlyMap<string, string | undefined>,
): FragmentationCluster[] {
  return clusters.map(cluster => ({
    ...cluster,
    fingerprint: clusterFingerprint(
      cluster.members.map(member => member.entityRef),
      ref => definitionHashes.get(ref),
    ),
  }));
}
