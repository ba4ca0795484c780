import type { CampaignCounts, CampaignState } from './schemas';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long before its due date a campaign is `due-soon`, and its teams are
 * told.
 *
 * @public
 */
export const CAMPAIGN_DUE_SOON_DAYS = 7;

/**
 * The moments of a campaign's dates (UTC): it starts at the beginning of
 * its start date, is due soon seven days before the end of its due date,
 * and overdue once its due date has ended.
 *
 * @public
 */
export function campaignMoments(campaign: {
  startDate: string;
  dueDate: string;
}): { startsAt: number; dueSoonAt: number; overdueAt: number } {
  const startsAt = Date.parse(`${campaign.startDate}T00:00:00.000Z`);
  const overdueAt = Date.parse(`${campaign.dueDate}T00:00:00.000Z`) + DAY_MS;
  return {
    startsAt,
    dueSoonAt: overdueAt - CAMPAIGN_DUE_SOON_DAYS * DAY_MS,
    overdueAt,
  };
}

/**
 * Where a campaign stands at `now`, from its dates and its counts (see
 * `CAMPAIGN_STATES`). Without counts (no snapshot has evaluated it yet) a
 * started campaign is `active`, `due-soon` or `overdue` by its dates.
 *
 * @public
 */
export function campaignStateOf(
  campaign: { startDate: string; dueDate: string },
  counts: Pick<CampaignCounts, 'inScope' | 'remaining'> | undefined,
  now: Date,
): CampaignState {
  const { startsAt, dueSoonAt, overdueAt } = campaignMoments(campaign);
  const time = now.getTime();
  if (time < startsAt) {
    return 'upcoming';
  }
  if (counts && counts.remaining === 0) {
    return 'achieved';
  }
  if (time >= overdueAt) {
    return 'overdue';
  }
  return time >= dueSoonAt ? 'due-soon' : 'active';
}

/**
 * The counts of a campaign or a team: `remaining` and `share` from the APIs
 * in scope and those meeting the goal.
 *
 * @public
 */
export function campaignCounts(inScope: number, met: number): CampaignCounts {
  return {
    inScope,
    met,
    remaining: inScope - met,
    ...(inScope > 0 ? { share: met / inScope } : {}),
  };
}
