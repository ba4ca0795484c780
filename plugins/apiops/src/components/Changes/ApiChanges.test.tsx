import { ResponseError } from '@backstage/errors';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { ApiChanges } from './ApiChanges';
import {
  annotationEvent,
  breakingEvent,
  history,
} from './__fixtures__/changes';

configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };
const payments = {
  kind: 'api',
  namespace: 'default',
  name: 'payments-api',
};

async function renderChanges(api: ReturnType<typeof mockApiOpsApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ApiChanges entityRef="api:default/payments-api" />
    </TestApiProvider>,
    { mountedRoutes },
  );
}

/** The error the client throws for a backend answer of `status`. */
function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse({
    status,
    statusText: 'Error',
    ok: false,
    headers: { get: () => 'application/json; charset=utf-8' },
    text: async () =>
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
  } as unknown as Response);
}

describe('ApiChanges', () => {
  it('shows a breaking change, breaking first, with the consumers it affects', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest.fn().mockResolvedValue(history()),
    });
    await renderChanges(api);

    const timeline = await screen.findByRole('list', {
      name: 'Change events, newest first',
    });
    expect(api.listApiChanges).toHaveBeenCalledWith(payments, {
      limit: 10,
      cursor: undefined,
    });
    const event = within(timeline).getAllByRole('listitem')[0];
    expect(within(event).getByText('Version 1.2.0 → 1.3.0')).toBeVisible();
    expect(within(event).getAllByText('Breaking: 2').length).toBeGreaterThan(0);

    // The groups of changes, breaking first.
    const groups = within(event)
      .getAllByRole('list', { name: / changes$/ })
      .map(list => list.getAttribute('aria-label'));
    expect(groups).toEqual(['Breaking changes', 'Non-breaking changes']);
    const breaking = within(event).getByRole('list', {
      name: 'Breaking changes',
    });
    expect(
      within(breaking).getByText('POST /refunds', { selector: 'code' }),
    ).toBeVisible();
    expect(
      within(breaking).getByText(
        "$.paths['/payments'].get.parameters[0].required",
      ),
    ).toBeVisible();
    expect(within(breaking).getByText('false')).toBeVisible();
    expect(within(breaking).getByText('true')).toBeVisible();

    // The consumers, as links to their pages by title, with system and owner.
    const consumers = within(event).getByRole('list', {
      name: 'Consumers affected by this change',
    });
    expect(within(event).getByText('2 affected consumers')).toBeVisible();
    expect(
      within(consumers).getByRole('link', { name: 'Checkout Web' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-web');
    expect(
      within(consumers).getByRole('link', { name: /billing-batch/ }),
    ).toHaveAttribute('href', '/catalog/default/component/billing-batch');
    expect(
      within(consumers).getByRole('link', { name: /storefront/ }),
    ).toHaveAttribute('href', '/catalog/default/system/storefront');
    expect(
      within(consumers).getByRole('link', { name: /web-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/web-team');

    // The freshness line of the snapshot, and the baseline.
    expect(screen.getByTestId('apiops-freshness')).toHaveTextContent(
      /Snapshot taken/i,
    );
    expect(screen.getByText(/^Baseline:/)).toBeVisible();
  });

  it('lists no consumers for an event without breaking changes', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest
        .fn()
        .mockResolvedValue(history({ items: [annotationEvent()] })),
    });
    await renderChanges(api);

    await screen.findByRole('list', { name: 'Change events, newest first' });
    expect(screen.getByText('Version 1.2.0 (unchanged)')).toBeVisible();
    expect(screen.getByText('Annotation: 1')).toBeVisible();
    expect(
      screen.queryByRole('list', { name: 'Consumers affected by this change' }),
    ).toBeNull();
  });

  it('says so when a breaking change has no consumer', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest
        .fn()
        .mockResolvedValue(
          history({ items: [breakingEvent({ consumers: [] })] }),
        ),
    });
    await renderChanges(api);

    expect(
      await screen.findByText(/No component or system consumed this API/),
    ).toBeVisible();
  });

  it('says nothing changed since the baseline', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest.fn().mockResolvedValue(history({ items: [] })),
    });
    await renderChanges(api);

    expect(await screen.findByTestId('apiops-changes-empty')).toHaveTextContent(
      /^No change since the baseline at .+: the definition has stayed the same/,
    );
    expect(screen.queryByRole('list', { name: /Change events/ })).toBeNull();
  });

  it('says when no snapshot has seen the API yet', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest
        .fn()
        .mockResolvedValue({ items: [], deprecations: [] }),
    });
    await renderChanges(api);

    expect(await screen.findByTestId('apiops-changes-empty')).toHaveTextContent(
      /No snapshot has seen this API’s definition yet/,
    );
  });

  it('loads older changes under the newer ones', async () => {
    const listApiChanges = jest
      .fn()
      .mockResolvedValueOnce(history({ nextCursor: 'older-1' }))
      .mockResolvedValueOnce({
        items: [annotationEvent()],
        deprecations: [],
      });
    const api = mockApiOpsApi({ listApiChanges });
    await renderChanges(api);

    const timeline = await screen.findByRole('list', {
      name: 'Change events, newest first',
    });
    expect(within(timeline).getAllByRole('heading', { level: 3 })).toHaveLength(
      1,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Older changes' }),
    );
    await waitFor(() =>
      expect(
        within(timeline).getAllByRole('heading', { level: 3 }),
      ).toHaveLength(2),
    );
    expect(listApiChanges).toHaveBeenLastCalledWith(payments, {
      limit: 10,
      cursor: 'older-1',
    });
    expect(screen.queryByRole('button', { name: 'Older changes' })).toBeNull();
    // Newest first: the breaking event, then the older annotation.
    const ids = Array.from(timeline.querySelectorAll('[data-event-id]')).map(
      item => item.getAttribute('data-event-id'),
    );
    expect(ids).toEqual(['evt-2', 'evt-1']);
  });

  it('shows deprecations with their sunset, a past one said so', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest.fn().mockResolvedValue(
        history({
          deprecations: [
            {
              operation: 'GET /legacy-payments',
              sunset: '2026-01-31',
              source: 'x-sunset',
              pastSunset: true,
            },
            {
              sunset: '2027-06-30',
              source: 'sunset-header',
              pastSunset: false,
            },
          ],
        }),
      ),
    });
    await renderChanges(api);

    const list = await screen.findByRole('list', {
      name: 'Deprecated parts of this API',
    });
    const [past, future] = within(list).getAllByRole('listitem');
    expect(within(past).getByText('GET /legacy-payments')).toBeVisible();
    expect(
      within(past).getByText('Sunset passed on Jan 31, 2026'),
    ).toBeVisible();
    expect(past).toHaveAttribute('data-past-sunset', 'true');
    expect(within(future).getByText('The whole API')).toBeVisible();
    expect(within(future).getByText('Sunset Jun 30, 2027')).toBeVisible();
    expect(future).not.toHaveAttribute('data-past-sunset');
  });

  it('says the history is withheld on a 403', async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'NotAllowedError', 'No')),
    });
    await renderChanges(api);

    expect(
      await screen.findByText(
        'You may not see the change history of this API.',
      ),
    ).toBeVisible();
  });

  it("says why there is no history on a 404, in the backend's words", async () => {
    const api = mockApiOpsApi({
      listApiChanges: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'NotFoundError',
            'The change detection is disabled (apiops.changes.enabled: false)',
          ),
        ),
    });
    await renderChanges(api);

    expect(
      await screen.findByText(
        'No change history for this API: The change detection is disabled (apiops.changes.enabled: false)',
      ),
    ).toBeVisible();
  });
});
