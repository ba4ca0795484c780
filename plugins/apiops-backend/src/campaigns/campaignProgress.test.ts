import {
  builtinRules,
  createRuleset,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  loadExampleEntities,
  readPlantedOwnershipGaps,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { SnapshotService } from '../snapshot/SnapshotService';
import { CampaignProgressListener } from './CampaignProgressListener';
import { CampaignService } from './CampaignService';

/*
 * The campaign of the issue, tried on the example catalog as a platform team
 * would: "no ownership gaps in production APIs". The planted gaps of the
 * production APIs are what remains; fixing an owner in the catalog moves the
 * burn-up on the next snapshot.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/ada.lindqvist');

const rawCatalog = loadExampleEntities();

/** The example catalog with an API's owner changed. */
function withOwner(entities: Entity[], api: string, owner: string): Entity[] {
  return entities.map(entity =>
    entity.kind === 'API' && entity.metadata.name === api
      ? { ...entity, spec: { ...entity.spec, owner } }
      : entity,
  );
}

/** The production APIs of the example catalog with a planted ownership gap. */
function plantedProductionGaps(entities: Entity[]): string[] {
  const planted = readPlantedOwnershipGaps();
  return entities
    .filter(
      e =>
        e.kind === 'API' &&
        e.spec?.lifecycle === 'production' &&
        planted.has(stringifyEntityRef(e)),
    )
    .map(e => stringifyEntityRef(e))
    .sort();
}

let method: MethodCatalog;
beforeAll(async () => {
  method = await MethodCatalog.create();
});

describe.each(databases.eachSupportedId())(
  'campaign progress with the snapshots on %p',
  (databaseId: TestDatabaseId) => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const store = await DatabaseSnapshotStore.create({ database });
      const assessments = await DatabaseAssessmentStore.create({ database });
      const campaignStore = await DatabaseCampaignStore.create({ database });
      const logger = mockServices.logger.mock();
      let served = withCatalogRelations(rawCatalog);
      const catalog = catalogServiceMock.mock({
        streamEntities: (request, options) =>
          catalogServiceMock({ entities: served }).streamEntities(
            request,
            options,
          ),
        getEntitiesByRefs: (request, options) =>
          catalogServiceMock({ entities: served }).getEntitiesByRefs(
            request,
            options,
          ),
        getEntityByRef: (ref, options) =>
          catalogServiceMock({ entities: served }).getEntityByRef(ref, options),
      });
      const snapshots = SnapshotService.create({
        catalog,
        auth: mockServices.auth(),
        logger,
        store,
        assessments,
        method,
        ruleset: createRuleset(builtinRules),
        listeners: [
          CampaignProgressListener.create({
            store: campaignStore,
            assessments,
            method,
            logger,
          }),
        ],
      });
      const permissions = mockServices.permissions();
      const campaigns = CampaignService.create({
        store: campaignStore,
        permissions,
        catalog,
        visibility: CatalogVisibility.create({ permissions, catalog }),
        method,
        ruleIds: () => new Set(builtinRules.map(rule => rule.id)),
        now: () => new Date('2027-02-01T00:00:00Z'),
      });
      return {
        snapshots,
        campaigns,
        serve: (entities: Entity[]) => {
          served = withCatalogRelations(entities);
        },
        logger,
      };
    }

    it('shows the planted gaps as what remains, and moves the burn-up when an owner is fixed', async () => {
      const { snapshots, campaigns, serve, logger } = await setUp();
      const campaign = await campaigns.create(
        {
          title: 'No ownership gaps in production APIs',
          conditions: [{ type: 'no-ownership-gap' }],
          scope: { lifecycles: ['production'] },
          // Started before the snapshots of the test (taken now).
          startDate: '2026-01-05',
          dueDate: '2027-03-31',
        },
        credentials,
      );
      expect(campaign.progress).toMatchObject({ outdated: true, inScope: 0 });

      await snapshots.run();
      const production = rawCatalog.filter(
        e => e.kind === 'API' && e.spec?.lifecycle === 'production',
      ).length;
      const planted = plantedProductionGaps(rawCatalog);
      expect(planted.length).toBeGreaterThan(3);

      const first = await campaigns.get(campaign.id, credentials);
      expect(first.progress).toMatchObject({
        inScope: production,
        met: production - planted.length,
        remaining: planted.length,
        state: 'active',
        outdated: false,
      });
      const failing = await campaigns.listFailures(
        campaign.id,
        { limit: 100 },
        credentials,
      );
      expect(failing.items.map(api => api.entityRef)).toEqual(planted);
      const fxRates = failing.items.find(
        api => api.entityRef === 'api:default/fx-rates-api',
      )!;
      expect(fxRates.reasons).toEqual([
        {
          condition: 'no-ownership-gap',
          message: expect.stringContaining('treasury-ops'),
          fix: expect.stringMatching(/spec\.owner/),
        },
      ]);
      // Unresolved and placeholder owners belong to no team.
      expect(first.progress.withoutTeam).toMatchObject({ remaining: 2 });
      const accounts = await campaigns.getProgress(
        campaign.id,
        { team: entityRefKey('group:default/accounts-team') },
        credentials,
      );
      expect(accounts.campaign.team).toMatchObject({ remaining: 1 });
      // Teams, most APIs remaining first; a parent counts its child groups.
      const teams = await campaigns.listTeams(
        campaign.id,
        { limit: 100 },
        credentials,
      );
      const technology = teams.items.find(
        t => t.groupRef === 'group:default/technology',
      );
      expect(technology).toMatchObject({ remaining: 1 });
      const remaining = teams.items.map(t => t.remaining);
      expect([...remaining].sort((a, b) => b - a)).toEqual(remaining);

      // The platform team fixes two owners in the catalog.
      serve(
        withOwner(
          withOwner(rawCatalog, 'fx-rates-api', 'payments-team'),
          'payment-limits-api',
          'payments-team',
        ),
      );
      await snapshots.run();
      const second = await campaigns.getProgress(campaign.id, {}, credentials);
      expect(second.campaign.progress).toMatchObject({
        met: production - planted.length + 2,
        remaining: planted.length - 2,
      });
      expect(second.points.map(p => p.met)).toEqual([
        production - planted.length,
        production - planted.length + 2,
      ]);
      const accountsAfter = await campaigns.getProgress(
        campaign.id,
        { team: entityRefKey('group:default/accounts-team') },
        credentials,
      );
      expect(accountsAfter.campaign.team).toMatchObject({ remaining: 0 });
      expect(accountsAfter.points.map(p => p.met - p.inScope)).toEqual([-1, 0]);

      // A third snapshot that changes nothing stores no point: the burn-up
      // ends with it, at the same counts.
      await snapshots.run();
      const third = await campaigns.getProgress(campaign.id, {}, credentials);
      expect(third.points.map(p => [p.snapshotId, p.met])).toEqual([
        [second.points[0].snapshotId, production - planted.length],
        [second.points[1].snapshotId, production - planted.length + 2],
        [third.campaign.progress.snapshotId, production - planted.length + 2],
      ]);
      expect(logger.error).not.toHaveBeenCalled();
    });
  },
);
