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

/**
 * Annotation of a catalog entity declaring the APIOps Cycles station the API
 * is at, e.g. `apiops/station: api-design`. A recorded assessment wins over it.
 *
 * @public
 */
export const APIOPS_STATION_ANNOTATION = 'apiops/station';

/**
 * Annotation of a catalog entity naming the APIOps Cycles cycle its
 * `apiops/station` annotation refers to; the API productization cycle when
 * absent.
 *
 * @public
 */
export const APIOPS_CYCLE_ANNOTATION = 'apiops/cycle';
