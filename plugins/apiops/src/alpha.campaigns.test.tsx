import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { apiopsCampaignsApi, apiopsPage } from './alpha';
import { apiopsApiRef, apiopsCampaignsApiRef } from './api';
import { mockApiOpsApi } from './components/ApiOpsPage/__fixtures__/reports';
import { mockCampaignsApi } from './components/Campaigns/__fixtures__/campaigns';

jest.setTimeout(30_000);

describe('the campaigns in the new frontend system', () => {
  it('provides the campaigns client', () => {
    const tester = createExtensionTester(apiopsCampaignsApi);
    expect(tester).toBeDefined();
  });

  it("shows a campaign's page at /apiops/campaigns/<id>, under the Campaigns tab", async () => {
    const campaigns = mockCampaignsApi();
    renderTestApp({
      extensions: [apiopsPage],
      apis: [
        [apiopsApiRef, mockApiOpsApi()],
        [apiopsCampaignsApiRef, campaigns],
      ],
      initialRouteEntries: ['/apiops/campaigns/3'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole(
        'tab',
        { name: 'Campaigns' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('heading', {
        name: 'No ownership gaps in production APIs',
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(campaigns.getCampaignProgress).toHaveBeenCalledWith('3', {
        team: undefined,
      }),
    );
  });

  it('lists the campaigns at /apiops/campaigns', async () => {
    const campaigns = mockCampaignsApi();
    renderTestApp({
      extensions: [apiopsPage],
      apis: [
        [apiopsApiRef, mockApiOpsApi()],
        [apiopsCampaignsApiRef, campaigns],
      ],
      initialRouteEntries: ['/apiops/campaigns'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole(
        'link',
        { name: 'No ownership gaps in production APIs' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '/apiops/campaigns/3');
  });
});
