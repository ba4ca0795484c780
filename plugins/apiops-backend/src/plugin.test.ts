import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { apiopsGovernanceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { apiopsPlugin } from './plugin';

const withoutCredentials = mockServices.httpAuth.factory({
  defaultCredentials: mockCredentials.none(),
});

const ruleModule = (ruleId: string, moduleId = 'test-rules') =>
  createBackendModule({
    pluginId: 'apiops',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { governance: apiopsGovernanceExtensionPoint },
        async init({ governance }) {
          governance.addRules({
            id: ruleId,
            title: 'Every API names its security contact',
            severity: 'warning',
            check: () => [],
          });
        },
      });
    },
  });

const databases = createTestDatabases();

describe('apiopsPlugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [apiopsPlugin, withoutCredentials],
    });

    const res = await request(server).get('/api/apiops/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses every other route without credentials', async () => {
    const { server } = await startTestBackend({
      features: [apiopsPlugin, withoutCredentials],
    });

    expect((await request(server).get('/api/apiops/rules')).status).toBe(401);
    expect(
      (await request(server).get('/api/apiops/reports/summary')).status,
    ).toBe(401);
  });

  it('registers its permissions with the permission framework', async () => {
    const { server } = await startTestBackend({ features: [apiopsPlugin] });

    const res = await request(server).get(
      '/api/apiops/.well-known/backstage/permissions/metadata',
    );

    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'apiops.assessment.create',
        'apiops.report.read',
        'apiops.snapshot.create',
      ]),
    );
  });

  it('takes governance rules from backend modules', async () => {
    const { server } = await startTestBackend({
      features: [apiopsPlugin, ruleModule('security-contact')],
    });

    const res = await request(server)
      .get('/api/apiops/rules')
      .set('authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({
      id: 'security-contact',
      title: 'Every API names its security contact',
      severity: 'warning',
    });
  });

  it('fails to start when two modules add the same rule id', async () => {
    await expect(
      startTestBackend({
        features: [
          apiopsPlugin,
          ruleModule('security-contact', 'first'),
          ruleModule('security-contact', 'second'),
        ],
      }),
    ).rejects.toThrow(/'security-contact'.*already registered/);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('fails at start-up the snapshot runs a stopped backend left running', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSnapshotStore.create({
        database: { getClient: async () => knex },
      });
      const crashed = await store.startRun();
      const recent = await store.startRun();
      await knex('apiops_snapshots')
        .where({ id: crashed })
        .update({ started_at: new Date(Date.now() - 60 * 60 * 1000) });

      const { server } = await startTestBackend({
        features: [apiopsPlugin, mockServices.database.factory({ knex })],
      });

      const runs = await knex('apiops_snapshots')
        .select('id', 'status', 'error')
        .orderBy('id');
      expect(runs.map(run => ({ ...run, id: String(run.id) }))).toEqual([
        {
          id: crashed,
          status: 'failed',
          error: 'interrupted: the backend stopped during the run',
        },
        // Younger than the snapshot timeout: maybe another replica's run.
        { id: recent, status: 'running', error: null },
      ]);
      const res = await request(server)
        .get('/api/apiops/reports/summary')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.snapshot).toMatchObject({
        stale: true,
        staleReason: expect.stringContaining(
          'interrupted: the backend stopped during the run',
        ),
        lastRun: { id: recent, status: 'running' },
      });
    });
  });
});
