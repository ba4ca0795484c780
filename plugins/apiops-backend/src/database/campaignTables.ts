/**
 * Row types of the campaign tables (migration
 * `20261215090000_campaigns.js`), as knex reads and writes them. Kept apart
 * from `tables.ts` so that the campaigns are one unit in the code as in the
 * schema.
 */

/**
 * Names of the campaign tables.
 *
 * @internal
 */
export const campaignTables = {
  campaigns: 'apiops_campaigns',
  status: 'apiops_campaign_status',
  teams: 'apiops_campaign_teams',
  failures: 'apiops_campaign_failures',
  progress: 'apiops_campaign_progress',
} as const;

/**
 * A row of `apiops_campaigns`.
 *
 * @internal
 */
export interface DbCampaignRow {
  /** bigint: a string on PostgreSQL, a number on SQLite. */
  id: string | number;
  title: string;
  description: string | null;
  /** JSON: CampaignCondition[]. */
  conditions: string;
  /** JSON: CampaignScope, refs lower case. */
  scope: string;
  /** YYYY-MM-DD. */
  start_date: string;
  /** YYYY-MM-DD. */
  due_date: string;
  revision: number;
  created_by: string;
  created_at: Date | string | number;
  updated_by: string;
  updated_at: Date | string | number;
}

/**
 * A row of `apiops_campaign_status`: a campaign's counts at the latest
 * snapshot that evaluated it.
 *
 * @internal
 */
export interface DbCampaignStatusRow {
  campaign_id: string | number;
  snapshot_id: string | number;
  revision: number;
  computed_at: Date | string | number;
  in_scope: number;
  met: number;
  without_team_in_scope: number;
  without_team_met: number;
}

/**
 * A row of `apiops_campaign_teams`.
 *
 * @internal
 */
export interface DbCampaignTeamRow {
  campaign_id: string | number;
  group_ref: string;
  title: string | null;
  in_scope: number;
  met: number;
  remaining: number;
  /** JSON: string[]. */
  owner_refs: string;
}

/**
 * A row of `apiops_campaign_failures`.
 *
 * @internal
 */
export interface DbCampaignFailureRow {
  id?: string | number;
  campaign_id: string | number;
  entity_ref: string;
  owner_ref: string | null;
  /** JSON: CampaignFailingApi. */
  failure: string;
}

/**
 * A row of `apiops_campaign_progress`.
 *
 * @internal
 */
export interface DbCampaignProgressRow {
  id?: string | number;
  campaign_id: string | number;
  snapshot_id: string | number;
  revision: number;
  computed_at: Date | string | number;
  in_scope: number;
  met: number;
  /** JSON: { [groupRef]: [inScope, met] }. */
  teams: string;
}
