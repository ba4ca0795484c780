import { Entity } from '@backstage/catalog-model';

/**
 * The lower-case target refs of an entity's relations of one type.
 *
 * @internal
 */
export function relationTargets(entity: Entity, type: string): string[] {
  const targets: string[] = [];
  for (const relation of entity.relations ?? []) {
    if (relation.type === type && relation.targetRef) {
      targets.push(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  return targets;
}
