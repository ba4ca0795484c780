import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiChangeEvent,
  ApiChangeHistory,
  ApiVersionFamily,
  CHANGE_CLASSES,
  ChangeClass,
  ChangeReportPage,
  EntityRefKey,
  apiopsReportReadPermission,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { ChangeStore, ChangeEventQuery } from '../database/ChangeStore';
import {
  REPORT_PAGE_MAX_LIMIT,
  SnapshotStore,
} from '../database/SnapshotStore';
import { definitionHashOf } from '../evidence/definitionHash';
import type {
  CatalogVisibility,
  EntityVisibility,
} from '../services/CatalogVisibility';
import { optionalRefKey } from '../services/entityKeys';
import { getEntityOrThrow } from '../services/getEntityOrThrow';
import {
  fillPage,
  seenByRef,
  visibleByRef,
} from '../services/reportVisibility';
import { requirePermission } from '../services/requirePermission';
import { csvHeader, csvRow } from '../services/toCsv';
import { ChangeDiffer } from './ChangeDiffer';
import { ChangeRun } from './ChangeRun';
import {
  ChangeRuleSeverities,
  VersionSemantics,
  deprecationsAt,
} from './changeFindings';
import { VersionComparisons } from './VersionComparisons';

/**
 * `apiops.changes`, read: how the change detection works.
 *
 * @internal
 */
export interface ChangeSettings {
  enabled: boolean;
  /** Worker threads comparing definitions during a snapshot. */
  threads: number;
  /** Time one comparison may take on a thread. */
  timeoutMs: number;
  /** Time a snapshot compares definitions for; the rest waits for the next one. */
  budgetMs: number;
  /** Heap of a worker thread, in MB. */
  maxHeapMb: number;
  /** Changes kept per event (all are counted). */
  maxChangesPerEvent: number;
  /** Events kept per API (the oldest go first), besides the retention. */
  maxEventsPerApi: number;
  versionSemantics: VersionSemantics;
  severities: ChangeRuleSeverities;
}

/** A change report query as a caller sends it. */
export interface ChangeQueryRequest {
  class?: string;
  owner?: string;
  system?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}

const DEFAULT_PAGE_LIMIT = 100;
/** The page size of an API's history, as of its assessment history. */
const HISTORY_LIMITS = { default: 20, max: 100 };
const MAX = REPORT_PAGE_MAX_LIMIT;

/** One row of the changes CSV. */
interface ChangeCsvRow {
  detectedAt: string;
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  fromVersion?: string;
  toVersion?: string;
  breaking: number;
  nonBreaking: number;
  deprecated: number;
  annotation: number;
  unclassified: number;
  changeCount: number;
  breakingChanges: string;
  consumers: string;
  problem?: string;
}

const CSV_COLUMNS: ReadonlyArray<keyof ChangeCsvRow> = [
  'detectedAt',
  'entityRef',
  'title',
  'owner',
  'system',
  'fromVersion',
  'toVersion',
  'breaking',
  'nonBreaking',
  'deprecated',
  'annotation',
  'unclassified',
  'changeCount',
  'breakingChanges',
  'consumers',
  'problem',
];

/**
 * The change history of the APIs: the snapshot's {@link ChangeRun}, and
 * what the REST API and the MCP actions read of it (one API's history and
 * deprecations, its version family compared pair by pair, the changes
 * report with filters, pages and CSV). Every read needs
 * `apiops.report.read`; an API's history needs the API to be readable in
 * the catalog, lists show only the APIs and consumers the caller may read.
 *
 * @internal
 */
export class ChangeService {
  private readonly versions: VersionComparisons;

  private constructor(
    private readonly options: {
      store: ChangeStore;
      snapshots: SnapshotStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      visibility: CatalogVisibility;
      logger: LoggerService;
      settings: ChangeSettings;
    },
  ) {
    const { store, snapshots, catalog, logger, settings } = options;
    this.versions = VersionComparisons.create({
      store,
      snapshots,
      catalog,
      logger,
      settings,
    });
  }

  static create(options: ChangeService['options']): ChangeService {
    return new ChangeService(options);
  }

  get settings(): ChangeSettings {
    return this.options.settings;
  }

  /** The change detection of one snapshot run; none when it is disabled. */
  startRun(snapshotId: string): ChangeRun | undefined {
    const { settings, store, logger } = this.options;
    if (!settings.enabled) return undefined;
    return new ChangeRun(
      snapshotId,
      store,
      ChangeDiffer.create({
        threads: settings.threads,
        timeoutMs: settings.timeoutMs,
        maxHeapMb: settings.maxHeapMb,
        logger,
      }),
      {
        maxChangesPerEvent: settings.maxChangesPerEvent,
        versionSemantics: settings.versionSemantics,
        severities: settings.severities,
        deadline: Date.now() + settings.budgetMs,
        concurrency: settings.threads * 2,
      },
      logger,
    );
  }

  /** One API's change history, newest first, and its deprecations. */
  async getHistory(
    entityRef: EntityRefKey,
    request: { limit?: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<ApiChangeHistory> {
    await this.requireReportRead(credentials);
    const visibility = await this.options.visibility.forCaller(credentials);
    const entity = await getEntityOrThrow(
      this.options.catalog,
      entityRef,
      credentials,
    );
    const { limit, cursor } = pageOf(request, HISTORY_LIMITS);
    const key = entityRefKey(entity);
    const [page, heads, snapshot] = await Promise.all([
      this.options.store.listEvents({ entityRef: key, limit, cursor }),
      this.options.store.getHeads([key]),
      this.options.snapshots.getInfo(),
    ]);
    const head = heads.get(key);
    const hash = definitionHashOf(entity as Entity);
    // The deprecations of the current definition, as last compared.
    const facts =
      head && head.definitionHash === hash
        ? (await this.options.store.getFacts([head.definitionHash])).get(
            head.definitionHash,
          )
        : undefined;
    return {
      items: await Promise.all(
        page.items.map(e => this.shownConsumers(e, visibility)),
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      ...(head ? { baselineAt: head.baselineAt } : {}),
      deprecations: deprecationsAt(facts?.deprecations ?? [], new Date()),
      snapshot,
    };
  }

  /** A page of the changes report, newest first. */
  async listChanges(
    request: ChangeQueryRequest,
    credentials: BackstageCredentials,
  ): Promise<ChangeReportPage> {
    const visibility = await this.authorize(credentials);
    const { limit, cursor, ...filters } = await this.query(request);
    const [page, snapshot] = await Promise.all([
      fillPage(
        { limit, cursor },
        next => this.options.store.listEvents({ ...filters, ...next }),
        rows => seenByRef(visibility, rows, row => row.entityRef),
      ),
      this.options.snapshots.getInfo(),
    ]);
    return {
      items: await Promise.all(
        page.items.map(e => this.shownConsumers(e, visibility)),
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      snapshot,
    };
  }

  /** Every change that matches, as CSV chunks (checked before the first). */
  async exportChangesCsv(
    request: ChangeQueryRequest,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    const visibility = await this.authorize(credentials);
    const {
      limit: _l,
      cursor: _c,
      ...filters
    } = await this.query({ ...request, limit: MAX });
    const store = this.options.store;
    const shown = async (items: ApiChangeEvent[]) =>
      Promise.all(
        (await visibleByRef(visibility, items, e => e.entityRef)).map(e =>
          this.shownConsumers(e, visibility),
        ),
      );
    let page = await store.listEvents({ ...filters, limit: MAX });
    let rows = await shown(page.items);
    return (async function* chunks() {
      yield csvHeader(CSV_COLUMNS);
      for (;;) {
        let chunk = '';
        for (const e of rows) {
          chunk += csvRow<ChangeCsvRow>(CSV_COLUMNS, {
            detectedAt: e.detectedAt,
            entityRef: e.entityRef,
            title: e.title,
            owner: e.owner,
            system: e.system,
            fromVersion: e.fromVersion,
            toVersion: e.toVersion,
            breaking: e.counts.breaking,
            nonBreaking: e.counts['non-breaking'],
            deprecated: e.counts.deprecated,
            annotation: e.counts.annotation,
            unclassified: e.counts.unclassified,
            changeCount: e.changeCount,
            breakingChanges: e.changes
              .filter(c => c.class === 'breaking')
              .map(c => c.description)
              .join('; '),
            consumers: e.consumers.map(c => c.entityRef).join(' '),
            problem: e.problem,
          });
        }
        if (chunk) yield chunk;
        if (!page.nextCursor) return;
        page = await store.listEvents({
          ...filters,
          limit: MAX,
          cursor: page.nextCursor,
        });
        rows = await shown(page.items);
      }
    })();
  }

  /**
   * The API's version family (the version-sprawl cluster of the latest
   * snapshot), oldest major first, with each consecutive pair compared on a
   * worker thread (cached by the pair of definition hashes): see
   * {@link VersionComparisons}.
   */
  async getVersionFamily(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<ApiVersionFamily> {
    await this.requireReportRead(credentials);
    return this.versions.getVersionFamily(entityRef, credentials);
  }

  /** The consumers of an event the caller may read. */
  private async shownConsumers(
    event: ApiChangeEvent,
    visibility: EntityVisibility,
  ): Promise<ApiChangeEvent> {
    if (visibility.all || event.consumers.length === 0) return event;
    const consumers = await visibleByRef(visibility, event.consumers, c =>
      c.entityRef.toLocaleLowerCase('en-US'),
    );
    return consumers.length === event.consumers.length
      ? event
      : { ...event, consumers };
  }

  private async query(
    request: ChangeQueryRequest,
  ): Promise<Omit<ChangeEventQuery, 'entityRef'>> {
    const { limit, cursor } = pageOf(request);
    if (
      request.class !== undefined &&
      !CHANGE_CLASSES.includes(request.class as ChangeClass)
    ) {
      throw new InputError(
        `class: must be one of ${CHANGE_CLASSES.join(', ')}`,
      );
    }
    let since: Date | undefined;
    if (request.since !== undefined) {
      const time = Date.parse(request.since);
      if (!/^\d{4}-\d{2}-\d{2}/.test(request.since) || Number.isNaN(time)) {
        throw new InputError(
          'since: must be an ISO 8601 date or time, e.g. 2026-12-01',
        );
      }
      since = new Date(time);
    }
    const owner = optionalRefKey(request.owner, 'group', 'owner');
    return {
      ...(request.class ? { class: request.class as ChangeClass } : {}),
      ...(owner ? { owners: await this.options.store.ownerRefsOf(owner) } : {}),
      ...(request.system !== undefined
        ? { system: optionalRefKey(request.system, 'system', 'system') }
        : {}),
      ...(since ? { since } : {}),
      limit,
      cursor,
    };
  }

  private async authorize(credentials: BackstageCredentials) {
    const [, visibility] = await Promise.all([
      this.requireReportRead(credentials),
      this.options.visibility.forCaller(credentials),
    ]);
    return visibility;
  }

  private async requireReportRead(credentials: BackstageCredentials) {
    await requirePermission(this.options.permissions, credentials, {
      permission: apiopsReportReadPermission,
    });
  }
}

function pageOf(
  request: { limit?: number; cursor?: string },
  limits = { default: DEFAULT_PAGE_LIMIT, max: MAX },
): {
  limit: number;
  cursor?: string;
} {
  const { limit = limits.default, cursor } = request;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.max) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${limits.max}`,
    );
  }
  if (cursor !== undefined && !cursor) {
    throw new InputError('cursor: must be the nextCursor of a previous page');
  }
  return { limit, cursor };
}
