import { Entity } from '@backstage/catalog-model';
import { APIOPS_LABELS } from '@apiops-backstage/plugin-apiops-common';
import {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';

/**
 * Keeps the entities whose APIOps label (one of `APIOPS_LABELS`, set by the
 * APIOps catalog module) has one of the given values.
 *
 * @public
 */
export class ApiOpsLabelFilter implements EntityFilter {
  /**
   * @param label - the label, e.g. `apiops/station`.
   * @param values - the values to keep.
   */
  constructor(readonly label: string, readonly values: string[]) {}

  /** The catalog query: the label is one of the values. */
  getCatalogFilters(): Record<string, string[]> {
    return { [`metadata.labels.${this.label}`]: this.values };
  }

  /** Whether the entity's label is one of the values. */
  filterEntity(entity: Entity): boolean {
    const value = entity.metadata.labels?.[this.label];
    return value !== undefined && this.values.includes(value);
  }

  /** The values, kept in the page's URL. */
  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * Keeps the entities whose `apiops/station` label is one of the given
 * stations, e.g. `api-design` or `unassessed`.
 *
 * @public
 */
export class ApiOpsStationFilter extends ApiOpsLabelFilter {
  /** @param values - the station ids to keep. */
  constructor(values: string[]) {
    super(APIOPS_LABELS.station, values);
  }
}

/**
 * Keeps the entities whose `apiops/governance` label is one of the given
 * statuses: `compliant`, `attention`, `non-compliant`.
 *
 * @public
 */
export class ApiOpsGovernanceFilter extends ApiOpsLabelFilter {
  /** @param values - the statuses to keep. */
  constructor(values: string[]) {
    super(APIOPS_LABELS.governance, values);
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
