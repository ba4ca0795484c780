import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type {
  FragmentationCluster,
  FragmentationDismissal,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import {
  duplicateCluster,
  versionSprawlCluster,
} from '../FragmentationPanel/__fixtures__/clusters';
import { FragmentationPanel } from '../FragmentationPanel';
import { ClusterDismissal } from './ClusterDismissal';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

jest.setTimeout(30_000);

const stored = {
  clusterId: duplicateCluster.id,
  fingerprint: 'f'.repeat(64),
  verdict: 'not-a-duplicate' as const,
  reason: 'Cards and the card hub are different products',
  dismissedBy: 'user:default/ada',
  dismissedAt: '2026-12-06T12:00:00.000Z',
};

/** The component with its dismissal kept as a screen would keep it. */
function Harness(props: { cluster: FragmentationCluster }) {
  const [dismissal, setDismissal] = useState<FragmentationDismissal>();
  return (
    <ClusterDismissal
      cluster={props.cluster}
      dismissal={dismissal}
      onChange={setDismissal}
    />
  );
}

async function render(
  cluster: FragmentationCluster,
  api: ReturnType<typeof mockApiOpsApi>,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [apiopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ]}
    >
      <Harness cluster={cluster} />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('ClusterDismissal', () => {
  it('dismisses a cluster through the dialog, shows who and why, and undoes it', async () => {
    const api = mockApiOpsApi({
      dismissFragmentationCluster: jest.fn().mockResolvedValue(stored),
      undoFragmentationDismissal: jest.fn().mockResolvedValue(undefined),
    });
    await render(duplicateCluster, api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Dismiss this Duplicate cluster',
      }),
    );
    const dialog = within(
      screen.getByRole('dialog', { name: 'Dismiss the Duplicate cluster' }),
    );
    const submit = dialog.getByRole('button', { name: 'Dismiss' });
    // No reason yet, or only blanks: nothing to send.
    expect(submit).toBeDisabled();
    await userEvent.type(dialog.getByRole('textbox', { name: /Reason/ }), '  ');
    expect(submit).toBeDisabled();

    expect(
      dialog.getByRole('radio', { name: /^Not a duplicate/ }),
    ).toBeChecked();
    await userEvent.type(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Cards and the card hub are different products ',
    );
    await userEvent.click(submit);

    await waitFor(() =>
      expect(api.dismissFragmentationCluster).toHaveBeenCalledWith(
        duplicateCluster.id,
        {
          verdict: 'not-a-duplicate',
          reason: 'Cards and the card hub are different products',
        },
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByText(
        /^Dismissed: not a duplicate — Cards and the card hub are different products \(user:default\/ada, .*2026.*\)$/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Undo the dismissal of this Duplicate cluster',
      }),
    );
    expect(api.undoFragmentationDismissal).toHaveBeenCalledWith(
      duplicateCluster.id,
    );
    expect(
      await screen.findByRole('button', {
        name: 'Dismiss this Duplicate cluster',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Dismissed:/)).not.toBeInTheDocument();
  });

  it('sends the verdict chosen', async () => {
    const api = mockApiOpsApi({
      dismissFragmentationCluster: jest
        .fn()
        .mockResolvedValue({ ...stored, verdict: 'intended' }),
    });
    await render(duplicateCluster, api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Dismiss this Duplicate cluster',
      }),
    );
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.click(dialog.getByRole('radio', { name: /^Intended/ }));
    await userEvent.type(
      dialog.getByRole('textbox', { name: /Reason/ }),
      'Kept on purpose',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(api.dismissFragmentationCluster).toHaveBeenCalledWith(
        duplicateCluster.id,
        { verdict: 'intended', reason: 'Kept on purpose' },
      ),
    );
    expect(
      await screen.findByText(/^Dismissed: intended — /),
    ).toBeInTheDocument();
  });

  it('offers only "intended" for a cluster that is not about duplicates', async () => {
    await render(versionSprawlCluster, mockApiOpsApi());
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Dismiss this Version sprawl cluster',
      }),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getAllByRole('radio')).toHaveLength(1);
    expect(dialog.getByRole('radio', { name: /^Intended/ })).toBeChecked();
  });

  it('keeps the dialog open with the error when the backend refuses', async () => {
    const api = mockApiOpsApi({
      dismissFragmentationCluster: jest
        .fn()
        .mockRejectedValue(
          new Error('The latest snapshot has no fragmentation cluster x'),
        ),
    });
    await render(duplicateCluster, api);
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
      await dialog.findByText(
        'Could not dismiss the cluster: The latest snapshot has no fragmentation cluster x',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(screen.queryByText(/^Dismissed:/)).not.toBeInTheDocument();
  });
});

describe('FragmentationPanel with dismissals', () => {
  it('greys a dismissed cluster, shows its dismissal and counts it apart', async () => {
    const dismissed: FragmentationCluster = {
      ...versionSprawlCluster,
      dismissal: {
        verdict: 'intended',
        reason: 'Both versions are supported until June',
        dismissedBy: 'user:default/grace',
        dismissedAt: '2026-12-01T08:00:00.000Z',
      },
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [apiopsApiRef, mockApiOpsApi()],
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ]}
      >
        <FragmentationPanel
          entityRef="api:default/customer-profile-api"
          fragmentation={[duplicateCluster, dismissed]}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(screen.getByText('1 open, 1 dismissed')).toBeInTheDocument();
    const line = screen.getByText(
      /^Dismissed: intended — Both versions are supported until June \(user:default\/grace, /,
    );
    expect(line.closest('li')!.className).toMatch(/dismissedCluster/);
    expect(
      await screen.findByRole('button', {
        name: 'Undo the dismissal of this Version sprawl cluster',
      }),
    ).toBeInTheDocument();
    expect(
      screen
        .getByRole('button', { name: 'Dismiss this Duplicate cluster' })
        .closest('li')!.className,
    ).not.toMatch(/dismissedCluster/);
  });
});
