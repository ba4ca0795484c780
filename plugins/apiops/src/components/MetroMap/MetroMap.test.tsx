import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { METRO_LINE_COLORS } from '../colors';
import { MetroMap } from './MetroMap';

describe('MetroMap', () => {
  it('shows the eight stations in cycle order with the API station highlighted', async () => {
    await renderInTestApp(
      <MetroMap method={methodModel} stationId="api-design" />,
    );

    const map = screen.getByRole('region', {
      name: 'Stations of the API Productization Cycle, in cycle order',
    });
    const stations = within(map).getAllByRole('listitem').slice(0, 8);
    expect(stations.map(s => s.getAttribute('data-station'))).toEqual(
      methodModel.stations.map(s => s.id),
    );
    expect(stations[0]).toHaveTextContent('API Product Strategy');
    expect(stations[0]).toHaveTextContent('Strategy');

    const current = within(map).getByRole('listitem', { current: 'step' });
    expect(current).toHaveTextContent('API Design');
    expect(current).toHaveTextContent('Design');
    expect(current).toHaveTextContent('(current station)');
    expect(
      within(map).getAllByRole('listitem', { current: 'step' }),
    ).toHaveLength(1);
  });

  it('draws each line in a colour of its own and the loop back to strategy', async () => {
    await renderInTestApp(
      <MetroMap method={methodModel} stationId="api-design" />,
    );

    const design = document.querySelector('[data-station="api-design"]')!;
    const tracks = design.querySelectorAll('[data-line="api-design-line"]');
    expect(tracks).toHaveLength(2); // in from platform architecture, out to delivery
    // The method's data gives design and delivery the same orange.
    expect(tracks[0]).toHaveStyle({
      backgroundColor: METRO_LINE_COLORS.light['api-design-line'],
    });
    const delivery = document.querySelector('[data-line="delivery-line"]');
    expect(delivery).toHaveStyle({
      backgroundColor: METRO_LINE_COLORS.light['delivery-line'],
    });
    expect(METRO_LINE_COLORS.light['delivery-line']).not.toBe(
      METRO_LINE_COLORS.light['api-design-line'],
    );

    expect(
      screen.getByText(
        'The cycle goes round again: back to API Product Strategy',
      ),
    ).toBeInTheDocument();
    // Each line in the legend, with the stations it stops at.
    expect(
      screen.getByText('Publishing and Adoption Line').closest('li'),
    ).toHaveTextContent(
      'touches API Audit, API Publishing, API Monitoring & Improvement',
    );
  });

  it('highlights no station when the API is unassessed', async () => {
    await renderInTestApp(
      <MetroMap method={methodModel} stationId="unassessed" />,
    );

    expect(
      screen.queryByRole('listitem', { current: 'step' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Here')).not.toBeInTheDocument();
  });

  it('draws the lines in the dark theme colours on a dark theme', async () => {
    await renderInTestApp(
      <UnifiedThemeProvider theme={themes.dark}>
        <MetroMap method={methodModel} stationId="api-design" />
      </UnifiedThemeProvider>,
    );

    expect(
      document.querySelector('[data-line="operating-model-line"]'),
    ).toHaveStyle({
      backgroundColor: METRO_LINE_COLORS.dark['operating-model-line'],
    });
  });
});
