import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { MethodModel } from '@apiops-backstage/plugin-apiops-common';
import { methodFixture } from '../components/ApiOpsPage/__fixtures__/reports';
import { useStationLabels } from './useStationLabels';

/** Shows what the hook answers, one line per question. */
function Labels(props: { method?: MethodModel; ids: string[] }) {
  const labels = useStationLabels(props.method);
  return (
    <ul>
      <li data-testid="order">{labels.order.join(',')}</li>
      <li data-testid="sorted">
        {labels
          .sort(props.ids)
          .map(id => labels.label(id))
          .join(',')}
      </li>
      <li data-testid="criterion">
        {labels.criterionLabel('api-consistency')}
      </li>
    </ul>
  );
}

describe('useStationLabels', () => {
  it("orders and names the stations as the method's cycle does", async () => {
    await renderInTestApp(
      <Labels
        method={methodFixture}
        ids={['unassessed', 'monitoring-and-improving', 'api-product-strategy']}
      />,
    );
    expect(screen.getByTestId('order').textContent).toBe(
      methodFixture.stations.map(station => station.id).join(','),
    );
    expect(screen.getByTestId('sorted').textContent).toBe(
      'API Product Strategy,API Monitoring & Improvement,Unassessed',
    );
  });

  it('makes ids readable while there is no method', async () => {
    await renderInTestApp(
      <Labels ids={['unassessed', 'api-design', 'api-audit']} />,
    );
    expect(screen.getByTestId('order').textContent).toBe('');
    expect(screen.getByTestId('sorted').textContent).toBe(
      'API Audit,API Design,Unassessed',
    );
    expect(screen.getByTestId('criterion').textContent).toBe('api-consistency');
  });
});
