import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { OwnershipGapRow } from '@apiops-backstage/plugin-apiops-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import {
  REPORT_PAGE_MAX_LIMIT,
  SnapshotStore,
  StoredApiResult,
} from '../database/SnapshotStore';
import { CatalogVisibility } from './CatalogVisibility';
import { ReportService, TREND_MAX_POINTS } from './ReportService';

const credentials = mockCredentials.user('user:default/ada');

const byGapType = {
  'owner-missing': 2,
  'owner-unresolved': 1,
  'owner-not-group': 1,
  'owner-mismatch': 3,
} as const;

function gap(entityRef: string, message: string): OwnershipGapRow {
  return {
    entityRef,
    title: entityRef,
    type: 'owner-missing',
    severity: 'error',
    message,
  };
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) {
    all += chunk;
  }
  return all;
}

function createService(
  options: {
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    store?: Partial<SnapshotStore>;
  } = {},
) {
  const store = {
    getInfo: jest.fn().mockResolvedValue({ stale: false, id: '1' }),
    getCurrentCounts: jest.fn().mockResolvedValue({
      apis: 7,
      byStation: {},
      byStatus: {},
      byGapType,
      byFindingType: {},
    }),
    listHistory: jest.fn().mockResolvedValue([
      {
        snapshotId: '1',
        computedAt: '2026-12-01T00:00:00.000Z',
        apis: 7,
        byStation: {},
        byStatus: {},
        byGapType: { 'owner-mismatch': 4 },
        byFindingType: {},
      },
    ]),
    listTeamApis: jest.fn().mockResolvedValue(undefined),
    listOwnershipGaps: jest.fn(),
    countDismissedClusters: jest.fn().mockResolvedValue({}),
    ...options.store,
  } as unknown as SnapshotStore;
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result: options.result ?? AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  });
  const service = ReportService.create({
    permissions,
    snapshots: store,
    visibility: CatalogVisibility.create({
      permissions,
      catalog: catalogServiceMock(),
    }),
    retentionDays: 90,
  });
  return { service, store };
}

describe('ReportService', () => {
  it('counts APIs with a missing or unresolved owner as unowned, and adds up the gaps', async () => {
    const { service } = createService();
    const summary = await service.getSummary(credentials);
    expect(summary).toMatchObject({ apis: 7, unowned: 3, gaps: 7 });
    expect(summary.trend[0]).toMatchObject({ unowned: 0, gaps: 4 });
  });

  it('asks the store for a trend of at most TREND_MAX_POINTS points', async () => {
    const { service, store } = createService();
    await service.getSummary(credentials);
    expect(store.listHistory).toHaveBeenCalledWith(
      expect.any(Date),
      TREND_MAX_POINTS,
    );
    expect(TREND_MAX_POINTS).toBe(200);
  });

  it('gives zero totals before the first snapshot', async () => {
    const { service } = createService({
      store: {
        getCurrentCounts: jest.fn().mockResolvedValue(undefined),
        listHistory: jest.fn().mockResolvedValue([]),
      },
    });
    await expect(service.getSummary(credentials)).resolves.toMatchObject({
      apis: 0,
      unowned: 0,
      gaps: 0,
      trend: [],
    });
  });

  it('refuses every report when the policy denies apiops.report.read', async () => {
    const { service, store } = createService({ result: AuthorizeResult.DENY });
    await expect(service.getSummary(credentials)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(service.listTeamApis('bank', {}, credentials)).rejects.toThrow(
      NotAllowedError,
    );
    expect(store.listTeamApis).not.toHaveBeenCalled();
  });

  it('answers NotFoundError for a team that owns no API', async () => {
    const { service, store } = createService();
    await expect(
      service.listTeamApis('Nobody', {}, credentials),
    ).rejects.toThrow(
      new NotFoundError(
        'The latest snapshot has no API owned by group:default/nobody or its child groups',
      ),
    );
    expect(store.listTeamApis).toHaveBeenCalledWith('group:default/nobody', {
      limit: 100,
      cursor: undefined,
    });
  });

  it('normalises short refs and names the field of bad input', async () => {
    const { service, store } = createService({
      store: {
        listOwnershipGaps: jest.fn().mockResolvedValue({ items: [] }),
      },
    });
    await service.listOwnershipGaps(
      { owner: 'Payments', system: 'core', limit: 5 },
      credentials,
    );
    expect(store.listOwnershipGaps).toHaveBeenCalledWith({
      type: undefined,
      owner: 'group:default/payments',
      system: 'system:default/core',
      limit: 5,
      cursor: undefined,
    });
    for (const [query, field] of [
      [{ type: 'owner-lost' }, 'type'],
      [{ owner: ':not:a/ref' }, 'owner'],
      [{ system: '' }, 'system'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ cursor: '' }, 'cursor'],
    ] as const) {
      await expect(
        service.listOwnershipGaps(query, credentials),
      ).rejects.toThrow(new RegExp(`^${field}: `));
    }
  });

  it('exports every page as CSV, guarding cells against formula injection', async () => {
    const { service } = createService({
      store: {
        listOwnershipGaps: jest
          .fn()
          .mockResolvedValueOnce({
            items: [gap('api:default/a', '=HYPERLINK("x")')],
            nextCursor: 'c',
          })
          .mockResolvedValueOnce({ items: [gap('api:default/b', 'b, too')] }),
      },
    });
    const csv = await text(
      await service.exportOwnershipGapsCsv({}, credentials),
    );
    expect(csv.split('\r\n')).toEqual([
      'entityRef,title,owner,declaredOwner,system,type,severity,message',
      `api:default/a,api:default/a,,,,owner-missing,error,"'=HYPERLINK(""x"")"`,
      'api:default/b,api:default/b,,,,owner-missing,error,"b, too"',
      '',
    ]);
  });

  it('streams a multi-page export completely and in order, one store page at a time', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      gap(`api:default/api-${String(i).padStart(4, '0')}`, `gap ${i}`),
    );
    const listOwnershipGaps = jest.fn(
      async (query: { limit: number; cursor?: string }) => {
        const start = query.cursor ? Number(query.cursor) : 0;
        const end = start + query.limit;
        return {
          items: rows.slice(start, end),
          nextCursor: end < rows.length ? String(end) : undefined,
        };
      },
    );
    const { service } = createService({ store: { listOwnershipGaps } });
    const chunks = await service.exportOwnershipGapsCsv({}, credentials);
    // The first page is read before the answer starts, the others on demand.
    expect(listOwnershipGaps).toHaveBeenCalledTimes(1);
    const lines = (await text(chunks)).split('\r\n');
    expect(listOwnershipGaps).toHaveBeenCalledTimes(3);
    expect(listOwnershipGaps.mock.calls.map(([q]) => q.cursor)).toEqual([
      undefined,
      '1000',
      '2000',
    ]);
    expect(lines).toHaveLength(1 + 2500 + 1);
    expect(lines.slice(1, -1)).toEqual(
      rows.map(
        row =>
          `${row.entityRef},${row.entityRef},,,,owner-missing,error,${row.message}`,
      ),
    );
  });

  it('checks the permission and the query before the first chunk', async () => {
    const denied = createService({ result: AuthorizeResult.DENY });
    await expect(
      denied.service.exportOwnershipGapsCsv({}, credentials),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      denied.service.exportFragmentationCsv({}, credentials),
    ).rejects.toThrow(NotAllowedError);
    const { service, store } = createService();
    await expect(
      service.exportOwnershipGapsCsv({ type: 'owner-lost' }, credentials),
    ).rejects.toThrow(/^type: /);
    expect(store.listOwnershipGaps).not.toHaveBeenCalled();
  });
});

/** An API without an owner: one `owner-missing` gap. */
function orphanApi(i: number): StoredApiResult {
  const entityRef = `api:default/orphan-${String(i).padStart(4, '0')}-api`;
  return {
    result: {
      entityRef,
      title: entityRef,
      lifecycle: 'production',
      station: {
        id: 'unassessed',
        source: 'none',
        cycle: 'api-productization-cycle',
      },
      owner: {
        declared: 'tbd',
        resolved: false,
        gaps: [{ type: 'owner-missing', severity: 'error', message: 'none' }],
      },
      governance: { status: 'non-compliant', findings: [] },
    },
    inputs: { providers: [], consumers: [] },
  };
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'ReportService exports on %s',
  databaseId => {
    jest.setTimeout(60_000);

    it('fails a CSV export when a newer snapshot replaces its results midway, rather than mixing two', async () => {
      const knex = await databases.init(databaseId);
      const snapshots = await DatabaseSnapshotStore.create({
        database: mockServices.database({ knex }),
      });
      const apis = Array.from({ length: REPORT_PAGE_MAX_LIMIT + 5 }, (_, i) =>
        orphanApi(i),
      );
      const results = {
        apis,
        teams: [],
        clusters: [],
        counts: {
          apis: apis.length,
          byStation: {},
          byStatus: {},
          byGapType: { 'owner-missing': apis.length },
          byFindingType: {},
        },
      };
      const store = async () =>
        snapshots.completeRun(await snapshots.startRun(), results);
      await store();
      const permissions = mockServices.permissions();
      const service = ReportService.create({
        permissions,
        snapshots,
        visibility: CatalogVisibility.create({
          permissions,
          catalog: catalogServiceMock(),
        }),
        retentionDays: 90,
      });

      // Across no snapshot: every row once.
      const whole = await text(
        await service.exportOwnershipGapsCsv({}, credentials),
      );
      expect(whole.split('\r\n')).toHaveLength(1 + apis.length + 1);

      const chunks = (await service.exportOwnershipGapsCsv({}, credentials))[
        Symbol.asyncIterator
      ]();
      expect((await chunks.next()).value).toMatch(/^entityRef,/);
      const page1 = (await chunks.next()).value as string;
      expect(page1.split('\r\n')).toHaveLength(REPORT_PAGE_MAX_LIMIT + 1);
      await store();
      const error = await chunks.next().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error?.message).toMatch(
        /^export: a newer snapshot replaced the results during the export/,
      );
    });
  },
);
