import {
  evaluateOwnership,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  loadExampleEntities,
  readCleanApis,
  readPlantedOwnershipGaps,
  withCatalogRelations,
} from './exampleCatalog';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';

/**
 * The entities as the catalog serves them, with their relations and none of
 * the spec fields the ownership relations come from (except the owner of
 * APIs, which the status reads as written).
 */
function asCatalogWouldServe(entities: Entity[]): Entity[] {
  return withCatalogRelations(entities).map(entity => {
    const {
      parent,
      children,
      members,
      memberOf,
      providesApis,
      owner,
      ...rest
    } = entity.spec ?? {};
    return {
      ...entity,
      spec: entity.kind === 'API' ? { ...rest, owner } : rest,
    };
  });
}

describe('the example catalog', () => {
  const raw = loadExampleEntities();
  const planted = new Map([
    ['api:default/fx-rates-api', 'owner-unresolved'],
    ['api:default/marketing-consents-api', 'owner-missing'],
    ['api:default/atm-cash-forecast-api', 'owner-missing'],
    ['api:default/savings-goals-api', 'owner-not-group'],
    ['api:default/branch-locator-api', 'owner-group-empty'],
    ['api:default/mainframe-gateway-api', 'owner-orphaned'],
    ['api:default/payment-limits-api', 'owner-mismatch'],
  ]);
  const clean = readCleanApis();

  it('matches the ground truth of its README', () => {
    expect(readPlantedOwnershipGaps()).toEqual(planted);
    expect(clean).toHaveLength(21);
  });

  describe.each([
    ['as raw YAML', raw],
    ['as the catalog serves it', asCatalogWouldServe(raw)],
  ])('%s', (_, entities) => {
    const index = OwnershipIndex.fromEntities(entities);
    const apis = entities.filter(entity => entity.kind === 'API');
    const gapsByApi = new Map(
      apis.map(entity => [
        stringifyEntityRef(entity),
        evaluateOwnership(entity, index).gaps.map(gap => gap.type),
      ]),
    );

    it('has all 48 APIs', () => {
      expect(gapsByApi.size).toBe(48);
    });

    it.each([...planted])('%s has exactly %s', (ref, type) => {
      expect(gapsByApi.get(ref)).toEqual([type]);
    });

    it.each(clean)('%s has no ownership gap', ref => {
      expect(gapsByApi.get(ref)).toEqual([]);
    });

    it('has no ownership gap on any API but the planted ones', () => {
      const unexpected = [...gapsByApi].filter(
        ([ref, gaps]) => gaps.length > 0 && !planted.has(ref),
      );
      expect(unexpected).toEqual([]);
    });

    it.each([
      ['group:default/branch-network-team', 0],
      ['group:default/legacy-integration-team', 2],
      ['group:default/accounts-team', 2],
      ['group:default/payments-division', 4],
      ['group:default/risk-and-compliance', 2],
      ['group:default/retail-banking', 7],
      ['group:default/kestrel-bank', 24],
    ])('counts the members of %s: %d', (ref, count) => {
      expect(index.getMemberCount(entityRefKey(ref))).toBe(count);
    });

    it('describes the owners of the planted APIs', () => {
      const describe = (name: string) =>
        evaluateOwnership(
          apis.find(entity => entity.metadata.name === name)!,
          index,
        );
      expect(describe('fx-rates-api')).toMatchObject({
        ref: 'group:default/treasury-ops',
        resolved: false,
      });
      expect(describe('marketing-consents-api')).toMatchObject({
        declared: 'tbd',
        resolved: false,
      });
      expect(describe('savings-goals-api')).toMatchObject({
        ref: 'user:default/maya.okafor',
        kind: 'user',
        title: 'Maya Okafor',
      });
      expect(describe('mainframe-gateway-api')).toMatchObject({
        ref: 'group:default/legacy-integration-team',
        kind: 'group',
        memberCount: 2,
        title: 'Legacy Integration Team',
      });
    });
  });
});
