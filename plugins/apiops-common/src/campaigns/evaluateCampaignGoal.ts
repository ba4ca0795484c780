import type { FragmentationType } from '../fragmentation/types';
import { ownerGapFix } from '../governance/rules/validOwnerRule';
import type { FindingSeverity } from '../governance/types';
import { DEFAULT_METHOD_CYCLE } from '../method/types';
import type { ApiSnapshotResult } from '../reports/types';
import { UNASSESSED_STATION } from '../status/types';
import type {
  CampaignCondition,
  CampaignFailureReason,
  CampaignScope,
} from './schemas';

/** Severity rank: the lower, the worse. */
const SEVERITY_RANK: Record<FindingSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/** The most reasons one condition gives for one API. */
const MAX_REASONS_PER_CONDITION = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a campaign's goal is checked against for one API: its snapshot
 * result and the facts of the snapshot around it.
 *
 * @public
 */
export interface CampaignApiFacts {
  result: ApiSnapshotResult;
  /**
   * The fragmentation clusters the API is a member of, each with whether a
   * dismissal applies to it and its number of members.
   */
  clusters: ReadonlyArray<{
    id: string;
    type: FragmentationType;
    dismissed: boolean;
    memberCount: number;
  }>;
  /** When the API was last assessed (ISO 8601), if ever. */
  latestAssessmentAt?: string;
  now: Date;
  /** The core station ids of a cycle in cycle order; undefined for an unknown cycle. */
  stationsOf(cycle: string): readonly string[] | undefined;
}

/**
 * Why an API does not meet the goal of a campaign (every condition must
 * hold): one reason or more per condition it fails, each with what to do;
 * an empty list when it meets the goal.
 *
 * @public
 */
export function evaluateCampaignGoal(
  conditions: readonly CampaignCondition[],
  facts: CampaignApiFacts,
): CampaignFailureReason[] {
  return conditions.flatMap(condition =>
    failuresOf(condition, facts).slice(0, MAX_REASONS_PER_CONDITION),
  );
}

function failuresOf(
  condition: CampaignCondition,
  facts: CampaignApiFacts,
): CampaignFailureReason[] {
  const { result } = facts;
  switch (condition.type) {
    case 'station-at-least':
      return stationFailures(condition, facts);
    case 'no-ownership-gap': {
      const types = condition.gapTypes as readonly string[] | undefined;
      return result.owner.gaps
        .filter(gap => !types || types.includes(gap.type))
        .map(gap => ({
          condition: condition.type,
          message: gap.message,
          fix: ownerGapFix(gap.type, result.owner),
        }));
    }
    case 'no-finding': {
      const worst =
        condition.severity === undefined
          ? undefined
          : SEVERITY_RANK[condition.severity];
      return result.governance.findings
        .filter(
          finding =>
            (condition.ruleId === undefined ||
              finding.ruleId === condition.ruleId) &&
            (worst === undefined || SEVERITY_RANK[finding.severity] <= worst),
        )
        .map(finding => ({
          condition: condition.type,
          message: `${finding.ruleId} (${finding.severity}): ${finding.message}`,
          fix:
            finding.fix ??
            `See the finding ${finding.ruleId} in the API's APIOps tab.`,
        }));
    }
    case 'no-duplicate-cluster': {
      const types: readonly string[] = condition.types ?? ['duplicate'];
      return facts.clusters
        .filter(cluster => types.includes(cluster.type) && !cluster.dismissed)
        .map(cluster => ({
          condition: condition.type,
          message: `In the ${cluster.type} cluster ${cluster.id} with ${
            cluster.memberCount - 1
          } other API${cluster.memberCount === 2 ? '' : 's'}`,
          fix: `Merge the APIs or retire all but one; if they are different products, or the ${cluster.type} is intended, dismiss the cluster on the APIOps page with a reason.`,
        }));
    }
    case 'assessment-fresh': {
      const { maxAgeDays } = condition;
      const fix = `Record an assessment in the API's APIOps tab (the campaign asks for one in the last ${maxAgeDays} days).`;
      if (!facts.latestAssessmentAt) {
        return [{ condition: condition.type, message: 'Never assessed', fix }];
      }
      const at = Date.parse(facts.latestAssessmentAt);
      const ageDays = Math.floor((facts.now.getTime() - at) / DAY_MS);
      return facts.now.getTime() - at >= maxAgeDays * DAY_MS
        ? [
            {
              condition: condition.type,
              message: `Last assessed on ${facts.latestAssessmentAt.slice(
                0,
                10,
              )}, ${ageDays} days ago`,
              fix,
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

function stationFailures(
  condition: Extract<CampaignCondition, { type: 'station-at-least' }>,
  facts: CampaignApiFacts,
): CampaignFailureReason[] {
  const cycle = condition.cycle ?? DEFAULT_METHOD_CYCLE;
  const { station } = facts.result;
  const fail = (message: string, fix: string) => [
    { condition: condition.type, message, fix },
  ];
  if (station.id === UNASSESSED_STATION) {
    return fail(
      `Not assessed yet; the campaign asks for the station ${condition.station} or beyond`,
      `Record an assessment in the API's APIOps tab; the API needs every criterion of the stations before ${condition.station} met.`,
    );
  }
  const stations = facts.stationsOf(cycle) ?? [];
  const target = stations.indexOf(condition.station);
  if (station.cycle !== cycle) {
    return fail(
      `Follows the cycle ${station.cycle}; the campaign asks for the station ${condition.station} of the cycle ${cycle}`,
      `Assess the API on the cycle ${cycle} (its apiops/cycle annotation), or leave it out of the campaign's scope.`,
    );
  }
  const at = stations.indexOf(station.id);
  if (target < 0 || at >= target) {
    return [];
  }
  return fail(
    `At the station ${station.id}; the campaign asks for ${condition.station} or beyond`,
    `Meet every criterion of ${station.id}${
      target - at > 1 ? ` and of the stations up to ${condition.station}` : ''
    }, then record the assessment in the API's APIOps tab.`,
  );
}

/**
 * Where an API stands for the scope of a campaign: the groups that own it
 * (its owner group and every group above it), its system, its system's
 * domain and its lifecycle. Refs are lower-case full refs.
 *
 * @public
 */
export interface CampaignScopeFacts {
  teams: readonly string[];
  system?: string;
  domain?: string;
  lifecycle?: string;
}

/**
 * Whether an API is in a campaign's scope (refs of the scope normalized to
 * lower-case full refs, as stored): it matches every dimension given, and a
 * dimension when it matches any of its values.
 *
 * @public
 */
export function isInCampaignScope(
  scope: CampaignScope,
  facts: CampaignScopeFacts,
): boolean {
  const { teams, systems, domains, lifecycles } = scope;
  if (teams && !teams.some(team => facts.teams.includes(team))) {
    return false;
  }
  if (systems && !(facts.system && systems.includes(facts.system))) {
    return false;
  }
  if (domains && !(facts.domain && domains.includes(facts.domain))) {
    return false;
  }
  if (lifecycles) {
    const lifecycle = facts.lifecycle?.toLocaleLowerCase('en-US');
    if (
      !lifecycle ||
      !lifecycles.some(value => value.toLocaleLowerCase('en-US') === lifecycle)
    ) {
      return false;
    }
  }
  return true;
}
