export { notificationSettingsModule } from './notificationSettingsModule';
