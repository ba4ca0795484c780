import { z } from 'zod';
import { APIOPS_STATION_ANNOTATION } from '../../entities';
import { UNASSESSED_STATION } from '../../status/types';
import type { GovernanceRule, RuleContext } from '../types';
import { specString } from './entityFields';

/**
 * Options of {@link lifecycleStationConsistencyRule}.
 *
 * @public
 */
export interface LifecycleStationConsistencyOptions {
  /**
   * For each `spec.lifecycle` value, the lifecycle stages of the method at
   * which an API with that lifecycle is inconsistent. Lifecycles not listed
   * are never inconsistent. A configured map replaces the default, which is
   * `{ production: [strategy, architecture, design] }`: an API cannot be in
   * production before it has been delivered.
   */
  inconsistentStages: Record<string, string[]>;
}

const stageList = z
  .array(
    z
      .string({ invalid_type_error: 'must be a list of lifecycle stages' })
      .trim()
      .min(1, 'must not be blank'),
    { invalid_type_error: 'must be a list of lifecycle stages' },
  )
  .min(1, 'must name at least one lifecycle stage');

const optionsSchema: z.ZodType<
  LifecycleStationConsistencyOptions,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    inconsistentStages: z
      .record(stageList, {
        invalid_type_error:
          'must map lifecycle values to lists of lifecycle stages',
      })
      .default(() => ({
        production: ['strategy', 'architecture', 'design'],
      })),
  })
  .strict();

/**
 * `lifecycle-station-consistency`: `spec.lifecycle` agrees with where the API
 * stands on the cycle, e.g. no `production` API still at the design stage.
 *
 * Decisions: an unassessed API is not checked (there is nothing to compare
 * with); `experimental` is not flagged at any stage by default (it
 * under-claims, which puts no consumer at risk; configure e.g.
 * `experimental: [improving]` to flag stale labels); `deprecated` is never
 * checked by default (an API can be retired from any stage).
 *
 * @public
 */
export const lifecycleStationConsistencyRule: GovernanceRule<LifecycleStationConsistencyOptions> =
  {
    id: 'lifecycle-station-consistency',
    title: "The API's lifecycle matches its station",
    description:
      "Compares spec.lifecycle with the lifecycle stage of the API's station (from its latest assessment, else its apiops/station annotation). By default, a production API at the strategy, architecture or design stage is reported: consumers are told they can rely on an API that has not been delivered yet; a finding from an assessment names the criteria of the station that the assessment did not answer met. Unassessed APIs are not checked.",
    severity: 'warning',
    optionsSchema,
    check(
      { entity, station, stationStages, stationCriteria, latestAssessment },
      { inconsistentStages },
    ) {
      const lifecycle = specString(entity, 'lifecycle');
      if (
        lifecycle === undefined ||
        !Object.hasOwn(inconsistentStages, lifecycle) ||
        station.id === UNASSESSED_STATION
      ) {
        return [];
      }
      const stage =
        station.lifecycleStage ??
        (Object.hasOwn(stationStages, station.id)
          ? stationStages[station.id]
          : undefined);
      if (
        stage === undefined ||
        !inconsistentStages[lifecycle].includes(stage)
      ) {
        return [];
      }
      const byAnnotation = station.source === 'annotation';
      const unmet = unmetCriteria(station, stationCriteria, latestAssessment);
      return [
        {
          message: `spec.lifecycle is '${lifecycle}' but the API is at the station ${
            station.id
          } (stage ${stage}), according to its ${
            byAnnotation
              ? `${APIOPS_STATION_ANNOTATION} annotation`
              : 'latest assessment'
          }${
            unmet.length > 0
              ? `, which does not answer 'met' to these criteria of ${
                  station.id
                }: ${unmet.join(', ')}`
              : ''
          }`,
          path: 'spec.lifecycle',
          fix: `Set spec.lifecycle in catalog-info.yaml to what the API really is at the ${stage} stage${
            lifecycle === 'production' ? ' (e.g. experimental)' : ''
          }, or, if the API has moved on, ${
            byAnnotation
              ? `update its ${APIOPS_STATION_ANNOTATION} annotation or record an assessment in the APIOps tab`
              : `record a new assessment in the APIOps tab${
                  unmet.length > 0 ? ' answering those criteria met' : ''
                }`
          } so that its station shows where it stands.`,
        },
      ];
    },
  };

/**
 * The criteria of the station an assessment places the API at that the
 * assessment does not answer `met`: why the API stands there and not further.
 */
function unmetCriteria(
  station: RuleContext['station'],
  stationCriteria: RuleContext['stationCriteria'],
  latest: RuleContext['latestAssessment'],
): string[] {
  if (
    station.source !== 'assessment' ||
    !latest ||
    latest.station !== station.id ||
    !stationCriteria ||
    !Object.hasOwn(stationCriteria, station.id)
  ) {
    return [];
  }
  return stationCriteria[station.id].filter(id => latest.answers[id] !== 'met');
}
