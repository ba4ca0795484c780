import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Assessment,
  builtinRules,
  createRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore, StoredApiLabels } from '../database/SnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from './CatalogVisibility';
import { LabelService } from './LabelService';

const credentials = mockCredentials.service();

const api = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'payments' },
});

const assessment = (entityRef: string, station: string): Assessment => ({
  id: '7',
  entityRef,
  cycle: 'api-productization-cycle',
  station,
  answers: {},
  evidence: {},
  notes: {},
  assessedBy: 'user:default/ada',
  createdAt: '2026-12-01T10:00:00.000Z',
});

const stored: StoredApiLabels = {
  snapshot: {
    id: '3',
    startedAt: new Date('2026-12-01T09:00:00.000Z'),
    computedAt: '2026-12-01T09:01:00.000Z',
  },
  apis: [
    {
      entityRef: 'api:default/seen-api',
      station: 'unassessed',
      governance: 'attention',
      ownershipGap: 'none',
    },
    {
      entityRef: 'api:default/removed-api',
      station: 'unassessed',
      governance: 'attention',
      ownershipGap: 'owner-missing',
    },
  ],
};

async function createService(latestSince: Assessment[]) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  });
  // removed-api was assessed, then deleted from the catalog.
  const catalog = catalogServiceMock({
    entities: [api('seen-api'), api('new-api')],
  });
  const assessments = {
    lastId: jest.fn().mockResolvedValue('7'),
    latestSince: jest.fn().mockResolvedValue(latestSince),
  };
  const snapshots = {
    getInfo: jest.fn().mockResolvedValue({ id: '3', stale: false }),
    listApiLabels: jest.fn().mockResolvedValue(stored),
    getApiResults: jest.fn().mockResolvedValue(new Map()),
    lastRefreshId: jest.fn().mockResolvedValue(undefined),
  };
  const service = LabelService.create({
    catalog,
    auth: mockServices.auth(),
    assessments: assessments as unknown as AssessmentStore,
    snapshots: snapshots as unknown as SnapshotStore,
    method: await MethodCatalog.create(),
    ruleset: createRuleset(builtinRules),
    permissions,
    visibility: CatalogVisibility.create({ permissions, catalog }),
  });
  return { service, assessments, snapshots };
}

describe('LabelService', () => {
  it('gives an API assessed since the snapshot but unseen by it its station only, and keeps the snapshot values of an API gone from the catalog', async () => {
    const { service, assessments } = await createService([
      assessment('api:default/new-api', 'api-design'),
      assessment('api:default/removed-api', 'api-delivery'),
    ]);
    const { etag, labels } = await service.getLabels(credentials);
    expect(assessments.latestSince).toHaveBeenCalledWith(
      stored.snapshot!.startedAt,
    );
    expect(etag).toBe('W/"labels-3-7-0"');
    expect(labels).toEqual({
      snapshotId: '3',
      computedAt: '2026-12-01T09:01:00.000Z',
      groups: [
        { station: 'api-design', entityRefs: ['api:default/new-api'] },
        {
          station: 'unassessed',
          governance: 'attention',
          ownershipGap: 'none',
          entityRefs: ['api:default/seen-api'],
        },
        {
          station: 'unassessed',
          governance: 'attention',
          ownershipGap: 'owner-missing',
          entityRefs: ['api:default/removed-api'],
        },
      ],
    });
  });

  it('answers only the version when the caller has it, reading no labels', async () => {
    const { service, snapshots } = await createService([]);
    for (const ifNoneMatch of [
      'W/"labels-3-7-0"',
      '"labels-3-7-0"',
      '"other", W/"labels-3-7-0"',
      '*',
    ]) {
      expect(await service.getLabels(credentials, { ifNoneMatch })).toEqual({
        etag: 'W/"labels-3-7-0"',
      });
    }
    expect(snapshots.listApiLabels).not.toHaveBeenCalled();
    const changed = await service.getLabels(credentials, {
      ifNoneMatch: 'W/"labels-3-6-0"',
    });
    expect(changed.labels?.groups).toHaveLength(2);
  });

  it('gives a new version once one API has been refreshed, as the refresh changes its labels', async () => {
    const { service, snapshots } = await createService([]);
    snapshots.lastRefreshId.mockResolvedValue('12');
    const answer = await service.getLabels(credentials, {
      ifNoneMatch: 'W/"labels-3-7-0"',
    });
    expect(answer.etag).toBe('W/"labels-3-7-12"');
    expect(answer.labels?.groups).toHaveLength(2);
  });
});
