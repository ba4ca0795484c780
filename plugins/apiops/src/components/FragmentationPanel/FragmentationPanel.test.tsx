import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import {
  duplicateCluster,
  largeDuplicateCluster,
  largeStyleCluster,
  largeStyleMembers,
  overlapCluster,
  styleCluster,
  versionSprawlCluster,
} from './__fixtures__/clusters';
import { FragmentationPanel } from './FragmentationPanel';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderPanel(
  entityRef: string,
  fragmentation: FragmentationCluster[] | undefined,
  withheld?: boolean,
) {
  // The API client dismisses clusters and loads the members of large ones.
  return renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, mockApiOpsApi()]]}>
      <FragmentationPanel
        entityRef={entityRef}
        fragmentation={fragmentation}
        withheld={withheld}
      />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

/** The list item of the cluster whose type heading is `type`. */
function clusterItem(type: string) {
  return within(
    screen.getByRole('heading', { name: type, level: 3 }).closest('li')!,
  );
}

describe('FragmentationPanel', () => {
  it('shows the cluster with the other API linked to its APIOps tab, not the API itself', async () => {
    await renderPanel('api:default/customer-profile-api', [duplicateCluster]);

    expect(
      screen.getByRole('heading', { name: 'Duplicate', level: 3 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Similarity')).toBeInTheDocument();
    expect(screen.getByText('91%')).toBeInTheDocument();
    expect(
      screen.getByText('APIs with nearly the same operations.'),
    ).toBeInTheDocument();
    expect(screen.getByText(duplicateCluster.message)).toBeInTheDocument();

    expect(screen.getByText('The other API')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Client Directory' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/client-directory-api/apiops',
    );
    expect(
      screen.queryByRole('link', { name: 'Customer Profile API' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText('api:default/customer-profile-api'),
    ).not.toBeInTheDocument();

    // The other API's owner, system, version, lifecycle and operation count.
    const other = within(
      screen.getByRole('link', { name: 'Client Directory' }).closest('li')!,
    );
    expect(other.getByRole('link', { name: /kyc-team/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/kyc-team',
    );
    expect(other.getByRole('link', { name: /kyc-platform/ })).toHaveAttribute(
      'href',
      '/catalog/default/system/kyc-platform',
    );
    expect(other.getByText('v2')).toBeInTheDocument();
    expect(other.getByText('production')).toBeInTheDocument();
    expect(other.getByText('Operations').nextSibling).toHaveTextContent('11');
    // This API's own figure, to compare.
    expect(screen.getByText('This API').parentElement).toHaveTextContent(
      'This API Operations 10',
    );

    const operations = screen.getByRole('list', {
      name: 'Operations shared by the APIs of this cluster',
    });
    expect(within(operations).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText('Shared operations (10)')).toBeInTheDocument();
    expect(screen.queryByText(/more$/)).not.toBeInTheDocument();
  });

  it('lists the first ten shared operations and says how many more there are', async () => {
    await renderPanel('api:default/accounts-api', [largeDuplicateCluster]);

    const operations = screen.getByRole('list', {
      name: 'Operations shared by the APIs of this cluster',
    });
    const items = within(operations).getAllByRole('listitem');
    expect(items).toHaveLength(10);
    expect(items[0]).toHaveTextContent('GET /accounts/{}/resource-1');
    expect(items[9]).toHaveTextContent('GET /accounts/{}/resource-10');
    expect(screen.getByText('Shared operations (63)')).toBeInTheDocument();
    expect(screen.getByText('and 53 more')).toBeInTheDocument();

    expect(screen.getByText('The 2 other APIs')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Ledger Accounts API' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Legacy Accounts API' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Accounts API' }),
    ).not.toBeInTheDocument();
  });

  it('shows every cluster of the API, with what sets the members apart', async () => {
    // Refs are case-insensitive: the API is left out however it is spelled.
    await renderPanel('api:default/Card-Status-API', [overlapCluster]);

    const overlap = clusterItem('Overlap');
    expect(overlap.getByText('Contained')).toBeInTheDocument();
    expect(overlap.getByText('100%')).toBeInTheDocument();
    expect(
      overlap.queryByRole('link', { name: 'Card Status API' }),
    ).not.toBeInTheDocument();
    expect(
      overlap.getByRole('link', { name: 'Card Management API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/card-management-api/apiops',
    );
    expect(overlap.getByText('Contains the other')).toBeInTheDocument();
    expect(overlap.getByText('This API').parentElement).toHaveTextContent(
      'This API Operations 4 Role Contained in the other',
    );
  });

  it('shows the styles of each API of a style inconsistency, and its scope', async () => {
    await renderPanel('api:default/payment-mandates-api', [
      styleCluster,
      versionSprawlCluster,
    ]);

    const style = clusterItem('Style inconsistency');
    expect(style.getByText('Off the main style')).toBeInTheDocument();
    expect(style.getByText('67%')).toBeInTheDocument();
    // Next to the type: the system whose APIs mix styles.
    const header = within(
      style.getByRole('heading', { level: 3 }).parentElement!,
    );
    expect(header.getByRole('link')).toHaveTextContent('recurring-payments');
    expect(header.getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/system/recurring-payments',
    );
    expect(style.getByText('This API').parentElement).toHaveTextContent(
      'This API Path casing snake_case Versioning In the path (/v1/…)',
    );
    const scheduled = within(
      style
        .getByRole('link', { name: 'Scheduled Payments API' })
        .closest('li')!,
    );
    expect(scheduled.getByText('camelCase')).toBeInTheDocument();
    expect(scheduled.getByText('None')).toBeInTheDocument();
    // No shared operations to list for a style inconsistency.
    expect(style.queryByText(/^Shared operations/)).not.toBeInTheDocument();

    // The version sprawl is shown too, with all three versions as others.
    const sprawl = clusterItem('Version sprawl');
    expect(sprawl.getByText('The 3 other APIs')).toBeInTheDocument();
    expect(
      sprawl.getAllByRole('link', { name: /^Payments API v/ }),
    ).toHaveLength(3);
  });

  it('says so when the API is in no cluster', async () => {
    await renderPanel('api:default/accounts-api', []);

    expect(
      screen.getByText('No duplicate, overlapping or sprawling API found.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says so when no snapshot has seen the API yet', async () => {
    await renderPanel('api:default/accounts-api', undefined);

    expect(
      screen.getByText(
        'Not yet in a snapshot: fragmentation shows once a snapshot of the catalog has seen this API.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No duplicate, overlapping or sprawling API found.'),
    ).not.toBeInTheDocument();
  });

  it('counts every other API of a capped cluster, and loads them all through the API client', async () => {
    const listClusterMembers = jest.fn().mockResolvedValue({
      clusterId: largeStyleCluster.id,
      memberCount: 40,
      items: largeStyleMembers,
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[[apiopsApiRef, mockApiOpsApi({ listClusterMembers })]]}
      >
        <FragmentationPanel
          entityRef="api:default/wallet-01-api"
          fragmentation={[largeStyleCluster]}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );

    expect(screen.getByText('The 39 other APIs')).toBeInTheDocument();
    expect(screen.getByText('40 members')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /^Wallet \d\d API$/ }),
    ).toHaveLength(24);

    fireEvent.click(
      screen.getByRole('button', { name: 'Show all 40 members' }),
    );

    expect(
      await screen.findByRole(
        'link',
        { name: 'Wallet 40 API' },
        // Fifteen more cards take a while to render on a busy machine.
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /^Wallet \d\d API$/ }),
    ).toHaveLength(39);
    expect(listClusterMembers).toHaveBeenCalledWith(largeStyleCluster.id, {
      limit: 1000,
      cursor: undefined,
    });
  });

  it('names the permission when the fragmentation was withheld', async () => {
    await renderPanel('api:default/accounts-api', undefined, true);

    expect(
      screen.getByText(
        'Fragmentation is report data: it needs the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not yet in a snapshot/)).not.toBeInTheDocument();
  });
});
