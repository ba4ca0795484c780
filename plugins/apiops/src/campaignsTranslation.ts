import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Texts of the campaigns of the APIOps frontend plugin (the campaigns
 * section of the APIOps page, a campaign's page, the form, and the
 * campaigns on the Group and API tabs), translatable through Backstage's
 * translation API.
 *
 * @public
 */
export const apiopsCampaignsTranslationRef = createTranslationRef({
  id: 'apiops-campaigns',
  messages: {
    section: {
      title: 'Campaigns',
      subtitle:
        'Goals for the APIs of a scope, with a due date: each team’s progress as the snapshots find it, and what remains.',
      create: 'New campaign',
      empty: 'No campaign yet',
      emptyDescription:
        'A campaign sets a goal for the APIs of a scope — for example no ownership gaps in production APIs — with a start and a due date. Its progress is computed with each snapshot.',
      emptyNoPermission:
        'The platform team creates campaigns (permission apiops.campaign.manage).',
    },
    columns: {
      campaign: 'Campaign',
      state: 'State',
      progress: 'Meeting the goal',
      due: 'Due',
      overdueTeams: 'Teams overdue',
      team: 'Team',
      remaining: 'Remaining',
      api: 'API',
      owner: 'Owner',
      why: 'Why, and what to do',
    },
    states: {
      upcoming: 'Upcoming',
      active: 'Active',
      'due-soon': 'Due soon',
      overdue: 'Overdue',
      achieved: 'Achieved',
    },
    progress: {
      of: '{{met}} of {{inScope}} APIs ({{percent}}%)',
      none: 'No API in scope',
      notYet: 'Progress after the next snapshot',
      outdated:
        'The campaign changed after the latest snapshot: the progress shown is from before the change.',
      asOf: 'As of the snapshot of {{time}}',
      withoutTeam:
        '{{remaining}} of {{inScope}} APIs in scope have no valid owning team (the platform team is told).',
    },
    detail: {
      back: 'All campaigns',
      goal: 'Goal',
      scope: 'Scope',
      allApis: 'Every API of the catalog',
      dates: '{{start}} to {{due}}',
      burnUp: 'Burn-up',
      burnUpTeam: 'Burn-up of {{team}}',
      burnUpNotEnough:
        'The burn-up needs a second snapshot that changes the counts.',
      met: 'APIs meeting the goal',
      inScope: 'APIs in scope',
      teams: 'Teams, most APIs remaining first',
      teamsEmpty: 'No team owns APIs in scope.',
      failing: 'What remains: the APIs not meeting the goal',
      failingOfTeam: 'What remains for {{team}}',
      failingEmpty: 'Every API in scope meets the goal.',
      allTeams: 'Show every team',
      download: 'Download CSV',
      downloadError: 'Could not download the CSV: {{message}}',
      edit: 'Edit',
      delete: 'Delete',
      deleteConfirm: 'Delete the campaign “{{title}}” and its progress?',
      deleteError: 'Could not delete the campaign: {{message}}',
      overdue: 'overdue',
      notFound: 'No such campaign',
    },
    scope: {
      teams: 'Teams (with their child groups): {{values}}',
      systems: 'Systems: {{values}}',
      domains: 'Domains: {{values}}',
      lifecycles: 'Lifecycles: {{values}}',
    },
    conditions: {
      'station-at-least': 'At the station {{station}} or beyond',
      'no-ownership-gap': 'No ownership gap',
      'no-ownership-gap-of': 'No ownership gap of type {{types}}',
      'no-finding': 'No governance finding',
      'no-finding-rule': 'No finding of the rule {{rule}}',
      'no-finding-severity': 'No finding of severity {{severity}} or worse',
      'no-finding-rule-severity':
        'No finding of the rule {{rule}} of severity {{severity}} or worse',
      'no-duplicate-cluster': 'In no undismissed {{types}} cluster',
      'assessment-fresh': 'Assessed within {{days}} days',
    },
    form: {
      createTitle: 'New campaign',
      editTitle: 'Edit the campaign',
      title: 'Title',
      titleHelp: 'e.g. No ownership gaps in production APIs',
      description: 'Description (optional)',
      conditions: 'Goal: every condition must hold',
      conditionType: 'Condition',
      addCondition: 'Add a condition',
      removeCondition: 'Remove this condition',
      station: 'Station',
      gapTypes: 'Gap types (none: every type)',
      ruleId: 'Rule (optional)',
      severity: 'Severity or worse (optional)',
      anySeverity: 'Any',
      clusterTypes: 'Cluster types (none: duplicate)',
      maxAgeDays: 'Days',
      scope: 'Scope: an API is in it when it matches every field filled in',
      teams: 'Teams (group refs, comma-separated)',
      systems: 'Systems (comma-separated)',
      domains: 'Domains (comma-separated)',
      lifecycles: 'Lifecycles (comma-separated, e.g. production)',
      startDate: 'Start date',
      dueDate: 'Due date',
      cancel: 'Cancel',
      save: 'Save',
      create: 'Create',
      saving: 'Saving…',
      error: 'Could not save the campaign: {{message}}',
    },
    groupTab: {
      title: 'Campaigns',
      subheader: 'The campaigns with APIs of this team in scope',
      empty: 'No campaign has APIs of this team in scope.',
      remaining: '{{remaining}} to fix',
    },
    apiTab: {
      title: 'Campaigns this API does not meet yet',
      empty: 'This API meets the goal of every campaign it is in.',
      due: 'Due {{date}}',
    },
  },
});
