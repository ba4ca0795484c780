import { Entity } from '@backstage/catalog-model';
import {
  ApiOpsGovernanceFilter,
  ApiOpsLabelFilter,
  ApiOpsStationFilter,
} from './ApiOpsLabelFilters';

function api(labels?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'accounts-api', labels },
  };
}

describe('ApiOpsStationFilter', () => {
  const filter = new ApiOpsStationFilter(['api-design', 'unassessed']);

  it('asks the catalog for the entities with one of the stations as label', () => {
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.labels.apiops/station': ['api-design', 'unassessed'],
    });
  });

  it('keeps the entities at one of the stations only', () => {
    expect(filter.filterEntity(api({ 'apiops/station': 'api-design' }))).toBe(
      true,
    );
    expect(filter.filterEntity(api({ 'apiops/station': 'unassessed' }))).toBe(
      true,
    );
    expect(filter.filterEntity(api({ 'apiops/station': 'api-audit' }))).toBe(
      false,
    );
    expect(
      filter.filterEntity(api({ 'apiops/governance': 'api-design' })),
    ).toBe(false);
    expect(filter.filterEntity(api())).toBe(false);
  });

  it('keeps its values in the URL, from which it is rebuilt', () => {
    const rebuilt = new ApiOpsStationFilter(filter.toQueryValue());
    expect(rebuilt.getCatalogFilters()).toEqual(filter.getCatalogFilters());
  });
});

describe('ApiOpsGovernanceFilter', () => {
  const filter = new ApiOpsGovernanceFilter(['non-compliant']);

  it('asks the catalog for the entities with one of the statuses as label', () => {
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.labels.apiops/governance': ['non-compliant'],
    });
    expect(filter.toQueryValue()).toEqual(['non-compliant']);
  });

  it('keeps the entities with one of the statuses only', () => {
    expect(
      filter.filterEntity(api({ 'apiops/governance': 'non-compliant' })),
    ).toBe(true);
    expect(filter.filterEntity(api({ 'apiops/governance': 'compliant' }))).toBe(
      false,
    );
    expect(
      filter.filterEntity(api({ 'apiops/station': 'non-compliant' })),
    ).toBe(false);
  });
});

describe('ApiOpsLabelFilter', () => {
  it('filters on any APIOps label, e.g. the ownership gap', () => {
    const filter = new ApiOpsLabelFilter('apiops/ownership-gap', [
      'owner-missing',
    ]);
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.labels.apiops/ownership-gap': ['owner-missing'],
    });
    expect(
      filter.filterEntity(api({ 'apiops/ownership-gap': 'owner-missing' })),
    ).toBe(true);
    expect(filter.filterEntity(api({ 'apiops/ownership-gap': 'none' }))).toBe(
      false,
    );
  });
});
