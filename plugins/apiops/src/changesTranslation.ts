import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Texts of the change history of the APIOps frontend plugin (the Changes
 * and Versions sections of the API tab, the version comparison, and the
 * changes section of the APIOps page), translatable through Backstage's
 * translation API.
 *
 * @public
 */
export const apiopsChangesTranslationRef = createTranslationRef({
  id: 'apiops-changes',
  messages: {
    classes: {
      breaking: 'Breaking',
      'non-breaking': 'Non-breaking',
      deprecated: 'Deprecated',
      annotation: 'Annotation',
      unclassified: 'Unclassified',
    },
    classCount: '{{class}}: {{n}}',
    actions: {
      add: 'Added',
      remove: 'Removed',
      replace: 'Changed',
      rename: 'Renamed',
    },
    change: {
      path: 'Path',
      before: 'Before',
      after: 'After',
      none: '—',
      groupLabel: '{{class}} changes',
      more: 'Showing {{shown}} of {{total}} changes.',
    },
    apiTab: {
      title: 'Changes',
      subheader:
        'Changes of the definition found by the snapshots, newest first',
      withheld: 'You may not see the change history of this API.',
      error: 'Could not load the change history: {{message}}',
      unavailable: 'No change history for this API: {{message}}',
      notSeen:
        'No snapshot has seen this API’s definition yet: its changes are recorded from the first snapshot that sees it (the baseline).',
      noChange:
        'No change since the baseline at {{time}}: the definition has stayed the same in every snapshot since.',
      baseline: 'Baseline: {{time}}',
      older: 'Older changes',
      loadingOlder: 'Loading older changes…',
      timelineLabel: 'Change events, newest first',
      detected: 'Found {{time}}',
      version: 'Version {{from}} → {{to}}',
      versionSame: 'Version {{version}} (unchanged)',
      noVersion: 'no version',
      problem: 'The definitions could not be compared: {{problem}}',
      noChanges:
        'The definition’s text changed but no difference of its content was found.',
      consumersTitle_one: '{{count}} affected consumer',
      consumersTitle_other: '{{count}} affected consumers',
      noConsumers:
        'No component or system consumed this API (consumesApi) when the change was found.',
      consumersLabel: 'Consumers affected by this change',
      consumerSystem: 'System',
      consumerOwner: 'Owner',
      deprecationsTitle: 'Deprecations',
      deprecationsLabel: 'Deprecated parts of this API',
      wholeApi: 'The whole API',
      sunset: 'Sunset {{date}}',
      pastSunset: 'Sunset passed on {{date}}',
      noSunset: 'No sunset date given',
      sources: {
        deprecated: 'deprecated: true',
        'x-sunset': 'x-sunset',
        'sunset-header': 'Sunset header',
      },
    },
    versions: {
      title: 'Versions',
      subheader: 'The live versions of this API’s version family',
      intro:
        'This API is one of the {{n}} live versions of its family, oldest major first.',
      current: '(this API)',
      major: 'v{{major}}',
      membersLabel: 'Live versions of the family',
      compare: 'Compare versions side by side',
      dialogTitle: 'Version comparison',
      close: 'Close',
      error: 'Could not load the version family: {{message}}',
      pair: '{{from}} → {{to}}',
      pairLabel: 'Comparison of {{from}} and {{to}}',
      migrate_one:
        'A consumer of {{from}} moving to {{to}} must adapt to {{count}} breaking change, listed first.',
      migrate_other:
        'A consumer of {{from}} moving to {{to}} must adapt to {{count}} breaking changes, listed first.',
      migrateNone:
        'A consumer of {{from}} can move to {{to}} without changes: none of the differences is breaking.',
      noDifference: 'The two definitions have no difference.',
      problem: 'The two versions could not be compared: {{problem}}',
      columns: {
        class: 'Class',
        change: 'Operation / path',
        before: 'Before — {{version}}',
        after: 'After — {{version}}',
      },
    },
    report: {
      title: 'Changes',
      subtitle:
        'Changes of API definitions the snapshots found across the catalog, newest first, with the consumers of each API when it changed.',
      classFilter: 'Change class',
      anyClass: 'Any class',
      ownerFilter: 'Owner',
      systemFilter: 'System',
      sinceFilter: 'Since',
      refHelp: 'An entity ref, e.g. {{example}}',
      download: 'Download CSV',
      downloadError: 'Could not download the CSV: {{message}}',
      empty: 'No change matches the filters.',
      columns: {
        api: 'API',
        detected: 'Found',
        changes: 'Changes',
        consumers: 'Consumers',
        owner: 'Owner',
        system: 'System',
      },
      consumerCount_one: '{{count}} consumer',
      consumerCount_other: '{{count}} consumers',
      noOwner: 'No owner',
      noSystem: 'No system',
      recentTitle: 'Recent breaking changes',
      recentSubheader: 'The latest breaking changes across the catalog',
      recentEmpty: 'No breaking change found by the snapshots.',
      recentAll: 'All changes',
    },
  },
});
