import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { apiopsApiRef } from './api';
import apiopsPlugin, { apiopsEntityCard, apiopsEntityContent } from './alpha';
import {
  apiStatus,
  methodModel,
} from './components/EntityApiOpsCommon/__fixtures__/apiops';

describe('apiops plugin for the new frontend system', () => {
  it('is the apiops plugin and provides the entity content', () => {
    expect(apiopsPlugin.id).toBe('apiops');
  });

  it('mounts an "APIOps" tab at /apiops shown on API entities only', () => {
    const tester = createExtensionTester(apiopsEntityContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('/apiops');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('APIOps');

    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter).toBeDefined();
    expect(filter!(entity('API'))).toBe(true);
    expect(filter!(entity('Component'))).toBe(false);
  });

  it('provides an APIOps info card for API entities only', async () => {
    const tester = createExtensionTester(apiopsEntityCard);

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'accounts-api', namespace: 'default' },
    });
    expect(filter!(entity('API'))).toBe(true);
    expect(filter!(entity('Group'))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={entity('API')}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          [
            apiopsApiRef,
            {
              getMethod: jest.fn().mockResolvedValue(methodModel),
              getStatus: jest.fn().mockResolvedValue(apiStatus()),
            },
          ],
        ],
      },
    );
    expect(
      await screen.findByText('API Design', undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
  }, 30_000);
});
