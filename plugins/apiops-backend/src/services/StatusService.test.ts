import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  apiopsReportReadPermission,
  builtinRules,
  createRuleset,
  entityRefKey,
  FragmentationCluster,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore, StoredApiResult } from '../database/SnapshotStore';
import { MethodCatalog } from '../method';
import { CatalogVisibility } from './CatalogVisibility';
import { StatusService } from './StatusService';

const credentials = mockCredentials.user('user:default/ada');
const ref = entityRefKey('api:default/typo-api');

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'typo-api', namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'paymnets' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/paymnets' }],
};

const stored: StoredApiResult = {
  result: {
    owner: {
      ref: 'group:default/paymnets',
      declared: 'paymnets',
      resolved: false,
      gaps: [
        {
          type: 'owner-unresolved',
          severity: 'error',
          message: 'group:default/paymnets is not in the catalog',
        },
      ],
    },
  } as StoredApiResult['result'],
  inputs: { providers: [], consumers: [] },
};

const cluster = {
  id: 'c1',
  type: 'duplicate',
  score: 1,
  members: [{ entityRef: 'api:default/other-api', title: 'Other' }],
} as unknown as FragmentationCluster;

async function createService(options: {
  reportRead: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Catalog read conditional: only `readable` (and the API) can be read. */
  readable?: Entity[];
  clusters?: FragmentationCluster[];
}) {
  const snapshots = {
    getApiResult: jest.fn().mockResolvedValue(stored),
    getInfo: jest
      .fn()
      .mockResolvedValue({ stale: false, computedAt: '2026-12-01T00:00:00Z' }),
    listClustersOf: jest.fn().mockResolvedValue(options.clusters ?? [cluster]),
  } as unknown as SnapshotStore;
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          r.permission.name === apiopsReportReadPermission.name
            ? options.reportRead
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(
        (): PolicyDecision =>
          options.readable
            ? {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: {
                  rule: 'IS_ENTITY_OWNER',
                  resourceType: 'catalog-entity',
                  params: { claims: ['group:default/team'] },
                },
              }
            : { result: AuthorizeResult.ALLOW },
      ),
  });
  const catalog = catalogServiceMock({
    entities: [entity, ...(options.readable ?? [])],
  });
  const service = StatusService.create({
    catalog,
    assessments: {
      latest: jest.fn().mockResolvedValue(undefined),
    } as unknown as AssessmentStore,
    snapshots,
    method: await MethodCatalog.create(),
    ruleset: createRuleset(builtinRules),
    permissions,
    visibility: CatalogVisibility.create({ permissions, catalog }),
  });
  return { service, snapshots, permissions };
}

describe('StatusService', () => {
  it('adds fragmentation, gaps and governance for callers allowed apiops.report.read', async () => {
    const { service } = await createService({
      reportRead: AuthorizeResult.ALLOW,
    });
    const status = await service.getStatus(ref, credentials);
    expect(status).toMatchObject({
      entityRef: 'api:default/typo-api',
      owner: {
        ref: 'group:default/paymnets',
        resolved: false,
        gaps: [expect.objectContaining({ type: 'owner-unresolved' })],
      },
      governance: expect.objectContaining({ status: expect.any(String) }),
      fragmentation: [cluster],
      snapshotAt: '2026-12-01T00:00:00Z',
    });
    expect(status).not.toHaveProperty('reportData');
  });

  it('shows only the cluster members the caller may read in the catalog', async () => {
    const member = (name: string) => ({
      entityRef: `api:default/${name}`,
      title: name,
    });
    const fields = {
      message: 'api:default/typo-api and api:default/secret-api look alike',
      details: {
        operationCounts: {},
        minJaccard: 1,
        maxJaccard: 1,
        pairs: [],
        genericOperations: [],
      },
    };
    const clusters = [
      {
        ...cluster,
        ...fields,
        id: 'shown',
        members: ['typo-api', 'secret-api', 'open-api'].map(member),
      },
      {
        ...cluster,
        ...fields,
        id: 'gone',
        members: ['typo-api', 'secret-api'].map(member),
      },
    ] as FragmentationCluster[];
    const { service } = await createService({
      reportRead: AuthorizeResult.ALLOW,
      readable: [
        { ...entity, metadata: { name: 'open-api', namespace: 'default' } },
      ],
      clusters,
    });
    const status = await service.getStatus(ref, credentials);
    expect(status.fragmentation?.map(c => c.id)).toEqual(['shown']);
    expect(status.fragmentation?.[0].members.map(m => m.entityRef)).toEqual([
      'api:default/typo-api',
      'api:default/open-api',
    ]);
    expect(JSON.stringify(status)).not.toContain('secret-api');
  });

  it('still answers, without the report data, when apiops.report.read is denied', async () => {
    const { service, snapshots, permissions } = await createService({
      reportRead: AuthorizeResult.DENY,
    });
    const status = await service.getStatus(ref, credentials);
    expect(status).toMatchObject({
      entityRef: 'api:default/typo-api',
      station: expect.any(Object),
      owner: {
        ref: 'group:default/paymnets',
        declared: 'paymnets',
        resolved: false,
      },
      lifecycle: 'production',
      snapshotAt: '2026-12-01T00:00:00Z',
    });
    expect(status.owner).not.toHaveProperty('gaps');
    expect(status).not.toHaveProperty('governance');
    expect(status).not.toHaveProperty('fragmentation');
    // Says why, so that a client does not read "not yet in a snapshot".
    expect(status.reportData).toBe('withheld');
    expect(snapshots.listClustersOf).not.toHaveBeenCalled();
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: apiopsReportReadPermission }],
      { credentials },
    );
  });
});
