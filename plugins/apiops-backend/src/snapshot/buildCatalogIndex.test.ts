import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { buildCatalogIndex } from './buildCatalogIndex';

function entity(
  kind: string,
  name: string,
  spec: Entity['spec'] = {},
  relations: Entity['relations'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations,
  };
}

const org = [
  entity('Group', 'payments', { type: 'team', children: [] }),
  entity('Domain', 'commerce', { owner: 'payments' }),
  entity('System', 'checkout', { owner: 'payments', domain: 'commerce' }),
  entity('System', 'billing', { owner: 'payments' }, [
    { type: 'partOf', targetRef: 'domain:default/Finance' },
  ]),
  entity('Component', 'shop', {
    owner: 'payments',
    providesApis: ['cards-api'],
    consumesApis: ['Refunds-API', 'not a ref:::'],
  }),
  entity('Component', 'ledger', { owner: 'payments' }, [
    { type: 'consumesApi', targetRef: 'api:default/refunds-api' },
  ]),
  // An API entity is not read by the index.
  entity('API', 'ignored', { system: 'checkout' }),
];

describe('buildCatalogIndex', () => {
  async function build() {
    return buildCatalogIndex(
      catalogServiceMock({ entities: org }),
      mockCredentials.service(),
    );
  }

  it('gives the system and the domain of an API by one definition each', async () => {
    const index = await build();
    const fromSpec = entity('API', 'cards-api', { system: 'Checkout' });
    expect(index.systemOf(fromSpec)).toBe('system:default/checkout');
    expect(index.domainOf(fromSpec)).toBe('domain:default/commerce');

    // The partOf relation wins over spec.system, as in every report.
    const fromRelation = entity('API', 'invoices-api', { system: 'checkout' }, [
      { type: 'partOf', targetRef: 'system:default/billing' },
    ]);
    expect(index.systemOf(fromRelation)).toBe('system:default/billing');
    expect(index.domainOf(fromRelation)).toBe('domain:default/finance');

    const loose = entity('API', 'loose-api', {});
    expect(index.systemOf(loose)).toBeUndefined();
    expect(index.domainOf(loose)).toBeUndefined();
    expect(
      index.domainOf(entity('API', 'x', { system: 'unknown' })),
    ).toBeUndefined();
  });

  it('gives the consumers of an API from relations and spec.consumesApis', async () => {
    const index = await build();
    expect(index.consumersOf(entity('API', 'Refunds-API')).sort()).toEqual([
      'component:default/ledger',
      'component:default/shop',
    ]);
    expect(index.consumersOf(entity('API', 'cards-api'))).toEqual([]);
  });

  it('gives the declared providers of an API, and those only its relations name', async () => {
    const index = await build();
    const api = entity('API', 'cards-api', {}, [
      { type: 'apiProvidedBy', targetRef: 'component:default/shop' },
      { type: 'apiProvidedBy', targetRef: 'component:default/gone' },
    ]);
    expect(index.providersOf(api)).toEqual([
      { ref: 'component:default/shop', exists: true },
      { ref: 'component:default/gone', exists: false },
    ]);
  });

  it('indexes the ownership of the organisation', async () => {
    const index = await build();
    expect(
      index.ownership.getEntry(entityRefKey('group:default/payments')),
    ).toBeDefined();
  });
});
