import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ReportFilterLabels, ReportFilters } from './ReportFilters';
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

async function renderFilters(type?: Shape) {
  const onChange = jest.fn();
  await renderInTestApp(
    <ReportFilters
      idPrefix="apiops-shape"
      types={['circle', 'square']}
      labels={labels}
      value={{ type, owner: 'team-a', system: '' }}
      onChange={onChange}
    >
      <button type="button">Download</button>
    </ReportFilters>,
  );
  return onChange;
}

describe('ReportFilters', () => {
  it('shows the type and text filters with their labels, ids and help, then the children', async () => {
    await renderFilters('square');

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
    const onChange = await renderFilters('square');

    await chooseTypeFilter(/Shape/, 'A circle');
    expect(onChange).toHaveBeenLastCalledWith({ type: 'circle' });
    await chooseTypeFilter(/Shape/, 'All shapes');
    expect(onChange).toHaveBeenLastCalledWith({ type: undefined });
  });

  it('reports the text typed into the owner and system filters', async () => {
    const onChange = await renderFilters();
    expect(screen.getByRole('button', { name: /Shape/ })).toHaveTextContent(
      'All shapes',
    );

    await typeTextFilter('System', 'payments');
    expect(onChange).toHaveBeenLastCalledWith({ system: 'payments' });
    await typeTextFilter('Owner', 'x');
    expect(onChange).toHaveBeenLastCalledWith({ owner: 'team-ax' });
  });
});
