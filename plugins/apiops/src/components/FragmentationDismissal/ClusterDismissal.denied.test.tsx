import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import {
  duplicateCluster,
  versionSprawlCluster,
} from '../FragmentationPanel/__fixtures__/clusters';
import { FragmentationPanel } from '../FragmentationPanel';

// A file of its own: usePermission caches a basic permission's decision for
// the whole test file.

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ClusterDismissal without apiops.fragmentation.dismiss', () => {
  it('shows the dismissal but neither Dismiss nor Undo', async () => {
    const permission = mockApis.permission({
      authorize: AuthorizeResult.DENY,
    });
    const authorize = jest.spyOn(permission, 'authorize');
    await renderInTestApp(
      <TestApiProvider apis={[[apiopsApiRef, mockApiOpsApi()], permission]}>
        <FragmentationPanel
          entityRef="api:default/customer-profile-api"
          fragmentation={[
            duplicateCluster,
            {
              ...versionSprawlCluster,
              dismissal: {
                verdict: 'intended',
                reason: 'Supported until June',
                dismissedBy: 'user:default/grace',
                dismissedAt: '2026-12-01T08:00:00.000Z',
              },
            },
          ]}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.getByText(/^Dismissed: intended — Supported until June/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Dismiss this/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Undo/ }),
    ).not.toBeInTheDocument();
  });
});
