import {
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/**
 * A "Notifications" tab on the settings page, where users turn the
 * notifications of each origin and topic on and off (e.g. mute "APIOps:
 * campaigns starting" and keep "new ownership gaps").
 */
const notificationSettingsPage = SubPageBlueprint.make({
  attachTo: { id: 'page:user-settings', input: 'pages' },
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: async () => {
      const [{ UserNotificationSettingsCard }, { Content }, apiops] =
        await Promise.all([
          import('@backstage/plugin-notifications'),
          import('@backstage/core-components'),
          import('@apiops-backstage/plugin-apiops'),
        ]);
      return (
        <Content>
          <UserNotificationSettingsCard
            originNames={apiops.apiopsNotificationNames.origins}
            topicNames={apiops.apiopsNotificationNames.topics}
          />
        </Content>
      );
    },
  },
});

export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettingsPage],
});
