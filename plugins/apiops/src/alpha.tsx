import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The APIOps tab on API entity pages.
 *
 * @alpha
 */
export const apiopsEntityContent = EntityContentBlueprint.make({
  name: 'api',
  params: {
    path: '/apiops',
    title: 'APIOps',
    filter: { kind: 'api' },
    loader: () =>
      import('./components/EntityApiOpsContent').then(m => (
        <m.EntityApiOpsContent />
      )),
  },
});

/**
 * The APIOps frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'apiops',
  title: 'APIOps',
  info: { packageJson: () => import('../package.json') },
  extensions: [apiopsEntityContent],
});

export { apiopsTranslationRef } from './translation';
