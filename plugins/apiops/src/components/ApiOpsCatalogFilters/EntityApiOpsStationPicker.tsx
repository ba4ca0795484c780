import { APIOPS_LABELS } from '@apiops-backstage/plugin-apiops-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useMethodModel, useStationLabels } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { ApiOpsStationFilter } from './ApiOpsLabelFilters';
import { ApiOpsLabelPicker } from './ApiOpsLabelPicker';

/**
 * The props of {@link EntityApiOpsStationPicker}.
 *
 * @public
 */
export interface EntityApiOpsStationPickerProps {
  /** Station ids selected when the URL names none. */
  initialFilter?: string[];
}

/**
 * A catalog filter on the APIOps station of the APIs (their `apiops/station`
 * label): the stations by their names in the method, in the order of the
 * cycle, `Unassessed` last. For `CatalogIndexPage`'s filters and custom
 * API explorer pages; renders nothing while no entity carries the label.
 *
 * @public
 */
export function EntityApiOpsStationPicker(
  props: EntityApiOpsStationPickerProps,
) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { method } = useMethodModel();
  const stations = useStationLabels(method);
  return (
    <ApiOpsLabelPicker
      name="apiopsStation"
      label={APIOPS_LABELS.station}
      title={t('catalogFilters.station')}
      Filter={ApiOpsStationFilter}
      sortOptions={stations.sort}
      optionLabel={stations.label}
      initialSelectedOptions={props.initialFilter}
    />
  );
}
