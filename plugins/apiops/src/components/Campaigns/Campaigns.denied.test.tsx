import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { apiopsApiRef, apiopsCampaignsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { CampaignDetail } from './CampaignDetail';
import { CampaignsSection } from './CampaignsSection';
import { mockCampaignsApi } from './__fixtures__/campaigns';

// A file of its own: usePermission caches a basic permission's decision for
// the whole test file.

jest.setTimeout(30_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function render(element: JSX.Element, route: string) {
  const permission = mockApis.permission({ authorize: AuthorizeResult.DENY });
  const authorize = jest.spyOn(permission, 'authorize');
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [apiopsApiRef, mockApiOpsApi()],
        [apiopsCampaignsApiRef, mockCampaignsApi()],
        permission,
      ]}
    >
      <Routes>
        <Route path="*" element={element} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes, initialRouteEntries: [route] },
  );
  return authorize;
}

describe('campaigns without apiops.campaign.manage', () => {
  it('lists the campaigns but offers no creation', async () => {
    const authorize = await render(
      <CampaignsSection
        refreshKey={0}
        campaignPathOf={id => `/apiops/campaigns/${id}`}
      />,
      '/apiops/campaigns',
    );
    await screen.findByRole('link', {
      name: 'No ownership gaps in production APIs',
    });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });

  it("shows a campaign's page but offers neither edit nor delete", async () => {
    await render(
      <CampaignDetail
        campaignId="3"
        refreshKey={0}
        listPath="/apiops/campaigns"
      />,
      '/apiops/campaigns/3',
    );
    await screen.findByRole('heading', {
      name: 'No ownership gaps in production APIs',
    });
    // The decision of the test above, cached for the file, applies.
    expect(
      screen.queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });
});
