import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { ApiOpsClient, apiopsApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';

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
 * summary, trends, ownership gaps and team rollup.
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
    apiopsEntityContent,
    apiopsEntityCard,
    apiopsPage,
    apiopsGroupEntityContent,
  ],
});

export { apiopsTranslationRef } from './translation';
