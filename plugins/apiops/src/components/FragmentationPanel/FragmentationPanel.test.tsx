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
  familyCluster,
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
    // The message names the APIs by title, not by entity ref.
    expect(
      screen.getByText(
        'Client Directory and Customer Profile API share 10 of their 11 operations (Jaccard 0.91): they look like duplicates. Merge them or retire one.',
      ),
    ).toBeInTheDocument();
    // The score says what it measures, and a next step follows.
    expect(
      screen.getByText(/how many of their operations the APIs have in common/),
    ).toBeInTheDocument();
    expect(screen.getByText('Next step:').parentElement).toHaveTextContent(
      'Next step: Compare Client Directory and Customer Profile API side by side and retire one, or dismiss the cluster if they are different APIs.',
    );

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
    expect(overlap.getByText('Contains the others')).toBeInTheDocument();
    expect(overlap.getByText('This API').parentElement).toHaveTextContent(
      'This API Operations 4 Role Contained in the other',
    );
  });

  it('says how the API breaks the convention of its system, and shows the conventions', async () => {
    await renderPanel('api:default/scheduled-payments-api', [
      styleCluster,
      versionSprawlCluster,
    ]);

    const style = clusterItem('Style inconsistency');
    expect(style.getByText('Off the main style')).toBeInTheDocument();
    expect(style.getByText('27%')).toBeInTheDocument();
    // Next to the type: the system whose convention the API breaks.
    const header = within(
      style.getByRole('heading', { level: 3 }).parentElement!,
    );
    expect(header.getByRole('link')).toHaveTextContent('recurring-payments');
    expect(header.getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/system/recurring-payments',
    );
    expect(style.getByText(/^This API uses camelCase paths/)).toHaveTextContent(
      'This API uses camelCase paths where 8 of the 10 REST APIs of recurring-payments use kebab-case.',
    );
    expect(style.getByText(/^This API has no major version/)).toHaveTextContent(
      'This API has no major version in its paths or server URL where 10 of the 11 REST APIs of recurring-payments put it in the path (/v1/…).',
    );
    // The sentences say it: no "This API" facts besides.
    expect(style.queryByText('This API')).not.toBeInTheDocument();
    expect(style.getByLabelText('Conventions of the system')).toHaveTextContent(
      'Path casing' +
        'kebab-case, followed by 8 of 10 APIs; off it: camelCase 1, snake_case 1, Mixed 1' +
        'Versioning' +
        'In the path (/v1/…), followed by 10 of 11 APIs; off it: None 1',
    );
    // The other outliers, with their styles.
    expect(
      style.getByText('The 2 other APIs off the convention'),
    ).toBeInTheDocument();
    const mandates = within(
      style.getByRole('link', { name: 'Payment Mandates API' }).closest('li')!,
    );
    expect(mandates.getByText('snake_case')).toBeInTheDocument();
    expect(mandates.getByText('Not off the convention')).toBeInTheDocument();
    // No shared operations to list for a style inconsistency.
    expect(style.queryByText(/^Shared operations/)).not.toBeInTheDocument();

    // The version sprawl is shown too, with all three versions as others.
    const sprawl = clusterItem('Version sprawl');
    expect(sprawl.getByText('The 3 other APIs')).toBeInTheDocument();
    expect(
      sprawl.getAllByRole('link', { name: /^Payments API v/ }),
    ).toHaveLength(3);
    // No unexplained "Score 100%": the figures that made the finding.
    expect(sprawl.queryByText('100%')).not.toBeInTheDocument();
    expect(sprawl.getByText(/3 live versions, 2 expected/)).toBeInTheDocument();
    expect(sprawl.getByText('Next step:').parentElement).toHaveTextContent(
      'Next step: Deprecate the older versions (v1 and v2) once their consumers have moved',
    );
  });

  it('names an API mixing casings itself, with or without a convention', async () => {
    const style = styleCluster as Extract<
      FragmentationCluster,
      { type: 'style-inconsistency' }
    >;
    const split: FragmentationCluster = {
      ...style,
      members: style.members.slice(2),
      details: {
        ...style.details,
        pathCasing: { mixed: ['api:default/standing-orders-api'] },
        versioning: {},
        conventions: {
          ...style.details.conventions,
          pathCasing: {
            followerCount: 0,
            apiCount: 6,
            styleCounts: { kebab: 3, camel: 3, mixed: 1 },
          },
        },
      },
    };
    const { unmount } = await renderPanel('api:default/standing-orders-api', [
      styleCluster,
    ]);
    expect(screen.getByText(/^This API mixes path casings/)).toHaveTextContent(
      'This API mixes path casings where 8 of the 10 REST APIs of recurring-payments use kebab-case.',
    );
    unmount();

    await renderPanel('api:default/standing-orders-api', [split]);
    expect(
      screen.getByText('This API mixes path casings in its own paths.'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Conventions of the system'),
    ).toHaveTextContent(
      'Path casing' +
        'No convention: kebab-case 3, camelCase 3, Mixed 1' +
        'Versioning' +
        'In the path (/v1/…), followed by 10 of 11 APIs; off it: None 1',
    );
    // The only outlier: no other API to list.
    expect(screen.queryByText(/other APIs? off/)).not.toBeInTheDocument();
  });

  it('explains a duplicate: the linked pair, its shape matches, scores and evidence, and the common operations', async () => {
    await renderPanel('api:default/customer-profile-api', [duplicateCluster]);

    const item = clusterItem('Duplicate');
    expect(
      item.getByRole('heading', { name: 'Why this finding' }),
    ).toBeInTheDocument();
    const pairs = item.getByRole('list', {
      name: 'The evidence behind this finding',
    });
    expect(
      within(pairs).getByText('client-directory-api and customer-profile-api'),
    ).toBeInTheDocument();
    expect(
      within(pairs).getByText(
        /10 shared operations, 7 with the same request and response shapes; Jaccard 91%, containment 100%; evidence 17/,
      ),
    ).toBeInTheDocument();
    expect(
      item.getByText(
        'Common in the catalog (counted for little): GET /customers',
      ),
    ).toBeInTheDocument();
  });

  it('shows a family with its interface, shape matches and owners', async () => {
    await renderPanel('api:default/tax-statements-north-api', [familyCluster]);

    const item = clusterItem('Family');
    expect(
      item.getByText('APIs that implement one shared interface.'),
    ).toBeInTheDocument();
    expect(item.getByText('Interface coverage')).toBeInTheDocument();
    expect(
      item.getByText(
        '2 interface operations, 2 with the same shapes in every member; evidence 2; owners: tax-team',
      ),
    ).toBeInTheDocument();
    expect(item.getByText('GET /statements/{}')).toBeInTheDocument();
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

    expect(
      screen.getByText('The 39 other APIs off the convention'),
    ).toBeInTheDocument();
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
