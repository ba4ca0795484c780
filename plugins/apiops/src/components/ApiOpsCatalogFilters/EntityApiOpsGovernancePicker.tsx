import { useCallback } from 'react';
import {
  APIOPS_LABELS,
  GOVERNANCE_STATUSES,
  GovernanceStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { apiopsTranslationRef } from '../../translation';
import { ApiOpsGovernanceFilter } from './ApiOpsLabelFilters';
import { ApiOpsLabelPicker } from './ApiOpsLabelPicker';

/**
 * The props of {@link EntityApiOpsGovernancePicker}.
 *
 * @public
 */
export interface EntityApiOpsGovernancePickerProps {
  /** Statuses selected when the URL names none. */
  initialFilter?: GovernanceStatus[];
}

function isGovernanceStatus(value: string): value is GovernanceStatus {
  return (GOVERNANCE_STATUSES as readonly string[]).includes(value);
}

function rank(value: string): number {
  return isGovernanceStatus(value)
    ? GOVERNANCE_STATUSES.indexOf(value)
    : GOVERNANCE_STATUSES.length;
}

function sortStatuses(values: string[]): string[] {
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * A catalog filter on the governance status of the APIs (their
 * `apiops/governance` label): compliant, attention, non-compliant. For
 * `CatalogIndexPage`'s filters and custom API explorer pages; renders nothing
 * while no entity carries the label.
 *
 * @public
 */
export function EntityApiOpsGovernancePicker(
  props: EntityApiOpsGovernancePickerProps,
) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  const optionLabel = useCallback(
    (value: string) =>
      isGovernanceStatus(value) ? t(`page.status.${value}`) : value,
    [t],
  );
  return (
    <ApiOpsLabelPicker
      name="apiopsGovernance"
      label={APIOPS_LABELS.governance}
      title={t('catalogFilters.governance')}
      Filter={ApiOpsGovernanceFilter}
      sortOptions={sortStatuses}
      optionLabel={optionLabel}
      initialSelectedOptions={props.initialFilter}
    />
  );
}
