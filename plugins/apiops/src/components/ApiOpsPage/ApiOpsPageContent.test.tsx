import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { ApiOpsPageContent } from './ApiOpsPageContent';
import {
  emptySummaryFixture,
  mockApiOpsApi,
  summaryFixture,
} from './__fixtures__/reports';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function kpi(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

async function renderPage(api: ReturnType<typeof mockApiOpsApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ApiOpsPageContent pollIntervalMs={5} />
    </TestApiProvider>,
    { mountedRoutes },
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
    const stationLabels = screen
      .getAllByText(/^(API .*|Unassessed)$/, { selector: 'li p' })
      .map(el => el.textContent);
    expect(stationLabels).toEqual([
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

  it('shows the fragmentation: its figures, its trend and its clusters', async () => {
    const api = mockApiOpsApi();
    await renderPage(api);

    expect(
      await screen.findByRole('group', { name: 'Fragmentation clusters' }),
    ).toBeVisible();
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

    expect(
      screen.getByRole('heading', { name: 'Fragmentation', level: 2 }),
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
    await renderPage(api);
    await screen.findByRole('group', { name: 'APIs' });
    expect(api.listOwnershipGaps).toHaveBeenCalledTimes(1);
    expect(api.listTeams).toHaveBeenCalledTimes(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Run snapshot now' }),
    );

    expect(api.triggerSnapshot).toHaveBeenCalledTimes(1);
    expect(
      await screen.findByText('Snapshot finished: the reports are up to date.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(kpi('APIs').getByText('50')).toBeInTheDocument(),
    );
    expect(getSummary.mock.calls.length).toBeGreaterThanOrEqual(4);
    await waitFor(() => expect(api.listOwnershipGaps).toHaveBeenCalledTimes(2));
    expect(api.listFragmentation).toHaveBeenCalledTimes(2);
    expect(api.listTeams).toHaveBeenCalledTimes(2);
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
});
