import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import apiopsPlugin, {
  apiDocsApiOpsFiltersModule,
} from '@apiops-backstage/plugin-apiops/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    apiDocsPlugin,
    orgPlugin,
    scaffolderPlugin,
    userSettingsPlugin,
    apiopsPlugin,
    // The API explorer with the APIOps station and governance filters.
    apiDocsApiOpsFiltersModule,
    navModule,
  ],
});
