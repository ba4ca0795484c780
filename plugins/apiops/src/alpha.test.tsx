import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import apiopsPlugin, { apiopsEntityContent } from './alpha';

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
});
