import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { apiopsPlugin } from '../plugin';
import { takeSnapshot } from './__testUtils__/takeSnapshot';
import { wrapInSpecProxy } from './__testUtils__/wrapInSpecProxy';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `Team ${name}` },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
});

const api = (name: string, owner: string, extra: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', description: `The ${name}` },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner,
    system: 'payments-hub',
    definition: 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n',
    ...extra,
  },
});

const component = (name: string, owner: string, providesApis: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner, providesApis },
});

const restDefinition = (base: string) =>
  [
    'openapi: 3.0.3',
    'info: {title: x, version: "1"}',
    // A host per API: copies at another host name stay duplicates (one
    // owner's deployments at base paths of one host are a family).
    `servers: [{url: 'https://${base.split('/')[0]}.example.com/${base}'}]`,
    'paths:',
    ...['/cards', '/cards/{id}', '/cards/{id}/limits', '/cards/{id}/pin'].map(
      path => `  ${path}: {get: {responses: {'200': {description: ok}}}}`,
    ),
  ].join('\n');

const entities: Entity[] = [
  group('bank'),
  group('payments', 'bank'),
  group('ghost-team', 'bank'),
  user('ada', ['payments']),
  api('payments-api', 'payments'),
  api('ghost-api', 'ghost-team'),
  api('nobody-api', 'tbd'),
  api('typo-api', 'paymnets'),
  api('cards-api', 'payments', { definition: restDefinition('cards/v1') }),
  api('card-hub-api', 'payments', { definition: restDefinition('hub/v2') }),
  component('payments-service', 'payments', [
    'payments-api',
    'ghost-api',
    'cards-api',
    'card-hub-api',
  ]),
  component('ghost-service', 'payments', ['nobody-api', 'typo-api']),
];

const reader = mockCredentials.user.header('user:default/ada');
// The first request compiles the OpenAPI validator, slow on a busy machine.
jest.setTimeout(30_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('reports on %s', databaseId => {
  async function startBackend(
    options: {
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      /** Permissions denied (by name) while it holds them; others allowed. */
      denied?: Set<string>;
      catalog?: Entity[];
    } = {},
  ) {
    const knex = await databases.init(databaseId);
    const denied = options.denied;
    // The mock registry names actions `test:<name>`; the real one, through
    // the mcp-actions backend, `apiops.<name>`.
    const actions = actionsRegistryServiceMock();
    const { server } = await startTestBackend({
      features: [
        apiopsPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: options.catalog ?? entities }),
        denied
          ? mockServices.permissions.mock({
              authorize: async requests =>
                requests.map(r => ({
                  result: denied.has(r.permission.name)
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
                })),
              authorizeConditional: async requests =>
                requests.map(r => ({
                  result: denied.has(r.permission.name)
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
                })),
            }).factory
          : mockServices.permissions.factory({
              result: options.permission ?? AuthorizeResult.ALLOW,
            }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actions,
        }),
      ],
    });
    return { server: await wrapInSpecProxy(server), backend: server, actions };
  }

  it('says the reports are stale before the first snapshot', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/reports/summary')
      .set('authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      apis: 0,
      snapshot: { stale: true, staleReason: 'No snapshot has been taken yet' },
      trend: [],
    });
  });

  it('reports every ownership gap once, with counts matching the rows', async () => {
    const { server } = await startBackend();
    const summary = await takeSnapshot(server, reader);

    const gaps = await request(server)
      .get('/reports/ownership')
      .set('authorization', reader);
    expect(gaps.status).toBe(200);
    const found = gaps.body.items.map(
      (g: { entityRef: string; type: string }) => `${g.entityRef} ${g.type}`,
    );
    expect(found.sort()).toEqual([
      'api:default/ghost-api owner-group-empty',
      'api:default/ghost-api owner-mismatch',
      'api:default/nobody-api owner-missing',
      'api:default/typo-api owner-mismatch',
      'api:default/typo-api owner-unresolved',
    ]);
    expect(summary.apis).toBe(6);
    expect(summary.byGapType).toEqual({
      'owner-group-empty': 1,
      'owner-mismatch': 2,
      'owner-missing': 1,
      'owner-unresolved': 1,
    });
    expect(summary).toMatchObject({ unowned: 2, gaps: 5 });
    expect(summary.snapshot.stale).toBe(false);
    expect(summary.trend).toHaveLength(1);
    expect(summary.trend[0]).toMatchObject({ unowned: 2, gaps: 5 });
    expect(
      Object.values(summary.byStatus as Record<string, number>).reduce(
        (a, b) => a + b,
      ),
    ).toBe(6);
    expect(summary.byFragmentationType).toEqual({ duplicate: 1 });
  });

  it('filters and pages the ownership report, and exports it as CSV', async () => {
    const { server, backend } = await startBackend();
    await takeSnapshot(server, reader);

    const byType = await request(server)
      .get('/reports/ownership?type=owner-mismatch')
      .set('authorization', reader);
    expect(
      byType.body.items.map((g: { entityRef: string }) => g.entityRef).sort(),
    ).toEqual(['api:default/ghost-api', 'api:default/typo-api']);

    const byOwner = await request(server)
      .get('/reports/ownership?owner=ghost-team')
      .set('authorization', reader);
    expect(
      byOwner.body.items.map((g: { type: string }) => g.type).sort(),
    ).toEqual(['owner-group-empty', 'owner-mismatch']);

    // A parent group stands for its descendant groups too.
    const byParent = await request(server)
      .get('/reports/ownership?owner=group:default/bank')
      .set('authorization', reader);
    expect(
      byParent.body.items
        .map(
          (g: { entityRef: string; type: string }) =>
            `${g.entityRef} ${g.type}`,
        )
        .sort(),
    ).toEqual([
      'api:default/ghost-api owner-group-empty',
      'api:default/ghost-api owner-mismatch',
    ]);

    // Several types: the gaps of any of them (the unowned APIs).
    const unowned = await request(server)
      .get('/reports/ownership?type=owner-missing&type=owner-unresolved')
      .set('authorization', reader);
    expect(unowned.status).toBe(200);
    expect(
      unowned.body.items.map((g: { entityRef: string }) => g.entityRef).sort(),
    ).toEqual(['api:default/nobody-api', 'api:default/typo-api']);

    const first = await request(server)
      .get('/reports/ownership?limit=2')
      .set('authorization', reader);
    expect(first.body.items).toHaveLength(2);
    const rest = await request(server)
      .get(`/reports/ownership?limit=10&cursor=${first.body.nextCursor}`)
      .set('authorization', reader);
    expect(rest.body.items).toHaveLength(3);
    expect(rest.body.nextCursor).toBeUndefined();

    // The spec proxy would read a CSV export as JSON: ask the backend.
    const csv = await request(backend)
      .get('/api/apiops/reports/ownership?format=csv&type=owner-missing')
      .set('authorization', reader);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect(csv.text.split('\r\n')).toEqual([
      'entityRef,title,owner,declaredOwner,system,type,severity,message',
      expect.stringMatching(
        /^api:default\/nobody-api,nobody-api,,tbd,system:default\/payments-hub,owner-missing,error,"?The owner/,
      ),
      '',
    ]);
  });

  it.each([
    ['type=owner-lost', /^type: must be one of/],
    ['type=owner-missing&type=owner-lost', /^type: must be one of/],
    ['type=', /^type: must be one of/],
    ['limit=0', /^limit:/],
    ['limit=1001', /^limit:/],
    ['format=xml', /^format:/],
    ['cursor=nope!', /^cursor:/],
    ['owner=group:', /^owner:/],
  ])('answers 400 to ?%s', async (query, message) => {
    const { server } = await startBackend();
    const res = await request(server)
      .get(`/reports/ownership?${query}`)
      .set('authorization', reader);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('lists the APIs behind the summary counts, by governance status, as JSON and CSV', async () => {
    const { server, backend } = await startBackend();
    await takeSnapshot(server, reader);
    const summary = (
      await request(server).get('/reports/summary').set('authorization', reader)
    ).body;
    const refsOf = (res: request.Response) =>
      res.body.items.map((a: { entityRef: string }) => a.entityRef);

    const all = await request(server)
      .get('/reports/apis')
      .set('authorization', reader);
    expect(all.status).toBe(200);
    expect(refsOf(all)).toEqual([...refsOf(all)].sort());
    expect(all.body.items).toHaveLength(summary.apis);
    expect(all.body.items[0]).toMatchObject({
      entityRef: expect.any(String),
      station: { id: expect.any(String) },
      owner: { gaps: expect.any(Array) },
      governance: { status: expect.any(String) },
    });

    // Each governance tile of the summary: its count is its list.
    let listed = 0;
    for (const status of ['compliant', 'attention', 'non-compliant']) {
      const res = await request(server)
        .get(`/reports/apis?governance=${status}`)
        .set('authorization', reader);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(summary.byStatus[status] ?? 0);
      for (const item of res.body.items) {
        expect(item.governance.status).toBe(status);
      }
      listed += res.body.items.length;
    }
    expect(listed).toBe(summary.apis);
    expect(summary.byStatus['non-compliant']).toBeGreaterThan(0);

    const several = await request(server)
      .get('/reports/apis?governance=attention&governance=non-compliant')
      .set('authorization', reader);
    expect(several.body.items).toHaveLength(
      (summary.byStatus.attention ?? 0) + summary.byStatus['non-compliant'],
    );

    // A parent group stands for its descendant groups too.
    const byOwner = await request(server)
      .get('/reports/apis?owner=bank')
      .set('authorization', reader);
    expect(refsOf(byOwner)).toEqual([
      'api:default/card-hub-api',
      'api:default/cards-api',
      'api:default/ghost-api',
      'api:default/payments-api',
    ]);
    const byTeam = await request(server)
      .get('/reports/apis?owner=ghost-team&governance=non-compliant')
      .set('authorization', reader);
    expect(refsOf(byTeam)).toEqual(['api:default/ghost-api']);
    const bySystem = await request(server)
      .get('/reports/apis?system=no-such-system')
      .set('authorization', reader);
    expect(bySystem.body.items).toEqual([]);

    const first = await request(server)
      .get('/reports/apis?limit=4')
      .set('authorization', reader);
    const rest = await request(server)
      .get(`/reports/apis?limit=10&cursor=${first.body.nextCursor}`)
      .set('authorization', reader);
    expect([...refsOf(first), ...refsOf(rest)]).toEqual(refsOf(all));

    // The spec proxy would read a CSV export as JSON: ask the backend.
    const csv = await request(backend)
      .get('/api/apiops/reports/apis?format=csv&owner=ghost-team')
      .set('authorization', reader);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="apiops-apis.csv"/,
    );
    expect(csv.text.split('\r\n')).toEqual([
      'entityRef,title,owner,declaredOwner,system,lifecycle,cycle,station,governance,findings,gaps',
      expect.stringMatching(
        /^api:default\/ghost-api,ghost-api,group:default\/ghost-team,ghost-team,system:default\/payments-hub,production,api-productization-cycle,unassessed,non-compliant,\d+,2$/,
      ),
      '',
    ]);
  });

  it.each([
    ['governance=green', /^governance/],
    ['governance=compliant&governance=green', /^governance/],
    ['governance=', /^governance/],
    ['limit=0', /^limit:/],
    ['format=xml', /^format:/],
    ['cursor=nope!', /^cursor:/],
    ['system=system:', /^system:/],
  ])('answers 400 to /reports/apis?%s', async (query, message) => {
    const { server } = await startBackend();
    const res = await request(server)
      .get(`/reports/apis?${query}`)
      .set('authorization', reader);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('reports fragmentation clusters, filtered, as JSON and CSV, and in the status', async () => {
    const { server, backend } = await startBackend();
    await takeSnapshot(server, reader);

    const all = await request(server)
      .get('/reports/fragmentation')
      .set('authorization', reader);
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      expect.objectContaining({
        type: 'duplicate',
        score: 1,
        sharedOperationCount: 4,
        sharedOperations: expect.arrayContaining(['GET /cards/{}/pin']),
      }),
    ]);

    for (const [query, count] of [
      ['type=duplicate', 1],
      ['type=overlap', 0],
      ['system=payments-hub', 1],
      ['owner=ghost-team', 0],
      // A parent group: its child group `payments` owns both members.
      ['owner=bank', 1],
    ] as const) {
      const res = await request(server)
        .get(`/reports/fragmentation?${query}`)
        .set('authorization', reader);
      expect(res.body.items).toHaveLength(count);
    }

    const csv = await request(backend)
      .get('/api/apiops/reports/fragmentation?format=csv')
      .set('authorization', reader);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'clusterId,type,score,entityRef,title,owner,system,sharedOperationCount,message,dismissalVerdict,dismissalReason,dismissedBy,dismissedAt',
    );
    expect(lines).toHaveLength(3);

    const twice = await request(server)
      .get('/reports/fragmentation?type=duplicate&type=overlap')
      .set('authorization', reader);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/^type: /);

    const bad = await request(server)
      .get('/reports/fragmentation?type=copies')
      .set('authorization', reader);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^type: must be one of/);

    const status = await request(server)
      .get('/entities/api/default/cards-api/status')
      .set('authorization', reader);
    expect(status.body.fragmentation).toEqual([
      expect.objectContaining({
        type: 'duplicate',
        members: expect.arrayContaining([
          expect.objectContaining({ entityRef: 'api:default/card-hub-api' }),
        ]),
      }),
    ]);
  });

  it('rolls teams up through their parent groups', async () => {
    const { server } = await startBackend();
    await takeSnapshot(server, reader);
    const res = await request(server)
      .get('/reports/teams')
      .set('authorization', reader);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((t: { groupRef: string; apis: number }) => [
        t.groupRef,
        t.apis,
      ]),
    ).toEqual([
      ['group:default/bank', 4],
      ['group:default/payments', 3],
      ['group:default/ghost-team', 1],
    ]);
  });

  it("lists a team's APIs, through its child groups", async () => {
    const { server } = await startBackend();
    await takeSnapshot(server, reader);
    const res = await request(server)
      .get('/reports/teams/default/bank/apis?limit=1')
      .set('authorization', reader);
    expect(res.status).toBe(200);
    expect(res.body.team).toMatchObject({
      groupRef: 'group:default/bank',
      apis: 4,
    });
    expect(
      res.body.items.map((a: { entityRef: string }) => a.entityRef),
    ).toEqual(['api:default/card-hub-api']);
    const next = await request(server)
      .get(`/reports/teams/default/bank/apis?cursor=${res.body.nextCursor}`)
      .set('authorization', reader);
    expect(
      next.body.items.map((a: { entityRef: string }) => a.entityRef),
    ).toEqual([
      'api:default/cards-api',
      'api:default/ghost-api',
      'api:default/payments-api',
    ]);
    const none = await request(server)
      .get('/reports/teams/default/nobody/apis')
      .set('authorization', reader);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(
      /no API owned by group:default\/nobody/,
    );
  });

  it("sorts and searches a team's APIs, and names a bad sort or search", async () => {
    const { server, backend } = await startBackend();
    await takeSnapshot(server, reader);
    const refs = async (query: string) => {
      const res = await request(server)
        .get(`/reports/teams/default/bank/apis?${query}`)
        .set('authorization', reader);
      expect(res.status).toBe(200);
      expect(res.body.team.apis).toBe(4);
      return res.body.items.map((a: { entityRef: string }) => a.entityRef);
    };
    const byTitle = await refs('sort=title');
    expect(await refs('sort=-title')).toEqual([...byTitle].reverse());
    expect(await refs('search=CARD')).toEqual([
      'api:default/card-hub-api',
      'api:default/cards-api',
    ]);
    expect(await refs('search=%20%20')).toEqual(byTitle);
    for (const [query, message] of [
      ['sort=name', /^sort: /],
      ['sort=title&sort=gaps', /^sort: /],
      [`search=${'x'.repeat(201)}`, /^search: /],
      ['search=a%01b', /^search: must not contain control characters/],
    ] as const) {
      const res = await request(backend)
        .get(`/api/apiops/reports/teams/default/bank/apis?${query}`)
        .set('authorization', reader);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('refuses reports and snapshots to callers the policy denies', async () => {
    const { server } = await startBackend({ permission: AuthorizeResult.DENY });
    for (const path of [
      'summary',
      'apis',
      'ownership',
      'fragmentation',
      'fragmentation/clusters/duplicate-000000000000000000000000/members',
      'teams',
    ]) {
      const res = await request(server)
        .get(`/reports/${path}`)
        .set('authorization', reader);
      expect(res.status).toBe(403);
    }
    for (const path of ['apis', 'ownership', 'fragmentation']) {
      const res = await request(server)
        .get(`/reports/${path}?format=csv`)
        .set('authorization', reader);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
    const run = await request(server)
      .post('/snapshots')
      .set('authorization', reader);
    expect(run.status).toBe(403);
  });

  it('streams a CSV export of more rows than one store page, complete and in order', async () => {
    const names = Array.from(
      { length: 1050 },
      (_, i) => `orphan-${String(i).padStart(4, '0')}-api`,
    );
    const { server, backend } = await startBackend({
      catalog: names.map(name => api(name, 'tbd')),
    });
    await takeSnapshot(server, reader);
    const csv = await request(backend)
      .get('/api/apiops/reports/ownership?format=csv&type=owner-missing')
      .set('authorization', reader);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="apiops-ownership-gaps.csv"/,
    );
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe(
      'entityRef,title,owner,declaredOwner,system,type,severity,message',
    );
    expect(lines.at(-1)).toBe('');
    const refs = lines.slice(1, -1).map(line => line.split(',')[0]);
    expect(refs).toEqual(names.map(name => `api:default/${name}`));
  }, 60_000);

  it('answers 409 to a cursor of a snapshot a newer one has replaced, on REST and MCP', async () => {
    const { server, actions } = await startBackend();
    const first = await takeSnapshot(server, reader);
    const get = (path: string) =>
      request(server).get(path).set('authorization', reader);
    const firstPages = {
      ownership: await get('/reports/ownership?limit=1'),
      teams: await get('/reports/teams?limit=1'),
      teamApis: await get('/reports/teams/default/bank/apis?limit=1'),
    };
    for (const page of Object.values(firstPages)) {
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toEqual(expect.any(String));
    }
    // In the same snapshot the cursor goes on.
    expect(
      (
        await get(
          `/reports/ownership?limit=1&cursor=${firstPages.ownership.body.nextCursor}`,
        )
      ).status,
    ).toBe(200);

    const run = await request(server)
      .post('/snapshots')
      .set('authorization', reader);
    expect(run.status).toBe(202);
    let second = first.snapshot.id;
    for (let i = 0; i < 100 && second === first.snapshot.id; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      second = (await get('/reports/summary')).body.snapshot.id;
    }
    expect(second).not.toBe(first.snapshot.id);

    const message = `cursor: the results of snapshot ${first.snapshot.id}, which this cursor pages through, have been replaced by snapshot ${second}; start again without a cursor to page through the current results`;
    for (const [path, page] of [
      ['/reports/ownership?limit=1', firstPages.ownership],
      ['/reports/teams?limit=1', firstPages.teams],
      ['/reports/teams/default/bank/apis?limit=1', firstPages.teamApis],
    ] as const) {
      const next = await get(`${path}&cursor=${page.body.nextCursor}`);
      expect(next.status).toBe(409);
      expect(next.body.error).toMatchObject({ name: 'ConflictError', message });
    }
    // A malformed cursor stays a 400 naming the field.
    const bad = await get('/reports/ownership?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^cursor: /);

    const credentials = mockCredentials.user('user:default/ada');
    for (const [id, input] of [
      [
        'test:list-ownership-gaps',
        { cursor: firstPages.ownership.body.nextCursor },
      ],
      [
        'test:list-team-apis',
        { team: 'bank', cursor: firstPages.teamApis.body.nextCursor },
      ],
    ] as const) {
      await expect(actions.invoke({ id, input, credentials })).rejects.toThrow(
        message,
      );
    }
  });

  it('refuses reports without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get('/reports/summary')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers status with gaps and findings, and offers MCP actions', async () => {
    const { server, actions } = await startBackend();
    await takeSnapshot(server, reader);

    const status = await request(server)
      .get('/entities/api/default/typo-api/status')
      .set('authorization', reader);
    expect(status.body.owner).toMatchObject({
      ref: 'group:default/paymnets',
      resolved: false,
      gaps: expect.arrayContaining([
        expect.objectContaining({ type: 'owner-unresolved' }),
      ]),
    });
    expect(status.body.governance.status).toBe('non-compliant');
    expect(status.body.snapshotAt).toEqual(expect.any(String));

    const credentials = mockCredentials.user('user:default/ada');
    const viaAction = await actions.invoke({
      id: 'test:get-api-status',
      input: { entityRef: 'typo-api' },
      credentials,
    });
    expect(viaAction.output).toMatchObject({
      entityRef: 'api:default/typo-api',
      governance: { status: 'non-compliant' },
    });

    const gaps = await actions.invoke({
      id: 'test:list-ownership-gaps',
      input: { type: 'owner-missing' },
      credentials,
    });
    expect(gaps.output).toEqual({
      items: [expect.objectContaining({ entityRef: 'api:default/nobody-api' })],
    });

    const team = await actions.invoke({
      id: 'test:list-team-apis',
      input: { team: 'bank' },
      credentials,
    });
    expect(team.output).toMatchObject({
      team: { groupRef: 'group:default/bank', apis: 4 },
      apis: [
        { entityRef: 'api:default/card-hub-api', gaps: [] },
        { entityRef: 'api:default/cards-api', gaps: [] },
        { entityRef: 'api:default/ghost-api', gaps: expect.any(Array) },
        { entityRef: 'api:default/payments-api', gaps: [] },
      ],
    });

    const clusters = await actions.invoke({
      id: 'test:list-fragmentation-clusters',
      input: { type: 'duplicate' },
      credentials,
    });
    expect(clusters.output).toEqual({
      items: [
        expect.objectContaining({
          type: 'duplicate',
          score: 1,
          members: [
            expect.objectContaining({ entityRef: 'api:default/card-hub-api' }),
            expect.objectContaining({ entityRef: 'api:default/cards-api' }),
          ],
          memberCount: 2,
        }),
      ],
    });
    const clusterId = (clusters.output as { items: Array<{ id: string }> })
      .items[0].id;
    const members = await actions.invoke({
      id: 'test:list-fragmentation-cluster-members',
      input: { clusterId, limit: 1 },
      credentials,
    });
    expect(members.output).toEqual({
      clusterId,
      memberCount: 2,
      items: [
        expect.objectContaining({ entityRef: 'api:default/card-hub-api' }),
      ],
      nextCursor: expect.any(String),
    });
    const rest = await actions.invoke({
      id: 'test:list-fragmentation-cluster-members',
      input: {
        clusterId,
        cursor: (members.output as { nextCursor: string }).nextCursor,
      },
      credentials,
    });
    expect(rest.output).toEqual({
      clusterId,
      memberCount: 2,
      items: [expect.objectContaining({ entityRef: 'api:default/cards-api' })],
    });
    await expect(
      actions.invoke({
        id: 'test:list-fragmentation-cluster-members',
        input: { clusterId: 'duplicate-000000000000000000000000' },
        credentials,
      }),
    ).rejects.toThrow(
      'The latest snapshot has no fragmentation cluster duplicate-000000000000000000000000',
    );

    await expect(
      actions.invoke({
        id: 'test:get-api-status',
        input: { entityRef: 'component:default/payments-service' },
        credentials,
      }),
    ).rejects.toThrow(/is not an API/);
    await expect(
      actions.invoke({
        id: 'test:list-team-apis',
        input: { team: 'nobody' },
        credentials,
      }),
    ).rejects.toThrow(/no API owned by group:default\/nobody/);
  });

  it('answers status without report data to callers denied apiops.report.read, on REST and MCP', async () => {
    const denied = new Set<string>();
    const { server, actions } = await startBackend({ denied });
    await takeSnapshot(server, reader);
    const credentials = mockCredentials.user('user:default/ada');
    const read = async () => ({
      rest: await request(server)
        .get('/entities/api/default/cards-api/status')
        .set('authorization', reader),
      mcp: (
        await actions.invoke({
          id: 'test:get-api-status',
          input: { entityRef: 'cards-api' },
          credentials,
        })
      ).output as Record<string, any>,
    });

    const allowed = await read();
    expect(allowed.rest.status).toBe(200);
    for (const body of [allowed.rest.body, allowed.mcp]) {
      expect(body).not.toHaveProperty('reportData');
      expect(body).toMatchObject({
        entityRef: 'api:default/cards-api',
        owner: { ref: 'group:default/payments', gaps: [] },
        governance: { status: expect.any(String) },
        fragmentation: [
          expect.objectContaining({
            type: 'duplicate',
            members: expect.arrayContaining([
              expect.objectContaining({
                entityRef: 'api:default/card-hub-api',
              }),
            ]),
          }),
        ],
      });
    }

    denied.add('apiops.report.read');
    const narrowed = await read();
    expect(narrowed.rest.status).toBe(200);
    for (const body of [narrowed.rest.body, narrowed.mcp]) {
      expect(body).toMatchObject({
        entityRef: 'api:default/cards-api',
        station: expect.any(Object),
        owner: { ref: 'group:default/payments', resolved: true },
        lifecycle: 'production',
        computedAt: expect.any(String),
        snapshotAt: expect.any(String),
      });
      expect(body.owner).not.toHaveProperty('gaps');
      expect(body).not.toHaveProperty('governance');
      expect(body).not.toHaveProperty('fragmentation');
      expect(body.reportData).toBe('withheld');
      expect(JSON.stringify(body)).not.toContain('card-hub-api');
    }
  });
});
