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

/**
 * Labels that the APIOps catalog module
 * (`@apiops-backstage/plugin-catalog-backend-module-apiops`) sets on API
 * entities from the plugin's stored results, so that the catalog's filters,
 * search and the API explorer can use them:
 *
 * - `apiops/station`: the station id the API stands at (from its latest
 *   assessment, else its `apiops/station` annotation), or `unassessed`
 *   (`UNASSESSED_STATION`);
 * - `apiops/governance`: `compliant`, `attention` or `non-compliant`;
 * - `apiops/ownership-gap`: `none`, or the type of the API's most severe
 *   ownership gap (e.g. `owner-missing`).
 *
 * @public
 */
export const APIOPS_LABELS = Object.freeze({
  station: 'apiops/station',
  governance: 'apiops/governance',
  ownershipGap: 'apiops/ownership-gap',
} as const);

/**
 * The value of the `apiops/ownership-gap` label of an API without a gap.
 *
 * @public
 */
export const APIOPS_NO_OWNERSHIP_GAP = 'none';
