import { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import { apiopsApiRef } from '../../api';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { ApiOpsApiExplorerPage } from './ApiOpsApiExplorerPage';

function api(name: string, station: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'apiops/station': station, 'apiops/governance': 'compliant' },
    },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a' },
  };
}

describe('ApiOpsApiExplorerPage (legacy frontend system)', () => {
  it('is the API explorer with the APIOps filters, listing the APIs at the station of the URL', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                api('accounts-api', 'api-design'),
                api('payments-api', 'api-publishing'),
              ],
            }),
          ],
          [
            apiopsApiRef,
            { getMethod: jest.fn().mockResolvedValue(methodModel) },
          ],
          [starredEntitiesApiRef, new MockStarredEntitiesApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <ApiOpsApiExplorerPage />
      </TestApiProvider>,
      {
        routeEntries: ['/api-docs?filters[apiopsStation]=api-design'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByRole('textbox', { name: 'APIOps station' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('textbox', { name: 'Governance status' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Backstage API Explorer')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByText('accounts-api')).toBeInTheDocument();
      expect(screen.queryByText('payments-api')).not.toBeInTheDocument();
    });
  });
});
