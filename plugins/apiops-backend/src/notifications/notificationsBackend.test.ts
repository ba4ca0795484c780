import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import {
  loadExampleEntities,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { apiopsPlugin } from '../plugin';

/*
 * The APIOps backend beside Backstage's notifications backend, as in the
 * example portal: a gap planted in the example catalog reaches the members
 * of the owning group in their notifications (the notifications backend
 * resolves the group's members from the catalog), once, and nobody else.
 */

jest.setTimeout(180_000);

const rawCatalog = loadExampleEntities();

function withOwner(entities: Entity[], api: string, owner: string): Entity[] {
  return entities.map(entity =>
    entity.kind === 'API' && entity.metadata.name === api
      ? { ...entity, spec: { ...entity.spec, owner } }
      : entity,
  );
}

describe('APIOps notifications through the notifications backend', () => {
  it('reaches the members of the owning group once', async () => {
    let served = withCatalogRelations(rawCatalog);
    const catalog = catalogServiceMock.mock({
      streamEntities: (req, options) =>
        catalogServiceMock({ entities: served }).streamEntities(req, options),
      getEntitiesByRefs: (req, options) =>
        catalogServiceMock({ entities: served }).getEntitiesByRefs(
          req,
          options,
        ),
      getEntityByRef: (ref, options) =>
        catalogServiceMock({ entities: served }).getEntityByRef(ref, options),
    });
    const { server } = await startTestBackend({
      features: [
        apiopsPlugin,
        notificationsPlugin,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            apiops: {
              snapshot: { frequency: { trigger: 'manual' } },
              notifications: { platformTeam: 'platform-team' },
            },
          },
        }),
      ],
    });
    const service = mockCredentials.service.header();

    /** Takes a snapshot and waits until the notifier has handled it. */
    async function snapshot() {
      const before = await request(server)
        .get('/api/apiops/reports/summary')
        .set('authorization', service);
      expect(
        (
          await request(server)
            .post('/api/apiops/snapshots')
            .set('authorization', service)
        ).status,
      ).toBe(202);
      for (let i = 0; i < 300; i++) {
        const summary = await request(server)
          .get('/api/apiops/reports/summary')
          .set('authorization', service);
        if (
          summary.body.snapshot.id &&
          summary.body.snapshot.id !== before.body.snapshot.id
        ) {
          // The notifications follow the stored results.
          await new Promise(resolve => setTimeout(resolve, 1500));
          return;
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      throw new Error('the snapshot did not complete');
    }
    const inbox = async (user: string) => {
      const res = await request(server)
        .get('/api/notifications/notifications')
        .set('authorization', mockCredentials.user.header(user));
      expect(res.status).toBe(200);
      return res.body.notifications as Array<{
        origin: string;
        payload: { title: string; topic: string; link: string };
      }>;
    };

    await snapshot();
    expect(await inbox('user:default/kenji.watanabe')).toEqual([]);

    served = withCatalogRelations(
      withOwner(rawCatalog, 'accounts-api', 'cards-team'),
    );
    await snapshot();
    for (const member of [
      'user:default/kenji.watanabe',
      'user:default/elena.petrova',
    ]) {
      expect(await inbox(member)).toEqual([
        expect.objectContaining({
          origin: 'plugin:apiops',
          payload: expect.objectContaining({
            topic: 'apiops-ownership-gap',
            link: '/catalog/default/api/accounts-api/apiops',
          }),
        }),
      ]);
    }
    // Not the old owners, not the platform team.
    expect(await inbox('user:default/liam.oconnell')).toEqual([]);
    expect(await inbox('user:default/ada.lindqvist')).toEqual([]);

    await snapshot();
    expect(await inbox('user:default/kenji.watanabe')).toHaveLength(1);
  });
});
