import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import {
  ApiOpsClient,
  CampaignsClient,
  apiopsApiRef,
  apiopsCampaignsApiRef,
} from './api';
import { rootRouteRef } from './routes';

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
    createApiFactory({
      api: apiopsCampaignsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CampaignsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The APIOps tab for API entity pages (legacy frontend system).
 *
 * @public
 */
export const EntityApiOpsContent: () => JSX.Element | null =
  apiopsPlugin.provide(
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

/**
 * The APIOps card for the overview of API entity pages (legacy frontend
 * system): station, owner status, governance status and a link to the tab.
 *
 * @public
 */
export const EntityApiOpsCard: () => JSX.Element | null = apiopsPlugin.provide(
  createComponentExtension({
    name: 'EntityApiOpsCard',
    component: {
      lazy: () =>
        import('./components/EntityApiOpsCard').then(m => m.EntityApiOpsCard),
    },
  }),
);

/**
 * The APIOps page (legacy frontend system): summary, trends, ownership gaps
 * and team rollup.
 *
 * @public
 */
export const ApiOpsPage: () => JSX.Element | null = apiopsPlugin.provide(
  createRoutableExtension({
    name: 'ApiOpsPage',
    component: () => import('./components/ApiOpsPage').then(m => m.ApiOpsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The APIOps tab for Group entity pages (legacy frontend system): the APIs
 * the group owns, including through its child groups.
 *
 * @public
 */
export const EntityGroupApiOpsContent: () => JSX.Element | null =
  apiopsPlugin.provide(
    createComponentExtension({
      name: 'EntityGroupApiOpsContent',
      component: {
        lazy: () =>
          import('./components/EntityGroupApiOpsContent').then(
            m => m.EntityGroupApiOpsContent,
          ),
      },
    }),
  );
