import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
// The wiring test needs the real APIOps backend plugin next to the catalog.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import apiopsPlugin from '@apiops-backstage/plugin-apiops-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleApiOps } from './module';

// The real catalog, the real APIOps backend plugin and the module, each with
// an in-memory SQLite database; a catalog of one file whose processing
// interval is far longer than the test, so that the labels can only come
// from the processing the module asks for.
jest.setTimeout(120_000);

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { memberOf: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: accounts-api }
spec: { type: openapi, lifecycle: production, owner: payments, definition: 'openapi: 3.0.3' }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ledger-api
  annotations: { apiops/station: api-design }
spec: { type: openapi, lifecycle: production, owner: payments, definition: 'openapi: 3.0.3' }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: orphan-api }
spec: { type: openapi, lifecycle: production, owner: tbd, definition: 'openapi: 3.0.3' }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: accounts-service }
spec: { type: service, lifecycle: production, owner: payments, providesApis: [accounts-api, ledger-api] }
`;

const STRATEGY_MET = Object.fromEntries(
  [
    'metrics-feedback-available',
    'business-goals-defined',
    'market-research-done',
    'stakeholder-approval',
  ].map(id => [id, 'met']),
);

const caller = mockCredentials.user.header('user:default/ada');

async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 200; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

// The scheduler of the test backend (it runs a task only when triggered),
// ticked by the test: each read of the labels below is preceded by one run
// of the module's task.
let scheduler: SchedulerService;
const captureScheduler = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-scheduler',
  register(env) {
    env.registerInit({
      deps: { service: coreServices.scheduler },
      async init({ service }) {
        scheduler = service;
      },
    });
  },
});

describe('catalogModuleApiOps', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-catalog-'));
    fs.writeFileSync(path.join(dir, 'catalog.yaml'), CATALOG);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('labels API entities in the catalog, and a new assessment moves the station label', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        apiopsPlugin,
        catalogModuleApiOps,
        captureScheduler,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Group', 'User', 'API', 'Component'] }],
              locations: [
                { type: 'file', target: path.join(dir, 'catalog.yaml') },
              ],
              processingInterval: { minutes: 10 },
              processors: { apiops: { refreshInterval: { seconds: 1 } } },
            },
          },
        }),
      ],
    });

    const labelsOf = async (name: string) => {
      await scheduler.triggerTask('apiops-catalog-labels');
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/api/default/${name}`)
        .set('authorization', caller);
      return res.status === 200 ? res.body.metadata.labels ?? {} : undefined;
    };
    const atStation = async (station: string) => {
      await scheduler.triggerTask('apiops-catalog-labels');
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter: `kind=api,metadata.labels.apiops/station=${station}`,
          fields: 'metadata.name',
        })
        .set('authorization', caller);
      expect(res.status).toBe(200);
      return res.body.items
        .map((item: { metadata: { name: string } }) => item.metadata.name)
        .sort();
    };

    await eventually(
      'the catalog reads its file',
      () => labelsOf('orphan-api'),
      Boolean,
    );

    const snapshot = await request(server)
      .post('/api/apiops/snapshots')
      .set('authorization', caller);
    expect(snapshot.status).toBe(202);

    const orphan = await eventually(
      'the labels of orphan-api',
      () => labelsOf('orphan-api'),
      labels => labels?.['apiops/station'] !== undefined,
    );
    expect(orphan).toEqual({
      'apiops/station': 'unassessed',
      'apiops/governance': 'non-compliant',
      'apiops/ownership-gap': 'owner-missing',
    });
    await eventually(
      'the labels of every API',
      async () => [
        await atStation('unassessed'),
        await atStation('api-design'),
      ],
      ([unassessed, design]) => unassessed.length === 2 && design.length === 1,
    );
    expect(await atStation('unassessed')).toEqual([
      'accounts-api',
      'orphan-api',
    ]);
    expect(await atStation('api-design')).toEqual(['ledger-api']);

    const assessment = await request(server)
      .post('/api/apiops/entities/api/default/accounts-api/assessments')
      .set('authorization', caller)
      .send({ answers: STRATEGY_MET });
    expect(assessment.status).toBe(201);
    const station: string = assessment.body.station;
    expect(station).not.toBe('unassessed');

    // Without a new snapshot, and long before the processing interval.
    const accounts = await eventually(
      'the station label of accounts-api',
      () => labelsOf('accounts-api'),
      labels => labels?.['apiops/station'] === station,
    );
    expect(accounts['apiops/ownership-gap']).toBe('none');
    expect(await atStation(station)).toEqual(['accounts-api']);
    expect(await atStation('unassessed')).toEqual(['orphan-api']);
  });
});
