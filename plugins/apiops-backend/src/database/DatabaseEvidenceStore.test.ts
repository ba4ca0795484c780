import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import path from 'node:path';
import { Knex } from 'knex';
import {
  DefinitionEvidence,
  entityRefKey,
  evidenceToGovernanceFindings,
} from '@apiops-backstage/plugin-apiops-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseEvidenceStore, evidenceMapKey } from './DatabaseEvidenceStore';
import { EvidenceIndexRow } from './EvidenceStore';

jest.setTimeout(60_000);

const migrationsDir = path.resolve(__dirname, '../../migrations');

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex };
}

const LINTED: DefinitionEvidence = {
  findings: [
    {
      ruleId: 'oas3-schema',
      severity: 'error',
      message: 'bad',
      path: '$.paths',
    },
    {
      ruleId: 'operation-operationId',
      severity: 'warning',
      message: 'no id',
      path: "$.paths['/a'].get",
    },
    {
      ruleId: 'operation-operationId',
      severity: 'warning',
      message: 'no id',
      path: "$.paths['/b'].get",
    },
    { ruleId: 'info-contact', severity: 'warning', message: 'no contact' },
  ],
};
const CLEAN: DefinitionEvidence = { findings: [] };
const AUDITED: DefinitionEvidence = {
  findings: [],
  audit: [
    { itemId: 'a', status: 'pass' },
    { itemId: 'b', status: 'gap' },
    { itemId: 'c', status: 'partial' },
    { itemId: 'd', status: 'na' },
  ],
};

function row(
  i: number,
  more: Partial<EvidenceIndexRow> = {},
): EvidenceIndexRow {
  return {
    providerId: 'lint',
    entityRef: `api:default/api-${i}`,
    key: `key-${i}`,
    title: `API ${i}`,
    ownerRef: 'group:default/team-a',
    systemRef: 'system:default/shop',
    ...more,
  };
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseEvidenceStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: DatabaseEvidenceStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseEvidenceStore.create({
        database: databaseService(knex),
      });
    });

    afterEach(async () => {
      await knex.destroy();
    });

    async function put(
      providerId: string,
      key: string,
      evidence: DefinitionEvidence,
      expiresAt?: Date,
      entityRefs: string[] = [],
    ) {
      await store.put(providerId, key, evidence, {
        checkedAt: new Date(),
        expiresAt,
        findings: evidenceToGovernanceFindings(providerId, evidence),
        entityRefs,
      });
    }

    it('keeps evidence by provider and key, with its counts and governance findings', async () => {
      await put('lint', 'k1', LINTED);
      await put('lint', 'k2', CLEAN);
      const stored = await store.get('lint', 'k1');
      expect(stored).toMatchObject({
        evidence: LINTED,
        counts: { error: 1, warning: 3, info: 0 },
        expired: false,
      });
      expect(Date.parse(stored!.checkedAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      expect(await store.get('audit', 'k1')).toBeUndefined();

      const summaries = await store.getSummaries([
        { providerId: 'lint', key: 'k1' },
        { providerId: 'lint', key: 'k2' },
        { providerId: 'lint', key: 'k3' },
      ]);
      expect(summaries.size).toBe(2);
      expect(
        summaries
          .get(evidenceMapKey('lint', 'k1'))!
          .findings.map(f => f.ruleId),
      ).toEqual([
        'lint/oas3-schema',
        'lint/operation-operationId',
        'lint/info-contact',
      ]);
      expect(summaries.get(evidenceMapKey('lint', 'k2'))).toEqual({
        findings: [],
        expired: false,
      });
    });

    it('says when evidence has expired, and replaces it', async () => {
      await put('lint', 'k1', CLEAN, new Date(Date.now() - 1000));
      expect((await store.get('lint', 'k1'))!.expired).toBe(true);
      await put('lint', 'k1', LINTED);
      expect(await store.get('lint', 'k1')).toMatchObject({
        expired: false,
        evidence: LINTED,
      });
    });

    it('queues APIs without evidence, the longest waiting first, and takes the APIs a check names out of the backlog', async () => {
      await store.writeIndex(
        [
          row(1, { queuedAt: 3000 }),
          row(2, { queuedAt: 1000 }),
          row(3, { queuedAt: 1000, key: 'key-2' }),
          row(4),
          row(5, { providerId: 'audit', queuedAt: 500 }),
        ],
        [],
      );
      const queued = await store.listQueued('lint', { limit: 10 });
      expect(queued.map(r => r.entityRef)).toEqual([
        'api:default/api-2',
        'api:default/api-3',
        'api:default/api-1',
      ]);
      const after = await store.listQueued('lint', {
        limit: 10,
        after: { queuedAt: 1000, entityRef: 'api:default/api-2' },
      });
      expect(after.map(r => r.entityRef)).toEqual([
        'api:default/api-3',
        'api:default/api-1',
      ]);
      expect(await store.getCoverage()).toEqual([
        { providerId: 'audit', total: 1, queued: 1 },
        { providerId: 'lint', total: 4, queued: 3 },
      ]);

      const queuedRefs = async () =>
        (await store.listQueued('lint', { limit: 10 })).map(r => r.entityRef);
      // api-2 and api-3 share key-2: a check takes out the APIs it names,
      // and only where their key is still the one checked.
      await put('lint', 'key-2', CLEAN, undefined, [
        'api:default/api-2',
        'api:default/api-1',
      ]);
      expect(await queuedRefs()).toEqual([
        'api:default/api-3',
        'api:default/api-1',
      ]);
      await store.dequeue('lint', 'key-2', [
        'api:default/api-3',
        'api:default/api-1',
      ]);
      expect(await queuedRefs()).toEqual(['api:default/api-1']);
      expect(await store.getCoverage()).toEqual([
        { providerId: 'audit', total: 1, queued: 1 },
        { providerId: 'lint', total: 4, queued: 1 },
      ]);
    });

    it('writes and deletes index rows, and prunes those of APIs and providers gone', async () => {
      await store.writeIndex([row(1), row(2), row(3)], []);
      await store.writeIndex(
        [row(1, { title: 'Renamed', queuedAt: 1000 })],
        [{ providerId: 'lint', entityRef: 'api:default/api-3' }],
      );
      const rows = await store.getIndexRows([
        'api:default/api-1',
        'api:default/api-2',
        'api:default/api-3',
      ]);
      expect(rows.map(r => [r.entityRef, r.title, r.queuedAt])).toEqual(
        expect.arrayContaining([
          ['api:default/api-1', 'Renamed', 1000],
          ['api:default/api-2', 'API 2', undefined],
        ]),
      );
      expect(rows).toHaveLength(2);

      // Only api-1 is in the current results; 'gone' is no provider now.
      await knex('apiops_api_results').insert({
        entity_ref: 'api:default/api-1',
        station: 'unassessed',
        governance_status: 'compliant',
        gap_count: 0,
        finding_count: 0,
        result: '{}',
      });
      await store.writeIndex([row(1, { providerId: 'gone' })], []);
      expect(await store.pruneIndex(['lint'])).toBe(2);
      expect(
        (
          await store.getIndexRows(['api:default/api-1', 'api:default/api-2'])
        ).map(r => `${r.providerId} ${r.entityRef}`),
      ).toEqual(['lint api:default/api-1']);
    });

    it('prunes evidence no API uses after the retention, and that of providers gone', async () => {
      await put('lint', 'key-1', LINTED);
      await put('lint', 'orphan', LINTED);
      await put('gone', 'key-1', LINTED);
      await store.writeIndex([row(1)], []);
      expect(
        await store.pruneEvidence({
          checkedBefore: new Date(Date.now() - 60_000),
          providerIds: ['lint'],
        }),
      ).toBe(1);
      expect(
        await store.pruneEvidence({
          checkedBefore: new Date(Date.now() + 60_000),
          providerIds: ['lint'],
        }),
      ).toBe(1);
      expect(await store.get('lint', 'key-1')).toBeDefined();
      expect(await store.get('lint', 'orphan')).toBeUndefined();
    });

    it('pages the lint report with its filters', async () => {
      await put('lint', 'key-1', LINTED);
      await put('lint', 'key-2', CLEAN);
      await put('audit', 'key-1', AUDITED);
      await store.writeIndex(
        [
          row(1),
          row(2),
          row(3, {
            queuedAt: 1000,
            ownerRef: 'group:default/team-b',
            systemRef: undefined,
          }),
          row(1, { providerId: 'audit' }),
        ],
        [],
      );
      const all = await store.listReport({ providerIds: ['lint'], limit: 2 });
      expect(all.items).toEqual([
        {
          entityRef: 'api:default/api-1',
          title: 'API 1',
          owner: 'group:default/team-a',
          system: 'system:default/shop',
          providerId: 'lint',
          state: 'checked',
          checkedAt: expect.any(String),
          counts: { error: 1, warning: 3, info: 0 },
          rules: ['operation-operationId', 'info-contact', 'oas3-schema'],
        },
        expect.objectContaining({
          entityRef: 'api:default/api-2',
          counts: { error: 0, warning: 0, info: 0 },
          rules: [],
        }),
      ]);
      const next = await store.listReport({
        providerIds: ['lint'],
        limit: 2,
        cursor: all.nextCursor,
      });
      expect(next.items).toEqual([
        {
          entityRef: 'api:default/api-3',
          title: 'API 3',
          owner: 'group:default/team-b',
          providerId: 'lint',
          state: 'queued',
          counts: { error: 0, warning: 0, info: 0 },
          rules: [],
        },
      ]);
      expect(next.nextCursor).toBeUndefined();

      const refs = async (
        query: Partial<Parameters<typeof store.listReport>[0]>,
      ) =>
        (
          await store.listReport({
            providerIds: ['lint'],
            limit: 100,
            ...query,
          })
        ).items.map(i => i.entityRef);
      expect(await refs({ severity: 'error' })).toEqual(['api:default/api-1']);
      expect(await refs({ rule: 'info-contact' })).toEqual([
        'api:default/api-1',
      ]);
      expect(await refs({ rule: 'info_%' })).toEqual([]);
      expect(await refs({ state: 'queued' })).toEqual(['api:default/api-3']);
      expect(
        await refs({ owners: [entityRefKey('group:default/team-b')] }),
      ).toEqual(['api:default/api-3']);
      expect(
        await refs({ system: entityRefKey('system:default/shop') }),
      ).toEqual(['api:default/api-1', 'api:default/api-2']);
      const audit = await store.listReport({
        providerIds: ['audit'],
        limit: 10,
      });
      expect(audit.items[0].audit).toEqual({ pass: 1, partial: 1, gap: 1 });
      await expect(
        store.listReport({ limit: 10, cursor: 'nonsense' }),
      ).rejects.toThrow(/^cursor: /);
    });

    it('counts lint and audit per owner', async () => {
      await put('lint', 'key-1', LINTED);
      await put('lint', 'key-2', CLEAN);
      await put('audit', 'key-1', AUDITED);
      await store.writeIndex(
        [
          row(1),
          row(2),
          row(3, { queuedAt: 1000, ownerRef: 'group:default/team-b' }),
          row(1, { providerId: 'audit' }),
        ],
        [],
      );
      expect(
        await store.listTeams('lint', { auditProviderId: 'audit' }),
      ).toEqual([
        {
          groupRef: 'group:default/team-a',
          apis: 2,
          checked: 2,
          queued: 0,
          counts: { error: 1, warning: 3, info: 0 },
          apisWithErrors: 1,
          audit: { pass: 1, partial: 1, gap: 1 },
        },
        {
          groupRef: 'group:default/team-b',
          apis: 1,
          checked: 0,
          queued: 1,
          counts: { error: 0, warning: 0, info: 0 },
          apisWithErrors: 0,
          audit: { pass: 0, partial: 0, gap: 0 },
        },
      ]);
      expect(
        (
          await store.listTeams('lint', { owners: ['group:default/team-b'] })
        ).map(t => t.groupRef),
      ).toEqual(['group:default/team-b']);
    });

    it('has a migration that goes down and up again', async () => {
      await put('lint', 'k1', LINTED);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261208150000_definition_evidence.js',
      });
      expect(await knex.schema.hasTable('apiops_definition_evidence')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('apiops_evidence_index')).toBe(false);
      expect(await knex.schema.hasTable('apiops_snapshots')).toBe(true);
      await knex.migrate.up({ directory: migrationsDir });
      expect(await store.get('lint', 'k1')).toBeUndefined();
      await put('lint', 'k1', LINTED);
      expect(await store.get('lint', 'k1')).toBeDefined();
    });
  },
);
