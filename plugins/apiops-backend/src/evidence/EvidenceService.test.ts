import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseEvidenceStore } from '../database/DatabaseEvidenceStore';
import { TEST_EVIDENCE_WORKER_FILE } from './__fixtures__/testEvidenceWorker';
import { definitionHashOf, evidenceKeyOf } from './definitionHash';
import { EvidenceService } from './EvidenceService';

jest.setTimeout(120_000);

const provider: DefinitionEvidenceProvider = {
  id: 'test',
  title: 'Test lint',
  version: '1',
  appliesTo: () => true,
  worker: { module: TEST_EVIDENCE_WORKER_FILE },
};

function api(name: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'team-a',
      definition,
    },
  };
}

/** Eleven APIs on two definitions: more than a backlog batch share one. */
const entities = [
  ...Array.from({ length: 10 }, (_, i) =>
    api(`copy-${String(i).padStart(2, '0')}`, 'paths: {} # operationId'),
  ),
  api('other', 'paths: {}'),
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'EvidenceService backlog, on %p',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('checks each definition once, however many APIs of the backlog share it, and takes them all out', async () => {
      const store = await DatabaseEvidenceStore.create({
        database: { getClient: async () => knex },
      });
      const put = jest.spyOn(store, 'put');
      const service = EvidenceService.create({
        providers: [provider],
        store,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        settings: {
          threads: 1,
          timeoutMs: 60_000,
          budgetMs: 600_000,
          maxHeapMb: 256,
          retentionDays: 30,
        },
      });
      // As a snapshot queues them: the same time, so the backlog takes them
      // in ref order, the shared definition in two batches.
      await store.writeIndex(
        entities.map(entity => ({
          providerId: provider.id,
          entityRef: `api:default/${entity.metadata.name}`,
          key: evidenceKeyOf(provider, undefined, definitionHashOf(entity)!),
          queuedAt: 1_000,
        })),
        [],
      );

      const report = await service.runBacklog();

      expect(report.providers).toEqual([
        expect.objectContaining({
          providerId: 'test',
          total: 11,
          queued: 0,
          checked: 11,
          checkedNow: 2,
        }),
      ]);
      expect(put).toHaveBeenCalledTimes(2);
      const copies = await service.getApiEvidence(entities[9]);
      expect(copies.providers).toEqual([
        expect.objectContaining({
          providerId: 'test',
          state: 'checked',
          findings: [],
        }),
      ]);
      const other = await service.getApiEvidence(entities[10]);
      expect(other.providers[0].findings).toEqual([
        expect.objectContaining({ ruleId: 'operation-operationId' }),
      ]);
    });
  },
);
