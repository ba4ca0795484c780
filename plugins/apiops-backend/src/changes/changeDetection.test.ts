import {
  builtinRules,
  createRuleset,
  entityRefKey,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parse, stringify } from 'yaml';
import {
  loadExampleEntities,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { SnapshotService } from '../snapshot/SnapshotService';
import { BreakingChangeNotices } from './BreakingChangeNotices';
import { ChangeService, ChangeSettings } from './ChangeService';

jest.setTimeout(180_000);

const SETTINGS: ChangeSettings = {
  enabled: true,
  threads: 1,
  timeoutMs: 60_000,
  budgetMs: 120_000,
  maxHeapMb: 512,
  maxChangesPerEvent: 50,
  maxEventsPerApi: 10,
  versionSemantics: 'semver',
  severities: {},
};

const PAYMENTS_V2 = 'api:default/payments-api-v2';
const raw = loadExampleEntities();

/** The example catalog with payments v2's definition edited. */
function withPaymentsV2(edit: (doc: any) => void): Entity[] {
  return raw.map(entity => {
    if (stringifyEntityRef(entity) !== PAYMENTS_V2) return entity;
    const doc = parse(String(entity.spec!.definition));
    edit(doc);
    return {
      ...entity,
      spec: { ...entity.spec, definition: stringify(doc) },
    };
  });
}

let method: MethodCatalog;
beforeAll(async () => {
  method = await MethodCatalog.create();
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the change detection on %p',
  (databaseId: TestDatabaseId) => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const snapshots = await DatabaseSnapshotStore.create({ database });
      const assessments = await DatabaseAssessmentStore.create({ database });
      const store = await DatabaseChangeStore.create({ database });
      const logger = mockServices.logger.mock();
      let catalog = catalogServiceMock({ entities: [] });
      const permissions = mockServices.permissions();
      const changes = (settings: ChangeSettings = SETTINGS) =>
        ChangeService.create({
          store,
          snapshots,
          catalog,
          permissions,
          visibility: CatalogVisibility.create({ permissions, catalog }),
          logger,
          settings,
        });
      const snapshot = async (
        entities: Entity[],
        settings: ChangeSettings = SETTINGS,
      ) => {
        catalog = catalogServiceMock({
          entities: withCatalogRelations(entities),
        });
        const service = changes(settings);
        const runId = await SnapshotService.create({
          catalog,
          auth: mockServices.auth(),
          logger,
          store: snapshots,
          assessments,
          method,
          ruleset: createRuleset(builtinRules),
          changes: service,
        }).run();
        return { runId, service };
      };
      return { knex, store, snapshots, snapshot, logger };
    }

    let ctx: Awaited<ReturnType<typeof setUp>>;
    const credentials = mockCredentials.user('user:default/ada');

    beforeAll(async () => {
      ctx = await setUp();
    });

    it('records no change at the first snapshot (the baseline) nor when nothing changed', async () => {
      await ctx.snapshot(raw);
      expect((await ctx.store.getStorage()).events).toBe(0);
      const heads = await ctx.store.getHeads([entityRefKey(PAYMENTS_V2)]);
      expect(heads.get(entityRefKey(PAYMENTS_V2))?.baselineAt).toEqual(
        expect.any(String),
      );
      const storage = await ctx.store.getStorage();
      // Definitions are stored compressed: less than half their size here.
      expect(storage.definitions).toBeGreaterThan(40);
      expect(storage.storedBytes).toBeLessThan(storage.textLength / 2);

      const { service } = await ctx.snapshot(raw);
      expect((await ctx.store.getStorage()).events).toBe(0);
      const report = await service.listChanges({}, credentials);
      expect(report.items).toEqual([]);
    });

    it('finds a removed operation and a new required parameter, breaking, with the consumers and findings', async () => {
      const edited = withPaymentsV2(doc => {
        delete doc.paths['/v2/payment-quotes'];
        doc.paths['/v2/payments'].get.parameters = [
          ...(doc.paths['/v2/payments'].get.parameters ?? []),
          {
            name: 'tenant',
            in: 'query',
            required: true,
            schema: { type: 'string' },
          },
        ];
      });
      const { runId, service } = await ctx.snapshot(edited);
      const { items } = await service.listChanges({}, credentials);
      expect(items).toHaveLength(1);
      const [event] = items;
      expect(event).toMatchObject({
        entityRef: PAYMENTS_V2,
        snapshotId: runId,
        owner: 'group:default/payments-team',
        fromVersion: '2.4.0',
        toVersion: '2.4.0',
      });
      expect(event.counts.breaking).toBe(2);
      expect(
        event.changes
          .slice(0, 2)
          .map(c => c.operation)
          .sort(),
      ).toEqual(['GET /v2/payments', 'POST /v2/payment-quotes']);
      expect(event.consumers.map(c => c.entityRef).sort()).toEqual(
        expect.arrayContaining(['component:default/kestrel-web-banking']),
      );
      expect(
        event.consumers.find(
          c => c.entityRef === 'component:default/kestrel-web-banking',
        )?.owner,
      ).toBe('group:default/channels-team');

      // The version did not change: a finding; and the operation removed
      // had not been deprecated.
      const stored = await ctx.snapshots.getApiResult(
        entityRefKey(PAYMENTS_V2),
      );
      const ruleIds = stored!.result.governance.findings
        .filter(f => f.source === 'changes')
        .map(f => f.ruleId)
        .sort();
      expect(ruleIds).toEqual([
        'breaking-change-without-major-version',
        'operation-removed-without-deprecation',
      ]);

      // The history of the API, and the report's filters.
      const history = await service.getHistory(
        entityRefKey(PAYMENTS_V2),
        {},
        credentials,
      );
      expect(history.items.map(e => e.id)).toEqual([event.id]);
      expect(history.baselineAt).toEqual(expect.any(String));
      expect(
        (await service.listChanges({ class: 'breaking' }, credentials)).items,
      ).toHaveLength(1);
      expect(
        (await service.listChanges({ class: 'deprecated' }, credentials)).items,
      ).toHaveLength(0);
      expect(
        (await service.listChanges({ owner: 'payments-team' }, credentials))
          .items,
      ).toHaveLength(1);
      expect(
        (await service.listChanges({ owner: 'channels-team' }, credentials))
          .items,
      ).toHaveLength(0);
      expect(
        (await service.listChanges({ since: '2999-01-01' }, credentials)).items,
      ).toHaveLength(0);
      await expect(
        service.listChanges({ class: 'severe' }, credentials),
      ).rejects.toThrow(/^class: must be one of/);
      await expect(
        service.listChanges({ since: 'yesterday' }, credentials),
      ).rejects.toThrow(/^since:/);

      // The CSV has the event.
      let csv = '';
      for await (const chunk of await service.exportChangesCsv(
        {},
        credentials,
      )) {
        csv += chunk;
      }
      expect(csv.split('\n')[0]).toMatch(/^detectedAt,entityRef,/);
      expect(csv).toContain(PAYMENTS_V2);

      // The owners of the consuming components are told, one notice per team.
      const notices = await BreakingChangeNotices.create({
        store: ctx.store,
      }).collect({
        snapshot: {
          snapshotId: runId,
          completedAt: new Date(),
          apis: [],
          clusters: [],
          ownership: OwnershipIndex.fromEntities(withCatalogRelations(raw)),
          domainOf: () => undefined,
          yielder: undefined as any,
        },
        hasBaseline: true,
        recipientOf: () => undefined,
      });
      const recipients = notices.map(n => n.recipient);
      expect(recipients).toContain('group:default/channels-team');
      expect(new Set(recipients).size).toBe(recipients.length);
      const channels = notices.find(
        n => n.recipient === 'group:default/channels-team',
      )!;
      expect(channels.topic).toBe('apiops-breaking-change');
      expect(channels.key).toBe(
        `apiops-breaking-change:group:default/channels-team:${runId}`,
      );
      expect(channels.payload.link).toBe(
        '/catalog/default/api/payments-api-v2/apiops',
      );
    });

    it('shows a caller only the APIs and consumers it may read', async () => {
      const catalog = catalogServiceMock({
        entities: withCatalogRelations(raw),
      });
      const hidden = new Set([
        'component:default/kestrel-web-banking',
        'api:default/accounts-api',
      ]);
      const restricted = (hide: string[]) =>
        ChangeService.create({
          store: ctx.store,
          snapshots: ctx.snapshots,
          catalog,
          permissions: mockServices.permissions(),
          visibility: {
            forCaller: async () => ({
              all: false,
              visible: async (refs: Iterable<string>) =>
                new Set([...refs].filter(ref => !hide.includes(ref))),
            }),
          } as unknown as CatalogVisibility,
          logger: ctx.logger,
          settings: SETTINGS,
        });
      const [event] = (
        await restricted([...hidden]).listChanges({}, credentials)
      ).items;
      expect(event.entityRef).toBe(PAYMENTS_V2);
      expect(event.consumers.map(c => c.entityRef)).not.toContain(
        'component:default/kestrel-web-banking',
      );
      expect(event.consumers.length).toBeGreaterThan(0);
      expect(
        (await restricted([PAYMENTS_V2]).listChanges({}, credentials)).items,
      ).toEqual([]);
      let csv = '';
      for await (const chunk of await restricted([
        PAYMENTS_V2,
      ]).exportChangesCsv({}, credentials)) {
        csv += chunk;
      }
      expect(csv).not.toContain(PAYMENTS_V2);
    });

    it('records nothing more when the definition stays the same', async () => {
      const edited = withPaymentsV2(doc => {
        delete doc.paths['/v2/payment-quotes'];
        doc.paths['/v2/payments'].get.parameters = [
          ...(doc.paths['/v2/payments'].get.parameters ?? []),
          {
            name: 'tenant',
            in: 'query',
            required: true,
            schema: { type: 'string' },
          },
        ];
      });
      const { service } = await ctx.snapshot(edited);
      expect((await service.listChanges({}, credentials)).items).toHaveLength(
        1,
      );
      // The findings of the change stay while the definition is current.
      const stored = await ctx.snapshots.getApiResult(
        entityRefKey(PAYMENTS_V2),
      );
      expect(
        stored!.result.governance.findings.some(
          f => f.ruleId === 'breaking-change-without-major-version',
        ),
      ).toBe(true);
    });

    it('raises no version finding when the major version goes up', async () => {
      const edited = withPaymentsV2(doc => {
        doc.info.version = '3.0.0';
        delete doc.paths['/v2/payment-batches'];
      });
      const { service } = await ctx.snapshot(edited);
      const [latest] = (await service.listChanges({}, credentials)).items;
      expect(latest).toMatchObject({
        fromVersion: '2.4.0',
        toVersion: '3.0.0',
      });
      expect(latest.counts.breaking).toBeGreaterThan(0);
      const stored = await ctx.snapshots.getApiResult(
        entityRefKey(PAYMENTS_V2),
      );
      expect(
        stored!.result.governance.findings
          .filter(f => f.source === 'changes')
          .map(f => f.ruleId),
      ).toEqual(['operation-removed-without-deprecation']);
    });

    it('lists the differences between the payments API versions', async () => {
      const { service } = await ctx.snapshot(raw);
      const family = await service.getVersionFamily(
        entityRefKey('api:default/payments-api-v1'),
        credentials,
      );
      expect(family.members.map(m => m.entityRef)).toEqual([
        'api:default/payments-api-v1',
        'api:default/payments-api-v2',
        'api:default/payments-api-v3',
      ]);
      expect(family.members.map(m => m.major)).toEqual([1, 2, 3]);
      expect(family.comparisons).toHaveLength(2);
      const [v1v2] = family.comparisons;
      expect(v1v2.from.entityRef).toBe('api:default/payments-api-v1');
      expect(v1v2.from.version).toMatch(/^1\./);
      expect(v1v2.problem).toBeUndefined();
      expect(v1v2.counts.breaking).toBeGreaterThan(0);
      expect(v1v2.changes).toContainEqual(
        expect.objectContaining({
          operation: 'DELETE /payments/{paymentId}',
          class: 'breaking',
        }),
      );
      // An API with no family: itself, no comparison.
      const alone = await service.getVersionFamily(
        entityRefKey('api:default/accounts-api'),
        credentials,
      );
      expect(alone.members.map(m => m.entityRef)).toEqual([
        'api:default/accounts-api',
      ]);
      expect(alone.comparisons).toEqual([]);
    });

    it('leaves what it could not compare within the budget to the next snapshot', async () => {
      const edited = withPaymentsV2(doc => {
        doc.info.version = '4.0.0';
      });
      const count = async () => (await ctx.store.getStorage()).events;
      const before = await count();
      await ctx.snapshot(edited, { ...SETTINGS, budgetMs: 1 });
      expect(await count()).toBe(before);
      const { service } = await ctx.snapshot(edited);
      expect(await count()).toBe(before + 1);
      const [latest] = (await service.listChanges({}, credentials)).items;
      expect(latest).toMatchObject({
        entityRef: PAYMENTS_V2,
        toVersion: '4.0.0',
      });
      // Back to the example catalog for the next test.
      await ctx.snapshot(raw);
    });

    it('drops the stored definitions no API refers to, and bounds the events', async () => {
      const before = await ctx.store.getStorage();
      // Back to the original: the edited definitions are no longer current.
      expect(before.definitions).toBeLessThanOrEqual(
        raw.filter(e => e.kind === 'API').length,
      );
      const purged = await ctx.store.purgeEvents({
        before: new Date(0),
        maxPerApi: 1,
      });
      expect(purged).toBe(before.events - 1);
      expect((await ctx.store.getStorage()).events).toBe(1);
    });
  },
);
