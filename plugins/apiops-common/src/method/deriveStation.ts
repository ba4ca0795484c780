import { CriterionAnswer } from './types';

/**
 * Whether all criteria of a station are answered `met`. A missing answer and
 * `unknown` count as not met; a station with no criteria is passed.
 *
 * @public
 */
export function isStationPassed(
  station: { readonly criteria: readonly string[] },
  answers: Readonly<Record<string, CriterionAnswer | undefined>>,
): boolean {
  return station.criteria.every(criterion => answers[criterion] === 'met');
}

/**
 * The station an API stands at, by the method's rule (the method engine's
 * `evaluateStartRecommendation`): the first station, in the given order,
 * whose criteria are not all `met`; when every station is passed, the last
 * one. Answers to criteria of no station are ignored.
 *
 * @param stations - The core stations in cycle order, e.g. `model.stations`.
 * @param answers - The answer to each criterion, by criterion id.
 * @returns The id of the station.
 * @throws Error when `stations` is empty.
 * @public
 */
export function deriveStation(
  stations: ReadonlyArray<{ id: string; criteria: readonly string[] }>,
  answers: Readonly<Record<string, CriterionAnswer | undefined>>,
): string {
  if (stations.length === 0) {
    throw new Error('Cannot derive a station from an empty list of stations');
  }
  const current = stations.find(station => !isStationPassed(station, answers));
  return (current ?? stations[stations.length - 1]).id;
}
