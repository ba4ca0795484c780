import {
  ApiSnapshotResult,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import { owningGroupOf } from '../campaigns/evaluateCampaigns';

/**
 * Whom to tell about an API: its owning group, when it is a group of the
 * catalog with members (the notifications backend tells the members of
 * the group and of its child groups); otherwise the platform team, when one
 * is configured (`apiops.notifications.platformTeam`).
 *
 * @internal
 */
export function recipientOf(
  result: ApiSnapshotResult,
  ownership: OwnershipIndex,
  platformTeam: string | undefined,
): string | undefined {
  const owner = owningGroupOf(result, ownership);
  if (owner && ownership.getMemberCount(owner) > 0) {
    return owner;
  }
  return platformTeam;
}
