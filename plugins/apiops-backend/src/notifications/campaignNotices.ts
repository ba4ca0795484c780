import {
  APIOPS_NOTIFICATION_TOPICS,
  Campaign,
  EntityRefKey,
  OwnershipIndex,
  campaignMoments,
} from '@apiops-backstage/plugin-apiops-common';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { CampaignSnapshotResult } from '../database/CampaignStore';
import { Notice } from './NotificationStore';
import { MAX_LISTED, nameOf } from './ownerChangeNotices';

type CampaignEvent = 'started' | 'due-soon' | 'overdue';

const TOPIC_OF: Record<CampaignEvent, string> = {
  started: APIOPS_NOTIFICATION_TOPICS.campaignStarted,
  'due-soon': APIOPS_NOTIFICATION_TOPICS.campaignDueSoon,
  overdue: APIOPS_NOTIFICATION_TOPICS.campaignOverdue,
};

const SEVERITY_OF: Record<CampaignEvent, NotificationSeverity> = {
  started: 'normal',
  'due-soon': 'high',
  overdue: 'critical',
};

/**
 * The key of one campaign event for one group: recorded once sent, so that
 * it is never sent again. The dates are part of it: a campaign whose dates
 * change is announced again for the new ones.
 *
 * @internal
 */
export function campaignEventKey(
  campaign: Campaign,
  event: CampaignEvent,
  recipient: string,
): string {
  const date = event === 'started' ? campaign.startDate : campaign.dueDate;
  return `campaign:${campaign.id}:${event}:${date}:${recipient}`;
}

/** One campaign event of one group, before grouping. */
interface Pending {
  event: CampaignEvent;
  recipient: string;
  campaign: Campaign;
  inScope: number;
  remaining: number;
  key: string;
}

/**
 * The campaign notices of a snapshot: to the groups that own APIs in a
 * campaign's scope (the platform team for APIs with no valid owner), when
 * the campaign has started, a week before it is due and when it is overdue
 * (the last two only while APIs of the group remain). Each event is told
 * once per group (`known` holds the keys already told); the events of one
 * group and topic at a snapshot are grouped in one notice, which covers
 * their keys.
 *
 * @internal
 */
export function campaignNotices(input: {
  snapshotId: string;
  campaigns: readonly Campaign[];
  results: readonly CampaignSnapshotResult[];
  ownership: OwnershipIndex;
  platformTeam?: string;
  now: Date;
  /** The event keys already told. */
  known: ReadonlySet<string>;
}): Notice[] {
  const { snapshotId, ownership, platformTeam, now, known } = input;
  const byId = new Map(input.campaigns.map(c => [c.id, c]));
  const pending: Pending[] = [];
  for (const result of input.results) {
    const campaign = byId.get(result.campaignId);
    if (!campaign) continue;
    const { startsAt, dueSoonAt, overdueAt } = campaignMoments(campaign);
    const time = now.getTime();
    const events: CampaignEvent[] = [];
    if (time >= startsAt) events.push('started');
    if (time >= dueSoonAt && time < overdueAt) events.push('due-soon');
    if (time >= overdueAt) events.push('overdue');
    if (!events.length) continue;

    // Whom: the groups that own APIs in scope themselves; the platform
    // team for the APIs of no valid group and of groups without members.
    const counts = new Map<string, { inScope: number; met: number }>();
    const add = (recipient: string, inScope: number, met: number) => {
      const current = counts.get(recipient) ?? { inScope: 0, met: 0 };
      counts.set(recipient, {
        inScope: current.inScope + inScope,
        met: current.met + met,
      });
    };
    for (const owner of result.owners ?? []) {
      if (ownership.getMemberCount(owner.ownerRef as EntityRefKey) > 0) {
        add(owner.ownerRef, owner.inScope, owner.met);
      } else if (platformTeam) {
        add(platformTeam, owner.inScope, owner.met);
      }
    }
    if (platformTeam && result.withoutTeam.inScope > 0) {
      add(platformTeam, result.withoutTeam.inScope, result.withoutTeam.met);
    }

    for (const [recipient, { inScope, met }] of counts) {
      const remaining = inScope - met;
      for (const event of events) {
        if (event !== 'started' && remaining === 0) continue;
        const key = campaignEventKey(campaign, event, recipient);
        if (known.has(key)) continue;
        pending.push({ event, recipient, campaign, inScope, remaining, key });
      }
    }
  }

  const grouped = new Map<string, Pending[]>();
  for (const item of pending) {
    const groupKey = `${item.event} ${item.recipient}`;
    const list = grouped.get(groupKey);
    if (list) list.push(item);
    else grouped.set(groupKey, [item]);
  }
  return [...grouped.values()].map(items => {
    const { event, recipient } = items[0];
    const topic = TOPIC_OF[event];
    const team =
      ownership.getEntry(recipient as EntityRefKey)?.title ?? nameOf(recipient);
    const one = items.length === 1 ? items[0].campaign : undefined;
    return {
      key: `${topic}:${recipient}:${snapshotId}`,
      topic,
      recipient,
      ...(one ? { campaignId: one.id } : {}),
      covers: items.map(item => ({
        key: item.key,
        campaignId: item.campaign.id,
      })),
      payload: {
        title: titleOf(event, items, team),
        description: items
          .slice(0, MAX_LISTED)
          .map(describe)
          .concat(
            items.length > MAX_LISTED
              ? [`and ${items.length - MAX_LISTED} more`]
              : [],
          )
          .join('\n'),
        link: one
          ? `/apiops/campaigns/${one.id}?team=${encodeURIComponent(recipient)}`
          : `/apiops/campaigns?team=${encodeURIComponent(recipient)}`,
        severity: SEVERITY_OF[event],
      },
    };
  });
}

function titleOf(event: CampaignEvent, items: Pending[], team: string): string {
  if (items.length === 1) {
    const { title } = items[0].campaign;
    switch (event) {
      case 'started':
        return `Campaign started for ${team}: ${title}`;
      case 'due-soon':
        return `Campaign due within a week for ${team}: ${title}`;
      default:
        return `Campaign overdue for ${team}: ${title}`;
    }
  }
  switch (event) {
    case 'started':
      return `${items.length} campaigns started for ${team}`;
    case 'due-soon':
      return `${items.length} campaigns are due within a week for ${team}`;
    default:
      return `${items.length} campaigns are overdue for ${team}`;
  }
}

function describe(item: Pending): string {
  const { campaign, inScope, remaining } = item;
  const what =
    remaining === 0
      ? `all ${inScope} API${inScope === 1 ? '' : 's'} in scope meet the goal`
      : `${remaining} of ${inScope} API${
          inScope === 1 ? '' : 's'
        } in scope still to fix`;
  return `${campaign.title}: ${what}, due ${campaign.dueDate}`;
}
