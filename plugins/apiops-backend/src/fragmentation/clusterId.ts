import { createHash } from 'node:crypto';
import type { FragmentationType } from '@apiops-backstage/plugin-apiops-common';

/**
 * A stable id for a fragmentation cluster: a hash of its type, scope and
 * sorted member refs, so that the same finding keeps its id across
 * snapshots whatever the order of the catalog.
 *
 * @internal
 */
export function clusterId(
  type: FragmentationType,
  memberRefs: readonly string[],
  scope?: string,
): string {
  const hash = createHash('sha256').update(type).update('\n');
  if (scope) {
    hash.update(`scope:${scope.toLocaleLowerCase('en-US')}\n`);
  }
  const refs = memberRefs.map(ref => ref.toLocaleLowerCase('en-US')).sort();
  hash.update(refs.join('\n'));
  return `${type}-${hash.digest('hex').slice(0, 24)}`;
}
