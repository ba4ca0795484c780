import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { apiopsApiRef } from '../../api';
import { ApiOpsPageContent } from './ApiOpsPageContent';
import { breakingEvent } from '../Changes/__fixtures__/changes';
import {
  emptySummaryFixture,
  mockApiOpsApi,
  summaryFixture,
} from './__fixtures__/reports';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function kpi(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

/** The path and search of the page, to check where a link led. */
function Location() {
  const { pathname, search } = useLocation();
  return <output aria-label="location">{`${pathname}${search}`}</output>;
}

function location() {
  return decodeURIComponent(
    screen.getByRole('status', { name: 'location' }).textContent ?? '',
  );
}

async function renderPage(
  api: ReturnType<typeof mockApiOpsApi>,
  url = '/apiops',
) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ApiOpsPageContent pollIntervalMs={5} />
      <Location />
    </TestApiProvider>,
    { mountedRoutes, initialRouteEntries: [url] },
  );
}

/** An error as the client throws it, reduced to what the page reads. */
function statusError(statusCode: number, message: string) {
  return Object.assign(new Error(message), { statusCode });
}

describe('ApiOpsPageContent', () => {
  it('shows the key figures, the stations and when the snapshot was taken', async () => {
    await renderPage(mockApiOpsApi());

    expect(await screen.findByRole('group', { name: 'APIs' })).toBeVisible();
    expect(kpi('APIs').getByText('48')).toBeInTheDocument();
    expect(kpi('Compliant').getByText('32')).toBeInTheDocument();
    expect(kpi('Compliant').getByText('67% of the APIs')).toBeInTheDocument();
    expect(kpi('Attention').getByText('11')).toBeInTheDocument();
    expect(kpi('Non-compliant').getByText('5')).toBeInTheDocument();
    // owner-missing (2) + owner-unresolved (1)
    expect(kpi('Unowned APIs').getByText('3')).toBeInTheDocument();
    // one gap of each of the six types, two of owner-missing
    expect(kpi('Ownership gaps').getByText('7')).toBeInTheDocument();

    // Stations in the order of the cycle, with the method's titles.
    const stationLabels = () =>
      screen
        .getAllByText(/^(API .*|Unassessed)$/, { selector: 'li p' })
        .map(el => el.textContent);
    await waitFor(() => expect(stationLabels()).toHaveLength(9));
    expect(stationLabels()).toEqual([
      'API Product Strategy',
      'API Consumer Experience',
      'API Platform Architecture',
      'API Design',
      'API Delivery',
      'API Audit',
      'API Publishing',
      'API Monitoring & Improvement',
      'Unassessed',
    ]);

    expect(screen.getByText(/^As of /)).toBeInTheDocument();
    expect(screen.getByText('APIs by governance status')).toBeInTheDocument();
    expect(screen.getByText('Ownership gaps over time')).toBeInTheDocument();
    expect(screen.queryByText(/out of date/)).not.toBeInTheDocument();
  });

  it('says in every section when its data was computed: the snapshot, the refreshes since, the next run', async () => {
    const snapshot = {
      ...summaryFixture().snapshot,
      lastRefreshAt: new Date(Date.now() - 2 * 60_000).toISOString(),
      nextRunAt: new Date(Date.now() + 25 * 60_000).toISOString(),
    };
    const api = mockApiOpsApi({
      getSummary: jest.fn().mockResolvedValue(summaryFixture({ snapshot })),
    });
    for (const path of [
      '/apiops',
      '/apiops/ownership',
      '/apiops/fragmentation',
      '/apiops/changes',
      '/apiops/teams',
    ]) {
      const { unmount } = await renderInTestApp(
        <TestApiProvider apis={[[apiopsApiRef, api]]}>
          <ApiOpsPageContent pollIntervalMs={5} />
        </TestApiProvider>,
        { mountedRoutes, initialRouteEntries: [path] },
      );
      const [freshness] = await screen.findAllByTestId('apiops-freshness');
      expect({ path, text: freshness.textContent }).toEqual({
        path,
        text: expect.stringMatching(
          /^From the snapshot taken .+ · APIs refreshed since, the latest 2 minutes ago · next snapshot in 25 minutes$/,
        ),
      });
      unmount();
    }
  });

  it('shows the fragmentation: its figures, its trend and its clusters', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    expect(
      await screen.findByRole('group', { name: 'Fragmentation clusters' }),
    ).toBeVisible();
    expect(api.listFragmentation).not.toHaveBeenCalled();
    // duplicate (2) + overlap (1) + version-sprawl (1) + style-inconsistency (1)
    expect(kpi('Fragmentation clusters').getByText('5')).toBeInTheDocument();
    expect(kpi('Duplicates').getByText('2')).toBeInTheDocument();
    expect(kpi('Name collisions').getByText('0')).toBeInTheDocument();

    expect(screen.getByText('Fragmentation over time')).toBeInTheDocument();
    // The first snapshot predates fragmentation: it counts none.
    const trendTable = screen
      .getByRole('columnheader', { name: 'Fragmentation clusters' })
      .closest('table')!;
    expect(
      within(trendTable)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([['0'], ['5']]);

    // The clusters are in their own section.
    await userEvent.click(screen.getByRole('tab', { name: 'Fragmentation' }));
    expect(location()).toBe('/apiops/fragmentation');
    expect(
      await screen.findByRole('heading', { name: 'Fragmentation', level: 2 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Fragmentation clusters' }),
    ).toBeInTheDocument();
    expect(api.listFragmentation).toHaveBeenCalledTimes(1);
  });

  it('warns with the reason when the reports are stale', async () => {
    const api = mockApiOpsApi({
      getSummary: jest.fn().mockResolvedValue(
        summaryFixture({
          snapshot: {
            id: '2',
            computedAt: '2026-11-26T14:11:52.323Z',
            stale: true,
            staleReason:
              'The last snapshot failed (2026-11-27T08:00:00.000Z): catalog unavailable',
          },
        }),
      ),
    });
    await renderPage(api);

    expect(
      await screen.findByText('Warning: The reports may be out of date'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The last snapshot failed (2026-11-27T08:00:00.000Z): catalog unavailable',
      ),
    ).toBeInTheDocument();
    // The reports of the earlier snapshot are still shown.
    expect(kpi('APIs').getByText('48')).toBeInTheDocument();
  });

  it('invites to run the first snapshot when there is none', async () => {
    const api = mockApiOpsApi({
      getSummary: jest.fn().mockResolvedValue(emptySummaryFixture()),
    });
    await renderPage(api);

    expect(
      await screen.findByText('No snapshot yet — run one'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: 'Run snapshot now' }),
    ).toHaveLength(1);
    expect(screen.queryByRole('group', { name: 'APIs' })).toBeNull();
    expect(screen.queryByText(/^As of /)).toBeNull();
    expect(api.listOwnershipGaps).not.toHaveBeenCalled();
    expect(api.listFragmentation).not.toHaveBeenCalled();
    expect(api.listTeams).not.toHaveBeenCalled();
  });

  it('runs a snapshot, waits for a newer one, then refreshes every report', async () => {
    const before = summaryFixture();
    const after = summaryFixture({
      apis: 50,
      snapshot: {
        id: '3',
        computedAt: '2026-11-27T09:00:00.000Z',
        stale: false,
      },
    });
    const getSummary = jest
      .fn()
      .mockResolvedValueOnce(before) // the page
      .mockResolvedValueOnce(before) // first poll: still running
      .mockResolvedValue(after); // then the new snapshot
    const api = mockApiOpsApi({
      getSummary,
      triggerSnapshot: jest.fn().mockResolvedValue({
        ...before.snapshot,
        lastRun: { id: '3', status: 'running', startedAt: 'now' },
      }),
    });
    await renderPage(api, '/apiops/ownership');
    await waitFor(() => expect(api.listOwnershipGaps).toHaveBeenCalledTimes(1));

    await userEvent.click(
      screen.getByRole('button', { name: 'Run snapshot now' }),
    );

    expect(api.triggerSnapshot).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('Snapshot finished: the reports are up to date.'),
    ).toBeInTheDocument();
    expect(getSummary.mock.calls.length).toBeGreaterThanOrEqual(4);
    await waitFor(() => expect(api.listOwnershipGaps).toHaveBeenCalledTimes(2));
    // The summary shows the new snapshot too.
    await userEvent.click(screen.getByRole('tab', { name: 'Summary' }));
    await waitFor(() =>
      expect(kpi('APIs').getByText('50')).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'Run snapshot now' }),
    ).toBeEnabled();
  });

  it('says why when the snapshot it started failed', async () => {
    const before = summaryFixture();
    const failed = summaryFixture({
      snapshot: {
        ...before.snapshot,
        stale: true,
        staleReason: 'The last snapshot failed: catalog unavailable',
        lastRun: {
          id: '3',
          status: 'failed',
          startedAt: '2026-11-27T09:00:00.000Z',
          error: 'catalog unavailable',
        },
      },
    });
    const api = mockApiOpsApi({
      getSummary: jest
        .fn()
        .mockResolvedValueOnce(before)
        .mockResolvedValue(failed),
      triggerSnapshot: jest.fn().mockResolvedValue(before.snapshot),
    });
    await renderPage(api);
    await screen.findByRole('group', { name: 'APIs' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Run snapshot now' }),
    );

    expect(
      await screen.findByText('The snapshot failed: catalog unavailable'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('The last snapshot failed: catalog unavailable'),
    ).toBeInTheDocument();
  });

  it('says that only the platform team may run a snapshot when refused', async () => {
    const api = mockApiOpsApi({
      triggerSnapshot: jest
        .fn()
        .mockRejectedValue(statusError(403, 'NotAllowedError: Unauthorized')),
    });
    await renderPage(api);
    await screen.findByRole('group', { name: 'APIs' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Run snapshot now' }),
    );

    expect(
      await screen.findByText(
        'Only the platform team may run a snapshot (permission apiops.snapshot.create).',
      ),
    ).toBeInTheDocument();
    // Nothing is polled after a refusal.
    expect(api.getSummary).toHaveBeenCalledTimes(1);
  });

  it('names the permission when the reports answer 403', async () => {
    const api = mockApiOpsApi({
      getSummary: jest
        .fn()
        .mockRejectedValue(statusError(403, 'NotAllowedError: Unauthorized')),
    });
    await renderPage(api);

    expect(
      await screen.findByText(
        'The APIOps reports need the permission apiops.report.read, which you do not have. Ask your platform team if you need them.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/NotAllowedError/)).not.toBeInTheDocument();
  });

  it('shows the error when the summary cannot be fetched', async () => {
    const api = mockApiOpsApi({
      getSummary: jest
        .fn()
        .mockRejectedValue(statusError(500, 'Internal Server Error')),
    });
    await renderPage(api);

    expect(
      await screen.findAllByText(/Internal Server Error/),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('group', { name: 'APIs' })).toBeNull();
  });

  it('shows each section at its own path, with tabs between them', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    const tabs = await screen.findByRole('tablist', {
      name: 'Sections of the APIOps page',
    });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual([
      'Summary',
      'APIs',
      'Ownership',
      'Fragmentation',
      'Changes',
      'Teams',
      'Campaigns',
    ]);
    expect(screen.getByRole('tab', { name: 'Summary' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(api.listOwnershipGaps).not.toHaveBeenCalled();
    expect(api.listTeams).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));
    expect(location()).toBe('/apiops/teams');
    expect(
      await screen.findByRole('heading', { name: 'Teams', level: 2 }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listTeams).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('group', { name: 'APIs' })).toBeNull();

    await userEvent.click(screen.getByRole('tab', { name: 'Ownership' }));
    expect(location()).toBe('/apiops/ownership');
    await waitFor(() => expect(api.listOwnershipGaps).toHaveBeenCalledTimes(1));
  });

  it('opens a section from its own path, filtered as its URL says', async () => {
    const api = mockApiOpsApi();
    await renderPage(
      api,
      '/apiops/ownership?gapType=owner-orphaned&gapSystem=system%3Adefault%2Fcore',
    );

    expect(
      await screen.findByRole('tab', { name: 'Ownership' }),
    ).toHaveAttribute('aria-selected', 'true');
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenCalledWith(
        {
          type: ['owner-orphaned'],
          owner: undefined,
          system: 'system:default/core',
        },
        { limit: 20, cursor: undefined },
      ),
    );
  });

  it('leads from the unowned tile to the unowned APIs, in one click', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('link', { name: /Unowned APIs/ }),
    );

    expect(location()).toBe(
      '/apiops/ownership?gapType=owner-missing&gapType=owner-unresolved',
    );
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenCalledWith(
        {
          type: ['owner-missing', 'owner-unresolved'],
          owner: undefined,
          system: undefined,
        },
        { limit: 20, cursor: undefined },
      ),
    );
    expect(screen.getByRole('button', { name: /Gap type/ })).toHaveTextContent(
      'Owner missing, Owner unresolved',
    );
  });

  it('leads from a governance tile to the APIs of that status, in one click', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('link', { name: /Non-compliant/ }),
    );

    expect(location()).toBe('/apiops/apis?apiStatus=non-compliant');
    await waitFor(() =>
      expect(api.listApis).toHaveBeenCalledWith(
        { governance: ['non-compliant'], owner: undefined, system: undefined },
        { limit: 20, cursor: undefined },
      ),
    );
    expect(document.getElementById('apiops-api-type')).toHaveTextContent(
      'Non-compliant',
    );
    // The rows: each API with its station and status.
    expect(
      await screen.findByRole('link', { name: 'Accounts API' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('API Design').length).toBeGreaterThan(0);
  });

  it('leads from the APIs tile to every API', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    await userEvent.click(await screen.findByRole('link', { name: /^APIs/ }));

    expect(location()).toBe('/apiops/apis');
    await waitFor(() =>
      expect(api.listApis).toHaveBeenCalledWith(
        { governance: undefined, owner: undefined, system: undefined },
        { limit: 20, cursor: undefined },
      ),
    );
  });

  it('keeps the filters of the APIs in a URL that can be shared', async () => {
    const api = mockApiOpsApi();
    await renderPage(
      api,
      '/apiops/apis?apiStatus=attention&apiStatus=non-compliant&apiOwner=group:default/retail-banking',
    );

    await waitFor(() =>
      expect(api.listApis).toHaveBeenCalledWith(
        {
          governance: ['attention', 'non-compliant'],
          owner: 'group:default/retail-banking',
          system: undefined,
        },
        { limit: 20, cursor: undefined },
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    await waitFor(() =>
      expect(api.downloadApisCsv).toHaveBeenCalledWith({
        governance: ['attention', 'non-compliant'],
        owner: 'group:default/retail-banking',
        system: undefined,
      }),
    );
  });

  it('leads from a fragmentation tile to the clusters of its type', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    await userEvent.click(
      await screen.findByRole('link', { name: /Duplicates/ }),
    );

    expect(location()).toBe('/apiops/fragmentation?clusterType=duplicate');
    await waitFor(() =>
      expect(api.listFragmentation).toHaveBeenCalledWith(
        { type: 'duplicate', owner: undefined, system: undefined },
        { limit: 10, cursor: undefined },
      ),
    );
  });

  it("leads from a team's gaps to its ownership gaps, child groups included", async () => {
    const api = mockApiOpsApi();
    await renderPage(api, '/apiops/teams');

    await userEvent.click(
      await screen.findByRole(
        'link',
        // Its name says whose gaps and how many, starting with the count seen.
        { name: '2 ownership gaps of Retail Banking' },
        { timeout: 10_000 },
      ),
    );

    expect(location()).toBe(
      '/apiops/ownership?gapOwner=group:default/retail-banking',
    );
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenCalledWith(
        {
          type: undefined,
          owner: 'group:default/retail-banking',
          system: undefined,
        },
        { limit: 20, cursor: undefined },
      ),
    );
  });

  it('opens the changes section from its path, with the filters of its URL', async () => {
    const api = mockApiOpsApi({
      listChanges: jest.fn().mockResolvedValue({ items: [breakingEvent()] }),
    });
    await renderPage(
      api,
      '/apiops/changes?changeClass=all&changeSince=2026-12-01',
    );

    expect(
      await screen.findByRole('tab', { name: 'Changes' }, { timeout: 5000 }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('heading', { name: 'Changes', level: 2 }),
    ).toBeVisible();
    await waitFor(
      () =>
        expect(api.listChanges).toHaveBeenCalledWith(
          {
            class: undefined,
            owner: undefined,
            system: undefined,
            since: '2026-12-01T00:00:00.000Z',
          },
          { limit: 20, cursor: undefined },
        ),
      { timeout: 5000 },
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'Payments API' },
        { timeout: 5000 },
      ),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api/apiops');
  });

  it('lists the recent breaking changes on the summary, with their consumer count', async () => {
    const api = mockApiOpsApi({
      listChanges: jest.fn().mockResolvedValue({ items: [breakingEvent()] }),
    });
    await renderPage(api);

    const list = await screen.findByRole(
      'list',
      { name: 'Recent breaking changes' },
      { timeout: 5000 },
    );
    expect(api.listChanges).toHaveBeenCalledWith(
      { class: 'breaking' },
      { limit: 5 },
    );
    expect(
      within(list).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api/apiops');
    expect(within(list).getByText('2 consumers')).toBeVisible();

    await userEvent.click(screen.getByRole('link', { name: 'All changes' }));
    expect(location()).toBe('/apiops/changes');
  });

  it('leaves the recent breaking changes out where the backend has no change history', async () => {
    const api = mockApiOpsApi({
      listChanges: jest
        .fn()
        .mockRejectedValue(
          statusError(404, 'The change detection is disabled'),
        ),
    });
    await renderPage(api);

    expect(await screen.findByRole('group', { name: 'APIs' })).toBeVisible();
    await waitFor(() => expect(api.listChanges).toHaveBeenCalled());
    expect(screen.queryByText('Recent breaking changes')).toBeNull();
    expect(screen.queryByText(/change detection is disabled/)).toBeNull();
  });
});
