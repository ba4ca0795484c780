import { Entity } from '@backstage/catalog-model';
import { EntityRefKey, entityRefKey, tryEntityRefKey } from './entityRefKey';

/**
 * The keys of the targets of an entity's relations of one type.
 *
 * @public
 */
export function relationKeys(entity: Entity, type: string): EntityRefKey[] {
  const keys: EntityRefKey[] = [];
  for (const relation of entity.relations ?? []) {
    if (relation.type === type && relation.targetRef) {
      const key = tryEntityRefKey(relation.targetRef);
      if (key) keys.push(key);
    }
  }
  return keys;
}

/**
 * The system an entity is part of: the target of its `partOf` relation to a
 * system (what the catalog resolved), else its `spec.system` read in the
 * entity's namespace (before the catalog has made the relation). The one
 * definition every report filters by.
 *
 * @public
 */
export function systemOf(entity: Entity): EntityRefKey | undefined {
  const related = relationKeys(entity, 'partOf').find(key =>
    key.startsWith('system:'),
  );
  return (
    related ??
    tryEntityRefKey(entity.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace,
    })
  );
}

/**
 * The key of an entity itself.
 *
 * @public
 */
export function keyOf(entity: Entity): EntityRefKey {
  return entityRefKey(entity);
}
