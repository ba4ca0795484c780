import type {
  Campaign,
  CampaignCondition,
  CampaignFailingApi,
  CampaignScope,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * A campaign to store: the parsed request, its scope refs normalized.
 *
 * @internal
 */
export interface CampaignInput {
  title: string;
  description?: string;
  conditions: CampaignCondition[];
  scope: CampaignScope;
  startDate: string;
  dueDate: string;
}

/**
 * A campaign's counts at the latest snapshot that evaluated it.
 *
 * @internal
 */
export interface StoredCampaignStatus {
  campaignId: string;
  snapshotId: string;
  /** The campaign's revision the counts were computed for. */
  revision: number;
  computedAt: string;
  inScope: number;
  met: number;
  withoutTeam: { inScope: number; met: number };
}

/**
 * One team of a campaign at the latest snapshot that evaluated it: the APIs
 * in scope the group owns itself or through its descendant groups.
 *
 * @internal
 */
export interface StoredCampaignTeam {
  campaignId: string;
  groupRef: string;
  title: string;
  inScope: number;
  met: number;
  /** The group and its descendant groups that own APIs in scope. */
  ownerRefs: string[];
}

/**
 * One point of a campaign's burn-up, with the counts of each team.
 *
 * @internal
 */
export interface StoredCampaignPoint {
  snapshotId: string;
  revision: number;
  computedAt: string;
  inScope: number;
  met: number;
  /** Group ref → [APIs in scope, APIs meeting the goal]. */
  teams: Record<string, [number, number]>;
}

/**
 * What one snapshot computed for one campaign.
 *
 * @internal
 */
export interface CampaignSnapshotResult {
  campaignId: string;
  /** The revision of the campaign evaluated. */
  revision: number;
  inScope: number;
  met: number;
  withoutTeam: { inScope: number; met: number };
  teams: Array<Omit<StoredCampaignTeam, 'campaignId'>>;
  /** The APIs in scope that do not meet the goal, in entity ref order. */
  failures: Array<CampaignFailingApi & { ownerRef?: string }>;
  /**
   * The groups that own APIs in scope themselves (not through a child
   * group), with their counts: whom the campaign's notifications go to. Not
   * stored.
   */
  owners?: Array<{ ownerRef: string; inScope: number; met: number }>;
}

/**
 * Campaigns, and the progress the snapshots compute for them.
 *
 * @internal
 */
export interface CampaignStore {
  /** Stores a new campaign (revision 1); resolves to it. */
  create(input: CampaignInput, by: string): Promise<Campaign>;

  /**
   * Replaces a campaign's fields, one revision more; undefined when there
   * is no such campaign.
   */
  update(
    id: string,
    input: CampaignInput,
    by: string,
  ): Promise<Campaign | undefined>;

  /** Deletes a campaign and its progress; whether there was one. */
  delete(id: string): Promise<boolean>;

  /** A campaign, if there is one with this id. */
  get(id: string): Promise<Campaign | undefined>;

  /** A page of the campaigns, newest first. */
  list(query: {
    limit: number;
    cursor?: string;
  }): Promise<ReportPage<Campaign>>;

  /** Every campaign (the snapshot evaluates them all). */
  listAll(): Promise<Campaign[]>;

  /** The counts of the campaigns that a snapshot has evaluated, by id. */
  getStatuses(ids: string[]): Promise<Map<string, StoredCampaignStatus>>;

  /** Per campaign, how many of its teams have APIs remaining. */
  countTeamsRemaining(ids: string[]): Promise<Map<string, number>>;

  /**
   * A page of a campaign's teams, most APIs remaining first; the cursor is
   * bound to the snapshot of the counts (a `ConflictError` naming `cursor`
   * once a newer snapshot has replaced them).
   */
  listTeams(
    campaignId: string,
    query: { limit: number; cursor?: string },
  ): Promise<ReportPage<StoredCampaignTeam>>;

  /** One team of a campaign, if the group owns APIs in its scope. */
  getTeam(
    campaignId: string,
    groupRef: string,
  ): Promise<StoredCampaignTeam | undefined>;

  /** The rows of a group in every campaign whose scope has APIs it owns. */
  listTeamRows(groupRef: string): Promise<StoredCampaignTeam[]>;

  /**
   * A page of the APIs of a campaign that do not meet its goal, in entity
   * ref order; only those of `ownerRefs` when given. The cursor is bound to
   * the snapshot, as {@link CampaignStore.listTeams}.
   */
  listFailures(
    campaignId: string,
    query: { ownerRefs?: string[]; limit: number; cursor?: string },
  ): Promise<ReportPage<CampaignFailingApi>>;

  /** The campaigns an API fails, with the reasons. */
  listFailuresOf(
    entityRef: string,
  ): Promise<Array<{ campaignId: string; failure: CampaignFailingApi }>>;

  /** The burn-up of a campaign, oldest first, from a time on. */
  listPoints(campaignId: string, since?: Date): Promise<StoredCampaignPoint[]>;

  /**
   * Stores what a snapshot computed for the campaigns, in one transaction:
   * replaces each campaign's counts, teams and failures, and adds a point to
   * its burn-up when its counts (or a team's) changed. A campaign deleted
   * meanwhile, or whose counts come from a newer snapshot, is skipped.
   */
  storeSnapshotResults(
    snapshotId: string,
    computedAt: Date,
    results: CampaignSnapshotResult[],
  ): Promise<void>;

  /** Deletes the burn-up points older than a time but each campaign's latest. */
  purgePoints(before: Date): Promise<number>;

  /**
   * The dismissals of fragmentation clusters: cluster id → the fingerprint
   * they hold for.
   */
  listDismissals(): Promise<Map<string, string>>;
}
