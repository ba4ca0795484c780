import { Entity } from '@backstage/catalog-model';
import {
  APIOPS_CYCLE_ANNOTATION,
  APIOPS_STATION_ANNOTATION,
  ApiStationStatus,
  Assessment,
  DEFAULT_METHOD_CYCLE,
  UNASSESSED_STATION,
} from '@apiops-backstage/plugin-apiops-common';
import { MethodCatalog } from '../method';

/**
 * Where an API stands: its latest assessment, else the station its
 * `apiops/station` annotation declares (a value that is not a station of the
 * cycle is ignored), else unassessed. A disagreement between the assessment
 * and the annotation is reported as a conflict; the assessment wins.
 *
 * @internal
 */
export function resolveStation(
  entity: Entity,
  latest: Assessment | undefined,
  method: MethodCatalog,
): ApiStationStatus {
  const annotations = entity.metadata.annotations ?? {};
  const annotatedCycle =
    annotations[APIOPS_CYCLE_ANNOTATION] ?? DEFAULT_METHOD_CYCLE;
  const annotated = annotations[APIOPS_STATION_ANNOTATION];
  const annotation =
    annotated &&
    method.hasCycle(annotatedCycle) &&
    method.coreStations(annotatedCycle).includes(annotated)
      ? annotated
      : undefined;

  const stageOf = (cycle: string, stationId: string) =>
    method
      .getModel({ cycle })
      .stations.find(station => station.id === stationId)?.lifecycleStage;

  if (latest) {
    return {
      id: latest.station,
      source: 'assessment',
      cycle: latest.cycle,
      lifecycleStage: stageOf(latest.cycle, latest.station),
      annotation,
      conflict:
        annotation && annotation !== latest.station
          ? {
              assessment: latest.station,
              annotation,
              message: `The latest assessment places the API at '${latest.station}' but its ${APIOPS_STATION_ANNOTATION} annotation says '${annotation}'`,
            }
          : undefined,
    };
  }
  if (annotation) {
    return {
      id: annotation,
      source: 'annotation',
      cycle: annotatedCycle,
      lifecycleStage: stageOf(annotatedCycle, annotation),
      annotation,
    };
  }
  return {
    id: UNASSESSED_STATION,
    source: 'none',
    cycle: DEFAULT_METHOD_CYCLE,
  };
}
