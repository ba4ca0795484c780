import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  ApiSnapshotResult,
  FragmentationCluster,
  OwnershipGapRow,
  ReportPage,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { SnapshotStore } from '../database/SnapshotStore';
import { CatalogVisibility } from './CatalogVisibility';
import { ReportService } from './ReportService';
import { HIDDEN_API } from './reportVisibility';

const credentials = mockCredentials.user('user:default/ada');

const ref = (i: number) => `api:default/api-${String(i).padStart(3, '0')}`;

/** Readable by the caller: every tenth API, so runs of nine hidden ones between. */
const readable = (i: number) => i % 10 === 0;

function entity(entityRef: string): Entity {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'api' ? 'API' : 'Group',
    metadata: { name, namespace },
    spec: {},
  };
}

/** A store page over an array; cursors opaque to the service. */
function pager<T>(items: T[]) {
  return jest.fn(async (query: { limit: number; cursor?: string }) => {
    const start = query.cursor
      ? Number(Buffer.from(query.cursor, 'base64url').toString())
      : 0;
    const end = start + query.limit;
    const page: ReportPage<T> = { items: items.slice(start, end) };
    if (end < items.length) {
      page.nextCursor = Buffer.from(String(end)).toString('base64url');
    }
    return page;
  });
}

function gap(i: number): OwnershipGapRow {
  return {
    entityRef: ref(i),
    title: `API ${i}`,
    type: 'owner-missing',
    severity: 'error',
    message: `${ref(i)} names no owner`,
  };
}

function duplicate(id: string, members: number[]): FragmentationCluster {
  const refs = members.map(ref);
  return {
    id,
    type: 'duplicate',
    members: refs.map(entityRef => ({ entityRef, title: entityRef })),
    score: 0.9,
    sharedOperations: ['GET /cards/{}'],
    sharedOperationCount: 12,
    details: {
      operationCounts: Object.fromEntries(refs.map(r => [r, 12])),
      minJaccard: 0.9,
      maxJaccard: 0.95,
      pairs: refs.slice(1).map(to => ({
        from: refs[0],
        to,
        sharedOperations: 12,
        schemaMatches: 0,
        jaccard: 0.9,
        containment: 1,
        evidence: 12,
      })),
      genericOperations: [],
    },
    message: `${refs.join(', ')} share most of their operations.`,
  };
}

function team(i: number): TeamRollup {
  return {
    groupRef: `group:default/team-${i}`,
    title: `Team ${i}`,
    apis: 3,
    byStation: {},
    byStatus: {},
    gaps: 1,
    findings: 0,
  };
}

/** Everything readable but the hidden refs, with a conditional policy. */
function createService(store: Partial<SnapshotStore>, visible: string[]) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['group:default/team-0'] },
        },
      })),
  });
  // The in-memory catalog holds only what the caller may read: refs it does
  // not hold come back undefined, as hidden ones do from the real catalog.
  const catalog = catalogServiceMock({ entities: visible.map(entity) });
  jest.spyOn(catalog, 'getEntitiesByRefs');
  const service = ReportService.create({
    permissions,
    snapshots: store as SnapshotStore,
    visibility: CatalogVisibility.create({ permissions, catalog }),
    retentionDays: 90,
  });
  return { service, catalog, permissions };
}

async function allPages<T>(
  read: (cursor?: string) => Promise<ReportPage<T>>,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

describe('ReportService visibility', () => {
  const indexes = Array.from({ length: 95 }, (_, i) => i);
  const visibleRefs = indexes.filter(readable).map(ref);

  it('keeps ownership pages full across runs of hidden APIs, and resumes right after the last item read', async () => {
    const listOwnershipGaps = pager(indexes.map(gap));
    const { service, permissions } = createService(
      { listOwnershipGaps },
      visibleRefs,
    );
    const pages = await allPages(cursor =>
      service.listOwnershipGaps({ limit: 3, cursor }, credentials),
    );
    expect(pages.map(p => p.map(g => g.entityRef))).toEqual([
      [ref(0), ref(10), ref(20)],
      [ref(30), ref(40), ref(50)],
      [ref(60), ref(70), ref(80)],
      [ref(90)],
    ]);
    // Per page: the page itself, one read ahead, one read again to end
    // right after the last item needed; never one read per hidden item.
    expect(listOwnershipGaps.mock.calls.length).toBeLessThanOrEqual(3 * 4);
    // One decision per request.
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(4);
  });

  it('costs a few store reads per page however sparse the visible APIs are', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => i);
    const listOwnershipGaps = pager(many.map(gap));
    const { service, catalog } = createService({ listOwnershipGaps }, [
      ref(1234),
      ref(4321),
      ref(4999),
    ]);
    const first = await service.listOwnershipGaps({ limit: 2 }, credentials);
    expect(first.items.map(g => g.entityRef)).toEqual([ref(1234), ref(4321)]);
    // 2 rows, then 1,000 at a time up to the one holding api-4321 (5 reads),
    // then that read again, ending right after api-4321.
    expect(listOwnershipGaps).toHaveBeenCalledTimes(7);
    // The refs of every row read, 200 at a time, each asked once: 1 for the
    // first 2 rows, 5 for each read of 1,000; none for the read again.
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1 + 5 * 5);
    const second = await service.listOwnershipGaps(
      { limit: 2, cursor: first.nextCursor },
      credentials,
    );
    expect(second).toEqual({ items: [gap(4999)] });
  });

  it('drops the CSV rows of hidden APIs', async () => {
    const { service } = createService(
      { listOwnershipGaps: pager(indexes.map(gap)) },
      visibleRefs,
    );
    const lines = (
      await text(await service.exportOwnershipGapsCsv({}, credentials))
    ).split('\r\n');
    expect(lines.slice(1, -1).map(line => line.split(',')[0])).toEqual(
      visibleRefs,
    );
  });

  it('drops hidden members and clusters left with fewer than two visible ones, keeping pages full', async () => {
    const clusters = [
      duplicate('c1', [0, 1, 10]), // 1 hidden: shown with two members
      duplicate('c2', [2, 3]), // all hidden
      duplicate('c3', [20, 21]), // one visible: not shown
      ...Array.from({ length: 20 }, (_, i) => duplicate(`h${i}`, [4, 5])),
      duplicate('c4', [30, 40]),
      duplicate('c5', [50, 60, 70]),
    ];
    const listFragmentation = pager(clusters);
    const { service } = createService({ listFragmentation }, visibleRefs);

    const pages = await allPages(cursor =>
      service.listFragmentation({ limit: 2, cursor }, credentials),
    );
    expect(pages.map(p => p.map(c => c.id))).toEqual([['c1', 'c4'], ['c5']]);
    const [c1] = pages[0];
    expect(c1.members.map(m => m.entityRef)).toEqual([ref(0), ref(10)]);
    expect(c1).toMatchObject({ score: 0.9, sharedOperationCount: 12 });
    expect(c1.type === 'duplicate' && c1.details.operationCounts).toEqual({
      [ref(0)]: 12,
      [ref(10)]: 12,
    });
    expect(c1.message).toBe(
      `${ref(0)}, ${HIDDEN_API}, ${ref(10)} share most of their operations.`,
    );
    expect(JSON.stringify(pages)).not.toContain(ref(1));
  });

  it('exports only visible members of clusters still shown as CSV', async () => {
    const { service } = createService(
      {
        listFragmentation: pager([
          duplicate('c1', [0, 1, 10]),
          duplicate('c3', [20, 21]),
        ]),
      },
      visibleRefs,
    );
    const csv = await text(
      await service.exportFragmentationCsv({}, credentials),
    );
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows.map(row => row.split(',').slice(0, 4).join(','))).toEqual([
      `c1,duplicate,0.9,${ref(0)}`,
      `c1,duplicate,0.9,${ref(10)}`,
    ]);
    expect(csv).not.toContain(ref(1));
  });

  it('drops the rollups of groups the caller may not read', async () => {
    const teams = Array.from({ length: 30 }, (_, i) => team(i));
    const { service } = createService({ listTeams: pager(teams) }, [
      'group:default/team-3',
      'group:default/team-17',
      'group:default/team-29',
    ]);
    const pages = await allPages(cursor =>
      service.listTeams({ limit: 2, cursor }, credentials),
    );
    expect(pages.map(p => p.map(t => t.groupRef))).toEqual([
      ['group:default/team-3', 'group:default/team-17'],
      ['group:default/team-29'],
    ]);
  });

  it("lists a team's visible APIs in full pages, and answers a hidden team as one that does not exist", async () => {
    const apis = indexes.map(
      i => ({ entityRef: ref(i), title: `API ${i}` } as ApiSnapshotResult),
    );
    const page = pager(apis);
    const listTeamApis = jest.fn(
      async (groupRef: string, query: { limit: number; cursor?: string }) =>
        groupRef === 'group:default/team-1' ||
        groupRef === 'group:default/hidden'
          ? { team: team(1), page: await page(query) }
          : undefined,
    );
    const getInfo = jest.fn().mockResolvedValue({ stale: false, id: '1' });
    const { service } = createService({ listTeamApis, getInfo }, [
      ...visibleRefs,
      'group:default/team-1',
    ]);

    const first = await service.listTeamApis(
      'team-1',
      { limit: 4 },
      credentials,
    );
    expect(first.team.groupRef).toBe('group:default/team-1');
    // With the snapshot the page comes from, for the tab to say when.
    expect(first.snapshot).toEqual({ stale: false, id: '1' });
    expect(first.items.map(a => a.entityRef)).toEqual([0, 10, 20, 30].map(ref));
    const second = await service.listTeamApis(
      'team-1',
      { limit: 4, cursor: first.nextCursor },
      credentials,
    );
    expect(second.items.map(a => a.entityRef)).toEqual(
      [40, 50, 60, 70].map(ref),
    );

    const notFound = (name: string) =>
      new NotFoundError(
        `The latest snapshot has no API owned by group:default/${name} or its child groups`,
      );
    await expect(
      service.listTeamApis('hidden', {}, credentials),
    ).rejects.toThrow(notFound('hidden'));
    await expect(
      service.listTeamApis('nobody', {}, credentials),
    ).rejects.toThrow(notFound('nobody'));
    // The hidden group's APIs were not even read.
    expect(listTeamApis).not.toHaveBeenCalledWith(
      'group:default/hidden',
      expect.anything(),
    );
  });

  it('answers the summary as catalog-wide aggregates, with no visibility decision', async () => {
    const { service, permissions, catalog } = createService(
      {
        getInfo: jest.fn().mockResolvedValue({ stale: false, id: '1' }),
        getCurrentCounts: jest.fn().mockResolvedValue({
          apis: 95,
          byStation: {},
          byStatus: {},
          byGapType: { 'owner-missing': 95 },
          byFindingType: {},
        }),
        listHistory: jest.fn().mockResolvedValue([]),
        countDismissedClusters: jest.fn().mockResolvedValue({}),
      },
      visibleRefs,
    );
    await expect(service.getSummary(credentials)).resolves.toMatchObject({
      apis: 95,
      gaps: 95,
    });
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('reads the catalog in batches only for what the store returned', async () => {
    const { service, catalog } = createService(
      { listOwnershipGaps: pager(indexes.map(gap)) },
      visibleRefs,
    );
    await service.listOwnershipGaps({ limit: 100 }, credentials);
    const calls = (catalog.getEntitiesByRefs as jest.Mock).mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0][0].entityRefs).toHaveLength(95);
    expect(calls[0][1]).toEqual({ credentials });
  });
});
