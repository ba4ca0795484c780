import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
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

  it('shows a section at its own path under the route the app mounts it at', async () => {
    const api = mockApiOpsApi();
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, api]]}>
        <Routes>
          <Route path="/apiops/*" element={<ApiOpsPage />} />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        initialRouteEntries: ['/apiops/teams'],
      },
    );

    expect(await screen.findByRole('tab', { name: 'Teams' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Ownership' })).toHaveAttribute(
      'href',
      '/apiops/ownership',
    );
    await waitFor(() => expect(api.listTeams).toHaveBeenCalledTimes(1));
  });
});
