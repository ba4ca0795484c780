import { Entity } from '@backstage/catalog-model';
import { isApiEntity } from '@apiops-backstage/plugin-apiops-common';

/**
 * Whether the APIOps tab applies to an entity (every API entity), for use
 * with `EntitySwitch` in the legacy frontend system.
 *
 * @public
 */
export function isApiOpsAvailable(entity: Entity): boolean {
  return isApiEntity(entity);
}
