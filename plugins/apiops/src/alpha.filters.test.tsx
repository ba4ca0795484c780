import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import {
  catalogApiRef,
  EntityKindPicker,
  entityRouteRef,
  EntityListProvider,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import { apiopsApiRef } from './api';
import apiopsPlugin, {
  apiDocsApiOpsFiltersModule,
  apiopsGovernanceCatalogFilter,
  apiopsStationCatalogFilter,
} from './alpha';
import { methodModel } from './components/EntityApiOpsCommon/__fixtures__/apiops';

function api(name: string, station: string, governance: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'apiops/station': station, 'apiops/governance': governance },
    },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a' },
  };
}

const entities = [
  api('accounts-api', 'api-design', 'compliant'),
  api('cards-api', 'api-design', 'attention'),
  api('payments-api', 'api-publishing', 'non-compliant'),
];

const apis = [
  [catalogApiRef, catalogApiMock({ entities })],
  [apiopsApiRef, { getMethod: jest.fn().mockResolvedValue(methodModel) }],
] as const;

describe('the APIOps catalog filters in the new frontend system', () => {
  it('are extensions of the plugin, on the catalog page', () => {
    expect(
      apiopsPlugin.getExtension('catalog-filter:apiops/station'),
    ).toBeDefined();
    expect(
      apiopsPlugin.getExtension('catalog-filter:apiops/governance'),
    ).toBeDefined();
  });

  function renderInCatalogList(filter: JSX.Element) {
    renderInTestApp(
      <EntityListProvider>
        <EntityKindPicker initialFilter="api" hidden />
        {filter}
      </EntityListProvider>,
      { apis },
    );
  }

  it('renders the station picker in a catalog list', async () => {
    renderInCatalogList(
      createExtensionTester(apiopsStationCatalogFilter).reactElement(),
    );
    expect(
      await screen.findByRole('textbox', { name: 'APIOps station' }),
    ).toBeInTheDocument();
  });

  it('renders the governance status picker in a catalog list', async () => {
    renderInCatalogList(
      createExtensionTester(apiopsGovernanceCatalogFilter).reactElement(),
    );
    expect(
      await screen.findByRole('textbox', { name: 'Governance status' }),
    ).toBeInTheDocument();
  });

  it('puts them on the API explorer, which then lists exactly the APIs at the station', async () => {
    renderTestApp({
      features: [apiDocsPlugin, apiDocsApiOpsFiltersModule],
      initialRouteEntries: ['/api-docs?filters[apiopsStation]=api-design'],
      apis: [...apis, [starredEntitiesApiRef, new MockStarredEntitiesApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    // The page loads the catalog table lazily: slow on a busy machine.
    expect(
      await screen.findByRole(
        'textbox',
        { name: 'APIOps station' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('textbox', { name: 'Governance status' }),
    ).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByText('accounts-api')).toBeInTheDocument();
      expect(screen.getByText('cards-api')).toBeInTheDocument();
      expect(screen.queryByText('payments-api')).not.toBeInTheDocument();
    });
  }, 60_000);
});
