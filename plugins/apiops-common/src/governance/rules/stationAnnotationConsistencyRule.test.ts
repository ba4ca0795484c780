import type { ApiStationStatus } from '../../status/types';
import {
  ruleContext,
  runRule,
  unassessedStation,
} from '../__fixtures__/ruleContext';
import { stationAnnotationConsistencyRule } from './stationAnnotationConsistencyRule';

const base = {
  source: 'assessment',
  cycle: 'api-productization-cycle',
} as const;

describe('stationAnnotationConsistencyRule', () => {
  it.each<{ name: string; station: ApiStationStatus; reported: boolean }>([
    { name: 'unassessed', station: unassessedStation, reported: false },
    {
      name: 'assessed, no annotation',
      station: { ...base, id: 'api-design', lifecycleStage: 'design' },
      reported: false,
    },
    {
      name: 'assessment and annotation agree',
      station: { ...base, id: 'api-design', annotation: 'api-design' },
      reported: false,
    },
    {
      name: 'assessment and annotation disagree',
      station: {
        ...base,
        id: 'api-delivery',
        annotation: 'api-design',
        conflict: {
          assessment: 'api-delivery',
          annotation: 'api-design',
          message:
            "The latest assessment places the API at 'api-delivery' but its apiops/station annotation says 'api-design'",
        },
      },
      reported: true,
    },
  ])('$name', ({ station, reported }) => {
    expect(
      runRule(stationAnnotationConsistencyRule, ruleContext({ station })),
    ).toEqual(
      reported
        ? [
            {
              ruleId: 'station-annotation-consistency',
              severity: 'warning',
              message:
                "The latest assessment places the API at 'api-delivery' but its apiops/station annotation says 'api-design'",
              path: 'metadata.annotations.apiops/station',
              fix: 'Set the apiops/station annotation in catalog-info.yaml to api-delivery, where the latest assessment places the API, or remove it: a recorded assessment always wins over the annotation.',
            },
          ]
        : [],
    );
  });
});
