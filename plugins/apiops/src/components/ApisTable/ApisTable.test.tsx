import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { apiopsApiRef } from '../../api';
import type { StationLabels } from '../../hooks';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { ApisTable } from './ApisTable';

/** The search of the page's URL, to check what a shared link would hold. */
function Location() {
  return <output aria-label="search">{useLocation().search}</output>;
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

// Material Table renders slowly in jsdom.
jest.setTimeout(30_000);

const stations = {
  label: (id: string) =>
    ({ 'api-design': 'API Design', unassessed: 'Unassessed' }[id] ?? id),
} as StationLabels;

async function renderTable(
  api: ReturnType<typeof mockApiOpsApi>,
  url?: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ApisTable stations={stations} />
      <Location />
    </TestApiProvider>,
    { mountedRoutes, initialRouteEntries: url ? [url] : undefined },
  );
  await screen.findByText('Branch and ATM Locator API');
}

function rowOf(title: string) {
  return screen.getByRole('link', { name: title }).closest('tr')!;
}

describe('ApisTable', () => {
  it('lists each API with its owner, station, governance status, findings and gaps', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);

    expect(api.listApis).toHaveBeenCalledWith(
      { governance: undefined, owner: undefined, system: undefined },
      { limit: 20, cursor: undefined },
    );
    const accounts = within(rowOf('Accounts API'));
    expect(
      accounts.getByRole('link', { name: /accounts-team/i }),
    ).toHaveAttribute('href', '/catalog/default/group/accounts-team');
    expect(accounts.getByText('API Design')).toBeInTheDocument();
    expect(accounts.getByText('Attention')).toBeInTheDocument();
    expect(accounts.getByText('None')).toBeInTheDocument();

    const branch = within(rowOf('Branch and ATM Locator API'));
    expect(branch.getByText('Unassessed')).toBeInTheDocument();
    expect(branch.getByText('Non-compliant')).toBeInTheDocument();
    expect(branch.getByText(/Owner group empty/)).toBeInTheDocument();
  });

  it('filters by several governance statuses, kept in the URL', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);

    await userEvent.click(
      document.getElementById('apiops-api-type') as HTMLElement,
    );
    await userEvent.click(screen.getByRole('option', { name: 'Attention' }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Non-compliant' }),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(api.listApis).toHaveBeenLastCalledWith(
        {
          governance: ['attention', 'non-compliant'],
          owner: undefined,
          system: undefined,
        },
        { limit: 20, cursor: undefined },
      ),
    );
    expect(screen.getByRole('status', { name: 'search' })).toHaveTextContent(
      '?apiStatus=attention&apiStatus=non-compliant',
    );
  });

  it('says so when no API matches', async () => {
    const api = mockApiOpsApi({
      listApis: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, api]]}>
        <ApisTable stations={stations} />
      </TestApiProvider>,
      { mountedRoutes, initialRouteEntries: ['/?apiStatus=compliant'] },
    );
    expect(
      await screen.findByText('No API matches these filters.'),
    ).toBeInTheDocument();
  });
});
