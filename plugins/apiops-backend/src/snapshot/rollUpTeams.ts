import {
  ApiSnapshotResult,
  EntityRefKey,
  OwnershipIndex,
  TeamRollup,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';

import { runSteps, type Steps } from '../fragmentation/EventLoopYielder';
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
  return runSteps(rollUpTeamSteps(results, ownership));
}

/**
 * {@link rollUpTeams} as {@link Steps}: pauses every 256 APIs, so that the
 * snapshot lets the event loop run.
 *
 * @internal
 */
export function* rollUpTeamSteps(
  results: Iterable<ApiSnapshotResult>,
  ownership: OwnershipIndex,
): Steps<TeamRollupWithOwners[]> {
  const teams = new Map<string, TeamRollupWithOwners>();
  // Owner groups per team as a set: a group high in the hierarchy has every
  // owner group below it, and a list's `includes` made that APIs × groups.
  const ownersOf = new Map<string, Set<string>>();
  const ancestorsOf = new Map<string, EntityRefKey[]>();
  let count = 0;
  for (const result of results) {
    if ((++count & 255) === 0) yield;
    const owner = tryEntityRefKey(result.owner.ref);
    if (!owner || result.owner.kind !== 'group') continue;
    let ancestors = ancestorsOf.get(owner);
    if (!ancestors) {
      ancestors = ownership.getGroupAndAncestors(owner);
      ancestorsOf.set(owner, ancestors);
    }
    for (const groupRef of ancestors) {
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
        ownersOf.set(groupRef, new Set());
      }
      const owners = ownersOf.get(groupRef)!;
      if (!owners.has(owner)) {
        owners.add(owner);
        team.ownerRefs.push(owner);
      }
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
