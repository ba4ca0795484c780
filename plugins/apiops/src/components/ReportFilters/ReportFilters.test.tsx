import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ReportFilterLabels, ReportFilters } from './ReportFilters';
import type { ReportFilterInputs } from './useReportFilters';
import {
  chooseTypeFilter,
  typeTextFilter,
} from './__testUtils__/reportFilters';

type Shape = 'circle' | 'square';

const labels: ReportFilterLabels<Shape> = {
  type: 'Shape',
  anyType: 'All shapes',
  typeOption: shape => `A ${shape}`,
  owner: 'Owner',
  system: 'System',
  refHelp: example => `E.g. ${example}`,
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'retail-banking', namespace: 'default' },
    spec: { type: 'department', profile: { displayName: 'Retail Banking' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'treasury', namespace: 'finance', title: 'Treasury' },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments-hub', namespace: 'default' },
    spec: { owner: 'retail-banking' },
  },
];

/** The filters holding their inputs, as the report's hook does. */
function StatefulFilters(props: {
  initial: ReportFilterInputs<Shape>;
  multiple?: boolean;
  onChange: (change: Partial<ReportFilterInputs<Shape>>) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <ReportFilters
      idPrefix="apiops-shape"
      types={['circle', 'square']}
      multiple={props.multiple}
      labels={labels}
      value={value}
      onChange={change => {
        props.onChange(change);
        setValue(previous => ({ ...previous, ...change }));
      }}
    >
      <button type="button">Download</button>
    </ReportFilters>
  );
}

async function renderFilters(
  options: { types?: Shape[]; owner?: string; multiple?: boolean } = {},
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <StatefulFilters
      initial={{
        types: options.types ?? [],
        owner: options.owner ?? '',
        system: '',
      }}
      multiple={options.multiple}
      onChange={onChange}
    />,
    { apis: [[catalogApiRef, catalogApiMock({ entities })]] },
  );
  return onChange;
}

describe('ReportFilters', () => {
  it('shows the type and entity filters with their labels, ids and help, then the children', async () => {
    await renderFilters({ types: ['square'], owner: 'team-a' });

    expect(screen.getByRole('button', { name: /Shape/ })).toHaveTextContent(
      'A square',
    );
    const owner = screen.getByRole('textbox', { name: 'Owner' });
    expect(owner).toHaveAttribute('id', 'apiops-shape-owner');
    expect(owner).toHaveValue('team-a');
    expect(owner).toHaveAccessibleDescription('E.g. group:default/team-a');
    const system = screen.getByRole('textbox', { name: 'System' });
    expect(system).toHaveAttribute('id', 'apiops-shape-system');
    expect(system).toHaveValue('');
    expect(system).toHaveAccessibleDescription('E.g. system:default/payments');
    expect(screen.getByRole('button', { name: 'Download' })).toBeVisible();
  });

  it('reports the chosen type, and no type for the any-type option', async () => {
    const onChange = await renderFilters({ types: ['square'] });

    await chooseTypeFilter(/Shape/, 'A circle');
    expect(onChange).toHaveBeenLastCalledWith({ types: ['circle'] });
    await chooseTypeFilter(/Shape/, 'All shapes');
    expect(onChange).toHaveBeenLastCalledWith({ types: [] });
  });

  it('adds a type to those picked when several may be', async () => {
    const onChange = await renderFilters({ types: ['square'], multiple: true });
    expect(screen.queryByRole('option', { name: 'All shapes' })).toBeNull();

    await chooseTypeFilter(/Shape/, 'A circle');
    expect(onChange).toHaveBeenLastCalledWith({ types: ['square', 'circle'] });
  });

  it('shows "all" when several may be picked and none is', async () => {
    await renderFilters({ multiple: true });
    expect(screen.getByRole('button', { name: /Shape/ })).toHaveTextContent(
      'All shapes',
    );
  });

  it('reports the text typed into the owner and system filters', async () => {
    const onChange = await renderFilters({ owner: 'team-a' });
    expect(screen.getByRole('button', { name: /Shape/ })).toHaveTextContent(
      'All shapes',
    );

    await typeTextFilter('System', 'payments');
    expect(onChange).toHaveBeenLastCalledWith({ system: 'payments' });
    await typeTextFilter('Owner', 'x');
    expect(onChange).toHaveBeenLastCalledWith({ owner: 'team-ax' });
  });

  it('completes the owner by display name and sets its ref', async () => {
    const onChange = await renderFilters();

    await typeTextFilter('Owner', 'retail');
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent('Retail Banking');
    expect(options[0]).toHaveTextContent('group:default/retail-banking');
    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenLastCalledWith({
      owner: 'group:default/retail-banking',
    });
  });

  it('finds an owner by ref and offers systems for the system filter only', async () => {
    await renderFilters();

    await typeTextFilter('Owner', 'finance/');
    expect(
      within(await screen.findByRole('listbox')).getByRole('option'),
    ).toHaveTextContent('Treasury');

    await typeTextFilter('System', 'pay');
    expect(
      within(await screen.findByRole('listbox')).getByRole('option'),
    ).toHaveTextContent('system:default/payments-hub');
  });

  it('names the picked owner under its ref', async () => {
    await renderFilters({ owner: 'group:default/retail-banking' });
    expect(
      await screen.findByText('Retail Banking', { selector: 'p' }),
    ).toBeInTheDocument();
  });
});
