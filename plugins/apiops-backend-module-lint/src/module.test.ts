import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The plugin the module extends, to test them together.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import apiopsPlugin from '@apiops-backstage/plugin-apiops-backend';
import request from 'supertest';
import {
  ASYNCAPI,
  BARE_OPENAPI,
  CLEAN_OPENAPI,
} from './__fixtures__/definitions';
import apiopsModuleLint from './index';

jest.setTimeout(180_000);

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'pets-team', namespace: 'default' },
  spec: { type: 'team', children: [], members: ['alice'] },
};

function api(name: string, type: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', description: `The ${name} API` },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'group:default/pets-team',
      system: 'pets',
      definition,
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/pets-team' }],
  };
}

const entities = [
  group,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['pets-team'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/pets-team' }],
  },
  api('bare', 'openapi', BARE_OPENAPI),
  api('clean', 'openapi', CLEAN_OPENAPI),
  api('orders', 'asyncapi', ASYNCAPI),
];

type TaskFn = (signal: AbortSignal) => Promise<void>;

/** A backend whose scheduled tasks the test runs itself. */
async function startBackend(options: { lint?: boolean; config?: object } = {}) {
  const tasks = new Map<string, TaskFn>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(
      async (
        task: SchedulerServiceTaskScheduleDefinition &
          SchedulerServiceTaskInvocationDefinition,
      ) => {
        tasks.set(task.id, task.fn as TaskFn);
      },
    ),
  });
  const backend = await startTestBackend({
    features: [
      apiopsPlugin,
      ...(options.lint === false ? [] : [apiopsModuleLint]),
      catalogServiceMock.factory({ entities }),
      scheduler.factory,
      mockServices.rootConfig.factory({
        data: {
          apiops: {
            snapshot: { parserThreads: 1 },
            evidence: { threads: 1, definitionTimeout: { seconds: 60 } },
            ...options.config,
          },
        },
      }),
    ],
  });
  const run = async (id: string) => {
    const fn = tasks.get(id);
    if (!fn) throw new Error(`no task ${id}`);
    await fn(new AbortController().signal);
  };
  const get = (url: string) =>
    request(backend.server)
      .get(`/api/apiops${url}`)
      .set('authorization', mockCredentials.user.header());
  return { backend, run, get, tasks };
}

describe('the lint module', () => {
  it('lints through the evidence extension point: queued by the snapshot, linted by the backlog task, findings in the governance of the API', async () => {
    const { run, get, backend } = await startBackend();
    try {
      await run('apiops-snapshot');
      const queued = await get('/reports/lint');
      expect(queued.status).toBe(200);
      expect(queued.body.items.map((r: { state: string }) => r.state)).toEqual([
        'queued',
        'queued',
        'queued',
      ]);
      expect(queued.body.coverage).toContainEqual({
        providerId: 'lint',
        title: 'Spectral lint',
        total: 3,
        checked: 0,
        queued: 3,
      });

      await run('apiops-evidence');
      const linted = await get('/reports/lint');
      expect(linted.body.coverage).toContainEqual(
        expect.objectContaining({ providerId: 'lint', checked: 3, queued: 0 }),
      );
      const bareRow = linted.body.items.find(
        (r: { entityRef: string }) => r.entityRef === 'api:default/bare',
      );
      expect(bareRow).toMatchObject({
        state: 'checked',
        owner: 'group:default/pets-team',
        system: 'system:default/pets',
        rules: expect.arrayContaining([
          'operation-operationId',
          'info-contact',
        ]),
      });

      // The next snapshot joins the findings to the API's governance.
      await run('apiops-snapshot');
      const bare = await get('/entities/api/default/bare/status');
      const lintFindings = bare.body.governance.findings.filter(
        (f: { source?: string }) => f.source === 'lint',
      );
      expect(lintFindings).toContainEqual(
        expect.objectContaining({
          ruleId: 'lint/operation-operationId',
          severity: 'warning',
          path: 'spec.definition',
          definitionPath: "$.paths['/pets'].get",
          documentationUrl: expect.stringContaining('operation-operationId'),
        }),
      );
      expect(lintFindings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
        expect.arrayContaining([
          'lint/operation-description',
          'lint/info-contact',
          'lint/info-description',
        ]),
      );
      expect(bare.body.governance.status).toBe('attention');
      const clean = await get('/entities/api/default/clean/status');
      expect(
        clean.body.governance.findings.filter(
          (f: { source?: string }) => f.source === 'lint',
        ),
      ).toEqual([]);

      // The API's evidence: findings with paths, and the audit per criterion.
      const evidence = await get('/entities/api/default/bare/evidence');
      expect(evidence.status).toBe(200);
      expect(evidence.body.providers).toEqual([
        expect.objectContaining({
          providerId: 'lint',
          state: 'checked',
          counts: expect.objectContaining({ error: 0 }),
        }),
      ]);
      expect(evidence.body.providers[0].findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'operation-operationId',
          path: "$.paths['/pets'].get",
          line: 9,
        }),
      );
      const items = Object.fromEntries(
        evidence.body.audit.items.map(
          (i: { itemId: string; status: string }) => [i.itemId, i.status],
        ),
      );
      expect(items['endpoint-descriptions-present']).toBe('gap');
      expect(evidence.body.audit.criteria).toContainEqual(
        expect.objectContaining({
          criterionId: 'design-reflects-business-value',
          status: 'gap',
          suggestedAnswer: 'not-met',
        }),
      );
      const cleanEvidence = await get('/entities/api/default/clean/evidence');
      expect(cleanEvidence.body.providers[0]).toMatchObject({
        state: 'checked',
        findings: [],
        findingCount: 0,
      });
      expect(
        cleanEvidence.body.audit.items.find(
          (i: { itemId: string }) =>
            i.itemId === 'endpoint-descriptions-present',
        ).status,
      ).toBe('pass');

      const teams = await get('/reports/lint/teams?owner=pets-team');
      expect(teams.body.items).toEqual([
        expect.objectContaining({
          groupRef: 'group:default/pets-team',
          apis: 3,
          checked: 3,
          queued: 0,
        }),
      ]);

      const csv = await get(
        '/reports/lint?format=csv&rule=operation-operationId',
      );
      expect(csv.status).toBe(200);
      expect(csv.text.split('\r\n')[0]).toBe(
        'entityRef,title,owner,system,provider,state,checkedAt,errors,warnings,infos,rules,auditPass,auditPartial,auditGap',
      );
      expect(csv.text).toContain('api:default/bare,');
      expect(csv.text).not.toContain('api:default/clean,');
    } finally {
      await backend.stop();
    }
  });

  it('leaves everything else working when it is not installed', async () => {
    const { run, get, backend, tasks } = await startBackend({ lint: false });
    try {
      await run('apiops-snapshot');
      const status = await get('/entities/api/default/bare/status');
      expect(status.status).toBe(200);
      expect(
        status.body.governance.findings.filter(
          (f: { source?: string }) => f.source === 'lint',
        ),
      ).toEqual([]);
      const report = await get('/reports/lint');
      expect(report.status).toBe(200);
      expect(report.body.items).toEqual([]);
      expect(
        report.body.coverage.map((c: { providerId: string }) => c.providerId),
      ).toEqual(['audit']);
      // The method's audit checklist does not need the module.
      expect(tasks.has('apiops-evidence')).toBe(true);
      await run('apiops-evidence');
      const evidence = await get('/entities/api/default/bare/evidence');
      expect(evidence.body.providers).toEqual([]);
      expect(evidence.body.audit.state).toBe('checked');
      expect((await get('/reports/summary')).status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('stops the start-up on a catalog ruleset that does not parse, saying where', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-lint-config-'));
    const file = path.join(dir, 'ruleset.yaml');
    fs.writeFileSync(file, 'extends: [spectral:oas\nrules:\n  x: {');
    try {
      await expect(
        startBackend({ config: { lint: { ruleset: file } } }),
      ).rejects.toThrow(
        /The lint ruleset cannot be used: apiops\.lint\.ruleset \(.*ruleset\.yaml\): line \d+: does not parse/,
      );
      fs.writeFileSync(file, 'extends: https://example.com/ruleset.yaml');
      await expect(
        startBackend({ config: { lint: { ruleset: file } } }),
      ).rejects.toThrow(/cannot be extended: only spectral:oas/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
