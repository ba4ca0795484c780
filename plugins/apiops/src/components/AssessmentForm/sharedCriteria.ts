import type { MethodStation } from '@apiops-backstage/plugin-apiops-common';

/**
 * For each station and each of its criteria, the titles of the other
 * stations (in cycle order) sharing the criterion.
 */
export function sharedCriteria(
  stations: MethodStation[],
): Record<string, Record<string, string[]>> {
  const byStation: Record<string, Record<string, string[]>> = {};
  for (const station of stations) {
    byStation[station.id] = {};
    for (const criterionId of station.criteria) {
      byStation[station.id][criterionId] = stations
        .filter(other => other.criteria.includes(criterionId))
        .filter(other => other.id !== station.id)
        .map(other => other.title);
    }
  }
  return byStation;
}
