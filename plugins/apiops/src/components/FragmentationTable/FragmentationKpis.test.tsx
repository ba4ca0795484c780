import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { FragmentationKpis } from './FragmentationKpis';

function kpi(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

describe('FragmentationKpis', () => {
  it('counts the clusters of every type, and of each', async () => {
    await renderInTestApp(
      <FragmentationKpis
        counts={{
          byFragmentationType: {
            duplicate: 2,
            overlap: 1,
            'style-inconsistency': 3,
          },
        }}
      />,
    );

    expect(kpi('Fragmentation clusters').getByText('6')).toBeInTheDocument();
    expect(kpi('Fragmentation clusters').getByText('All types')).toBeVisible();
    expect(kpi('Duplicates').getByText('2')).toBeInTheDocument();
    expect(
      kpi('Duplicates').getByText('Nearly the same operations'),
    ).toBeInTheDocument();
    expect(kpi('Overlaps').getByText('1')).toBeInTheDocument();
    expect(kpi('Version sprawl').getByText('0')).toBeInTheDocument();
    expect(kpi('Name collisions').getByText('0')).toBeInTheDocument();
    expect(kpi('Style inconsistencies').getByText('3')).toBeInTheDocument();
  });

  it('counts none for a snapshot taken before fragmentation was detected', async () => {
    await renderInTestApp(<FragmentationKpis counts={{}} />);

    expect(kpi('Fragmentation clusters').getByText('0')).toBeInTheDocument();
    expect(kpi('Duplicates').getByText('0')).toBeInTheDocument();
  });

  it('counts the dismissed clusters apart, and only when there are some', async () => {
    await renderInTestApp(
      <FragmentationKpis
        counts={{
          byFragmentationType: { duplicate: 1 },
          dismissedByFragmentationType: { duplicate: 2, overlap: 1 },
        }}
      />,
    );
    expect(kpi('Fragmentation clusters').getByText('1')).toBeInTheDocument();
    expect(kpi('Dismissed').getByText('3')).toBeInTheDocument();
  });

  it('shows no dismissed tile when nothing is dismissed', async () => {
    await renderInTestApp(
      <FragmentationKpis
        counts={{
          byFragmentationType: { duplicate: 1 },
          dismissedByFragmentationType: {},
        }}
      />,
    );
    expect(
      screen.queryByRole('group', { name: 'Dismissed' }),
    ).not.toBeInTheDocument();
  });
});
