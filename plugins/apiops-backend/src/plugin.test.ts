import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { apiopsGovernanceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import request from 'supertest';
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
});
