import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ApiOpsClient, apiopsApiRef } from './api';

/**
 * The APIOps frontend plugin for the legacy frontend system. Apps on the new
 * frontend system use the default export of `@apiops-backstage/plugin-apiops/alpha`.
 *
 * @public
 */
export const apiopsPlugin = createPlugin({
  id: 'apiops',
  apis: [
    createApiFactory({
      api: apiopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ApiOpsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The APIOps tab for API entity pages (legacy frontend system).
 *
 * @public
 */
export const EntityApiOpsContent = apiopsPlugin.provide(
  createComponentExtension({
    name: 'EntityApiOpsContent',
    component: {
      lazy: () =>
        import('./components/EntityApiOpsContent').then(
          m => m.EntityApiOpsContent,
        ),
    },
  }),
);
