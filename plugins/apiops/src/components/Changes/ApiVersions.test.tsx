import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { ApiVersions } from './ApiVersions';
import { paymentsFamily } from './__fixtures__/changes';

configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderVersions(api: ReturnType<typeof mockApiOpsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[apiopsApiRef, api]]}>
      <ApiVersions entityRef="api:default/payments-api" />
      <p>after</p>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('ApiVersions', () => {
  it('lists the family and compares v1 and v2 side by side', async () => {
    const api = mockApiOpsApi({
      getApiVersions: jest.fn().mockResolvedValue(paymentsFamily()),
    });
    await renderVersions(api);

    const members = await screen.findByRole('list', {
      name: 'Live versions of the family',
    });
    const [v1, v2] = within(members).getAllByRole('listitem');
    expect(v1).toHaveTextContent('v1 (1.3.0) Payments API (this API)');
    expect(v2).toHaveTextContent('v2 (2.0.0) Payments API v2 · experimental');
    expect(
      within(v2).getByRole('link', { name: 'Payments API v2' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api-v2');

    await userEvent.click(
      screen.getByRole('button', { name: 'Compare versions side by side' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Version comparison',
    });
    const pair = within(dialog).getByRole('region', {
      name: 'Comparison of v1 (1.3.0) and v2 (2.0.0)',
    });
    expect(
      within(pair).getByText(
        'A consumer of v1 (1.3.0) moving to v2 (2.0.0) must adapt to 1 breaking change, listed first.',
      ),
    ).toBeVisible();
    expect(
      within(pair)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Class',
      'Operation / path',
      'Before — v1 (1.3.0)',
      'After — v2 (2.0.0)',
    ]);
    const rows = within(pair).getAllByRole('row').slice(1);
    // Breaking first, each with its values before and after.
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'Breaking',
      'POST /payments Property amount renamed to total$.components.schemas.Payment.properties.amount',
      'amount: number',
      'total: Money',
    ]);
    expect(within(rows[1]).getAllByRole('cell')[0]).toHaveTextContent(
      'Non-breaking',
    );
    expect(within(rows[1]).getAllByRole('cell')[2]).toHaveTextContent('—');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows nothing for an API in no family', async () => {
    const api = mockApiOpsApi({
      getApiVersions: jest.fn().mockResolvedValue({
        members: [paymentsFamily().members[0]],
        comparisons: [],
      }),
    });
    await renderVersions(api);

    await screen.findByText('after');
    await waitFor(() => expect(api.getApiVersions).toHaveBeenCalled());
    expect(screen.queryByText('Versions')).toBeNull();
    expect(
      screen.queryByRole('button', { name: /Compare versions/ }),
    ).toBeNull();
  });
});
