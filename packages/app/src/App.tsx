import { createApp } from '@backstage/frontend-defaults';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import apiopsPlugin, {
  apiDocsApiOpsFiltersModule,
} from '@apiops-backstage/plugin-apiops/alpha';
import { navModule } from './modules/nav';
import { notificationSettingsModule } from './modules/notifications';

export default createApp({
  features: [
    catalogPlugin,
    catalogGraphPlugin,
    apiDocsPlugin,
    orgPlugin,
    scaffolderPlugin,
    userSettingsPlugin,
    // Notifications (the APIOps backend tells owners what the snapshots
    // found), pushed to the browser by signals; a tab in the settings to
    // mute topics.
    notificationsPlugin,
    signalsPlugin,
    notificationSettingsModule,
    apiopsPlugin,
    // The API explorer with the APIOps station and governance filters.
    apiDocsApiOpsFiltersModule,
    navModule,
  ],
});
