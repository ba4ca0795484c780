import { Entity } from '@backstage/catalog-model';
import { APIOPS_LABELS } from '@apiops-backstage/plugin-apiops-common';
import {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';

function hasLabelValue(
  entity: Entity,
  label: string,
  values: readonly string[],
): boolean {
  const value = entity.metadata.labels?.[label];
  return value !== undefined && values.includes(value);
}

/**
 * Keeps the entities whose `apiops/station` label (set by the APIOps catalog
 * module) is one of the given stations, e.g. `api-design` or `unassessed`.
 *
 * @public
 */
export class ApiOpsStationFilter implements EntityFilter {
  /** @param values - the station ids to keep. */
  constructor(readonly values: string[]) {}

  /** The catalog query: the label is one of the values. */
  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${APIOPS_LABELS.station}`]: this.values };
  }

  /** Whether the entity's label is one of the values. */
  filterEntity(entity: Entity): boolean {
    return hasLabelValue(entity, APIOPS_LABELS.station, this.values);
  }

  /** The values, kept in the page's URL. */
  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * Keeps the entities whose `apiops/governance` label (set by the APIOps
 * catalog module) is one of the given statuses: `compliant`, `attention`,
 * `non-compliant`.
 *
 * @public
 */
export class ApiOpsGovernanceFilter implements EntityFilter {
  /** @param values - the statuses to keep. */
  constructor(readonly values: string[]) {}

  /** The catalog query: the label is one of the values. */
  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${APIOPS_LABELS.governance}`]: this.values };
  }

  /** Whether the entity's label is one of the values. */
  filterEntity(entity: Entity): boolean {
    return hasLabelValue(entity, APIOPS_LABELS.governance, this.values);
  }

  /** The values, kept in the page's URL. */
  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * The filters of a catalog list with the APIOps filters: the type parameter
 * of `useEntityList` in components that read them. Their values are kept in
 * the page's URL as `filters[apiopsStation]` and `filters[apiopsGovernance]`.
 *
 * @public
 */
export type ApiOpsEntityFilters = DefaultEntityFilters & {
  apiopsStation?: ApiOpsStationFilter;
  apiopsGovernance?: ApiOpsGovernanceFilter;
};
