import { APIOPS_STATION_ANNOTATION } from '../../entities';
import type { GovernanceRule } from '../types';

/**
 * `station-annotation-consistency`: the `apiops/station` annotation agrees
 * with the latest assessment.
 *
 * @public
 */
export const stationAnnotationConsistencyRule: GovernanceRule = {
  id: 'station-annotation-consistency',
  title: 'The station annotation matches the latest assessment',
  description: `Reports an API whose ${APIOPS_STATION_ANNOTATION} annotation names another station than its latest assessment. The assessment wins, but readers of catalog-info.yaml are misled.`,
  severity: 'warning',
  check({ station }) {
    const conflict = station.conflict;
    if (!conflict) {
      return [];
    }
    return [
      {
        message: conflict.message,
        path: `metadata.annotations.${APIOPS_STATION_ANNOTATION}`,
        fix: `Set the ${APIOPS_STATION_ANNOTATION} annotation in catalog-info.yaml to ${conflict.assessment}, where the latest assessment places the API, or remove it: a recorded assessment always wins over the annotation.`,
      },
    ];
  },
};
