import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CampaignInput, CampaignSnapshotResult } from './CampaignStore';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import { migrationsDir } from './migrationsDir';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const input: CampaignInput = {
  title: 'No ownership gaps in production APIs',
  conditions: [{ type: 'no-ownership-gap' }],
  scope: { lifecycles: ['production'] },
  startDate: '2027-01-04',
  dueDate: '2027-03-31',
};

function result(
  campaignId: string,
  overrides: Partial<CampaignSnapshotResult> = {},
): CampaignSnapshotResult {
  return {
    campaignId,
    revision: 1,
    inScope: 3,
    met: 1,
    withoutTeam: { inScope: 1, met: 0 },
    teams: [
      {
        groupRef: 'group:default/bank',
        title: 'Bank',
        inScope: 2,
        met: 1,
        ownerRefs: ['group:default/payments', 'group:default/cards'],
      },
      {
        groupRef: 'group:default/payments',
        title: 'Payments',
        inScope: 1,
        met: 1,
        ownerRefs: ['group:default/payments'],
      },
      {
        groupRef: 'group:default/cards',
        title: 'Cards',
        inScope: 1,
        met: 0,
        ownerRefs: ['group:default/cards'],
      },
    ],
    failures: [
      {
        entityRef: 'api:default/cards-api',
        title: 'Cards API',
        owner: 'group:default/cards',
        ownerRef: 'group:default/cards',
        reasons: [
          {
            condition: 'no-ownership-gap',
            message: 'Empty',
            fix: 'Add members',
          },
        ],
      },
      {
        entityRef: 'api:default/typo-api',
        title: 'Typo API',
        ownerRef: 'group:default/paymnets',
        reasons: [
          {
            condition: 'no-ownership-gap',
            message: 'Unresolved',
            fix: 'Fix it',
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %p',
  id => {
    let knex: Knex;
    let store: DatabaseCampaignStore;

    beforeAll(async () => {
      knex = await databases.init(id);
      store = await DatabaseCampaignStore.create({
        database: mockServices.database({ knex }),
      });
    });

    it('creates, reads, changes (one revision more) and deletes a campaign', async () => {
      const created = await store.create(input, 'user:default/ada');
      expect(created).toEqual({
        id: expect.stringMatching(/^\d+$/),
        ...input,
        revision: 1,
        createdBy: 'user:default/ada',
        createdAt: expect.stringMatching(/Z$/),
        updatedBy: 'user:default/ada',
        updatedAt: created.createdAt,
      });
      expect(await store.get(created.id)).toEqual(created);

      const changed = await store.update(
        created.id,
        { ...input, description: 'Why', dueDate: '2027-04-30' },
        'user:default/bo',
      );
      expect(changed).toMatchObject({
        description: 'Why',
        dueDate: '2027-04-30',
        revision: 2,
        createdBy: 'user:default/ada',
        updatedBy: 'user:default/bo',
      });
      expect(await store.update('999999', input, 'x')).toBeUndefined();

      await store.storeSnapshotResults('7', new Date(), [result(created.id)]);
      expect(await store.delete(created.id)).toBe(true);
      expect(await store.get(created.id)).toBeUndefined();
      expect(await store.delete(created.id)).toBe(false);
      // Its progress went with it.
      expect(await store.listFailuresOf('api:default/cards-api')).toEqual([]);
      expect(await store.listTeamRows('group:default/cards')).toEqual([]);
      expect(
        await knex('apiops_campaign_progress').where({
          campaign_id: created.id,
        }),
      ).toEqual([]);
    });

    it('lists the campaigns newest first, in pages', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await store.create({ ...input, title: `C${i}` }, 'x')).id);
      }
      const first = await store.list({ limit: 2 });
      expect(first.items.map(c => c.id).slice(0, 2)).toEqual([ids[2], ids[1]]);
      const second = await store.list({ limit: 2, cursor: first.nextCursor });
      expect(second.items[0].id).toBe(ids[0]);
      expect((await store.listAll()).map(c => c.id)).toEqual(
        expect.arrayContaining(ids),
      );
    });

    it('replaces the progress per snapshot, and adds a burn-up point only when it changed', async () => {
      const { id: campaignId } = await store.create(input, 'x');
      const t1 = new Date('2027-01-10T10:00:00.000Z');
      await store.storeSnapshotResults('10', t1, [result(campaignId)]);
      await store.storeSnapshotResults('11', new Date('2027-01-10T10:30:00Z'), [
        result(campaignId),
      ]);
      await store.storeSnapshotResults('12', new Date('2027-01-10T11:00:00Z'), [
        result(campaignId, {
          met: 2,
          teams: [
            {
              groupRef: 'group:default/cards',
              title: 'Cards',
              inScope: 1,
              met: 1,
              ownerRefs: ['group:default/cards'],
            },
          ],
          failures: [result(campaignId).failures[1]],
        }),
      ]);

      const status = (await store.getStatuses([campaignId])).get(campaignId);
      expect(status).toEqual({
        campaignId,
        snapshotId: '12',
        revision: 1,
        computedAt: '2027-01-10T11:00:00.000Z',
        inScope: 3,
        met: 2,
        withoutTeam: { inScope: 1, met: 0 },
      });
      const points = await store.listPoints(campaignId);
      expect(points.map(p => [p.snapshotId, p.met])).toEqual([
        ['10', 1],
        ['12', 2],
      ]);
      expect(points[0].teams).toEqual({
        'group:default/bank': [2, 1],
        'group:default/cards': [1, 0],
        'group:default/payments': [1, 1],
      });
      expect((await store.listTeams(campaignId, { limit: 10 })).items).toEqual([
        expect.objectContaining({ groupRef: 'group:default/cards', met: 1 }),
      ]);
      expect(
        (await store.listFailures(campaignId, { limit: 10 })).items.map(
          f => f.entityRef,
        ),
      ).toEqual(['api:default/typo-api']);

      // An older snapshot finishing late does not overwrite a newer one.
      await store.storeSnapshotResults('11', new Date(), [result(campaignId)]);
      expect(
        (await store.getStatuses([campaignId])).get(campaignId)?.snapshotId,
      ).toBe('12');
    });

    it('skips a campaign deleted before its results are stored', async () => {
      const { id: campaignId } = await store.create(input, 'x');
      await store.delete(campaignId);
      await store.storeSnapshotResults('20', new Date(), [result(campaignId)]);
      expect(await store.getStatuses([campaignId])).toEqual(new Map());
    });

    it('pages the teams by what remains, bound to the snapshot', async () => {
      const { id: campaignId } = await store.create(input, 'x');
      await store.storeSnapshotResults('30', new Date(), [result(campaignId)]);
      const first = await store.listTeams(campaignId, { limit: 1 });
      // Bank: 1 remaining of 2; Cards: 1 of 1; Payments: none.
      expect(first.items.map(t => t.groupRef)).toEqual(['group:default/bank']);
      const second = await store.listTeams(campaignId, {
        limit: 5,
        cursor: first.nextCursor,
      });
      expect(second.items.map(t => t.groupRef)).toEqual([
        'group:default/cards',
        'group:default/payments',
      ]);
      expect(await store.countTeamsRemaining([campaignId])).toEqual(
        new Map([[campaignId, 2]]),
      );

      await store.storeSnapshotResults('31', new Date(), [result(campaignId)]);
      await expect(
        store.listTeams(campaignId, { limit: 1, cursor: first.nextCursor }),
      ).rejects.toMatchObject({ name: 'ConflictError', message: /^cursor: / });
    });

    it('filters the failing APIs by owner, and lists the campaigns an API fails', async () => {
      const { id: campaignId } = await store.create(input, 'x');
      await store.storeSnapshotResults('40', new Date(), [result(campaignId)]);
      const cards = await store.listFailures(campaignId, {
        limit: 10,
        ownerRefs: ['group:default/cards'],
      });
      expect(cards.items).toEqual([
        {
          entityRef: 'api:default/cards-api',
          title: 'Cards API',
          owner: 'group:default/cards',
          reasons: [
            {
              condition: 'no-ownership-gap',
              message: 'Empty',
              fix: 'Add members',
            },
          ],
        },
      ]);
      const page1 = await store.listFailures(campaignId, { limit: 1 });
      const page2 = await store.listFailures(campaignId, {
        limit: 1,
        cursor: page1.nextCursor,
      });
      expect([...page1.items, ...page2.items].map(f => f.entityRef)).toEqual([
        'api:default/cards-api',
        'api:default/typo-api',
      ]);
      expect(page2.nextCursor).toBeUndefined();
      expect(
        (await store.listFailuresOf('api:default/typo-api')).map(
          f => f.campaignId,
        ),
      ).toContain(campaignId);
    });

    it('purges old burn-up points but the latest of each campaign', async () => {
      const { id: campaignId } = await store.create(input, 'x');
      await store.storeSnapshotResults('50', new Date('2026-01-01T00:00:00Z'), [
        result(campaignId, { met: 0 }),
      ]);
      await store.storeSnapshotResults('51', new Date('2026-01-02T00:00:00Z'), [
        result(campaignId, { met: 1 }),
      ]);
      await store.purgePoints(new Date('2026-06-01T00:00:00Z'));
      expect(
        (await store.listPoints(campaignId)).map(p => p.snapshotId),
      ).toEqual(['51']);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the campaign migration on %p',
  id => {
    it('goes down and up again', async () => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261215090000_campaigns.js',
      });
      expect(await knex.schema.hasTable('apiops_campaigns')).toBe(false);
      expect(await knex.schema.hasTable('apiops_campaign_progress')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('apiops_campaign_failures')).toBe(true);
      await knex.destroy();
    });
  },
);
