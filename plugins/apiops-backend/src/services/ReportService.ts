import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ApiSnapshotResult,
  ClusterMemberPage,
  FRAGMENTATION_TYPES,
  FragmentationCluster,
  FragmentationDismissal,
  FragmentationType,
  GOVERNANCE_STATUSES,
  GovernanceStatus,
  OWNER_GAP_TYPES,
  OwnerGapType,
  OwnershipGapRow,
  ReportSummary,
  SnapshotCounts,
  TEAM_API_SORTS,
  TeamApiPage,
  TeamApiSort,
  TeamRollup,
  apiopsReportReadPermission,
} from '@apiops-backstage/plugin-apiops-common';
import {
  REPORT_PAGE_MAX_LIMIT,
  ReportPage,
  SnapshotStore,
} from '../database/SnapshotStore';
import { CatalogVisibility } from './CatalogVisibility';
import { EntityPathParts, groupEntityKey, optionalRefKey } from './entityKeys';
import { capClusterMembers } from './capClusterMembers';
import { requirePermission } from './requirePermission';
import {
  fillPage,
  seenByRef,
  seenClusters,
  visibleByRef,
  visibleClusters,
} from './reportVisibility';
import { csvHeader, csvRow } from './toCsv';

/** The page of a report a caller asks for; the service applies the defaults. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/**
 * A report query as a caller sends it: refs may be short, types unchecked.
 * The ownership report takes several types (any of them); the others one.
 */
export interface ReportQuery extends PageRequest {
  type?: string | readonly string[];
  /** APIs report only: APIs of any of these governance statuses. */
  governance?: string | readonly string[];
  owner?: string;
  system?: string;
  /** Fragmentation only: `include` (the default), `exclude` or `only`. */
  dismissed?: string;
}

/** The page of a team's APIs a caller asks for: order and search too. */
export interface TeamApiRequest extends PageRequest {
  /** One of `TEAM_API_SORTS`; `title` when not given. */
  sort?: string;
  /** Text to look for in the titles and names. */
  search?: string;
}

/** The longest text a team's APIs are searched for. */
const SEARCH_MAX = 200;

/** The values of the `dismissed` filter of the fragmentation report. */
const DISMISSED_FILTERS = ['include', 'exclude', 'only'] as const;

/**
 * The most points of the trend of the summary, whatever the retention: evenly
 * spaced in time, the first and the latest always kept.
 */
export const TREND_MAX_POINTS = 200;

/** What a cluster id looks like: `<type>-<hash>`. */
const CLUSTER_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The number of items of a report page when the caller names none. */
const DEFAULT_PAGE_LIMIT = 100;

/** The most items of a report page, and the page size of the CSV exports. */
const MAX = REPORT_PAGE_MAX_LIMIT;

/** One row of the fragmentation CSV: one member of one cluster. */
interface FragmentationCsvRow {
  clusterId: string;
  type: string;
  score: number;
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  sharedOperationCount: number;
  message: string;
  dismissalVerdict?: string;
  dismissalReason?: string;
  dismissedBy?: string;
  dismissedAt?: string;
}

const FRAGMENTATION_COLUMNS: ReadonlyArray<keyof FragmentationCsvRow> = [
  'clusterId',
  'type',
  'score',
  'entityRef',
  'title',
  'owner',
  'system',
  'sharedOperationCount',
  'message',
  'dismissalVerdict',
  'dismissalReason',
  'dismissedBy',
  'dismissedAt',
];

/** One row of the APIs CSV: one API. */
interface ApiCsvRow {
  entityRef: string;
  title: string;
  owner?: string;
  declaredOwner?: string;
  system?: string;
  lifecycle?: string;
  cycle: string;
  station: string;
  governance: string;
  findings: number;
  gaps: number;
}

const API_COLUMNS: ReadonlyArray<keyof ApiCsvRow> = [
  'entityRef',
  'title',
  'owner',
  'declaredOwner',
  'system',
  'lifecycle',
  'cycle',
  'station',
  'governance',
  'findings',
  'gaps',
];

const GAP_COLUMNS: ReadonlyArray<keyof OwnershipGapRow & string> = [
  'entityRef',
  'title',
  'owner',
  'declaredOwner',
  'system',
  'type',
  'severity',
  'message',
];

/**
 * The catalog-wide reports, read from the latest snapshot: the summary, the
 * APIs, the ownership gaps, the fragmentation clusters (each with at most
 * `CLUSTER_MEMBERS_MAX` members, see {@link capClusterMembers}) and the
 * members of one, the teams and a team's APIs, and the CSV exports (every
 * member). Every method checks `apiops.report.read` and
 * normalises the query (short refs, page limits), so REST and MCP get the
 * same answer to the same question. Lists show only the APIs and groups the
 * caller may read in the catalog (see {@link CatalogVisibility}), in pages
 * that stay full; the summary counts are catalog-wide aggregates.
 *
 * @internal
 */
export class ReportService {
  private constructor(
    private readonly permissions: PermissionsService,
    private readonly snapshots: SnapshotStore,
    private readonly visibility: CatalogVisibility,
    private readonly retentionDays: number,
  ) {}

  static create(options: {
    permissions: PermissionsService;
    snapshots: SnapshotStore;
    /** What each caller may read of the catalog. */
    visibility: CatalogVisibility;
    /** Days of history in the trend of the summary. */
    retentionDays: number;
  }): ReportService {
    return new ReportService(
      options.permissions,
      options.snapshots,
      options.visibility,
      options.retentionDays,
    );
  }

  /**
   * The counts of the latest snapshot, with their trend and derived totals.
   * The fragmentation clusters by type leave out those dismissed, counted
   * apart (as they are now: a dismissal counts at once); the trend keeps
   * the counts as each snapshot found them.
   */
  async getSummary(credentials: BackstageCredentials): Promise<ReportSummary> {
    // Catalog-wide aggregates: no visibility decision to take.
    await this.requireReportRead(credentials);
    const since = new Date(
      Date.now() - this.retentionDays * 24 * 60 * 60 * 1000,
    );
    const [snapshot, counts, trend, dismissed] = await Promise.all([
      this.snapshots.getInfo(),
      this.snapshots.getCurrentCounts(),
      this.snapshots.listHistory(since, TREND_MAX_POINTS),
      this.snapshots.countDismissedClusters(),
    ]);
    const summary = withTotals({
      apis: 0,
      byStation: {},
      byStatus: {},
      byGapType: {},
      byFindingType: {},
      ...counts,
    });
    if (summary.byFragmentationType) {
      summary.byFragmentationType = withoutDismissed(
        summary.byFragmentationType,
        dismissed,
      );
    }
    return {
      ...summary,
      dismissedByFragmentationType: dismissed,
      snapshot,
      trend: trend.map(withTotals),
    };
  }

  /**
   * A page of the APIs of the latest snapshot, by entity ref, filtered by
   * governance status (any of several), owner and system.
   */
  async listApis(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<ApiSnapshotResult>> {
    const visibility = await this.authorize(credentials);
    const { limit, cursor, ...filters } = apisQuery(query);
    return fillPage(
      { limit, cursor },
      page => this.snapshots.listApis({ ...filters, ...page }),
      apis => seenByRef(visibility, apis, api => api.entityRef),
    );
  }

  /**
   * Every API that matches the filters, as CSV chunks, one row per API;
   * checked and streamed as {@link ReportService.exportOwnershipGapsCsv}.
   */
  async exportApisCsv(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    const visibility = await this.authorize(credentials);
    const filters = apisQuery(query);
    return csvChunks(
      API_COLUMNS,
      await pages(
        cursor => this.snapshots.listApis({ ...filters, cursor, limit: MAX }),
        apis => visibleByRef(visibility, apis, api => api.entityRef),
      ),
      api => [
        {
          entityRef: api.entityRef,
          title: api.title,
          owner: api.owner.ref,
          declaredOwner: api.owner.declared,
          system: api.system,
          lifecycle: api.lifecycle,
          cycle: api.station.cycle,
          station: api.station.id,
          governance: api.governance.status,
          findings: api.governance.findings.length,
          gaps: api.owner.gaps.length,
        },
      ],
    );
  }

  /** A page of the ownership gaps, one row per gap. */
  async listOwnershipGaps(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<OwnershipGapRow>> {
    const visibility = await this.authorize(credentials);
    const { limit, cursor, ...filters } = ownershipQuery(query);
    return fillPage(
      { limit, cursor },
      page => this.snapshots.listOwnershipGaps({ ...filters, ...page }),
      gaps => seenByRef(visibility, gaps, gap => gap.entityRef),
    );
  }

  /**
   * Every ownership gap that matches the filters, as CSV chunks: the header
   * line, then the rows of one store page per chunk. The permission, the
   * query and the first page are checked before this resolves, so a refusal
   * or a failing store is an error, not a truncated file; the other pages are
   * read as the chunks are consumed, one at a time.
   */
  async exportOwnershipGapsCsv(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    const visibility = await this.authorize(credentials);
    const filters = ownershipQuery(query);
    return csvChunks(
      GAP_COLUMNS,
      await pages(
        cursor =>
          this.snapshots.listOwnershipGaps({ ...filters, cursor, limit: MAX }),
        gaps => visibleByRef(visibility, gaps, gap => gap.entityRef),
      ),
      gap => [gap],
    );
  }

  /** A page of the fragmentation clusters, highest score first. */
  async listFragmentation(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<FragmentationCluster>> {
    const visibility = await this.authorize(credentials);
    const { limit, cursor, ...filters } = fragmentationQuery(query);
    const page = await fillPage(
      { limit, cursor },
      next => this.snapshots.listFragmentation({ ...filters, ...next }),
      clusters => seenClusters(visibility, clusters),
    );
    return {
      ...page,
      items: page.items.map(cluster => capClusterMembers(cluster)),
    };
  }

  /**
   * A page of the members of one cluster of the latest snapshot, in the
   * cluster's order (the clusters of the report list only the first
   * `CLUSTER_MEMBERS_MAX`). A caller who may not read every member in the
   * catalog sees the members it may read, counted as such, as the report
   * shows the cluster; a cluster the latest snapshot does not have, or with
   * fewer than two members the caller may read, is a NotFoundError naming it.
   */
  async listClusterMembers(
    clusterId: string,
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<ClusterMemberPage> {
    const visibility = await this.authorize(credentials);
    if (!CLUSTER_ID.test(clusterId)) {
      throw new InputError(
        'clusterId: not a cluster id (letters, digits and -, at most 64); take the id of a cluster of the fragmentation report',
      );
    }
    const request = pageQuery(page);
    const notFound = () =>
      new NotFoundError(
        `The latest snapshot has no fragmentation cluster ${clusterId}`,
      );
    if (visibility.all) {
      const found = await this.snapshots.listClusterMembers(clusterId, request);
      if (!found) {
        throw notFound();
      }
      return {
        clusterId,
        memberCount: found.memberCount,
        ...dismissalField(found.dismissal),
        ...found.page,
      };
    }
    // Only some members may be visible: count the visible ones (the
    // cluster's whole member list, checked in batches), then fill the page.
    let memberCount = 0;
    let dismissal: FragmentationDismissal | undefined;
    let cursor: string | undefined;
    do {
      const found = await this.snapshots.listClusterMembers(clusterId, {
        limit: MAX,
        cursor,
      });
      if (!found) {
        throw notFound();
      }
      dismissal = found.dismissal;
      memberCount += (
        await visibleByRef(visibility, found.page.items, m => m.entityRef)
      ).length;
      cursor = found.page.nextCursor;
    } while (cursor);
    if (memberCount < 2) {
      throw notFound();
    }
    const members = await fillPage(
      request,
      async next => {
        const found = await this.snapshots.listClusterMembers(clusterId, next);
        if (!found) {
          throw notFound();
        }
        return found.page;
      },
      items => seenByRef(visibility, items, m => m.entityRef),
    );
    return { clusterId, memberCount, ...dismissalField(dismissal), ...members };
  }

  /**
   * Every cluster that matches the filters as CSV chunks, one row per member;
   * checked and streamed as {@link ReportService.exportOwnershipGapsCsv}.
   */
  async exportFragmentationCsv(
    query: ReportQuery,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    const visibility = await this.authorize(credentials);
    const filters = fragmentationQuery(query);
    return csvChunks(
      FRAGMENTATION_COLUMNS,
      await pages(
        cursor =>
          this.snapshots.listFragmentation({ ...filters, cursor, limit: MAX }),
        clusters => visibleClusters(visibility, clusters),
      ),
      cluster =>
        cluster.members.map(member => ({
          clusterId: cluster.id,
          type: cluster.type,
          score: cluster.score,
          entityRef: member.entityRef,
          title: member.title,
          owner: member.owner,
          system: member.system,
          sharedOperationCount: cluster.sharedOperationCount,
          message: cluster.message,
          dismissalVerdict: cluster.dismissal?.verdict,
          dismissalReason: cluster.dismissal?.reason,
          dismissedBy: cluster.dismissal?.dismissedBy,
          dismissedAt: cluster.dismissal?.dismissedAt,
        })),
    );
  }

  /** A page of the team rollups. */
  async listTeams(
    page: PageRequest,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<TeamRollup>> {
    const visibility = await this.authorize(credentials);
    return fillPage(
      pageQuery(page),
      request => this.snapshots.listTeams(request),
      teams => seenByRef(visibility, teams, team => team.groupRef),
    );
  }

  /**
   * The APIs a group owns, itself or through its child groups, in the
   * order asked (by the title shown by default) and those whose title or
   * name contains `search` when given. A group that owns no API in the
   * latest snapshot, or that the caller may not read in the catalog, is a
   * NotFoundError (the same one: a hidden group does not show that it
   * exists). The team's counts are as stored (whatever the search), with
   * the snapshot they come from.
   */
  async listTeamApis(
    team: string | EntityPathParts,
    page: TeamApiRequest,
    credentials: BackstageCredentials,
  ): Promise<TeamApiPage> {
    const visibility = await this.authorize(credentials);
    const groupRef = groupEntityKey(team);
    const request = pageQuery(page);
    const order = {
      sort: teamApiSort(page.sort),
      search: searchText(page.search),
    };
    const notFound = new NotFoundError(
      `The latest snapshot has no API owned by ${groupRef} or its child groups`,
    );
    if (!(await visibility.visible([groupRef])).has(groupRef)) {
      throw notFound;
    }
    let rollup: TeamRollup | undefined;
    const apis = await fillPage(
      request,
      async next => {
        const found = await this.snapshots.listTeamApis(groupRef, {
          ...next,
          ...order,
        });
        if (!found) {
          throw notFound;
        }
        rollup = found.team;
        return found.page;
      },
      results => seenByRef(visibility, results, api => api.entityRef),
    );
    if (!rollup) {
      throw notFound;
    }
    return { team: rollup, ...apis, snapshot: await this.snapshots.getInfo() };
  }

  /**
   * Checks `apiops.report.read` and decides what the caller may see of the
   * catalog (one decision per request), both at once.
   */
  private async authorize(credentials: BackstageCredentials) {
    const [, visibility] = await Promise.all([
      this.requireReportRead(credentials),
      this.visibility.forCaller(credentials),
    ]);
    return visibility;
  }

  private async requireReportRead(credentials: BackstageCredentials) {
    await requirePermission(this.permissions, credentials, {
      permission: apiopsReportReadPermission,
    });
  }
}

/**
 * Adds the totals the frontend shows: `gaps`, every ownership gap, and
 * `unowned`, the APIs with nobody real as owner (an `owner-missing` or an
 * `owner-unresolved` gap; an API has at most one of the two, so the sum
 * counts APIs).
 */
function withTotals<T extends SnapshotCounts>(counts: T) {
  const byGapType: Partial<Record<string, number>> = counts.byGapType;
  return {
    ...counts,
    unowned:
      (byGapType['owner-missing'] ?? 0) + (byGapType['owner-unresolved'] ?? 0),
    gaps: Object.values(byGapType).reduce<number>(
      (sum, count) => sum + (count ?? 0),
      0,
    ),
  };
}

/**
 * The pages of a report, the first read now (so that its failure is the
 * caller's error), each next one when the previous one has been consumed.
 * The pages after the first follow its cursors, which are bound to the
 * snapshot of the first page: when a newer snapshot replaces it during the
 * export, the pages stop with a `ConflictError` rather than mixing two
 * snapshots in one file.
 */
async function pages<T>(
  read: (cursor: string | undefined) => Promise<ReportPage<T>>,
  keep: (items: T[]) => Promise<T[]>,
): Promise<AsyncIterable<T[]>> {
  const first = await read(undefined);
  const firstItems = await keep(first.items);
  return (async function* rest() {
    let page = first;
    let items = firstItems;
    for (;;) {
      yield items;
      if (!page.nextCursor) {
        return;
      }
      try {
        page = await read(page.nextCursor);
      } catch (error) {
        if ((error as Error)?.name === 'ConflictError') {
          throw new ConflictError(
            'export: a newer snapshot replaced the results during the export, so the file was cut short rather than mix two snapshots; export again',
            error,
          );
        }
        throw error;
      }
      items = await keep(page.items);
    }
  })();
}

/** The CSV header line, then the rows of each page as one chunk. */
async function* csvChunks<T, R extends object>(
  columns: ReadonlyArray<keyof R & string>,
  items: AsyncIterable<T[]>,
  rowsOf: (item: T) => R[],
): AsyncGenerator<string> {
  yield csvHeader(columns);
  for await (const page of items) {
    let chunk = '';
    for (const item of page) {
      for (const row of rowsOf(item)) {
        chunk += csvRow(columns, row);
      }
    }
    if (chunk) {
      yield chunk;
    }
  }
}

/** The order of a team's APIs; a 400 naming `sort` for another. */
function teamApiSort(sort: string | undefined): TeamApiSort | undefined {
  if (
    sort !== undefined &&
    !(TEAM_API_SORTS as readonly string[]).includes(sort)
  ) {
    throw new InputError(`sort: must be one of ${TEAM_API_SORTS.join(', ')}`);
  }
  return sort as TeamApiSort | undefined;
}

/** The text to search for, trimmed; none when blank. */
function searchText(search: string | undefined): string | undefined {
  if (search === undefined) {
    return undefined;
  }
  const text = search.trim();
  if (text.length > SEARCH_MAX) {
    throw new InputError(`search: must be at most ${SEARCH_MAX} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new InputError('search: must not contain control characters');
  }
  return text || undefined;
}

function pageQuery(page: PageRequest): { limit: number; cursor?: string } {
  const { limit = DEFAULT_PAGE_LIMIT, cursor } = page;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX) {
    throw new InputError(`limit: must be a whole number from 1 to ${MAX}`);
  }
  if (cursor !== undefined && !cursor) {
    throw new InputError('cursor: must be the nextCursor of a previous page');
  }
  return { limit, cursor };
}

function filterQuery(query: ReportQuery) {
  return {
    owner: optionalRefKey(query.owner, 'group', 'owner'),
    system: optionalRefKey(query.system, 'system', 'system'),
    ...pageQuery(query),
  };
}

function ownershipQuery(query: ReportQuery) {
  const { type } = query;
  const types = typeof type === 'string' ? [type] : type;
  return {
    types: types?.length
      ? [...new Set(types.map(t => oneOf<OwnerGapType>(t, OWNER_GAP_TYPES)!))]
      : undefined,
    ...filterQuery(query),
  };
}

function apisQuery(query: ReportQuery) {
  const { governance } = query;
  const statuses = typeof governance === 'string' ? [governance] : governance;
  for (const status of statuses ?? []) {
    if (!(GOVERNANCE_STATUSES as readonly string[]).includes(status)) {
      throw new InputError(
        `governance: must be one of ${GOVERNANCE_STATUSES.join(', ')}`,
      );
    }
  }
  return {
    governance: statuses?.length
      ? [...new Set(statuses as GovernanceStatus[])]
      : undefined,
    ...filterQuery(query),
  };
}

function fragmentationQuery(query: ReportQuery) {
  const { dismissed } = query;
  if (
    dismissed !== undefined &&
    !(DISMISSED_FILTERS as readonly string[]).includes(dismissed)
  ) {
    throw new InputError(
      `dismissed: must be one of ${DISMISSED_FILTERS.join(', ')}`,
    );
  }
  return {
    type: oneOf<FragmentationType>(
      typeof query.type === 'string' || query.type === undefined
        ? query.type
        : onlyOne(query.type),
      FRAGMENTATION_TYPES,
    ),
    dismissed: dismissed as (typeof DISMISSED_FILTERS)[number] | undefined,
    ...filterQuery(query),
  };
}

/** `{ dismissal }` when there is one, else nothing (no undefined field). */
function dismissalField(dismissal: FragmentationDismissal | undefined) {
  return dismissal ? { dismissal } : {};
}

/** The counts by type less the dismissed clusters of each type (none left out). */
function withoutDismissed(
  byType: Partial<Record<FragmentationType, number>>,
  dismissed: Partial<Record<FragmentationType, number>>,
): Partial<Record<FragmentationType, number>> {
  const result: Partial<Record<FragmentationType, number>> = {};
  for (const [type, count] of Object.entries(byType) as Array<
    [FragmentationType, number]
  >) {
    const open = count - (dismissed[type] ?? 0);
    // Types with none are left out, as in the snapshot's counts.
    if (open > 0) result[type] = open;
  }
  return result;
}

/** The one type of a filter that takes one; several are a 400 naming `type`. */
function onlyOne(values: readonly string[]): string | undefined {
  if (values.length > 1) {
    throw new InputError('type: must be given once');
  }
  return values[0];
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new InputError(`type: must be one of ${allowed.join(', ')}`);
  }
  return value as T | undefined;
}
