import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import type { StationLabels } from '../../hooks';
import { TeamsTable } from './TeamsTable';

jest.setTimeout(30_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const stations: StationLabels = {
  order: ['api-design', 'api-delivery'],
  label: id =>
    ({ 'api-design': 'API Design', 'api-delivery': 'API Delivery' }[id] ??
    'Unassessed'),
  sort: ids =>
    [...ids].sort(
      (a, b) =>
        ['api-design', 'api-delivery', 'unassessed'].indexOf(a) -
        ['api-design', 'api-delivery', 'unassessed'].indexOf(b),
    ),
  stageLabel: stage => stage,
  criterionLabel: id => id,
};

function sortBy(name: string) {
  return userEvent.click(screen.getByRole('button', { name }));
}

function teamOrder() {
  return screen.getAllByRole('link').map(link => link.textContent);
}

describe('TeamsTable', () => {
  it('lists the teams, most APIs first, with links to their APIOps tab', async () => {
    const api = mockApiOpsApi();
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, api]]}>
        <TeamsTable stations={stations} />
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(await screen.findByText('Kestrel Bank')).toBeVisible();
    expect(api.listTeams).toHaveBeenCalledWith({ limit: 1000 });
    expect(teamOrder()).toEqual([
      'Kestrel Bank',
      'Retail Banking',
      'Accounts Team',
    ]);
    expect(
      screen.getByRole('link', { name: 'Retail Banking' }),
    ).toHaveAttribute('href', '/catalog/default/group/retail-banking/apiops');

    const row = screen
      .getByRole('link', { name: 'Retail Banking' })
      .closest('tr')!;
    expect(within(row).getByText('API Design')).toBeVisible();
    expect(within(row).getByText('14')).toBeVisible();
    expect(within(row).getByText('Non-compliant:')).toBeInTheDocument();
  });

  it('sorts by gaps, findings and title', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, mockApiOpsApi()]]}>
        <TeamsTable stations={stations} />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await screen.findByText('Kestrel Bank');

    // A new column keeps the direction of the sort before: APIs, most first.
    await sortBy('Ownership gaps');
    expect(teamOrder()).toEqual([
      'Accounts Team', // 5
      'Kestrel Bank', // 3
      'Retail Banking', // 2
    ]);
    await sortBy('Ownership gaps');
    expect(teamOrder()).toEqual([
      'Retail Banking',
      'Kestrel Bank',
      'Accounts Team',
    ]);

    await sortBy('Findings');
    expect(teamOrder()).toEqual([
      'Accounts Team', // 5
      'Retail Banking', // 7
      'Kestrel Bank', // 13
    ]);

    await sortBy('Team');
    expect(teamOrder()).toEqual([
      'Accounts Team',
      'Kestrel Bank',
      'Retail Banking',
    ]);
    await sortBy('Team');
    expect(teamOrder()).toEqual([
      'Retail Banking',
      'Kestrel Bank',
      'Accounts Team',
    ]);
  });

  it('says so when no group owns an API', async () => {
    const api = mockApiOpsApi({
      listTeams: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, api]]}>
        <TeamsTable stations={stations} />
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(await screen.findByText('No group owns an API yet.')).toBeVisible();
  });
});
