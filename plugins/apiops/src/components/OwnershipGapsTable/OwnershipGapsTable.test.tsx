import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { apiopsApiRef } from '../../api';
import { gapRows, mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import {
  clickDownload,
  mockDownloads,
} from '../CsvDownload/__testUtils__/csvDownload';
import {
  chooseTypeFilter,
  typeTextFilter,
} from '../ReportFilters/__testUtils__/reportFilters';
import { OwnershipGapsTable } from './OwnershipGapsTable';

/** The search of the page's URL, to check what a shared link would hold. */
function Location() {
  return <output aria-label="search">{useLocation().search}</output>;
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

// Material Table renders slowly in jsdom.
jest.setTimeout(30_000);

async function renderTable(
  api: ReturnType<typeof mockApiOpsApi>,
  url?: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <OwnershipGapsTable />
      <Location />
    </TestApiProvider>,
    { mountedRoutes, initialRouteEntries: url ? [url] : undefined },
  );
  await screen.findByText('Mainframe Gateway API');
}

describe('OwnershipGapsTable', () => {
  it('lists the gaps with links to the API, the resolved owner and the system', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);

    expect(api.listOwnershipGaps).toHaveBeenCalledWith(
      { type: undefined, owner: undefined, system: undefined },
      { limit: 20, cursor: undefined },
    );
    expect(
      screen.getByRole('link', { name: 'Mainframe Gateway API' }),
    ).toHaveAttribute('href', '/catalog/default/api/mainframe-gateway-api');
    expect(
      screen.getByRole('link', { name: /legacy-integration-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/legacy-integration-team');
    // A placeholder or an unresolved owner is shown as written, not linked.
    expect(screen.getByText('unknown', { selector: 'code' })).toBeVisible();
    expect(
      screen.getByText('group:default/treasury-ops', { selector: 'code' }),
    ).toBeVisible();
    expect(
      screen.queryByRole('link', { name: /treasury-ops/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Owner orphaned')).toBeVisible();
    expect(screen.getByText('Owner missing')).toBeVisible();
    expect(screen.getAllByText('(Error)')).toHaveLength(2);
    expect(
      screen.getByText(
        'The owner "unknown" is a placeholder, not a real owner.',
      ),
    ).toBeVisible();
  });

  it('sends the chosen gap type, owner and system with the query', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);

    await chooseTypeFilter(/Gap type/, 'Owner missing');
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenLastCalledWith(
        { type: ['owner-missing'], owner: undefined, system: undefined },
        { limit: 20, cursor: undefined },
      ),
    );
    // Several types: the menu stays open for the next one.
    await userEvent.click(
      screen.getByRole('option', { name: 'Owner unresolved' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenLastCalledWith(
        {
          type: ['owner-missing', 'owner-unresolved'],
          owner: undefined,
          system: undefined,
        },
        { limit: 20, cursor: undefined },
      ),
    );

    await typeTextFilter('Owner', ' team-a ');
    await typeTextFilter('System', 'system:default/payments');
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenLastCalledWith(
        {
          type: ['owner-missing', 'owner-unresolved'],
          owner: 'team-a',
          system: 'system:default/payments',
        },
        { limit: 20, cursor: undefined },
      ),
    );
    // The filtered view is in the URL, to share.
    expect(
      new URLSearchParams(
        screen.getByRole('status', { name: 'search' }).textContent ?? '',
      ).toString(),
    ).toBe(
      'gapType=owner-missing&gapType=owner-unresolved&gapOwner=team-a&gapSystem=system%3Adefault%2Fpayments',
    );
  });

  it('opens with the filters of a shared URL', async () => {
    const api = mockApiOpsApi();
    await renderTable(
      api,
      '/?gapType=owner-missing&gapType=owner-unresolved&gapOwner=group%3Adefault%2Fretail-banking',
    );

    expect(api.listOwnershipGaps).toHaveBeenCalledTimes(1);
    expect(api.listOwnershipGaps).toHaveBeenCalledWith(
      {
        type: ['owner-missing', 'owner-unresolved'],
        owner: 'group:default/retail-banking',
        system: undefined,
      },
      { limit: 20, cursor: undefined },
    );
    expect(screen.getByRole('button', { name: /Gap type/ })).toHaveTextContent(
      'Owner missing, Owner unresolved',
    );
    expect(screen.getByRole('textbox', { name: 'Owner' })).toHaveValue(
      'group:default/retail-banking',
    );
  });

  it('fetches the next page with the cursor of the page before, and goes back', async () => {
    const listOwnershipGaps = jest
      .fn()
      .mockImplementation(async (_filters, { cursor }) =>
        cursor === 'cursor-2'
          ? { items: [gapRows[2]] }
          : { items: gapRows.slice(0, 2), nextCursor: 'cursor-2' },
      );
    const api = mockApiOpsApi({ listOwnershipGaps });
    await renderTable(api);

    expect(
      screen.getByRole('button', { name: 'Previous Page' }),
    ).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(
      await screen.findByText('FX Rates API', undefined, { timeout: 5000 }),
    ).toBeVisible();
    expect(screen.queryByText('Mainframe Gateway API')).not.toBeInTheDocument();
    expect(listOwnershipGaps).toHaveBeenLastCalledWith(
      { type: undefined, owner: undefined, system: undefined },
      { limit: 20, cursor: 'cursor-2' },
    );
    expect(screen.getByRole('button', { name: 'Next Page' })).toBeDisabled();
    // The last page stays: nothing moves back by itself.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(screen.getByText('FX Rates API')).toBeVisible();
    expect(listOwnershipGaps).toHaveBeenCalledTimes(2);

    // By keyboard, as the pagination buttons are plain buttons.
    screen.getByRole('button', { name: 'Previous Page' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Mainframe Gateway API')).toBeVisible();
    expect(listOwnershipGaps).toHaveBeenLastCalledWith(
      { type: undefined, owner: undefined, system: undefined },
      { limit: 20, cursor: undefined },
    );
  });

  it('downloads the CSV of the gaps matching the filters', async () => {
    const csv = new Blob(['entityRef,title\n'], { type: 'text/csv' });
    const api = mockApiOpsApi({
      downloadOwnershipGapsCsv: jest.fn().mockResolvedValue(csv),
    });
    const downloads = mockDownloads('blob:gaps');

    try {
      await renderTable(api);
      await chooseTypeFilter(/Gap type/, 'Owner unresolved');
      await userEvent.keyboard('{Escape}');
      await typeTextFilter('Owner', 'group:default/treasury-ops');
      await waitFor(() =>
        expect(api.listOwnershipGaps).toHaveBeenLastCalledWith(
          expect.objectContaining({ owner: 'group:default/treasury-ops' }),
          expect.anything(),
        ),
      );

      await clickDownload();

      await waitFor(() => expect(downloads.saved).toHaveLength(1));
      expect(api.downloadOwnershipGapsCsv).toHaveBeenCalledWith({
        type: ['owner-unresolved'],
        owner: 'group:default/treasury-ops',
        system: undefined,
      });
      expect(downloads.createObjectURL).toHaveBeenCalledWith(csv);
      expect(downloads.saved[0]).toEqual({
        download: 'apiops-ownership-gaps.csv',
        href: 'blob:gaps',
      });
      await waitFor(() =>
        expect(downloads.revokeObjectURL).toHaveBeenCalledWith('blob:gaps'),
      );
    } finally {
      downloads.restore();
    }
  });

  it('says so when the download fails', async () => {
    const api = mockApiOpsApi({
      downloadOwnershipGapsCsv: jest
        .fn()
        .mockRejectedValue(new Error('Service Unavailable')),
    });
    await renderTable(api);

    await clickDownload();

    expect(
      await screen.findByText(
        'Could not download the CSV: Service Unavailable',
      ),
    ).toBeVisible();
  });

  it('says so when no gap matches the filters', async () => {
    const api = mockApiOpsApi({
      listOwnershipGaps: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, api]]}>
        <OwnershipGapsTable />
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(
      await screen.findByText('No ownership gap matches these filters.'),
    ).toBeVisible();
  });
});
