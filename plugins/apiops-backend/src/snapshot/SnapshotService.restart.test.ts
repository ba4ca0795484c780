import {
  builtinRules,
  createRuleset,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  loadExampleEntities,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseDefinitionFeatureStore } from '../database/DatabaseDefinitionFeatureStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { ReportPage } from '../database/SnapshotStore';
import { DefinitionParserPool } from '../fragmentation/DefinitionParserPool';
import { extractDefinitionFeatures } from '../fragmentation/extractDefinitionFeatures';
import { MethodCatalog } from '../method';
import { purgeSnapshotHistory } from './purgeSnapshotHistory';
import { SnapshotService } from './SnapshotService';

jest.setTimeout(120_000);

// Counts the definitions parsed on this thread.
jest.mock('../fragmentation/extractDefinitionFeatures', () => {
  const actual = jest.requireActual(
    '../fragmentation/extractDefinitionFeatures',
  );
  return {
    ...actual,
    extractDefinitionFeatures: jest.fn(actual.extractDefinitionFeatures),
  };
});
const extract = extractDefinitionFeatures as jest.MockedFunction<
  typeof extractDefinitionFeatures
>;

/**
 * A restarted backend, or a second replica, on the same database: its
 * memory is empty, but the definition features are in the database, so an
 * unchanged definition is not parsed again.
 */

const catalog = withCatalogRelations(loadExampleEntities());
const API_REFS = catalog
  .filter(entity => entity.kind === 'API')
  .map(entity => stringifyEntityRef(entity));
const DEFINITIONS = new Set(
  catalog
    .filter(entity => entity.kind === 'API')
    .map(entity => `${entity.spec?.type}\0${entity.spec?.definition}`),
);

function catalogOf(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  return catalogServiceMock.mock({
    streamEntities: (request, options) =>
      inner.streamEntities({ ...request, pageSize: 7 }, options),
  });
}

async function collect<T>(
  fetchPage: (cursor?: string) => Promise<ReportPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

let method: MethodCatalog;

beforeAll(async () => {
  method = await MethodCatalog.create();
});

beforeEach(() => {
  extract.mockClear();
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'SnapshotService restarted on %p',
  (databaseId: TestDatabaseId) => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const store = await DatabaseSnapshotStore.create({ database });
      const assessments = await DatabaseAssessmentStore.create({ database });
      /** A new backend process on the same database: nothing in memory. */
      const process = async (entities: Entity[] = catalog, parserThreads = 0) =>
        SnapshotService.create({
          catalog: catalogOf(entities),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          store,
          assessments,
          method,
          ruleset: createRuleset(builtinRules),
          parserThreads,
          featureStore: await DatabaseDefinitionFeatureStore.create({
            database,
            skipMigrations: true,
          }),
        });
      const everything = async () => ({
        apis: await Promise.all(
          API_REFS.map(ref => store.getApiResult(entityRefKey(ref))),
        ),
        clusters: await collect(cursor =>
          store.listFragmentation({ limit: 100, cursor }),
        ),
        counts: await store.getCurrentCounts(),
      });
      const featureRows = async () => {
        const [{ n }] = await knex('apiops_definition_features').count({
          n: '*',
        });
        return Number(n);
      };
      return { knex, database, store, process, everything, featureRows };
    }

    it('parses nothing again for unchanged definitions, and gives the same results', async () => {
      const ctx = await setUp();
      await (await ctx.process()).run();
      expect(extract).toHaveBeenCalledTimes(DEFINITIONS.size);
      const cold = await ctx.everything();
      expect(cold.clusters).toHaveLength(5);
      // The precise parse message is stored with the features.
      const reporting =
        cold.apis[API_REFS.indexOf('api:default/reporting-datasets-api')];
      expect(JSON.stringify(reporting)).toContain(
        'Nested mappings are not allowed in compact mappings at line 3, column 10',
      );

      extract.mockClear();
      await (await ctx.process()).run();
      expect(extract).not.toHaveBeenCalled();
      expect(await ctx.everything()).toEqual(cold);

      // One definition changed: that one only is parsed.
      const changed = catalog.map(entity =>
        entity.metadata.name === 'fx-rates-api'
          ? {
              ...entity,
              spec: {
                ...entity.spec,
                definition: `${entity.spec?.definition}\n# changed\n`,
              },
            }
          : entity,
      );
      extract.mockClear();
      await (await ctx.process(changed)).run();
      expect(extract).toHaveBeenCalledTimes(1);
    });

    it('sends nothing to the parser threads of a restarted backend', async () => {
      const ctx = await setUp();
      const pooled = jest.spyOn(DefinitionParserPool.prototype, 'extract');
      const parsedOnThreads = () =>
        pooled.mock.calls.reduce((n, [items]) => n + items.length, 0);
      try {
        await (await ctx.process(catalog, 2)).run();
        expect(parsedOnThreads()).toBe(DEFINITIONS.size);
        const cold = await ctx.everything();

        pooled.mockClear();
        await (await ctx.process(catalog, 2)).run();
        expect(parsedOnThreads()).toBe(0);
        expect(await ctx.everything()).toEqual(cold);
      } finally {
        pooled.mockRestore();
      }
    });

    it('keeps the features of the catalog in one row per distinct definition', async () => {
      const ctx = await setUp();
      await (await ctx.process()).run();
      await (await ctx.process()).run();
      const [{ n }] = await ctx
        .knex('apiops_definition_features')
        .count({ n: '*' });
      expect(Number(n)).toBe(DEFINITIONS.size);
    });

    it('prunes the stored features with the snapshot history: beyond the cap, then unused within the retention', async () => {
      const ctx = await setUp();
      await (await ctx.process()).run();
      const featureStore = await DatabaseDefinitionFeatureStore.create({
        database: ctx.database,
        skipMigrations: true,
      });
      expect(await ctx.featureRows()).toBe(DEFINITIONS.size);

      await purgeSnapshotHistory({
        store: ctx.store,
        retentionDays: 90,
        definitionFeatures: { store: featureStore, maxRows: 10 },
      });
      expect(await ctx.featureRows()).toBe(10);

      // A restart parses what was pruned only, and stores it again.
      await (await ctx.process()).run();
      expect(extract).toHaveBeenCalledTimes(
        DEFINITIONS.size + DEFINITIONS.size - 10,
      );
      expect(await ctx.featureRows()).toBe(DEFINITIONS.size);

      // 91 days later, none was used within the retention.
      await purgeSnapshotHistory({
        store: ctx.store,
        retentionDays: 90,
        definitionFeatures: { store: featureStore, maxRows: 1000 },
        now: new Date(Date.now() + 91 * 24 * 60 * 60 * 1000),
      });
      expect(await ctx.featureRows()).toBe(0);
    });
  },
);
