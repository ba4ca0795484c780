import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { apiopsApiRef } from '../../api';
import {
  mockApiOpsApi,
  summaryFixture,
  teamApis,
  teams,
} from '../ApiOpsPage/__fixtures__/reports';
import { EntityGroupApiOpsContent } from './EntityGroupApiOpsContent';

jest.setTimeout(30_000);

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'retail-banking', namespace: 'default' },
  spec: { type: 'department', children: [] },
};

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderTab(
  api: ReturnType<typeof mockApiOpsApi>,
  options: { search?: string } = {},
) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <EntityProvider entity={group}>
        <EntityGroupApiOpsContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes,
      ...(options.search
        ? { initialRouteEntries: [`/group${options.search}`] }
        : {}),
    },
  );
}

const groupRef = {
  kind: 'Group',
  namespace: 'default',
  name: 'retail-banking',
};

describe('EntityGroupApiOpsContent', () => {
  it('lists the APIs of the group and its child groups, with their gaps', async () => {
    const api = mockApiOpsApi();
    await renderTab(api);

    expect(
      await screen.findByRole('heading', { name: 'APIs of Retail Banking' }),
    ).toBeVisible();
    expect(api.listTeamApis).toHaveBeenCalledWith(groupRef, {
      limit: 50,
      cursor: undefined,
    });

    // Counts from the team rollup.
    const tile = (name: string) => within(screen.getByRole('group', { name }));
    expect(tile('APIs').getByText('16')).toBeVisible();
    expect(tile('Compliant').getByText('10')).toBeVisible();
    expect(tile('Non-compliant').getByText('1')).toBeVisible();
    expect(tile('Ownership gaps').getByText('2')).toBeVisible();
    expect(tile('Governance findings').getByText('7')).toBeVisible();

    const accounts = screen
      .getByRole('link', { name: 'Accounts API' })
      .closest('tr')!;
    expect(screen.getByRole('link', { name: 'Accounts API' })).toHaveAttribute(
      'href',
      '/catalog/default/api/accounts-api',
    );
    expect(within(accounts).getByText('API Design')).toBeVisible();
    expect(within(accounts).getByText('Attention')).toBeVisible();
    expect(within(accounts).getByText('None')).toBeVisible();
    expect(within(accounts).getByText('1')).toBeVisible();

    const locator = screen
      .getByRole('link', { name: 'Branch and ATM Locator API' })
      .closest('tr')!;
    expect(within(locator).getByText('Unassessed')).toBeVisible();
    expect(within(locator).getByText('Non-compliant')).toBeVisible();
    expect(within(locator).getByText('Owner group empty')).toBeVisible();
    expect(within(locator).getByText('(Error)')).toBeInTheDocument();
  });

  it('pages through the APIs with the cursor', async () => {
    const listTeamApis = jest
      .fn()
      .mockImplementation(async (_group, { cursor }) =>
        cursor
          ? { team: teams[1], items: [teamApis[1]] }
          : { team: teams[1], items: [teamApis[0]], nextCursor: 'next-page' },
      );
    const api = mockApiOpsApi({ listTeamApis });
    await renderTab(api);
    await screen.findByRole('link', { name: 'Accounts API' });
    await waitFor(() => expect(api.getMethod).toHaveBeenCalled());

    // One click event: Material Table re-creates its pagination buttons on
    // every render, which a multi-event user click can straddle.
    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(
      await screen.findByRole('link', { name: 'Branch and ATM Locator API' }),
    ).toBeVisible();
    expect(listTeamApis).toHaveBeenLastCalledWith(
      { kind: 'Group', namespace: 'default', name: 'retail-banking' },
      { limit: 50, cursor: 'next-page' },
    );
    // Material Table also keeps a hidden copy of the label.
    expect(screen.getAllByText('Page 2').pop()).toBeVisible();
  });

  it('says so when the group owns no API', async () => {
    const api = mockApiOpsApi({
      listTeamApis: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderTab(api);

    expect(await screen.findByText('This group owns no API')).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('names the permission when the reports answer 403', async () => {
    const api = mockApiOpsApi({
      listTeamApis: jest.fn().mockRejectedValue(
        Object.assign(new Error('NotAllowedError: Unauthorized'), {
          statusCode: 403,
        }),
      ),
    });
    await renderTab(api);

    expect(
      await screen.findByText(
        'The APIOps reports need the permission apiops.report.read, which you do not have. Ask your platform team if you need them.',
      ),
    ).toBeVisible();
    expect(screen.queryByText(/NotAllowedError/)).not.toBeInTheDocument();
  });

  it('says when its data was computed: the snapshot, the refreshes of its APIs, the next snapshot', async () => {
    const api = mockApiOpsApi({
      listTeamApis: jest.fn().mockResolvedValue({
        team: { ...teams[1], refreshedAt: new Date().toISOString() },
        items: teamApis,
        snapshot: {
          ...summaryFixture().snapshot,
          nextRunAt: new Date(Date.now() + 20 * 60_000).toISOString(),
        },
      }),
    });
    await renderTab(api);
    await screen.findByRole('link', { name: 'Accounts API' });
    const [counts, fragmentation] = screen.getAllByTestId('apiops-freshness');
    expect(counts).toHaveTextContent(
      /^From the snapshot taken .+ · APIs refreshed since, the latest now · next snapshot in 20 minutes$/,
    );
    // Fragmentation comes from the snapshot only: no refresh changes it.
    expect(fragmentation).toHaveTextContent(/^From the snapshot taken /);
    expect(fragmentation).not.toHaveTextContent(/refreshed/);
  });

  it('asks the backend for the title order, and for another order when a header is clicked', async () => {
    const api = mockApiOpsApi();
    await renderTab(api);
    await screen.findByRole('link', { name: 'Accounts API' });
    expect(api.listTeamApis).toHaveBeenLastCalledWith(groupRef, {
      limit: 50,
      cursor: undefined,
    });

    fireEvent.click(screen.getByRole('button', { name: 'API' }));
    await waitFor(() =>
      expect(api.listTeamApis).toHaveBeenLastCalledWith(groupRef, {
        limit: 50,
        cursor: undefined,
        sort: '-title',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Findings' }));
    await waitFor(() =>
      expect(api.listTeamApis).toHaveBeenLastCalledWith(
        groupRef,
        expect.objectContaining({ sort: expect.stringMatching(/findings$/) }),
      ),
    );
    // Columns the backend cannot sort by have no sort button.
    expect(
      screen.queryByRole('button', { name: 'Station' }),
    ).not.toBeInTheDocument();
  });

  it('searches the APIs by title or name on the server, and says when none matches', async () => {
    const listTeamApis = jest
      .fn()
      .mockImplementation(async (_group, { search }) => ({
        team: teams[1],
        items: search ? [] : teamApis,
        snapshot: summaryFixture().snapshot,
      }));
    const api = mockApiOpsApi({ listTeamApis });
    await renderTab(api);
    await screen.findByRole('link', { name: 'Accounts API' });

    fireEvent.change(
      screen.getByRole('searchbox', { name: 'Search the APIs' }),
      {
        target: { value: ' zzz ' },
      },
    );
    expect(
      await screen.findByText('No API of this group matches "zzz"'),
    ).toBeVisible();
    expect(listTeamApis).toHaveBeenLastCalledWith(groupRef, {
      limit: 50,
      cursor: undefined,
      search: 'zzz',
    });
    // The counts stay the team's.
    expect(
      screen.getByRole('heading', { name: 'APIs of Retail Banking' }),
    ).toBeVisible();
  });

  it('opens with the order and the search of its URL', async () => {
    const api = mockApiOpsApi();
    await renderTab(api, { search: '?apiSort=-gaps&apiSearch=card' });
    await screen.findByRole('link', { name: 'Accounts API' });
    expect(api.listTeamApis).toHaveBeenCalledWith(groupRef, {
      limit: 50,
      cursor: undefined,
      sort: '-gaps',
      search: 'card',
    });
    expect(
      screen.getByRole('searchbox', { name: 'Search the APIs' }),
    ).toHaveValue('card');
  });

  it("lists the fragmentation clusters of the group's APIs, its owner filter fixed", async () => {
    const api = mockApiOpsApi();
    await renderTab(api);
    expect(
      await screen.findByRole('heading', {
        name: 'Fragmentation of the group’s APIs',
      }),
    ).toBeVisible();
    await waitFor(() =>
      expect(api.listFragmentation).toHaveBeenCalledWith(
        expect.objectContaining({ owner: 'group:default/retail-banking' }),
        expect.objectContaining({ limit: 10 }),
      ),
    );
    expect(
      await screen.findByRole('table', { name: 'Fragmentation clusters' }),
    ).toBeVisible();
    // The type and system filters stay; the owner is the group.
    expect(screen.getByLabelText('Fragmentation type')).toBeInTheDocument();
    expect(screen.getByLabelText('System')).toBeInTheDocument();
    expect(screen.queryByLabelText('Owner')).not.toBeInTheDocument();
  });
});
