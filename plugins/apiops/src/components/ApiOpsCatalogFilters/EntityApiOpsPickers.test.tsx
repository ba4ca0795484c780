import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityKindPicker,
  EntityListProvider,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiopsApiRef } from '../../api';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { EntityApiOpsGovernancePicker } from './EntityApiOpsGovernancePicker';
import { EntityApiOpsStationPicker } from './EntityApiOpsStationPicker';

function entity(
  kind: string,
  name: string,
  labels?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', labels },
  };
}

const labelled = [
  entity('API', 'accounts-api', {
    'apiops/station': 'api-design',
    'apiops/governance': 'compliant',
  }),
  entity('API', 'payments-api', {
    'apiops/station': 'monitoring-and-improving',
    'apiops/governance': 'non-compliant',
  }),
  entity('API', 'cards-api', {
    'apiops/station': 'api-design',
    'apiops/governance': 'attention',
  }),
  entity('API', 'loans-api', {
    'apiops/station': 'api-product-strategy',
    'apiops/governance': 'compliant',
  }),
  entity('API', 'legacy-api', {
    'apiops/station': 'unassessed',
    'apiops/governance': 'compliant',
  }),
  entity('API', 'unlabelled-api'),
  // Not an API: its station is not offered on the API list.
  entity('Component', 'accounts-service', { 'apiops/station': 'api-audit' }),
];

/** The names of the listed entities, as the catalog table would show them. */
function Listed() {
  const { entities, loading } = useEntityList();
  if (loading) {
    return null;
  }
  return (
    <ul aria-label="listed">
      {entities.map(e => (
        <li key={e.metadata.name}>{e.metadata.name}</li>
      ))}
    </ul>
  );
}

async function renderList(options: {
  entities: Entity[];
  url?: string;
  getMethod?: jest.Mock;
}) {
  return renderInTestApp(
    <EntityListProvider>
      <EntityKindPicker initialFilter="api" hidden />
      <EntityApiOpsStationPicker />
      <EntityApiOpsGovernancePicker />
      <Listed />
    </EntityListProvider>,
    {
      initialRouteEntries: options.url ? [options.url] : undefined,
      apis: [
        [catalogApiRef, catalogApiMock({ entities: options.entities })],
        [
          apiopsApiRef,
          {
            getMethod:
              options.getMethod ?? jest.fn().mockResolvedValue(methodModel),
          },
        ],
      ],
    },
  );
}

async function listedNames(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'listed' });
  return within(list)
    .queryAllByRole('listitem')
    .map(item => item.textContent ?? '');
}

function optionTexts(): string[] {
  return screen.getAllByRole('option').map(option => option.textContent ?? '');
}

describe('EntityApiOpsStationPicker and EntityApiOpsGovernancePicker', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('offers the stations of the listed kind by name, in the order of the cycle', async () => {
    await renderList({ entities: labelled });

    await userEvent.click(
      await screen.findByRole('textbox', { name: 'APIOps station' }),
    );
    // The catalog gives the values in alphabetical order; the method's
    // cycle starts with the product strategy. The component's station is
    // not among the APIs'.
    expect(optionTexts()).toEqual([
      'API Product Strategy (1)',
      'API Design (2)',
      'API Monitoring & Improvement (1)',
      'Unassessed (1)',
    ]);
  });

  it('lists exactly the APIs at the chosen station, and keeps it in the URL', async () => {
    await renderList({ entities: labelled });
    await waitFor(async () => expect(await listedNames()).toHaveLength(6));

    await userEvent.click(
      await screen.findByRole('textbox', { name: 'APIOps station' }),
    );
    await userEvent.click(screen.getByText('API Design (2)'));

    await waitFor(async () =>
      expect(await listedNames()).toEqual(['accounts-api', 'cards-api']),
    );
    expect(decodeURIComponent(window.location.search)).toContain(
      'filters[apiopsStation]=api-design',
    );
  });

  it('takes its stations and statuses from the URL', async () => {
    await renderList({
      entities: labelled,
      url: '/?filters[kind]=api&filters[apiopsStation]=api-design&filters[apiopsGovernance]=attention',
    });

    await waitFor(async () =>
      expect(await listedNames()).toEqual(['cards-api']),
    );
    expect(screen.getByText('API Design')).toBeInTheDocument();
    expect(screen.getByText('Attention')).toBeInTheDocument();
  });

  it('offers the governance statuses by their names, compliant first', async () => {
    await renderList({ entities: labelled });

    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Governance status' }),
    );
    expect(optionTexts()).toEqual([
      'Compliant (3)',
      'Attention (1)',
      'Non-compliant (1)',
    ]);
    await userEvent.click(screen.getByText('Non-compliant (1)'));
    await waitFor(async () =>
      expect(await listedNames()).toEqual(['payments-api']),
    );
  });

  it('names the stations from their ids when the method cannot be read', async () => {
    await renderList({
      entities: labelled,
      getMethod: jest.fn().mockRejectedValue(new Error('forbidden')),
    });

    await userEvent.click(
      await screen.findByRole('textbox', { name: 'APIOps station' }),
    );
    expect(optionTexts()).toEqual([
      'API Design (2)',
      'API Product Strategy (1)',
      'Monitoring and Improving (1)',
      'Unassessed (1)',
    ]);
  });

  it('shows neither picker, and filters nothing, while no entity has the labels', async () => {
    await renderList({
      entities: [entity('API', 'accounts-api'), entity('API', 'cards-api')],
      url: '/?filters[kind]=api&filters[apiopsStation]=api-design',
    });

    await waitFor(async () =>
      expect(await listedNames()).toEqual(['accounts-api', 'cards-api']),
    );
    expect(
      screen.queryByRole('textbox', { name: 'APIOps station' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Governance status' }),
    ).not.toBeInTheDocument();
  });
});
