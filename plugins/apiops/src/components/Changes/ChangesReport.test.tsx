import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import {
  clickDownload,
  mockDownloads,
} from '../CsvDownload/__testUtils__/csvDownload';
import {
  chooseTypeFilter,
  typeTextFilter,
} from '../ReportFilters/__testUtils__/reportFilters';
import { ChangesReport } from './ChangesReport';
import { changeReportSearch } from './changeReportUrl';
import { annotationEvent, breakingEvent } from './__fixtures__/changes';

/** The search of the page's URL, to check what a shared link would hold. */
function Location() {
  return <output aria-label="search">{useLocation().search}</output>;
}

function search() {
  return new URLSearchParams(
    screen.getByRole('status', { name: 'search' }).textContent ?? '',
  );
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

// Material Table renders slowly in jsdom, the more on a loaded machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(60_000);

const firstPage = { limit: 20, cursor: undefined };

async function renderReport(
  api: ReturnType<typeof mockApiOpsApi>,
  url?: string,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ChangesReport />
      <Location />
    </TestApiProvider>,
    { mountedRoutes, initialRouteEntries: url ? [url] : undefined },
  );
  await waitFor(() => expect(api.listChanges).toHaveBeenCalled());
}

describe('ChangesReport', () => {
  it('lists the breaking changes by default, with their consumer count and a link to the API tab', async () => {
    const api = mockApiOpsApi({
      listChanges: jest.fn().mockResolvedValue({ items: [breakingEvent()] }),
    });
    await renderReport(api);

    expect(api.listChanges).toHaveBeenCalledWith(
      {
        class: 'breaking',
        owner: undefined,
        system: undefined,
        since: undefined,
      },
      firstPage,
    );
    const link = await screen.findByRole('link', { name: 'Payments API' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/api/payments-api/apiops',
    );
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Version 1.2.0 → 1.3.0')).toBeVisible();
    expect(within(row).getByText('Breaking: 2')).toBeVisible();
    expect(within(row).getByText('Non-breaking: 1')).toBeVisible();
    // The consumer count, in the column of that title.
    const headers = screen
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(
      within(row).getAllByRole('cell')[headers.indexOf('Consumers')],
    ).toHaveTextContent(/^2$/);
    expect(
      screen.getByRole('button', { name: /Change class/ }),
    ).toHaveTextContent('Breaking');
  });

  it('keeps the class, owner, system and since filters in the URL', async () => {
    const api = mockApiOpsApi();
    await renderReport(api);

    await chooseTypeFilter(/Change class/, 'Any class');
    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith(
        {
          class: undefined,
          owner: undefined,
          system: undefined,
          since: undefined,
        },
        firstPage,
      ),
    );
    expect(search().get('changeClass')).toBe('all');

    await chooseTypeFilter(/Change class/, 'Deprecated');
    await typeTextFilter('Owner', 'group:default/payments-team');
    await typeTextFilter('System', 'system:default/payments');
    fireEvent.change(screen.getByLabelText('Since'), {
      target: { value: '2026-12-01' },
    });
    await waitFor(() =>
      expect(api.listChanges).toHaveBeenLastCalledWith(
        {
          class: 'deprecated',
          owner: 'group:default/payments-team',
          system: 'system:default/payments',
          since: '2026-12-01T00:00:00.000Z',
        },
        firstPage,
      ),
    );
    expect(search().toString()).toBe(
      'changeClass=deprecated&changeSince=2026-12-01&changeOwner=group%3Adefault%2Fpayments-team&changeSystem=system%3Adefault%2Fpayments',
    );
  });

  it('opens with the filters of a shared URL', async () => {
    const api = mockApiOpsApi();
    await renderReport(
      api,
      `/${changeReportSearch({
        classFilter: 'non-breaking',
        owner: 'group:default/web-team',
        sinceDay: '2026-11-15',
      })}`,
    );

    expect(api.listChanges).toHaveBeenCalledTimes(1);
    expect(api.listChanges).toHaveBeenCalledWith(
      {
        class: 'non-breaking',
        owner: 'group:default/web-team',
        system: undefined,
        since: '2026-11-15T00:00:00.000Z',
      },
      firstPage,
    );
    expect(screen.getByLabelText('Since')).toHaveValue('2026-11-15');
    expect(screen.getByRole('textbox', { name: 'Owner' })).toHaveValue(
      'group:default/web-team',
    );
  });

  it('pages with the cursor and downloads the CSV with the same filters', async () => {
    const listChanges = jest
      .fn()
      .mockImplementation(async (_filters, { cursor }) =>
        cursor === 'c2'
          ? { items: [annotationEvent({ title: 'Older API', id: 'x' })] }
          : { items: [breakingEvent()], nextCursor: 'c2' },
      );
    const csv = new Blob(['entityRef\n'], { type: 'text/csv' });
    const api = mockApiOpsApi({
      listChanges,
      downloadChangesCsv: jest.fn().mockResolvedValue(csv),
    });
    const downloads = mockDownloads('blob:changes');
    try {
      await renderReport(api, '/?changeClass=all');
      await screen.findByRole('link', { name: 'Payments API' });
      fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
      expect(
        await screen.findByRole('link', { name: 'Older API' }),
      ).toBeVisible();
      expect(listChanges).toHaveBeenLastCalledWith(
        {
          class: undefined,
          owner: undefined,
          system: undefined,
          since: undefined,
        },
        { limit: 20, cursor: 'c2' },
      );

      await clickDownload();
      await waitFor(() => expect(downloads.saved).toHaveLength(1));
      expect(api.downloadChangesCsv).toHaveBeenCalledWith({
        class: undefined,
        owner: undefined,
        system: undefined,
        since: undefined,
      });
      expect(downloads.saved[0].download).toBe('apiops-changes.csv');
    } finally {
      downloads.restore();
    }
  });

  it('says when no change matches', async () => {
    const api = mockApiOpsApi();
    await renderReport(api);
    expect(
      await screen.findByText('No change matches the filters.'),
    ).toBeVisible();
  });
});
