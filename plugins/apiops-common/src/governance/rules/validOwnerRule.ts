import type { OwnerGapType, OwnershipResult } from '../../ownership/types';
import type { GovernanceRule, RuleResult } from '../types';

function ownerName(ownership: OwnershipResult): string {
  return ownership.ref ?? ownership.declared ?? 'the owner';
}

const FIXES: Record<OwnerGapType, (ownership: OwnershipResult) => string> = {
  'owner-missing': ({ declared }) =>
    `Set spec.owner in catalog-info.yaml to the group (team) that is responsible for the API, e.g. group:default/payments-team${
      declared ? `; '${declared}' is a placeholder, not an owner` : ''
    }.`,
  'owner-unresolved': ownership =>
    `Point spec.owner at a group that exists in the catalog, or register ${ownerName(
      ownership,
    )} in the catalog if it is meant to exist.`,
  'owner-not-group': ownership =>
    `Make a team own the API: set spec.owner to a Group entity (e.g. the team of ${ownerName(
      ownership,
    )}) instead of a ${ownership.kind ?? 'non-group entity'}.`,
  'owner-group-empty': ownership =>
    `Add members to ${ownerName(
      ownership,
    )} (spec.members of the group or spec.memberOf of its users), or set spec.owner to a team that has members.`,
  'owner-orphaned': ownership =>
    `${ownerName(
      ownership,
    )} is orphaned: no catalog location declares it any more. Restore the group's definition, or set spec.owner to an active group.`,
  'owner-mismatch': ownership =>
    `Give the API the owner of the components that provide it: set spec.owner to their owner, or move those components to ${ownerName(
      ownership,
    )} if it is the right owner.`,
};

/**
 * How to fix an ownership gap of an API, as the `valid-owner` rule says it
 * (campaigns say it too, whether the rule is enabled or not).
 *
 * @public
 */
export function ownerGapFix(
  type: OwnerGapType,
  ownership: OwnershipResult,
): string {
  const fix = FIXES[type];
  return fix
    ? fix(ownership)
    : 'Set spec.owner in catalog-info.yaml to the group that is responsible for the API.';
}

/**
 * `valid-owner`: the API is owned by a real, populated, active team. One
 * finding per ownership gap, with the gap's severity and message.
 *
 * @public
 */
export const validOwnerRule: GovernanceRule = {
  id: 'valid-owner',
  title: 'The API is owned by a real team',
  description:
    'Reports every ownership gap of the API: no owner, an owner that is not in the catalog, a person rather than a team, a team without members, an orphaned owner, or an owner different from the owners of the components providing the API. Each finding has the severity of its gap.',
  severity: 'error',
  check({ ownership }) {
    const results: RuleResult[] = [];
    for (const gap of ownership.gaps) {
      results.push({
        message: gap.message,
        severity: gap.severity,
        path: 'spec.owner',
        fix: ownerGapFix(gap.type, ownership),
      });
    }
    return results;
  },
};
