import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Texts of the APIOps frontend plugin, translatable through Backstage's
 * translation API.
 *
 * @public
 */
export const apiopsTranslationRef = createTranslationRef({
  id: 'apiops',
  messages: {
    entityContent: {
      title: 'APIOps',
      ownershipCard: {
        title: 'Ownership and lifecycle',
        owner: 'Owner',
        declaredOwner: 'Declared in catalog-info.yaml',
        noOwner: 'No owner resolved in the catalog',
        lifecycle: 'Lifecycle',
        noLifecycle: 'Not set',
      },
    },
  },
});
