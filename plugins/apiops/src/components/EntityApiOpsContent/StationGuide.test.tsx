import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type {
  MethodApiStyle,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { StationGuide } from './StationGuide';

function renderGuide(
  stationId: string,
  options: { apiStyle?: MethodApiStyle; method?: MethodModel } = {},
) {
  return renderInTestApp(
    <StationGuide
      method={options.method ?? methodModel}
      stationId={stationId}
      apiStyle={options.apiStyle}
    />,
  );
}

/** The part of the guide under a heading. */
function part(heading: string | RegExp) {
  return screen.getByRole('region', { name: heading });
}

/** The names of the resources of a part, without the hints for screen readers. */
function resourceNames(region: HTMLElement) {
  const resources = region.querySelector('ul')!;
  return within(resources)
    .getAllByRole('listitem')
    .map(item =>
      item.firstElementChild?.firstElementChild?.textContent?.replace(
        / \(opens in CanvasCreator\).*$/,
        '',
      ),
    );
}

describe('StationGuide', () => {
  it("shows the current station's own steps and its resources with CanvasCreator links", async () => {
    await renderGuide('api-design', { apiStyle: 'rest' });

    const now = part('Now: API Design');
    const steps = within(now).getAllByRole('list')[0];
    expect(steps.tagName).toBe('OL');
    expect(within(steps).getAllByRole('listitem')[0]).toHaveTextContent(
      /^Define core entities/,
    );
    expect(
      within(now).getByRole('link', { name: /^Domain Canvas/ }),
    ).toHaveAttribute(
      'href',
      'https://canvascreator.apiopscycles.com/?canvas=domainCanvas&locale=en',
    );
    expect(
      within(now).getByRole('link', { name: /^REST Canvas/ }),
    ).toHaveAccessibleName(/opens in CanvasCreator/);
  });

  it("keeps the design canvas of the API's style only", async () => {
    await renderGuide('api-design', { apiStyle: 'event' });
    expect(resourceNames(part('Now: API Design'))).toEqual([
      'Domain Canvas',
      'Interaction Canvas',
      'Event Canvas',
      'API Design Principles',
    ]);
  });

  it('leaves out every style canvas for an API of another type', async () => {
    await renderGuide('api-design');
    expect(resourceNames(part('Now: API Design'))).toEqual([
      'Domain Canvas',
      'Interaction Canvas',
      'API Design Principles',
    ]);
  });

  it('shows the next station, says when the method has no steps for it, and marks drafts', async () => {
    await renderGuide('api-design');

    const next = part('Next: API Delivery');
    expect(
      within(next).getByText(
        'The method data (4.2.1) has no steps of the API Productization Cycle for this station: work from the resources it recommends.',
      ),
    ).toBeInTheDocument();
    // guidelines: named, not linked; both drafts in the method data
    expect(resourceNames(next)).toEqual([
      'API Development Best Practices',
      'APIOps CI/CD For APIs',
    ]);
    expect(within(next).queryByRole('link')).not.toBeInTheDocument();
    expect(within(next).getAllByText('Guideline')).toHaveLength(2);
    expect(within(next).getAllByText('Draft')).toHaveLength(2);
  });

  it('goes round the cycle after its last station', async () => {
    await renderGuide('monitoring-and-improving');
    expect(part('Now: API Monitoring & Improvement')).toBeInTheDocument();
    expect(part('Next: API Product Strategy')).toBeInTheDocument();
  });

  it('shows where the method starts for an unassessed API', async () => {
    await renderGuide('unassessed');
    expect(part('Where to start: API Product Strategy')).toBeInTheDocument();
    expect(document.querySelectorAll('section[data-station]')).toHaveLength(1);
    expect(
      screen.getByText('The method recommends no resource for this station.'),
    ).toBeInTheDocument();
  });

  it('shows the texts of the model it is given, e.g. in Finnish', async () => {
    const finnish: MethodModel = {
      ...methodModel,
      locale: 'fi',
      stations: methodModel.stations.map(station =>
        station.id === 'api-design'
          ? { ...station, title: 'API-suunnittelu' }
          : station,
      ),
      resources: methodModel.resources.map(resource =>
        resource.id === 'domainCanvas'
          ? {
              ...resource,
              title: 'Domain-kanvas',
              canvasCreatorUrl:
                'https://canvascreator.apiopscycles.com/?canvas=domainCanvas&locale=fi',
            }
          : resource,
      ),
    };
    await renderGuide('api-design', { method: finnish });
    expect(
      within(part('Now: API-suunnittelu')).getByRole('link', {
        name: /^Domain-kanvas/,
      }),
    ).toHaveAttribute('href', expect.stringMatching(/&locale=fi$/));
  });
});
