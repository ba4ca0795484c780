import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  CatalogServiceRequestOptions,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { apiopsPlugin } from '../plugin';

/**
 * The expected status of every campaign route and MCP action for each
 * caller, with `apiops.campaign.manage` or `apiops.report.read` denied in
 * turn (`-`: all allowed), and the teams and APIs of the answer readable or
 * hidden in the catalog (as in authMatrix.test.ts: the user may not read
 * cards-api, typo-api nor the group payments when "hidden"; service
 * credentials read everything). Reads need credentials only; writes need
 * `apiops.campaign.manage`.
 *
 * `{c}` is a campaign whose goal every API fails (none is assessed);
 * `{d}` one created before each DELETE cell.
 */
const MATRIX = `
route                                             | denied          | none | user | user, hidden | service | service, hidden
GET /campaigns                                    | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns                                    | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns                                    | report.read     | 401  | 200  | 200          | 200     | 200
GET /campaigns?team=payments                      | -               | 401  | 200  | 404          | 200     | 200
GET /campaigns?team=payments                      | campaign.manage | 401  | 200  | 404          | 200     | 200
GET /campaigns?team=payments                      | report.read     | 401  | 200  | 404          | 200     | 200
POST /campaigns                                   | -               | 401  | 201  | 201          | 201     | 201
POST /campaigns                                   | campaign.manage | 401  | 403  | 403          | 403     | 403
POST /campaigns                                   | report.read     | 401  | 201  | 201          | 201     | 201
GET /campaigns/{c}                                | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}                                | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}                                | report.read     | 401  | 200  | 200          | 200     | 200
PUT /campaigns/{c}                                | -               | 401  | 200  | 200          | 200     | 200
PUT /campaigns/{c}                                | campaign.manage | 401  | 403  | 403          | 403     | 403
PUT /campaigns/{c}                                | report.read     | 401  | 200  | 200          | 200     | 200
DELETE /campaigns/{d}                             | -               | 401  | 204  | 204          | 204     | 204
DELETE /campaigns/{d}                             | campaign.manage | 401  | 403  | 403          | 403     | 403
DELETE /campaigns/{d}                             | report.read     | 401  | 204  | 204          | 204     | 204
GET /campaigns/{c}/progress                       | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/progress                       | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/progress                       | report.read     | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/progress?team=payments         | -               | 401  | 200  | 404          | 200     | 200
GET /campaigns/{c}/progress?team=payments         | campaign.manage | 401  | 200  | 404          | 200     | 200
GET /campaigns/{c}/progress?team=payments         | report.read     | 401  | 200  | 404          | 200     | 200
GET /campaigns/{c}/teams                          | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/teams                          | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/teams                          | report.read     | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing                        | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing                        | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing                        | report.read     | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing?format=csv             | -               | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing?format=csv             | campaign.manage | 401  | 200  | 200          | 200     | 200
GET /campaigns/{c}/failing?format=csv             | report.read     | 401  | 200  | 200          | 200     | 200
GET /entities/api/default/cards-api/campaigns     | -               | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/campaigns     | campaign.manage | 401  | 200  | 404          | 200     | 200
GET /entities/api/default/cards-api/campaigns     | report.read     | 401  | 200  | 404          | 200     | 200
MCP apiops.list-campaigns                         | -               | 401  | 200  | 200          | 200     | 200
MCP apiops.list-campaigns                         | campaign.manage | 401  | 200  | 200          | 200     | 200
MCP apiops.list-campaigns                         | report.read     | 401  | 200  | 200          | 200     | 200
MCP apiops.get-campaign-progress                  | -               | 401  | 200  | 200          | 200     | 200
MCP apiops.get-campaign-progress                  | campaign.manage | 401  | 200  | 200          | 200     | 200
MCP apiops.get-campaign-progress                  | report.read     | 401  | 200  | 200          | 200     | 200
`;

const PERMISSIONS: Record<string, string> = {
  'campaign.manage': 'apiops.campaign.manage',
  'report.read': 'apiops.report.read',
};

/** Entities the user may not read in the "hidden" cells. */
const HIDDEN = new Set([
  'api:default/cards-api',
  'api:default/typo-api',
  'group:default/payments',
]);

/** What a readable answer of the route shows (so that hiding it is seen). */
const SHOWS: Record<string, string> = {
  'GET /campaigns?team=payments': '"groupRef":"group:default/payments"',
  'GET /campaigns/{c}/progress?team=payments':
    '"groupRef":"group:default/payments"',
  'GET /campaigns/{c}/teams': '"groupRef":"group:default/payments"',
  'GET /campaigns/{c}/failing': 'api:default/cards-api',
  'GET /campaigns/{c}/failing?format=csv': 'api:default/cards-api',
  'GET /entities/api/default/cards-api/campaigns': '"reasons"',
  'MCP apiops.get-campaign-progress': 'api:default/cards-api',
};

/** What no answer to the user may show when the entities are hidden. */
const NEVER_SHOWN = [
  'api:default/cards-api',
  'api:default/typo-api',
  '"groupRef":"group:default/payments"',
];

const CAMPAIGN = {
  title: 'Production APIs assessed to design',
  conditions: [
    { type: 'station-at-least', station: 'api-design' },
    { type: 'no-ownership-gap' },
  ],
  scope: { lifecycles: ['production'] },
  startDate: '2026-01-05',
  dueDate: '2099-12-31',
};

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: `Team ${name}` },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const api = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner,
    definition: 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n',
  },
});

const entities: Entity[] = [
  group('bank'),
  group('payments', 'bank'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
  api('payments-api', 'payments'),
  api('typo-api', 'paymnets'),
  api('cards-api', 'payments'),
];

interface Cell {
  route: string;
  denied: string;
  caller: 'none' | 'user' | 'service';
  hidden: boolean;
  status: number;
}

function cells(): Cell[] {
  const [, ...rows] = MATRIX.trim()
    .split('\n')
    .map(line => line.split('|').map(cell => cell.trim()));
  return rows.flatMap(([route, denied, ...statuses]) => {
    const [none, user, userHidden, service, serviceHidden] =
      statuses.map(Number);
    return [
      { caller: 'none', hidden: false, status: none },
      { caller: 'none', hidden: true, status: none },
      { caller: 'user', hidden: false, status: user },
      { caller: 'user', hidden: true, status: userHidden },
      { caller: 'service', hidden: false, status: service },
      { caller: 'service', hidden: true, status: serviceHidden },
    ].map(cell => ({ route, denied, ...cell } as Cell));
  });
}

const HEADERS = {
  none: mockCredentials.none.header(),
  user: mockCredentials.user.header('user:default/ada'),
  service: mockCredentials.service.header(),
};

jest.setTimeout(120_000);

describe('campaigns auth matrix', () => {
  it('answers every campaign route and MCP action with the expected status in each cell', async () => {
    const state = { denied: undefined as string | undefined, hidden: false };
    const isUser = (credentials?: BackstageCredentials) =>
      credentials?.principal !== null &&
      typeof credentials?.principal === 'object' &&
      (credentials.principal as { type?: string }).type === 'user';
    const hiddenFrom = (credentials?: BackstageCredentials) => (ref: string) =>
      state.hidden && isUser(credentials) && HIDDEN.has(ref);

    const base = catalogServiceMock({ entities });
    const catalog = new Proxy(base, {
      get(target, prop, receiver) {
        if (prop === 'getEntityByRef') {
          return async (ref: string, options?: CatalogServiceRequestOptions) =>
            hiddenFrom(options?.credentials)(String(ref))
              ? undefined
              : target.getEntityByRef(ref, options);
        }
        if (prop === 'getEntitiesByRefs') {
          return async (
            req: { entityRefs: string[]; fields?: string[] },
            options?: CatalogServiceRequestOptions,
          ) => {
            const hidden = hiddenFrom(options?.credentials);
            const { items } = await target.getEntitiesByRefs(req, options);
            return {
              items: items.map((item, i) =>
                hidden(req.entityRefs[i]) ? undefined : item,
              ),
            };
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    const decide = (
      name: string,
      credentials: BackstageCredentials,
    ): PolicyDecision => {
      if (state.denied && PERMISSIONS[state.denied] === name) {
        return { result: AuthorizeResult.DENY };
      }
      if (name === catalogEntityReadPermission.name && isUser(credentials)) {
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/payments'] },
          },
        };
      }
      return { result: AuthorizeResult.ALLOW };
    };
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, { credentials }) =>
        requests.map(r => {
          const decision = decide(r.permission.name, credentials);
          return decision.result === AuthorizeResult.CONDITIONAL
            ? { result: AuthorizeResult.ALLOW }
            : { result: decision.result };
        }),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(r => decide(r.permission.name, credentials)),
    });

    const { server } = await startTestBackend({
      features: [
        apiopsPlugin,
        permissions.factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        actionsRegistryServiceFactory,
      ],
    });
    const base_ = '/api/apiops';

    const created = await request(server)
      .post(`${base_}/campaigns`)
      .set('authorization', HEADERS.service)
      .send(CAMPAIGN);
    expect(created.status).toBe(201);
    const campaignId: string = created.body.id;

    const send = async (route: string, caller: Cell['caller']) => {
      const [method, template] = route.split(' ');
      let path = template.replace('{c}', campaignId);
      if (path.includes('{d}')) {
        const saved = state.denied;
        state.denied = undefined;
        const temp = await request(server)
          .post(`${base_}/campaigns`)
          .set('authorization', HEADERS.service)
          .send(CAMPAIGN);
        state.denied = saved;
        path = path.replace('{d}', temp.body.id);
      }
      if (method === 'MCP') {
        const name = path.replace(/^apiops\./, '');
        return request(server)
          .post(`${base_}/.backstage/actions/v1/actions/apiops:${name}/invoke`)
          .set('authorization', HEADERS[caller])
          .send(name === 'list-campaigns' ? {} : { campaignId });
      }
      const req = request(server)
        [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](
          `${base_}${path}`,
        )
        .set('authorization', HEADERS[caller]);
      return method === 'POST' || method === 'PUT' ? req.send(CAMPAIGN) : req;
    };

    // The progress of {c}: a snapshot after its creation.
    await progressOf(server, campaignId);

    const all = cells();
    expect(all).toHaveLength(14 * 3 * 6);
    const wrong: string[] = [];
    for (const cell of all) {
      state.denied = cell.denied === '-' ? undefined : cell.denied;
      state.hidden = cell.hidden;
      const res = await send(cell.route, cell.caller);
      const where = `${cell.route} | denied ${cell.denied} | ${cell.caller}${
        cell.hidden ? ', hidden' : ''
      }`;
      if (res.status !== cell.status) {
        wrong.push(`${where}: ${res.status}, expected ${cell.status}`);
        continue;
      }
      if (res.status >= 300) continue;
      const body = res.text;
      if (cell.hidden && cell.caller === 'user') {
        for (const shown of NEVER_SHOWN) {
          if (body.includes(shown)) wrong.push(`${where}: shows ${shown}`);
        }
      } else if (SHOWS[cell.route] && !body.includes(SHOWS[cell.route])) {
        wrong.push(`${where}: does not show ${SHOWS[cell.route]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Asks for a snapshot and waits for the campaign's progress it computes
 * (stored after the snapshot's results).
 */
async function progressOf(
  server: Parameters<typeof request>[0],
  campaignId: string,
) {
  const authorization = HEADERS.service;
  const run = await request(server)
    .post('/api/apiops/snapshots')
    .set('authorization', authorization);
  expect(run.status).toBe(202);
  for (let i = 0; i < 300; i++) {
    const campaign = await request(server)
      .get(`/api/apiops/campaigns/${campaignId}`)
      .set('authorization', authorization);
    if (campaign.body.progress?.snapshotId) {
      expect(campaign.body.progress).toMatchObject({ inScope: 3, met: 0 });
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('the snapshot computed no progress');
}
