import {
  APIOPS_NOTIFICATION_TOPICS,
  builtinRules,
  createRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  loadExampleEntities,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CampaignProgressListener } from '../campaigns/CampaignProgressListener';
import { CampaignService } from '../campaigns/CampaignService';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from '../services/CatalogVisibility';
import { SnapshotService } from '../snapshot/SnapshotService';
import { ApiOpsNotifier, MAX_SEND_ATTEMPTS } from './ApiOpsNotifier';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';

/*
 * The notifications of the issue, on the example catalog, snapshot after
 * snapshot: one for a newly planted gap, none for the gaps that already
 * existed; an overdue campaign tells its teams once.
 */

jest.setTimeout(120_000);

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/ada.lindqvist');
const rawCatalog = loadExampleEntities();
const PLATFORM_TEAM = 'group:default/platform-team';

function withOwner(entities: Entity[], api: string, owner: string): Entity[] {
  return entities.map(entity =>
    entity.kind === 'API' && entity.metadata.name === api
      ? { ...entity, spec: { ...entity.spec, owner } }
      : entity,
  );
}

/** A notifications service that records what it is asked to send. */
function recordingService() {
  const sent: NotificationSendOptions[] = [];
  let failing: Error | undefined;
  const service: NotificationService = {
    async send(options) {
      if (failing) throw failing;
      sent.push(options);
    },
  };
  return {
    service,
    sent,
    fail(error: Error | undefined) {
      failing = error;
    },
  };
}

let method: MethodCatalog;
beforeAll(async () => {
  method = await MethodCatalog.create();
});

describe.each(databases.eachSupportedId())(
  'ApiOpsNotifier on %p',
  (databaseId: TestDatabaseId) => {
    async function setUp(options: { now?: () => Date } = {}) {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };
      const store = await DatabaseSnapshotStore.create({ database });
      const assessments = await DatabaseAssessmentStore.create({ database });
      const campaignStore = await DatabaseCampaignStore.create({ database });
      const notificationStore = await DatabaseNotificationStore.create({
        database,
      });
      const logger = mockServices.logger.mock();
      let served = withCatalogRelations(rawCatalog);
      const catalog = catalogServiceMock.mock({
        streamEntities: (request, requestOptions) =>
          catalogServiceMock({ entities: served }).streamEntities(
            request,
            requestOptions,
          ),
        getEntitiesByRefs: (request, requestOptions) =>
          catalogServiceMock({ entities: served }).getEntitiesByRefs(
            request,
            requestOptions,
          ),
      });
      const recorder = recordingService();
      const notifier = ApiOpsNotifier.create({
        store: notificationStore,
        notifications: recorder.service,
        logger,
        platformTeam: PLATFORM_TEAM,
        now: options.now,
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
            observers: [notifier],
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
      });
      return {
        snapshots,
        campaigns,
        notificationStore,
        recorder,
        logger,
        serve: (entities: Entity[]) => {
          served = withCatalogRelations(entities);
        },
      };
    }

    it('tells the owning team once of a newly planted gap, and nobody of the gaps that existed', async () => {
      const { snapshots, recorder, serve, logger } = await setUp();

      // The first snapshot is the baseline: the planted gaps are not news.
      await snapshots.run();
      expect(recorder.sent).toEqual([]);

      // A gap is planted: accounts-api is given to the cards team, which
      // does not own the component that provides it (owner-mismatch).
      serve(withOwner(rawCatalog, 'accounts-api', 'cards-team'));
      await snapshots.run();
      expect(recorder.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/cards-team' },
          payload: {
            title: expect.stringMatching(/has a new ownership gap$/),
            description: expect.stringContaining('accounts-team'),
            link: '/catalog/default/api/accounts-api/apiops',
            severity: 'high',
            topic: APIOPS_NOTIFICATION_TOPICS.ownershipGap,
            scope: expect.stringMatching(
              /^apiops-ownership-gap:group:default\/cards-team:\d+$/,
            ),
          },
        },
      ]);

      // Nothing new: nothing more.
      await snapshots.run();
      expect(recorder.sent).toHaveLength(1);

      // An API newly without a valid owner: the platform team is told.
      serve(
        withOwner(
          withOwner(rawCatalog, 'accounts-api', 'cards-team'),
          'card-status-api',
          'nobody-knows',
        ),
      );
      await snapshots.run();
      expect(recorder.sent).toHaveLength(2);
      expect(recorder.sent[1]).toMatchObject({
        recipients: { type: 'entity', entityRef: PLATFORM_TEAM },
        payload: {
          topic: APIOPS_NOTIFICATION_TOPICS.ownershipGap,
          link: '/catalog/default/api/card-status-api/apiops',
        },
      });
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('tells the teams of an overdue campaign once, and again only for new dates', async () => {
      let now = new Date('2027-04-02T08:00:00Z');
      const { snapshots, campaigns, recorder, notificationStore } = await setUp(
        {
          now: () => now,
        },
      );
      const campaign = await campaigns.create(
        {
          title: 'No ownership gaps in production APIs',
          conditions: [{ type: 'no-ownership-gap' }],
          scope: { lifecycles: ['production'] },
          startDate: '2027-01-04',
          dueDate: '2027-03-31',
        },
        credentials,
      );

      await snapshots.run();
      const overdue = recorder.sent.filter(
        n => n.payload.topic === APIOPS_NOTIFICATION_TOPICS.campaignOverdue,
      );
      // The teams with production APIs left to fix: accounts-team
      // (payment-limits-api), legacy-integration-team (mainframe-gateway-api);
      // the platform team for the unowned ones and the empty
      // branch-network-team's.
      expect(
        overdue
          .map(n => (n.recipients as { entityRef: string }).entityRef)
          .sort(),
      ).toEqual([
        'group:default/accounts-team',
        'group:default/legacy-integration-team',
        PLATFORM_TEAM,
      ]);
      expect(overdue[0].payload).toMatchObject({
        title: expect.stringContaining('No ownership gaps in production APIs'),
        severity: 'critical',
        link: expect.stringMatching(
          new RegExp(
            `^/apiops/campaigns/${campaign.id}\\?team=group%3Adefault%2F`,
          ),
        ),
      });
      // Started: every team with production APIs, once.
      const started = recorder.sent.filter(
        n => n.payload.topic === APIOPS_NOTIFICATION_TOPICS.campaignStarted,
      );
      expect(started.length).toBeGreaterThan(overdue.length);
      const sentFirst = recorder.sent.length;

      now = new Date('2027-04-09T08:00:00Z');
      await snapshots.run();
      expect(recorder.sent).toHaveLength(sentFirst);

      // Moved due date: due soon now, told once more.
      await campaigns.update(
        campaign.id,
        {
          title: 'No ownership gaps in production APIs',
          conditions: [{ type: 'no-ownership-gap' }],
          scope: { lifecycles: ['production'] },
          startDate: '2027-01-04',
          dueDate: '2027-04-12',
        },
        credentials,
      );
      await snapshots.run();
      const dueSoon = recorder.sent.slice(sentFirst).map(n => n.payload.topic);
      expect(new Set(dueSoon)).toEqual(
        new Set([APIOPS_NOTIFICATION_TOPICS.campaignDueSoon]),
      );
      expect(
        (
          await notificationStore.listKeys(
            `campaign:${campaign.id}:overdue:2027-03-31:`,
          )
        ).map(k => k.status),
      ).toEqual(['covered', 'covered', 'covered']);
    });

    it('keeps what it could not send and sends it after the next snapshot, once', async () => {
      const { snapshots, recorder, serve, notificationStore, logger } =
        await setUp();
      await snapshots.run();
      serve(withOwner(rawCatalog, 'accounts-api', 'cards-team'));
      recorder.fail(new Error('Request failed with status 404'));
      await snapshots.run();
      expect(recorder.sent).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('plugin-notifications-backend'),
      );
      expect(await notificationStore.listKeys('apiops-ownership-gap:')).toEqual(
        [{ key: expect.any(String), status: 'pending' }],
      );

      recorder.fail(undefined);
      await snapshots.run();
      expect(recorder.sent).toHaveLength(1);
      await snapshots.run();
      expect(recorder.sent).toHaveLength(1);
      expect(await notificationStore.listKeys('apiops-ownership-gap:')).toEqual(
        [{ key: expect.any(String), status: 'sent' }],
      );
    });

    it('gives a notice up after as many failed attempts as allowed', async () => {
      const { notificationStore } = await setUp();
      await notificationStore.advance('1', new Map(), [
        {
          key: 'k1',
          topic: 't',
          recipient: PLATFORM_TEAM,
          payload: { title: 'x' },
        },
      ]);
      for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
        const [claimed] = await notificationStore.claim({
          limit: 10,
          staleAfterMs: 60_000,
        });
        expect(claimed.key).toBe('k1');
        await notificationStore.markFailed('k1', 'down', MAX_SEND_ATTEMPTS);
      }
      expect(await notificationStore.listKeys()).toEqual([
        { key: 'k1', status: 'failed' },
      ]);
      expect(
        await notificationStore.claim({ limit: 10, staleAfterMs: 60_000 }),
      ).toEqual([]);
    });

    it('lets one claimer only take a notice, and takes back one left claimed too long', async () => {
      const { notificationStore } = await setUp();
      await notificationStore.advance('1', new Map(), [
        {
          key: 'a',
          topic: 't',
          recipient: PLATFORM_TEAM,
          payload: { title: 'a' },
        },
        {
          key: 'b',
          topic: 't',
          recipient: PLATFORM_TEAM,
          payload: { title: 'b' },
        },
      ]);
      const [first, second] = await Promise.all([
        notificationStore.claim({ limit: 10, staleAfterMs: 60_000 }),
        notificationStore.claim({ limit: 10, staleAfterMs: 60_000 }),
      ]);
      expect([...first, ...second].map(n => n.key).sort()).toEqual(['a', 'b']);
      // The claimer stopped: an hour later the notices are claimed again.
      const later = await notificationStore.claim({
        limit: 10,
        staleAfterMs: 60_000,
        now: new Date(Date.now() + 60 * 60 * 1000),
      });
      expect(later.map(n => n.key).sort()).toEqual(['a', 'b']);
      // A known key is not added again.
      await notificationStore.advance('2', new Map(), [
        {
          key: 'a',
          topic: 't',
          recipient: PLATFORM_TEAM,
          payload: { title: 'again' },
        },
      ]);
      expect(await notificationStore.listKeys()).toHaveLength(2);
    });
  },
);
