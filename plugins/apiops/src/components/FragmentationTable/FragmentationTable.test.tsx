import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import {
  clickDownload,
  mockDownloads,
} from '../CsvDownload/__testUtils__/csvDownload';
import {
  clusters,
  duplicateCluster,
  largeDuplicateCluster,
  largeStyleCluster,
  largeStyleMembers,
  overlapCluster,
  styleCluster,
} from '../FragmentationPanel/__fixtures__/clusters';
import {
  chooseTypeFilter,
  typeTextFilter,
} from '../ReportFilters/__testUtils__/reportFilters';
import { FragmentationTable } from './FragmentationTable';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

jest.setTimeout(30_000);

const noFilters = { type: undefined, owner: undefined, system: undefined };

async function renderTable(api: ReturnType<typeof mockApiOpsApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <FragmentationTable />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

/** The table row of the cluster whose compare button names `apis`. */
function compareButton(apis: string) {
  return screen.getByRole('button', {
    name: `Compare ${apis} side by side`,
  });
}

/** The messages of the duplicate and the style clusters, APIs named by title. */
const DUPLICATE_MESSAGE =
  'Client Directory and Customer Profile API share 10 of their 11 operations (Jaccard 0.91): they look like duplicates. Merge them or retire one.';
const STYLE_MESSAGE =
  /^Rename the paths of Scheduled Payments API \(camelCase\) and Payment Mandates API \(snake_case\) to kebab-case, the convention of 8 of the 10 REST APIs of recurring-payments\./;

function rowOf(apis: string) {
  return within(compareButton(apis).closest('tr')!);
}

describe('FragmentationTable', () => {
  it('lists the clusters with their type, score, message and APIs', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);

    expect(await screen.findByText(DUPLICATE_MESSAGE)).toBeInTheDocument();
    expect(api.listFragmentation).toHaveBeenCalledWith(noFilters, {
      limit: 10,
      cursor: undefined,
    });
    expect(
      screen.getByRole('table', { name: 'Fragmentation clusters' }),
    ).toBeInTheDocument();

    const duplicate = rowOf('Client Directory, Customer Profile API');
    expect(duplicate.getByText('Duplicate')).toBeInTheDocument();
    expect(duplicate.getByText('Similarity')).toBeInTheDocument();
    expect(duplicate.getByText('91%')).toBeInTheDocument();
    expect(duplicate.getByText('10')).toBeInTheDocument();
    // The APIs link to their APIOps tabs.
    expect(
      duplicate.getAllByRole('link', { name: 'Client Directory' })[0],
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/client-directory-api/apiops',
    );

    const style = rowOf(
      'Payment Mandates API, Scheduled Payments API, Standing Orders API',
    );
    expect(style.getByText('Style inconsistency')).toBeInTheDocument();
    expect(style.getByText('27%')).toBeInTheDocument();
    // A style inconsistency is not found by shared operations: not "None"
    // but not computed.
    expect(style.queryByText('None')).not.toBeInTheDocument();
    expect(style.getByText('—')).toBeInTheDocument();
    expect(
      style.getByText(
        'Not computed: this type of cluster is not found by shared operations',
      ),
    ).toBeInTheDocument();
    expect(style.getByText('Next step:').parentElement).toHaveTextContent(
      'Next step: Align Payment Mandates API, Scheduled Payments API and Standing Orders API with the convention of recurring-payments',
    );
    expect(duplicate.getByText('Next step:').parentElement).toHaveTextContent(
      'Next step: Compare Client Directory and Customer Profile API side by side and retire one',
    );
    // The conventions the members break, with their followers.
    expect(style.getByLabelText('Conventions of the system')).toHaveTextContent(
      'Path casing' +
        'kebab-case, followed by 8 of 10 APIs; off it: camelCase 1, snake_case 1, Mixed 1' +
        'Versioning' +
        'In the path (/v1/…), followed by 10 of 11 APIs; off it: None 1',
    );
    expect(
      screen.getAllByRole('button', { name: /^Compare .* side by side$/ }),
    ).toHaveLength(clusters.length);
  });

  it('renders valid HTML: no list inside a paragraph', async () => {
    const consoleError = jest.spyOn(console, 'error');
    await renderTable(mockApiOpsApi());

    await screen.findByText(DUPLICATE_MESSAGE);
    // The APIs of each cluster, shown in the row on small screens.
    expect(document.querySelectorAll('td ul').length).toBeGreaterThan(0);
    expect(document.querySelector('p ul')).toBeNull();
    const nestingWarnings = consoleError.mock.calls.filter(args =>
      String(args[0]).includes('validateDOMNesting'),
    );
    expect(nestingWarnings).toEqual([]);
    consoleError.mockRestore();
  });

  it('opens a cluster to show its APIs side by side with the operations they share', async () => {
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockResolvedValue({ items: [largeDuplicateCluster, overlapCluster] }),
    });
    await renderTable(api);

    const button = await screen.findByRole('button', {
      name: 'Compare Accounts API, Ledger Accounts API, Legacy Accounts API side by side',
    });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    const detail = document.getElementById(
      button.getAttribute('aria-controls')!,
    )!;
    expect(detail).not.toBeVisible();
    expect(
      screen.queryByRole('region', {
        name: 'The APIs of the cluster side by side',
      }),
    ).not.toBeInTheDocument();

    // By keyboard.
    button.focus();
    await userEvent.keyboard('{Enter}');

    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(detail).toBeVisible();
    const comparison = within(
      screen.getByRole('region', {
        name: 'The APIs of the cluster side by side',
      }),
    );
    // One column per API, in the cluster's order.
    const columns = comparison
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(columns).toEqual([
      'Accounts APIapi:default/accounts-api',
      'Ledger Accounts APIapi:default/ledger-accounts-api',
      'Legacy Accounts APIapi:default/legacy-accounts-api',
    ]);
    expect(
      comparison.getByRole('link', { name: 'Ledger Accounts API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/ledger-accounts-api/apiops',
    );
    // One row per fact, a cell per API; what is not known says so.
    const cells = (fact: string) =>
      within(comparison.getByRole('rowheader', { name: fact }).closest('tr')!)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells('Owner')).toEqual([
      'accounts-team',
      'ledger-team',
      'legacy-integration-team',
    ]);
    expect(cells('System')).toEqual(['core-accounts', 'ledger', 'None']);
    expect(cells('Version')).toEqual(['v1', 'None', 'v3']);
    expect(cells('Lifecycle')).toEqual(['production', 'experimental', 'None']);
    expect(cells('Operations')).toEqual(['70', '66', '75']);
    expect(comparison.queryByRole('rowheader', { name: 'Role' })).toBeNull();

    // Every shared operation the report lists, and how many more there are.
    const operations = within(detail).getByRole('list', {
      name: 'Operations shared by the APIs of this cluster',
    });
    expect(within(operations).getAllByRole('listitem')).toHaveLength(14);
    expect(within(detail).getByText('Shared operations (63)')).toBeVisible();
    expect(within(detail).getByText('and 49 more')).toBeVisible();

    // Closes again.
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(detail).not.toBeVisible();
  });

  it('shows the styles of each API of a style inconsistency and the roles of an overlap', async () => {
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockResolvedValue({ items: [styleCluster, overlapCluster] }),
    });
    await renderTable(api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Compare Payment Mandates API, Scheduled Payments API, Standing Orders API side by side',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Compare Card Management API, Card Status API side by side',
      }),
    );

    const [style, overlap] = screen
      .getAllByRole('region', { name: 'The APIs of the cluster side by side' })
      .map(region => within(region));
    const cells = (comparison: typeof style, fact: string) =>
      within(comparison.getByRole('rowheader', { name: fact }).closest('tr')!)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(style, 'Path casing')).toEqual([
      'snake_case',
      'camelCase',
      'Mixed',
    ]);
    expect(cells(style, 'Versioning')).toEqual([
      'Not off the convention',
      'None',
      'Not off the convention',
    ]);
    expect(style.queryByRole('rowheader', { name: 'Operations' })).toBeNull();
    expect(cells(overlap, 'Role')).toEqual([
      'Contains the others',
      'Contained in the other',
    ]);
    expect(cells(overlap, 'Operations')).toEqual(['14', '4']);
  });

  it('sends the chosen type, owner and system with the query', async () => {
    const api = mockApiOpsApi();
    await renderTable(api);
    await screen.findByText(DUPLICATE_MESSAGE);

    await chooseTypeFilter(/Fragmentation type/, 'Overlap');
    await waitFor(() =>
      expect(api.listFragmentation).toHaveBeenLastCalledWith(
        { type: 'overlap', owner: undefined, system: undefined },
        { limit: 10, cursor: undefined },
      ),
    );

    await typeTextFilter('Owner', ' group:default/cards-team ');
    await typeTextFilter('System', 'card-platform');
    await waitFor(() =>
      expect(api.listFragmentation).toHaveBeenLastCalledWith(
        {
          type: 'overlap',
          owner: 'group:default/cards-team',
          system: 'card-platform',
        },
        { limit: 10, cursor: undefined },
      ),
    );
  });

  it('fetches the next page with the cursor of the page before, and goes back', async () => {
    const listFragmentation = jest
      .fn()
      .mockImplementation(async (_filters, { cursor }) =>
        cursor === 'cursor-2'
          ? { items: [styleCluster] }
          : { items: [duplicateCluster], nextCursor: 'cursor-2' },
      );
    const api = mockApiOpsApi({ listFragmentation });
    await renderTable(api);
    await screen.findByText(DUPLICATE_MESSAGE);

    expect(screen.getByText('Page 1')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText(STYLE_MESSAGE)).toBeInTheDocument();
    expect(screen.queryByText(DUPLICATE_MESSAGE)).not.toBeInTheDocument();
    expect(listFragmentation).toHaveBeenLastCalledWith(noFilters, {
      limit: 10,
      cursor: 'cursor-2',
    });
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    screen.getByRole('button', { name: 'Previous page' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText(DUPLICATE_MESSAGE)).toBeInTheDocument();
    expect(listFragmentation).toHaveBeenLastCalledWith(noFilters, {
      limit: 10,
      cursor: undefined,
    });
  });

  it('shows no pagination when everything fits on one page', async () => {
    await renderTable(mockApiOpsApi());
    await screen.findByText(DUPLICATE_MESSAGE);

    expect(
      screen.queryByRole('button', { name: 'Next page' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Page 1')).not.toBeInTheDocument();
  });

  it('downloads the CSV of the clusters matching the filters', async () => {
    const csv = new Blob(['clusterId,type\n'], { type: 'text/csv' });
    const api = mockApiOpsApi({
      downloadFragmentationCsv: jest.fn().mockResolvedValue(csv),
    });
    const downloads = mockDownloads('blob:fragmentation');

    try {
      await renderTable(api);
      await screen.findByText(DUPLICATE_MESSAGE);
      await chooseTypeFilter(/Fragmentation type/, 'Version sprawl');
      await typeTextFilter('System', 'system:default/payments-hub');
      await waitFor(() =>
        expect(api.listFragmentation).toHaveBeenLastCalledWith(
          expect.objectContaining({ system: 'system:default/payments-hub' }),
          expect.anything(),
        ),
      );

      await clickDownload();

      await waitFor(() => expect(downloads.saved).toHaveLength(1));
      expect(api.downloadFragmentationCsv).toHaveBeenCalledWith({
        type: 'version-sprawl',
        owner: undefined,
        system: 'system:default/payments-hub',
      });
      expect(downloads.createObjectURL).toHaveBeenCalledWith(csv);
      expect(downloads.saved[0]).toEqual({
        download: 'apiops-fragmentation.csv',
        href: 'blob:fragmentation',
      });
    } finally {
      downloads.restore();
    }
  });

  it('says so when the download fails', async () => {
    const api = mockApiOpsApi({
      downloadFragmentationCsv: jest
        .fn()
        .mockRejectedValue(new Error('Service Unavailable')),
    });
    await renderTable(api);
    await screen.findByText(DUPLICATE_MESSAGE);

    await clickDownload();

    expect(
      await screen.findByText(
        'Could not download the CSV: Service Unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the catalog has no fragmentation, or none matches the filters', async () => {
    const api = mockApiOpsApi({
      listFragmentation: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderTable(api);

    expect(
      await screen.findByText(
        'No duplicate, overlapping or sprawling API found in the catalog.',
      ),
    ).toBeInTheDocument();

    await typeTextFilter('Owner', 'team-a');
    expect(
      await screen.findByText(
        'No fragmentation cluster matches these filters.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error of the report', async () => {
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockRejectedValue(new Error('owner: not an entity ref')),
    });
    await renderTable(api);

    expect(
      await screen.findByText('Error: owner: not an entity ref', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows how many members a capped cluster has, and loads them all on demand', async () => {
    const listClusterMembers = jest
      .fn()
      .mockResolvedValueOnce({
        clusterId: largeStyleCluster.id,
        memberCount: 40,
        items: largeStyleMembers.slice(0, 30),
        nextCursor: 'page-2',
      })
      .mockResolvedValueOnce({
        clusterId: largeStyleCluster.id,
        memberCount: 40,
        items: largeStyleMembers.slice(30),
      });
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockResolvedValue({ items: [largeStyleCluster] }),
      listClusterMembers,
    });
    await renderTable(api);

    expect(await screen.findByText('40 members')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Wallet 25 API' }).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('link', { name: 'Wallet 26 API' }),
    ).not.toBeInTheDocument();
    expect(listClusterMembers).not.toHaveBeenCalled();

    fireEvent.click(
      screen.getByRole('button', { name: 'Show all 40 members' }),
    );

    expect(
      (
        await screen.findAllByRole(
          'link',
          { name: 'Wallet 40 API' },
          // Forty more links take a while to render on a busy machine.
          { timeout: 10_000 },
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getAllByRole('link', { name: 'Wallet 26 API' }).length,
    ).toBeGreaterThan(0);
    expect(listClusterMembers.mock.calls).toEqual([
      [largeStyleCluster.id, { limit: 1000, cursor: undefined }],
      [largeStyleCluster.id, { limit: 1000, cursor: 'page-2' }],
    ]);
    expect(
      screen.queryByRole('button', { name: 'Show all 40 members' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('40 members')).toBeInTheDocument();
  });

  it('says why the rest of the members could not be loaded, and lets the user try again', async () => {
    const listClusterMembers = jest
      .fn()
      .mockRejectedValueOnce(
        new Error(
          'cursor: the results of snapshot 4 have been replaced by snapshot 5',
        ),
      )
      .mockResolvedValueOnce({
        clusterId: largeStyleCluster.id,
        memberCount: 40,
        items: largeStyleMembers,
      });
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockResolvedValue({ items: [largeStyleCluster] }),
      listClusterMembers,
    });
    await renderTable(api);

    fireEvent.click(
      await screen.findByRole('button', { name: 'Show all 40 members' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the members: cursor: the results of snapshot 4 have been replaced by snapshot 5',
    );

    fireEvent.click(
      screen.getByRole('button', { name: 'Show all 40 members' }),
    );
    await waitFor(() => expect(listClusterMembers).toHaveBeenCalledTimes(2));
    expect(
      (
        await screen.findAllByRole(
          'link',
          { name: 'Wallet 40 API' },
          // Forty more links take a while to render on a busy machine.
          { timeout: 10_000 },
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a dismissed cluster with its dismissal, and dismisses another from its row', async () => {
    const dismissed = {
      ...overlapCluster,
      dismissal: {
        verdict: 'intended' as const,
        reason: 'The mobile API is a subset on purpose',
        dismissedBy: 'user:default/grace',
        dismissedAt: '2026-12-01T08:00:00.000Z',
      },
    };
    const api = mockApiOpsApi({
      listFragmentation: jest
        .fn()
        .mockResolvedValue({ items: [duplicateCluster, dismissed] }),
      dismissFragmentationCluster: jest.fn().mockResolvedValue({
        clusterId: duplicateCluster.id,
        fingerprint: 'f',
        verdict: 'not-a-duplicate',
        reason: 'Different products',
        dismissedBy: 'user:default/ada',
        dismissedAt: '2026-12-06T12:00:00.000Z',
      }),
    });
    await renderTable(api);

    expect(
      await screen.findByText(
        /^Dismissed: intended — The mobile API is a subset on purpose \(user:default\/grace, /,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Dismiss this Duplicate cluster',
      }),
    );
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.type(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Different products',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Dismiss' }));
    expect(
      await screen.findByText(
        /^Dismissed: not a duplicate — Different products \(user:default\/ada, /,
      ),
    ).toBeInTheDocument();
    expect(api.dismissFragmentationCluster).toHaveBeenCalledWith(
      duplicateCluster.id,
      { verdict: 'not-a-duplicate', reason: 'Different products' },
    );
    // Not read again: the dismissal shows at once.
    expect(api.listFragmentation).toHaveBeenCalledTimes(1);
  });
});
