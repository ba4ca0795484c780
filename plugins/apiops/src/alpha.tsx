import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ApiOpsClient, apiopsApiRef } from './api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The client of the APIOps backend.
 *
 * @alpha
 */
export const apiopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: apiopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ApiOpsClient({ discoveryApi, fetchApi }),
    }),
});

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
  extensions: [apiopsApi, apiopsEntityContent],
});

export { apiopsTranslationRef } from './translation';
