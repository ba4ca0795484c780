import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { apiopsApiRef } from '../../api';
import { ApiOpsPage } from './ApiOpsPage';
import { mockApiOpsApi } from './__fixtures__/reports';

describe('ApiOpsPage (legacy frontend system)', () => {
  it('has a Backstage page header above the reports', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, mockApiOpsApi()]]}>
        <ApiOpsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      screen.getByRole('heading', { level: 1, name: 'APIOps' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Lifecycle, ownership and governance of the APIs in the catalog',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'Unowned APIs' }),
    ).toBeInTheDocument();
  });
});
