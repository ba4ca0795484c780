import {
  CriterionAnswer,
  deriveStation,
  isStationPassed,
  MethodStation,
} from '@apiops-backstage/plugin-apiops-common';

/** A station before the API's current one that the answers do not pass. */
export interface HoldingStation {
  stationId: string;
  /** Its criteria not answered `met`, in the station's order. */
  criteria: string[];
}

/**
 * An assessment that would move the API to an earlier station than the one
 * it stands at: where it is, where it would land, and the stations before its
 * current one whose criteria the answers do not meet.
 */
export interface BackwardMove {
  from: string;
  to: string;
  holding: HoldingStation[];
}

/**
 * Whether recording `answers` moves the API from `currentStationId` to an
 * earlier station of the cycle (by {@link deriveStation}); `undefined` when
 * it does not, or when the current station is not one of the cycle's (an
 * unassessed API, or a station of another cycle).
 */
export function backwardMove(
  stations: readonly MethodStation[],
  answers: Readonly<Record<string, CriterionAnswer | undefined>>,
  currentStationId: string,
): BackwardMove | undefined {
  const current = stations.findIndex(s => s.id === currentStationId);
  if (current <= 0) {
    return undefined;
  }
  const to = deriveStation(stations, answers);
  if (stations.findIndex(s => s.id === to) >= current) {
    return undefined;
  }
  const holding = stations
    .slice(0, current)
    .filter(station => !isStationPassed(station, answers))
    .map(station => ({
      stationId: station.id,
      criteria: station.criteria.filter(id => answers[id] !== 'met'),
    }));
  return { from: currentStationId, to, holding };
}

/** The criteria of every station before `currentStationId`, each once. */
export function criteriaBefore(
  stations: readonly MethodStation[],
  currentStationId: string,
): string[] {
  const current = stations.findIndex(s => s.id === currentStationId);
  const ids = stations
    .slice(0, Math.max(current, 0))
    .flatMap(station => station.criteria);
  return [...new Set(ids)];
}
