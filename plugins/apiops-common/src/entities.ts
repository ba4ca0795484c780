import { Entity } from '@backstage/catalog-model';

/**
 * The id of the APIOps plugins, as used in routes and the backend's base path.
 *
 * @public
 */
export const APIOPS_PLUGIN_ID = 'apiops';

/**
 * Whether the APIOps views apply to an entity: every entity of kind API.
 *
 * @public
 */
export function isApiEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'api';
}
