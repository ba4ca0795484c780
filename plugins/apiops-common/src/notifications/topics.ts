/**
 * The topics of the notifications the APIOps backend sends, each of which a
 * user can mute in the notifications plugin's settings (origin
 * `plugin:apiops`).
 *
 * - `apiops-ownership-gap`: an API of the team newly has an ownership gap
 *   (or, for the platform team, an API with no valid owner does).
 * - `apiops-error-finding`: an API of the team newly has a governance
 *   finding of severity error (ownership gaps apart).
 * - `apiops-duplicate-cluster`: an API of the team is newly in a duplicate
 *   cluster that nobody dismissed.
 * - `apiops-campaign-started`, `apiops-campaign-due-soon`,
 *   `apiops-campaign-overdue`: a campaign with APIs of the team in scope
 *   started, is due within seven days, is overdue.
 * - `apiops-breaking-change`: an API a component of the team consumes got
 *   a breaking change.
 *
 * @public
 */
export const APIOPS_NOTIFICATION_TOPICS = Object.freeze({
  ownershipGap: 'apiops-ownership-gap',
  errorFinding: 'apiops-error-finding',
  duplicateCluster: 'apiops-duplicate-cluster',
  campaignStarted: 'apiops-campaign-started',
  campaignDueSoon: 'apiops-campaign-due-soon',
  campaignOverdue: 'apiops-campaign-overdue',
  breakingChange: 'apiops-breaking-change',
} as const);

/**
 * A topic of the APIOps notifications; see
 * {@link APIOPS_NOTIFICATION_TOPICS}.
 *
 * @public
 */
export type ApiOpsNotificationTopic =
  (typeof APIOPS_NOTIFICATION_TOPICS)[keyof typeof APIOPS_NOTIFICATION_TOPICS];

/**
 * The origin of the APIOps notifications in the notifications plugin: the
 * backend plugin's service principal.
 *
 * @public
 */
export const APIOPS_NOTIFICATION_ORIGIN = 'plugin:apiops';

/**
 * The names to show for the APIOps origin and topics in the notification
 * settings (`UserNotificationSettingsCard`'s `originNames` and
 * `topicNames`).
 *
 * @public
 */
export const apiopsNotificationNames = Object.freeze({
  origins: { [APIOPS_NOTIFICATION_ORIGIN]: 'APIOps' } as Record<string, string>,
  topics: {
    'apiops-ownership-gap': 'New ownership gaps of your APIs',
    'apiops-error-finding': 'New error findings of your APIs',
    'apiops-duplicate-cluster': 'Your APIs in new duplicate clusters',
    'apiops-campaign-started': 'Campaigns starting',
    'apiops-campaign-due-soon': 'Campaigns due within a week',
    'apiops-campaign-overdue': 'Campaigns overdue',
    'apiops-breaking-change':
      'Breaking changes of APIs your components consume',
  } as Record<string, string>,
});
