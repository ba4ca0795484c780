import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import apiopsPlugin, { apiopsGroupEntityContent, apiopsPage } from './alpha';
import { apiopsApiRef } from './api';
import { mockApiOpsApi } from './components/ApiOpsPage/__fixtures__/reports';
import { rootRouteRef } from './routes';

jest.setTimeout(30_000);

const entity = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('the APIOps page in the new frontend system', () => {
  it('is mounted at /apiops with the plugin route, a title and an icon for the navigation', () => {
    const tester = createExtensionTester(apiopsPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/apiops');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('APIOps');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(apiopsPlugin.routes.root).toBe(rootRouteRef);
  });

  it('shows the reports at /apiops', async () => {
    renderTestApp({
      extensions: [apiopsPage],
      apis: [[apiopsApiRef, mockApiOpsApi()]],
      initialRouteEntries: ['/apiops'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    // The page is lazy loaded.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'APIs across the catalog' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'Unowned APIs' }),
    ).toBeInTheDocument();
    // Its item in the navigation.
    const nav = within(screen.getByRole('navigation', { name: 'sidebar nav' }));
    expect(nav.getByRole('link', { name: 'APIOps' })).toHaveAttribute(
      'href',
      '/apiops',
    );
  });
});

describe('the APIOps tab of groups in the new frontend system', () => {
  it('is an "APIOps" tab at /apiops shown on Group entities only', () => {
    const tester = createExtensionTester(apiopsGroupEntityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('/apiops');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('APIOps');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(entity('Group'))).toBe(true);
    expect(filter!(entity('API'))).toBe(false);
    expect(filter!(entity('User'))).toBe(false);
    expect(filter!(entity('Component'))).toBe(false);
  });

  it('shows a section at its own path under /apiops, its tab selected', async () => {
    const api = mockApiOpsApi();
    renderTestApp({
      extensions: [apiopsPage],
      apis: [[apiopsApiRef, api]],
      initialRouteEntries: ['/apiops/ownership?gapType=owner-missing'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole(
        'tab',
        { name: 'Ownership' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Summary' })).toHaveAttribute(
      'href',
      '/apiops/summary',
    );
    await waitFor(() =>
      expect(api.listOwnershipGaps).toHaveBeenCalledWith(
        { type: ['owner-missing'], owner: undefined, system: undefined },
        { limit: 20, cursor: undefined },
      ),
    );
  });
});
