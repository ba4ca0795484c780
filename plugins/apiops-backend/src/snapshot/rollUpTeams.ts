import {
  ApiSnapshotResult,
  OwnershipIndex,
  TeamRollup,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * A team's rollup, with the owner refs (the group itself or its descendant
 * groups) whose APIs it counts.
 *
 * @internal
 */
export type TeamRollupWithOwners = TeamRollup & { ownerRefs: string[] };

/**
 * Per owner group: the APIs it owns itself or through its descendant groups.
 *
 * @internal
 */
export function rollUpTeams(
  results: Iterable<ApiSnapshotResult>,
  ownership: OwnershipIndex,
): TeamRollupWithOwners[] {
  const teams = new Map<string, TeamRollupWithOwners>();
  for (const result of results) {
    const owner = tryEntityRefKey(result.owner.ref);
    if (!owner || result.owner.kind !== 'group') continue;
    for (const groupRef of ownership.getGroupAndAncestors(owner)) {
      let team = teams.get(groupRef);
      if (!team) {
        team = {
          groupRef,
          title: ownership.getEntry(groupRef)?.title ?? groupRef,
          apis: 0,
          byStation: {},
          byStatus: {},
          gaps: 0,
          findings: 0,
          ownerRefs: [],
        };
        teams.set(groupRef, team);
      }
      if (!team.ownerRefs.includes(owner)) team.ownerRefs.push(owner);
      team.apis += 1;
      team.byStation[result.station.id] =
        (team.byStation[result.station.id] ?? 0) + 1;
      team.byStatus[result.governance.status] =
        (team.byStatus[result.governance.status] ?? 0) + 1;
      team.gaps += result.owner.gaps.length;
      team.findings += result.governance.findings.length;
    }
  }
  return [...teams.values()];
}
