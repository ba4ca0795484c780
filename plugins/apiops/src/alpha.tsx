import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  ApiOpsClient,
  CampaignsClient,
  apiopsApiRef,
  apiopsCampaignsApiRef,
} from './api';
import { rootRouteRef } from './routes';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AppIcon } from '@backstage/core-components';
import { apiDocsPlugin } from '@backstage/plugin-api-docs';
import { z } from 'zod';

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
 * The client of the APIOps backend's campaigns.
 *
 * @alpha
 */
export const apiopsCampaignsApi = ApiBlueprint.make({
  name: 'campaigns',
  params: defineParams =>
    defineParams({
      api: apiopsCampaignsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CampaignsClient({ discoveryApi, fetchApi }),
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
 * The APIOps card on the overview of API entity pages: station, owner
 * status, governance status and a link to the APIOps tab.
 *
 * @alpha
 */
export const apiopsEntityCard = EntityCardBlueprint.make({
  name: 'api',
  params: {
    filter: { kind: 'api' },
    // A summary: it sits with the About card, not among the wide contents.
    type: 'info',
    loader: () =>
      import('./components/EntityApiOpsCard').then(m => <m.EntityApiOpsCard />),
  },
});

/**
 * The APIOps page at `/apiops`, with its item in the app's navigation:
 * summary, trends, ownership gaps, team rollup and campaigns.
 *
 * @alpha
 */
export const apiopsPage = PageBlueprint.make({
  params: {
    path: '/apiops',
    routeRef: rootRouteRef,
    title: 'APIOps',
    icon: <TrackChangesIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ApiOpsPage').then(m => <m.ApiOpsPageContent />),
  },
});

/**
 * The APIOps tab on Group entity pages: the APIs the group owns, including
 * through its child groups.
 *
 * @alpha
 */
export const apiopsGroupEntityContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: '/apiops',
    title: 'APIOps',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityGroupApiOpsContent').then(m => (
        <m.EntityGroupApiOpsContent />
      )),
  },
});

/**
 * The APIOps station filter on the catalog page: the stations of the
 * `apiops/station` label that the APIOps catalog module sets, by their names
 * in the method, in cycle order. Hidden while no entity carries the label.
 *
 * @alpha
 */
export const apiopsStationCatalogFilter = CatalogFilterBlueprint.make({
  name: 'station',
  params: {
    loader: () =>
      import('./components/ApiOpsCatalogFilters').then(m => (
        <m.EntityApiOpsStationPicker />
      )),
  },
});

/**
 * The governance status filter on the catalog page, on the
 * `apiops/governance` label that the APIOps catalog module sets. Hidden while
 * no entity carries the label.
 *
 * @alpha
 */
export const apiopsGovernanceCatalogFilter = CatalogFilterBlueprint.make({
  name: 'governance',
  params: {
    loader: () =>
      import('./components/ApiOpsCatalogFilters').then(m => (
        <m.EntityApiOpsGovernancePicker />
      )),
  },
});

// The API explorer page (`page:api-docs`) with the APIOps station and
// governance filters added to its own filters: the API docs plugin's page
// takes no filter extensions, so this page replaces it, with the same path,
// route, title and configuration (`initiallySelectedFilter`).
const apiopsApiExplorerPage = PageBlueprint.makeWithOverrides({
  configSchema: {
    initiallySelectedFilter: z.enum(['owned', 'starred', 'all']).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      path: '/api-docs',
      routeRef: apiDocsPlugin.routes.root,
      title: 'APIs',
      icon: <AppIcon fontSize="inherit" id="kind:api" />,
      loader: () =>
        import('./components/ApiOpsApiExplorerPage').then(m => (
          <m.NfsApiOpsApiExplorerPage
            initiallySelectedFilter={config.initiallySelectedFilter}
          />
        )),
    });
  },
});

/**
 * A module of the API docs plugin that puts the APIOps station and
 * governance filters on its API explorer page: add it to the app's features
 * beside the API docs plugin.
 *
 * @alpha
 */
export const apiDocsApiOpsFiltersModule = createFrontendModule({
  pluginId: 'api-docs',
  extensions: [apiopsApiExplorerPage],
});

/**
 * The APIOps frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'apiops',
  title: 'APIOps',
  icon: <TrackChangesIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    apiopsApi,
    apiopsCampaignsApi,
    apiopsEntityContent,
    apiopsEntityCard,
    apiopsPage,
    apiopsGroupEntityContent,
    apiopsStationCatalogFilter,
    apiopsGovernanceCatalogFilter,
  ],
});

export { apiopsTranslationRef } from './translation';
export { apiopsCampaignsTranslationRef } from './campaignsTranslation';
export { apiopsChangesTranslationRef } from './changesTranslation';
