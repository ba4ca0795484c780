import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { CatalogVisibility } from './CatalogVisibility';

const api = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'team' },
});

const credentials = mockCredentials.user('user:default/ada');
const refs = Array.from({ length: 7 }, (_, i) => `api:default/api-${i}`);

function setup(decision: PolicyDecision, readable: string[]) {
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async requests => requests.map(() => decision),
  });
  // The catalog answers with the caller's credentials: here only the
  // readable APIs, as a conditional policy would leave them.
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        readable.includes(ref) ? api(ref.split('/')[1]) : undefined,
      ),
    })),
  });
  const visibility = CatalogVisibility.create({
    permissions,
    catalog,
    batchSize: 3,
  });
  return { visibility, permissions, catalog };
}

describe('CatalogVisibility', () => {
  it('shows everything on ALLOW, with one permission call and no catalog read', async () => {
    const { visibility, permissions, catalog } = setup(
      { result: AuthorizeResult.ALLOW },
      [],
    );
    const seen = await visibility.forCaller(credentials);
    expect(seen.all).toBe(true);
    expect([...(await seen.visible(refs))]).toEqual(refs);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('shows nothing on DENY, without reading the catalog', async () => {
    const { visibility, catalog } = setup({ result: AuthorizeResult.DENY }, [
      refs[0],
    ]);
    const seen = await visibility.forCaller(credentials);
    expect(seen.all).toBe(false);
    expect(await seen.visible(refs)).toEqual(new Set());
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('asks the catalog in batches with the caller credentials when CONDITIONAL', async () => {
    const readable = [refs[1], refs[4], refs[6]];
    const { visibility, catalog } = setup(
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['group:default/team'] },
        },
      },
      readable,
    );
    const seen = await visibility.forCaller(credentials);
    expect(seen.all).toBe(false);
    expect(await seen.visible(refs)).toEqual(new Set(readable));

    // 7 refs in batches of 3: three reads, each with the caller's credentials.
    const calls = (catalog.getEntitiesByRefs as jest.Mock).mock.calls;
    expect(calls.map(([request]) => request.entityRefs)).toEqual([
      refs.slice(0, 3),
      refs.slice(3, 6),
      refs.slice(6),
    ]);
    for (const [request, options] of calls) {
      expect(request.fields).toEqual(expect.any(Array));
      expect(options).toEqual({ credentials });
    }

    // Refs already checked in this request are not asked again.
    expect(
      await seen.visible([refs[1], refs[2], 'api:default/new', refs[1]]),
    ).toEqual(new Set([refs[1]]));
    expect(calls).toHaveLength(4);
    expect(calls[3][0].entityRefs).toEqual(['api:default/new']);
  });

  it('decides once per caller request, not once per ref', async () => {
    const { visibility, permissions } = setup(
      {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['group:default/team'] },
        },
      },
      refs,
    );
    const seen = await visibility.forCaller(credentials);
    await seen.visible(refs.slice(0, 2));
    await seen.visible(refs.slice(2));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
  });
});
