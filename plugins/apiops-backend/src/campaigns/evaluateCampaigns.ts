import {
  ApiSnapshotResult,
  Campaign,
  CampaignApiFacts,
  EntityRefKey,
  OwnershipIndex,
  evaluateCampaignGoal,
  isInCampaignScope,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { CampaignSnapshotResult } from '../database/CampaignStore';
import type { Steps } from '../fragmentation/EventLoopYielder';

/** What the goal of a campaign is checked against, besides each API's result. */
export interface CampaignEvaluationInput {
  campaigns: readonly Campaign[];
  results: readonly ApiSnapshotResult[];
  ownership: OwnershipIndex;
  /** The domain of an API's system, by lower-case entity ref. */
  domainOf(entityRef: string): string | undefined;
  /** The clusters an API is a member of, by lower-case entity ref. */
  clustersOf(entityRef: string): CampaignApiFacts['clusters'];
  /** When an API was last assessed, by lower-case entity ref. */
  latestAssessmentAt(entityRef: string): string | undefined;
  stationsOf(cycle: string): readonly string[] | undefined;
  now: Date;
}

/**
 * The group that owns an API, if it is a group the catalog has (a team can
 * be held to a campaign): its key; undefined for no owner, a placeholder,
 * a person, or a group the catalog does not have.
 *
 * @internal
 */
export function owningGroupOf(
  result: ApiSnapshotResult,
  ownership: OwnershipIndex,
): EntityRefKey | undefined {
  const key = tryEntityRefKey(result.owner.ref);
  return key &&
    result.owner.resolved &&
    ownership.getEntry(key)?.kind === 'group'
    ? key
    : undefined;
}

/**
 * Every campaign's progress over the APIs of a snapshot: the APIs in scope
 * and meeting the goal, per campaign and per team (each group that owns
 * APIs in scope itself or through its descendant groups), and the failing
 * APIs with the reasons. One pass over the APIs per campaign; pauses every
 * 256 APIs so that the snapshot lets the event loop run.
 *
 * @internal
 */
export function* evaluateCampaignSteps(
  input: CampaignEvaluationInput,
): Steps<CampaignSnapshotResult[]> {
  const { campaigns, results, ownership, now } = input;
  /** Owner group → it and the groups above it, computed once per owner. */
  const teamsOf = new Map<EntityRefKey, EntityRefKey[]>();
  const teamsOfApi = (result: ApiSnapshotResult) => {
    const owner = owningGroupOf(result, ownership);
    if (!owner) return { owner, teams: [] as EntityRefKey[] };
    let teams = teamsOf.get(owner);
    if (!teams) {
      teams = ownership.getGroupAndAncestors(owner);
      teamsOf.set(owner, teams);
    }
    return { owner, teams };
  };

  const out: CampaignSnapshotResult[] = [];
  let count = 0;
  for (const campaign of campaigns) {
    const teamCounts = new Map<
      EntityRefKey,
      { inScope: number; met: number; ownerRefs: Set<EntityRefKey> }
    >();
    const withoutTeam = { inScope: 0, met: 0 };
    const owners = new Map<EntityRefKey, { inScope: number; met: number }>();
    const failures: CampaignSnapshotResult['failures'] = [];
    let inScope = 0;
    let met = 0;
    for (const result of results) {
      if ((++count & 255) === 0) yield;
      const entityRef = result.entityRef.toLocaleLowerCase('en-US');
      const { owner, teams } = teamsOfApi(result);
      const scoped = isInCampaignScope(campaign.scope, {
        teams,
        system: result.system?.toLocaleLowerCase('en-US'),
        domain: input.domainOf(entityRef),
        lifecycle: result.lifecycle,
      });
      if (!scoped) continue;
      const reasons = evaluateCampaignGoal(campaign.conditions, {
        result,
        clusters: input.clustersOf(entityRef),
        latestAssessmentAt: input.latestAssessmentAt(entityRef),
        now,
        stationsOf: input.stationsOf,
      });
      const meets = reasons.length === 0;
      inScope += 1;
      if (meets) met += 1;
      if (owner) {
        const own = owners.get(owner) ?? { inScope: 0, met: 0 };
        own.inScope += 1;
        if (meets) own.met += 1;
        owners.set(owner, own);
        for (const team of teams) {
          let counts = teamCounts.get(team);
          if (!counts) {
            counts = { inScope: 0, met: 0, ownerRefs: new Set() };
            teamCounts.set(team, counts);
          }
          counts.inScope += 1;
          if (meets) counts.met += 1;
          counts.ownerRefs.add(owner);
        }
      } else {
        withoutTeam.inScope += 1;
        if (meets) withoutTeam.met += 1;
      }
      if (!meets) {
        failures.push({
          entityRef,
          title: result.title,
          ...(result.owner.ref ? { owner: result.owner.ref } : {}),
          ...(result.system ? { system: result.system } : {}),
          ...(result.lifecycle ? { lifecycle: result.lifecycle } : {}),
          reasons,
          ownerRef: result.owner.ref?.toLocaleLowerCase('en-US'),
        });
      }
    }
    failures.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
    out.push({
      campaignId: campaign.id,
      revision: campaign.revision,
      inScope,
      met,
      withoutTeam,
      teams: [...teamCounts].map(([groupRef, counts]) => ({
        groupRef,
        title: ownership.getEntry(groupRef)?.title ?? groupRef,
        inScope: counts.inScope,
        met: counts.met,
        ownerRefs: [...counts.ownerRefs],
      })),
      failures,
      owners: [...owners].map(([ownerRef, counts]) => ({
        ownerRef,
        ...counts,
      })),
    });
  }
  return out;
}
