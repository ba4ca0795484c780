import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { apiopsApiRef, apiopsCampaignsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { ApiCampaigns } from './ApiCampaigns';
import { CampaignDetail } from './CampaignDetail';
import { CampaignsSection } from './CampaignsSection';
import { GroupCampaigns } from './GroupCampaigns';
import {
  failingApis,
  mockCampaignsApi,
  overdueCampaign,
} from './__fixtures__/campaigns';

jest.setTimeout(60_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function render(
  element: JSX.Element,
  options: {
    campaigns?: ReturnType<typeof mockCampaignsApi>;
    allowed?: boolean;
    route?: string;
  } = {},
) {
  const campaigns = options.campaigns ?? mockCampaignsApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [apiopsApiRef, mockApiOpsApi()],
        [apiopsCampaignsApiRef, campaigns],
        mockApis.permission({
          authorize:
            options.allowed === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ]}
    >
      <Routes>
        <Route path="/apiops/campaigns" element={element} />
        <Route path="/apiops/campaigns/:id" element={element} />
        <Route path="*" element={element} />
      </Routes>
    </TestApiProvider>,
    {
      mountedRoutes,
      initialRouteEntries: [options.route ?? '/apiops/campaigns'],
    },
  );
  return campaigns;
}

describe('the campaigns section', () => {
  const section = (
    <CampaignsSection
      refreshKey={0}
      campaignPathOf={id => `/apiops/campaigns/${id}`}
    />
  );

  it('lists the campaigns with their state and progress, each a link to its page', async () => {
    await render(section);
    const link = await screen.findByRole('link', {
      name: 'No ownership gaps in production APIs',
    });
    expect(link).toHaveAttribute('href', '/apiops/campaigns/3');
    const row = link.closest('tr')!;
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(within(row).getByText('37 of 42 APIs (88%)')).toBeInTheDocument();
    expect(within(row).getByText('2027-03-31')).toBeInTheDocument();
    // Not evaluated yet.
    expect(
      screen.getByText('Progress after the next snapshot'),
    ).toBeInTheDocument();
  });

  it('lets those allowed create a campaign, and shows what the backend refuses on its field', async () => {
    const campaigns = mockCampaignsApi({
      createCampaign: jest
        .fn()
        .mockRejectedValueOnce(
          Object.assign(new Error('Request failed with 400 Bad Request'), {
            body: {
              error: {
                name: 'InputError',
                message: 'dueDate: must be on or after startDate (2027-01-04)',
              },
            },
          }),
        )
        .mockResolvedValueOnce(overdueCampaign),
    });
    await render(section, { campaigns });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /^Title/ }),
      'No ownership gaps in production APIs',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /^Lifecycles/ }),
      'production',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'dueDate: must be on or after startDate',
    );
    expect(within(dialog).getByLabelText(/Due date/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(campaigns.createCampaign).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'No ownership gaps in production APIs',
        conditions: [{ type: 'no-ownership-gap' }],
        scope: { lifecycles: ['production'] },
        startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(campaigns.createCampaign).toHaveBeenCalledTimes(2),
    );
    // On to the new campaign's page.
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});

describe("a campaign's page", () => {
  const detail = (
    <CampaignDetail
      campaignId="3"
      refreshKey={0}
      listPath="/apiops/campaigns"
    />
  );

  it('shows the goal, the progress, the teams by what remains and the failing APIs with what to do', async () => {
    const campaigns = await render(detail, { route: '/apiops/campaigns/3' });
    expect(
      await screen.findByRole('heading', {
        name: 'No ownership gaps in production APIs',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('No ownership gap')).toBeInTheDocument();
    expect(screen.getByText('Lifecycles: production')).toBeInTheDocument();
    expect(screen.getByText('37 of 42 APIs (88%)')).toBeInTheDocument();
    expect(
      screen.getByText(/2 of 2 APIs in scope have no valid owning team/),
    ).toBeInTheDocument();
    const teams = await screen.findByRole('link', { name: 'Retail Banking' });
    expect(teams).toHaveAttribute(
      'href',
      expect.stringContaining('team=group%3Adefault%2Fretail-banking'),
    );
    expect(
      await screen.findByText(failingApis[0].reasons[0].fix),
    ).toBeInTheDocument();
    expect(campaigns.getCampaignProgress).toHaveBeenCalledWith('3', {
      team: undefined,
    });
    expect(
      await screen.findByRole('button', { name: 'Edit' }),
    ).toBeInTheDocument();
  });

  it("shows a team's view when the URL names the team", async () => {
    const campaigns = await render(detail, {
      route: '/apiops/campaigns/3?team=group:default/accounts-team',
    });
    await screen.findByRole('heading', {
      name: 'No ownership gaps in production APIs',
    });
    expect(campaigns.getCampaignProgress).toHaveBeenCalledWith('3', {
      team: 'group:default/accounts-team',
    });
    await waitFor(() =>
      expect(campaigns.listCampaignFailures).toHaveBeenCalledWith('3', {
        team: 'group:default/accounts-team',
        limit: 25,
        cursor: undefined,
      }),
    );
    expect(
      screen.getByRole('button', { name: 'Show every team' }),
    ).toBeInTheDocument();
  });
});

describe('the campaigns of a team and of an API', () => {
  it("lists a team's campaigns with the team's progress, linked to its view", async () => {
    const campaigns = mockCampaignsApi({
      listCampaigns: jest.fn().mockResolvedValue({
        items: [
          {
            ...overdueCampaign,
            team: {
              groupRef: 'group:default/accounts-team',
              title: 'Accounts',
              inScope: 6,
              met: 5,
              remaining: 1,
              share: 5 / 6,
              overdue: true,
            },
          },
        ],
      }),
    });
    await render(<GroupCampaigns groupRef="group:default/accounts-team" />, {
      campaigns,
    });
    const link = await screen.findByRole('link', {
      name: 'No ownership gaps in production APIs',
    });
    expect(link).toHaveAttribute(
      'href',
      '/apiops/campaigns/3?team=group%3Adefault%2Faccounts-team',
    );
    expect(screen.getByText('5 of 6 APIs (83%)')).toBeInTheDocument();
    expect(campaigns.listCampaigns).toHaveBeenCalledWith({
      team: 'group:default/accounts-team',
      limit: 10,
      cursor: undefined,
    });
  });

  it('shows the campaigns an API fails with why and what to do, and nothing when it fails none', async () => {
    await render(<ApiCampaigns entityRef="api:default/payment-limits-api" />);
    expect(
      await screen.findByText('Campaigns this API does not meet yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(failingApis[0].reasons[0].message),
    ).toBeInTheDocument();
    expect(screen.getByText(failingApis[0].reasons[0].fix)).toBeInTheDocument();

    const none = mockCampaignsApi({
      listApiCampaignFailures: jest.fn().mockResolvedValue({ items: [] }),
    });
    await render(<ApiCampaigns entityRef="api:default/accounts-api" />, {
      campaigns: none,
    });
    await waitFor(() =>
      expect(none.listApiCampaignFailures).toHaveBeenCalled(),
    );
    expect(
      screen.getAllByText('Campaigns this API does not meet yet'),
    ).toHaveLength(1);
  });
});
