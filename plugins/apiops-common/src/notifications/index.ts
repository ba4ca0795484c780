export {
  APIOPS_NOTIFICATION_ORIGIN,
  APIOPS_NOTIFICATION_TOPICS,
  apiopsNotificationNames,
} from './topics';
export type { ApiOpsNotificationTopic } from './topics';
