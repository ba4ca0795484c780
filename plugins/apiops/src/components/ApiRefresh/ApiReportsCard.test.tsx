import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ApiRefreshResult,
  ApiStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiStatus } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { ApiReportsCard } from './ApiReportsCard';

jest.setTimeout(30_000);

const inMinutes = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000).toISOString();

function renderCard(options: {
  status?: ApiStatus;
  allowed?: boolean;
  recordedAt?: string;
  refreshApi?: jest.Mock;
  onRefreshed?: jest.Mock;
  /** usePermission caches decisions per resource: one per test. */
  entityRef: string;
}) {
  const apiopsApi = { refreshApi: options.refreshApi ?? jest.fn() };
  const authorize = jest.fn(() =>
    options.allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  );
  return {
    apiopsApi,
    authorize,
    rendered: renderInTestApp(
      <ApiReportsCard
        entityRef={options.entityRef}
        status={
          options.status ??
          apiStatus({
            computedAt: new Date().toISOString(),
            nextSnapshotAt: inMinutes(20),
          })
        }
        recordedAt={options.recordedAt}
        onRefreshed={options.onRefreshed ?? jest.fn()}
      />,
      {
        apis: [[apiopsApiRef, apiopsApi], mockApis.permission({ authorize })],
      },
    ),
  };
}

/** The value of a fact of the card, by its term. */
function fact(term: string) {
  const dt = screen.getByText(term, { selector: 'dt' });
  return dt.nextElementSibling as HTMLElement;
}

describe('ApiReportsCard', () => {
  it('says what this tab computed now, what the reports show and since when, and when the next snapshot runs', async () => {
    const { rendered } = renderCard({ entityRef: 'api:default/read-only-api' });
    await rendered;
    expect(await screen.findByText('Reports of this API')).toBeVisible();
    expect(fact('This tab')).toHaveTextContent(
      /^Station and governance computed (now|\d+ seconds? ago), from the latest assessment and the catalog$/,
    );
    expect(fact('APIOps page and group tabs')).toHaveTextContent(
      /^As the snapshot taken .+ computed it$/,
    );
    expect(fact('Fragmentation')).toHaveTextContent(
      /^From the snapshot taken /,
    );
    expect(fact('Next snapshot')).toHaveTextContent(/in 20 minutes/);
    // Without apiops.snapshot.refresh there is nothing to press.
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Refresh this API now' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('after an assessment, says the reports show it after the next snapshot, and when', async () => {
    const { rendered } = renderCard({
      entityRef: 'api:default/assessed-api',
      recordedAt: new Date().toISOString(),
    });
    await rendered;
    expect(await screen.findByRole('status')).toHaveTextContent(
      /^Assessment recorded: this tab shows it now\. The APIOps page and the group tabs show it after the next snapshot, in 20 minutes\.$/,
    );
  });

  it('says nothing of an assessment the reports already show (a refresh since)', async () => {
    const { rendered } = renderCard({
      entityRef: 'api:default/shown-api',
      recordedAt: '2026-11-26T14:12:00.000Z',
      status: apiStatus({
        computedAt: new Date().toISOString(),
        refreshedAt: '2026-11-26T14:13:00.000Z',
      }),
    });
    await rendered;
    expect(fact('APIOps page and group tabs')).toHaveTextContent(
      /^As a refresh of this API computed it /,
    );
    expect(fact('Next snapshot')).toHaveTextContent(
      'Not at a fixed interval (a cron or manual schedule)',
    );
    expect(screen.queryByText(/^Assessment recorded/)).not.toBeInTheDocument();
  });

  it('lets the platform team refresh the API at once, and says when it was computed', async () => {
    const refreshedAt = new Date().toISOString();
    const result: ApiRefreshResult = {
      outcome: 'applied',
      status: apiStatus({ refreshedAt, computedAt: refreshedAt }),
    };
    const refreshApi = jest.fn().mockResolvedValue(result);
    const onRefreshed = jest.fn();
    const { rendered, authorize } = renderCard({
      entityRef: 'api:default/refreshed-api',
      allowed: true,
      recordedAt: new Date().toISOString(),
      refreshApi,
      onRefreshed,
    });
    await rendered;
    expect(await screen.findByRole('status')).toHaveTextContent(
      /after the next snapshot, in 20 minutes\. Refresh this API to show it there at once\.$/,
    );
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'apiops.snapshot.refresh',
        }),
        resourceRef: 'api:default/refreshed-api',
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh this API now' }),
    );

    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent(
      /^Refreshed (now|\d+ seconds? ago) .+: the APIOps page and the group tabs show the station, ownership and governance of this API now\. Fragmentation changes with the next snapshot\./,
    );
    expect(refreshApi).toHaveBeenCalledWith({
      kind: 'api',
      namespace: 'default',
      name: 'refreshed-api',
    });
    expect(onRefreshed).toHaveBeenCalledWith(result);
    expect(screen.queryByText(/^Assessment recorded/)).not.toBeInTheDocument();
  });

  it('says so when a newer snapshot made the refresh needless, and when the refresh fails', async () => {
    const refreshApi = jest
      .fn()
      .mockResolvedValueOnce({ outcome: 'superseded', status: apiStatus() })
      .mockRejectedValueOnce(
        await ResponseError.fromResponse({
          status: 409,
          statusText: 'Conflict',
          ok: false,
          headers: { get: () => 'application/json; charset=utf-8' },
          text: async () =>
            JSON.stringify({
              error: {
                name: 'ConflictError',
                message: 'No snapshot has succeeded yet',
              },
              response: { statusCode: 409 },
            }),
        } as unknown as Response),
      );
    const { rendered } = renderCard({
      entityRef: 'api:default/busy-api',
      allowed: true,
      refreshApi,
    });
    await rendered;
    const button = await screen.findByRole('button', {
      name: 'Refresh this API now',
    });
    await userEvent.click(button);
    expect(
      await screen.findByText(
        'A snapshot newer than this refresh is already current: nothing needed to change.',
      ),
    ).toBeVisible();
    await userEvent.click(button);
    const alert = await screen.findByText(/^Could not refresh this API: /);
    expect(alert).toHaveTextContent(/No snapshot has succeeded yet/);
    expect(
      within(alert.closest('[role="alert"]')!).getByRole('button'),
    ).toBeVisible();
  });
});
