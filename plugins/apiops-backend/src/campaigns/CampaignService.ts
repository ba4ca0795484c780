import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiCampaignFailure,
  Campaign,
  CampaignFailingApi,
  CampaignProgressPoint,
  CampaignProgressReport,
  CampaignTeamProgress,
  CampaignWithProgress,
  EntityRefKey,
  ReportPage,
  apiopsCampaignManagePermission,
  campaignCounts,
  campaignMoments,
  campaignStateOf,
  parseCampaignRequest,
} from '@apiops-backstage/plugin-apiops-common';
import {
  CampaignStore,
  StoredCampaignStatus,
  StoredCampaignTeam,
} from '../database/CampaignStore';
import { REPORT_PAGE_MAX_LIMIT } from '../database/SnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { getEntityOrThrow } from '../services/getEntityOrThrow';
import { requirePermission } from '../services/requirePermission';
import {
  fillPage,
  seenByRef,
  visibleByRef,
} from '../services/reportVisibility';
import { csvHeader, csvRow } from '../services/toCsv';
import { checkCampaignReferences } from './checkCampaignReferences';

/** What a campaign id looks like. */
const CAMPAIGN_ID = /^[1-9][0-9]{0,15}$/;

/** The number of items of a page when the caller names none. */
const DEFAULT_PAGE_LIMIT = 100;

/** One row of the CSV of a campaign's failing APIs. */
interface FailureCsvRow {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  conditions: string;
  reasons: string;
  fixes: string;
}

const FAILURE_COLUMNS: ReadonlyArray<keyof FailureCsvRow> = [
  'entityRef',
  'title',
  'owner',
  'system',
  'lifecycle',
  'conditions',
  'reasons',
  'fixes',
];

/** A page a caller asks for; the service applies the defaults. */
export interface CampaignPageRequest {
  limit?: number;
  cursor?: string;
}

/**
 * Campaigns: their definitions (written with `apiops.campaign.manage`) and
 * the progress the snapshots computed for them (read with credentials
 * only). What a caller sees of the teams and the APIs of a campaign follows
 * what it may read in the catalog, as in the reports; the counts of a
 * campaign are aggregates over its whole scope.
 *
 * Every method normalises its input (ids, refs, page limits) so REST and MCP
 * get the same answer to the same question.
 *
 * @internal
 */
export class CampaignService {
  private constructor(
    private readonly options: {
      store: CampaignStore;
      permissions: PermissionsService;
      catalog: CatalogService;
      visibility: CatalogVisibility;
      method: MethodCatalog;
      /** Ids of the governance rules the backend has. */
      ruleIds: () => ReadonlySet<string>;
      /** The time now; the clock by default. */
      now?: () => Date;
    },
  ) {}

  static create(options: CampaignService['options']): CampaignService {
    return new CampaignService(options);
  }

  /** Creates a campaign from a request body; its progress comes with the next snapshot. */
  async create(
    body: unknown,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<CampaignWithProgress> {
    await this.requireManage(credentials);
    const input = await this.parse(body, credentials);
    const campaign = await this.options.store.create(
      input,
      principalOf(credentials),
    );
    return (await this.withProgress([campaign]))[0];
  }

  /** Replaces a campaign's goal, scope, dates and texts. */
  async update(
    id: string,
    body: unknown,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<CampaignWithProgress> {
    checkId(id);
    await this.requireManage(credentials);
    if (!(await this.options.store.get(id))) {
      throw notFound(id);
    }
    const input = await this.parse(body, credentials);
    const campaign = await this.options.store.update(
      id,
      input,
      principalOf(credentials),
    );
    if (!campaign) {
      throw notFound(id);
    }
    return (await this.withProgress([campaign]))[0];
  }

  /** Deletes a campaign and its progress. */
  async delete(id: string, credentials: BackstageCredentials): Promise<void> {
    checkId(id);
    await this.requireManage(credentials);
    if (!(await this.options.store.delete(id))) {
      throw notFound(id);
    }
  }

  /**
   * A page of the campaigns, newest first, each with its progress; with
   * `team`, the campaigns whose scope has APIs the group owns (itself or
   * through its child groups), each with the team's row.
   */
  async list(
    query: CampaignPageRequest & { team?: EntityRefKey },
    credentials: BackstageCredentials,
  ): Promise<ReportPage<CampaignWithProgress>> {
    const { limit, cursor } = pageOf(query);
    checkTeam(query.team);
    const { store } = this.options;
    if (!query.team) {
      const page = await store.list({ limit, cursor });
      return { ...page, items: await this.withProgress(page.items) };
    }
    const team = query.team;
    await this.requireVisible(team, credentials);
    const after = cursor === undefined ? undefined : decodeListCursor(cursor);
    const rows = (await store.listTeamRows(team)).filter(
      row => after === undefined || Number(row.campaignId) < after,
    );
    const campaigns: CampaignWithProgress[] = [];
    for (const row of rows) {
      if (campaigns.length === limit) break;
      const campaign = await store.get(row.campaignId);
      if (campaign) {
        const [withProgress] = await this.withProgress([campaign]);
        campaigns.push({
          ...withProgress,
          team: this.teamProgress(campaign, row),
        });
      }
    }
    const last = campaigns[campaigns.length - 1];
    const more =
      last && rows.some(row => Number(row.campaignId) < Number(last.id));
    return more
      ? { items: campaigns, nextCursor: encodeListCursor(last.id) }
      : { items: campaigns };
  }

  /** A campaign with its progress. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignWithProgress> {
    void credentials;
    return (await this.withProgress([await this.campaignOrThrow(id)]))[0];
  }

  /**
   * A campaign's progress and burn-up (from its start date), or, with
   * `team`, the team's.
   */
  async getProgress(
    id: string,
    query: { team?: EntityRefKey },
    credentials: BackstageCredentials,
  ): Promise<CampaignProgressReport> {
    checkTeam(query.team);
    const campaign = await this.campaignOrThrow(id);
    const [withProgress] = await this.withProgress([campaign]);
    const since = new Date(campaignMoments(campaign).startsAt);
    const stored = await this.options.store.listPoints(id);
    // The last point before the start too: the burn-up starts where the
    // campaign found the APIs.
    const firstAfter = stored.findIndex(
      p => Date.parse(p.computedAt) >= since.getTime(),
    );
    const from =
      firstAfter < 0
        ? Math.max(0, stored.length - 1)
        : Math.max(0, firstAfter - 1);
    const points = stored.slice(from);
    if (!query.team) {
      return {
        campaign: withProgress,
        points: withLatest(
          points.map(p => ({
            snapshotId: p.snapshotId,
            computedAt: p.computedAt,
            inScope: p.inScope,
            met: p.met,
          })),
          {
            progress: withProgress.progress,
            inScope: withProgress.progress.inScope,
            met: withProgress.progress.met,
          },
        ),
      };
    }
    await this.requireVisible(query.team, credentials);
    const row = await this.options.store.getTeam(id, query.team);
    if (!row) {
      throw new NotFoundError(
        `The campaign ${id} has no API of ${query.team} or its child groups in scope`,
      );
    }
    const team = this.teamProgress(campaign, row);
    return {
      campaign: { ...withProgress, team },
      points: withLatest(
        points.flatMap(p => {
          const counts = p.teams[query.team!];
          return counts
            ? [
                {
                  snapshotId: p.snapshotId,
                  computedAt: p.computedAt,
                  inScope: counts[0],
                  met: counts[1],
                },
              ]
            : [];
        }),
        { progress: withProgress.progress, ...team },
      ),
    };
  }

  /** A page of a campaign's teams the caller may see, most APIs remaining first. */
  async listTeams(
    id: string,
    page: CampaignPageRequest,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<CampaignTeamProgress>> {
    const request = pageOf(page);
    const campaign = await this.campaignOrThrow(id);
    const visibility = await this.options.visibility.forCaller(credentials);
    const teams = await fillPage(
      request,
      next => this.options.store.listTeams(id, next),
      rows => seenByRef(visibility, rows, row => row.groupRef),
    );
    return {
      ...teams,
      items: teams.items.map(row => this.teamProgress(campaign, row)),
    };
  }

  /**
   * A page of the APIs of a campaign that do not meet its goal and that the
   * caller may see, in entity ref order; with `team`, those the group owns
   * itself or through its child groups.
   */
  async listFailures(
    id: string,
    query: CampaignPageRequest & { team?: EntityRefKey },
    credentials: BackstageCredentials,
  ): Promise<ReportPage<CampaignFailingApi>> {
    const request = pageOf(query);
    checkTeam(query.team);
    await this.campaignOrThrow(id);
    const [visibility, ownerRefs] = await Promise.all([
      this.options.visibility.forCaller(credentials),
      this.ownerRefsOf(id, query.team, credentials),
    ]);
    if (ownerRefs && ownerRefs.length === 0) {
      return { items: [] };
    }
    return fillPage(
      request,
      next => this.options.store.listFailures(id, { ...next, ownerRefs }),
      apis => seenByRef(visibility, apis, api => api.entityRef),
    );
  }

  /**
   * Every failing API of a campaign the caller may see, as CSV chunks: the
   * header, then one chunk per store page. Checked before it resolves, so
   * a refusal is an error, not a truncated file.
   */
  async exportFailuresCsv(
    id: string,
    query: { team?: EntityRefKey },
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    checkTeam(query.team);
    await this.campaignOrThrow(id);
    const [visibility, ownerRefs] = await Promise.all([
      this.options.visibility.forCaller(credentials),
      this.ownerRefsOf(id, query.team, credentials),
    ]);
    const store = this.options.store;
    const read = (cursor?: string) =>
      ownerRefs && ownerRefs.length === 0
        ? Promise.resolve({ items: [] } as ReportPage<CampaignFailingApi>)
        : store.listFailures(id, {
            ownerRefs,
            limit: REPORT_PAGE_MAX_LIMIT,
            cursor,
          });
    const first = await read();
    return (async function* chunks() {
      yield csvHeader(FAILURE_COLUMNS);
      let page = first;
      for (;;) {
        const visible = await visibleByRef(
          visibility,
          page.items,
          api => api.entityRef,
        );
        let chunk = '';
        for (const api of visible) {
          chunk += csvRow(FAILURE_COLUMNS, {
            entityRef: api.entityRef,
            title: api.title,
            owner: api.owner,
            system: api.system,
            lifecycle: api.lifecycle,
            conditions: [...new Set(api.reasons.map(r => r.condition))].join(
              '; ',
            ),
            reasons: api.reasons.map(r => r.message).join('; '),
            fixes: [...new Set(api.reasons.map(r => r.fix))].join(' '),
          });
        }
        if (chunk) yield chunk;
        if (!page.nextCursor) return;
        try {
          page = await read(page.nextCursor);
        } catch (error) {
          if ((error as Error)?.name === 'ConflictError') {
            throw new ConflictError(
              'export: a newer snapshot replaced the progress during the export, so the file was cut short; export again',
              error,
            );
          }
          throw error;
        }
      }
    })();
  }

  /**
   * The campaigns an API in their scope fails, with why and what to do; a
   * NotFoundError when the caller may not read the API.
   */
  async listForApi(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<{ items: ApiCampaignFailure[] }> {
    await getEntityOrThrow(this.options.catalog, entityRef, credentials);
    const failures = await this.options.store.listFailuresOf(entityRef);
    const items: ApiCampaignFailure[] = [];
    for (const { campaignId, failure } of failures) {
      const campaign = await this.options.store.get(campaignId);
      if (campaign) {
        const [withProgress] = await this.withProgress([campaign]);
        items.push({ campaign: withProgress, reasons: failure.reasons });
      }
    }
    return { items };
  }

  /** The campaigns with their progress at `now`. */
  private async withProgress(
    campaigns: Campaign[],
  ): Promise<CampaignWithProgress[]> {
    const ids = campaigns.map(c => c.id);
    const [statuses, remaining] = await Promise.all([
      this.options.store.getStatuses(ids),
      this.options.store.countTeamsRemaining(ids),
    ]);
    const now = this.now();
    return campaigns.map(campaign =>
      withProgressOf(
        campaign,
        statuses.get(campaign.id),
        remaining.get(campaign.id) ?? 0,
        now,
      ),
    );
  }

  private teamProgress(
    campaign: Campaign,
    row: StoredCampaignTeam,
  ): CampaignTeamProgress {
    const counts = campaignCounts(row.inScope, row.met);
    return {
      groupRef: row.groupRef,
      title: row.title,
      ...counts,
      overdue:
        counts.remaining > 0 &&
        this.now().getTime() >= campaignMoments(campaign).overdueAt,
    };
  }

  /** The owner refs a `team` filter stands for; undefined without one. */
  private async ownerRefsOf(
    id: string,
    team: EntityRefKey | undefined,
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    if (!team) return undefined;
    await this.requireVisible(team, credentials);
    const row = await this.options.store.getTeam(id, team);
    return row ? row.ownerRefs : [];
  }

  private async requireVisible(
    groupRef: EntityRefKey,
    credentials: BackstageCredentials,
  ) {
    const visibility = await this.options.visibility.forCaller(credentials);
    if (!(await visibility.visible([groupRef])).has(groupRef)) {
      throw new NotFoundError(`No group ${groupRef} in the catalog`);
    }
  }

  private async campaignOrThrow(id: string): Promise<Campaign> {
    checkId(id);
    const campaign = await this.options.store.get(id);
    if (!campaign) {
      throw notFound(id);
    }
    return campaign;
  }

  private async parse(body: unknown, credentials: BackstageCredentials) {
    const parsed = parseCampaignRequest(body);
    if (!parsed.ok) {
      throw new InputError(parsed.message);
    }
    return checkCampaignReferences(parsed.value, {
      method: this.options.method,
      ruleIds: this.options.ruleIds(),
      catalog: this.options.catalog,
      credentials,
    });
  }

  private async requireManage(credentials: BackstageCredentials) {
    await requirePermission(
      this.options.permissions,
      credentials,
      { permission: apiopsCampaignManagePermission },
      'You may not manage campaigns (apiops.campaign.manage)',
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

/** A campaign with its progress at `now`, from its stored counts. */
function withProgressOf(
  campaign: Campaign,
  status: StoredCampaignStatus | undefined,
  teamsRemaining: number,
  now: Date,
): CampaignWithProgress {
  const counts = status
    ? campaignCounts(status.inScope, status.met)
    : campaignCounts(0, 0);
  const overdue = now.getTime() >= campaignMoments(campaign).overdueAt;
  return {
    ...campaign,
    progress: {
      ...counts,
      state: campaignStateOf(campaign, status ? counts : undefined, now),
      ...(status
        ? { snapshotId: status.snapshotId, computedAt: status.computedAt }
        : {}),
      outdated: !status || status.revision !== campaign.revision,
      overdueTeams: overdue ? teamsRemaining : 0,
      ...(status && status.withoutTeam.inScope > 0
        ? {
            withoutTeam: campaignCounts(
              status.withoutTeam.inScope,
              status.withoutTeam.met,
            ),
          }
        : {}),
    },
  };
}

/**
 * The burn-up points with the latest counts last: the stored points are
 * those that changed something, so the latest snapshot may be later than
 * the last of them.
 */
function withLatest(
  points: CampaignProgressPoint[],
  latest: {
    progress: { snapshotId?: string; computedAt?: string };
    inScope: number;
    met: number;
  },
): CampaignProgressPoint[] {
  const { snapshotId, computedAt } = latest.progress;
  if (!snapshotId || !computedAt) return points;
  const last = points[points.length - 1];
  if (last?.snapshotId === snapshotId) return points;
  return [
    ...points,
    { snapshotId, computedAt, inScope: latest.inScope, met: latest.met },
  ];
}

function principalOf(
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
): string {
  return credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : credentials.principal.subject;
}

function checkId(id: string) {
  if (!CAMPAIGN_ID.test(id)) {
    throw new InputError(
      `campaignId: '${id}' is not a campaign id (a whole number); take the id of a campaign of GET /campaigns`,
    );
  }
}

/** A `team` filter names a group. */
function checkTeam(team: string | undefined) {
  if (team !== undefined && !team.startsWith('group:')) {
    throw new InputError(`team: '${team}' is not a group`);
  }
}

function notFound(id: string) {
  return new NotFoundError(`No campaign ${id}`);
}

function pageOf(page: CampaignPageRequest): { limit: number; cursor?: string } {
  const { limit = DEFAULT_PAGE_LIMIT, cursor } = page;
  if (!Number.isInteger(limit) || limit < 1 || limit > REPORT_PAGE_MAX_LIMIT) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${REPORT_PAGE_MAX_LIMIT}`,
    );
  }
  if (cursor !== undefined && !cursor) {
    throw new InputError('cursor: must be the nextCursor of a previous page');
  }
  return { limit, cursor };
}

const LIST_CURSOR = /^c([1-9][0-9]{0,15})$/;

function encodeListCursor(id: string): string {
  return `c${id}`;
}

function decodeListCursor(cursor: string): number {
  const match = LIST_CURSOR.exec(cursor);
  if (!match) {
    throw new InputError(
      'cursor: is not a cursor of this list; pass the nextCursor of a previous page',
    );
  }
  return Number(match[1]);
}
