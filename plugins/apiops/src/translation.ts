import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Texts of the APIOps frontend plugin, translatable through Backstage's
 * translation API.
 *
 * @public
 */
export const apiopsTranslationRef = createTranslationRef({
  id: 'apiops',
  messages: {
    page: {
      title: 'APIOps',
      subtitle:
        'Lifecycle, ownership and governance of the APIs in the catalog',
      contentTitle: 'APIs across the catalog',
      support:
        'The reports come from the latest snapshot of the catalog: stations, ownership gaps and governance findings of every API, and their trends.',
      asOf: 'As of {{time}}',
      pageNumber: 'Page {{page}}',
      snapshot: {
        run: 'Run snapshot now',
        running: 'Snapshot running…',
        started: 'Snapshot started: the reports refresh when it has finished.',
        done: 'Snapshot finished: the reports are up to date.',
        failed: 'The snapshot failed: {{error}}',
        forbidden:
          'Only the platform team may run a snapshot (permission apiops.snapshot.create).',
        error: 'Could not start a snapshot: {{message}}',
        timeout:
          'The snapshot is taking longer than usual: reload the page later to see its results.',
        staleTitle: 'The reports may be out of date',
        staleReason: 'The latest snapshot did not succeed.',
        emptyTitle: 'No snapshot yet — run one',
        emptyDescription:
          'The APIOps reports come from a snapshot of the catalog, and none has finished yet. Run one now, or wait for the scheduled run.',
      },
      sections: {
        label: 'Sections of the APIOps page',
        summary: 'Summary',
        apis: 'APIs',
        ownership: 'Ownership',
        fragmentation: 'Fragmentation',
        teams: 'Teams',
        campaigns: 'Campaigns',
        changes: 'Changes',
      },
      summary: {
        title: 'Summary',
        apis: 'APIs',
        unowned: 'Unowned APIs',
        unownedHint: 'Owner missing or unresolved',
        gaps: 'Ownership gaps',
        gapsHint: 'All gap types',
        ofApis: '{{percent}} of the APIs',
        stationsTitle: 'APIs by station',
        stationsSubheader: 'In the order of the cycle',
      },
      status: {
        compliant: 'Compliant',
        attention: 'Attention',
        'non-compliant': 'Non-compliant',
      },
      stations: {
        unassessed: 'Unassessed',
      },
      severity: {
        error: 'Error',
        warning: 'Warning',
        info: 'Info',
      },
      gapTypes: {
        'owner-missing': 'Owner missing',
        'owner-unresolved': 'Owner unresolved',
        'owner-not-group': 'Owner not a group',
        'owner-group-empty': 'Owner group empty',
        'owner-orphaned': 'Owner orphaned',
        'owner-mismatch': 'Owner mismatch',
      },
      trend: {
        title: 'Trends',
        statusTitle: 'APIs by governance status',
        gapsTitle: 'Ownership gaps over time',
        gapsSeries: 'Ownership gaps',
        unownedSeries: 'Unowned APIs',
        snapshot: 'Snapshot',
        notEnough:
          'Trends appear once two snapshots have run; the first one finished {{time}}.',
      },
      apis: {
        title: 'APIs',
        subtitle:
          'Every API of the latest snapshot with its station, owner and governance status',
        statusFilter: 'Governance status',
        anyStatus: 'All statuses',
        empty: 'No API matches these filters.',
        noGaps: 'None',
        columns: {
          api: 'API',
          owner: 'Owner',
          station: 'Station',
          status: 'Governance status',
          findings: 'Findings',
          gaps: 'Ownership gaps',
        },
      },
      gaps: {
        title: 'Ownership gaps',
        typeFilter: 'Gap type',
        anyType: 'All gap types',
        ownerFilter: 'Owner',
        systemFilter: 'System',
        refHelp: 'Entity ref, e.g. {{example}}',
        download: 'Download CSV',
        downloadError: 'Could not download the CSV: {{message}}',
        empty: 'No ownership gap matches these filters.',
        columns: {
          api: 'API',
          owner: 'Owner',
          system: 'System',
          type: 'Ownership gap',
        },
        noOwner: 'None declared',
        noSystem: 'None',
      },
      teams: {
        title: 'Teams',
        subtitle: 'APIs owned by each group, including its child groups',
        empty: 'No group owns an API yet.',
        truncated: 'Showing the first {{limit}} teams.',
        gapsLink: '{{gaps}} ownership gaps of {{team}}',
        columns: {
          team: 'Team',
          apis: 'APIs',
          stations: 'Stations',
          status: 'Governance status',
          gaps: 'Ownership gaps',
          findings: 'Findings',
        },
      },
    },
    lintTeams: {
      title: 'Lint and audit per team',
      coverage: '{{title}}: {{checked}} of {{total}} APIs checked.',
      coverageQueued:
        '{{title}}: {{checked}} of {{total}} APIs checked; the rest ({{queued}}) queued, checked in the background.',
      empty: 'No team owns a linted API yet.',
      columns: {
        team: 'Team',
        apis: 'APIs',
        checked: 'Linted',
        queued: 'Queued',
        errors: 'Lint errors',
        warnings: 'Lint warnings',
        apisWithErrors: 'APIs with errors',
        auditGaps: 'Audit gaps',
        auditPassed: 'Audit items passed',
      },
    },
    groupContent: {
      title: 'APIOps',
      countsTitle: 'APIs of {{group}}',
      countsSubheader: 'Owned by the group or by its child groups',
      apis: 'APIs',
      gaps: 'Ownership gaps',
      findings: 'Governance findings',
      byStation: 'By station:',
      tableTitle: 'APIs',
      columns: {
        api: 'API',
        owner: 'Owner',
        station: 'Station',
        status: 'Governance status',
        gaps: 'Ownership gaps',
        findings: 'Findings',
      },
      noGaps: 'None',
      search: 'Search the APIs',
      searchHelp: 'By title or name',
      noMatch: 'No API of this group matches "{{search}}"',
      fragmentationTitle: 'Fragmentation of the group’s APIs',
      fragmentationSubtitle:
        'Duplicates, overlaps, families, version sprawl, name collisions and style inconsistencies with at least one API of this group or its child groups',
      fragmentationEmpty:
        'No API of this group is in a fragmentation cluster of the latest snapshot.',
      emptyTitle: 'This group owns no API',
      emptyDescription:
        'Neither this group nor its child groups own an API, as of the latest snapshot of the catalog.',
    },
    entityContent: {
      title: 'APIOps',
      unknownCycleTitle: 'Unknown cycle {{cycle}}',
      unknownCycle:
        "This API's {{annotation}} annotation names the cycle {{cycle}}, which the method does not have. The tab shows the {{fallback}} instead, and assessments are recorded in it: correct the annotation in catalog-info.yaml to assess the API in its own cycle.",
      stages: {
        strategy: 'Strategy',
        architecture: 'Architecture',
        design: 'Design',
        delivery: 'Delivery',
        publishing: 'Publishing',
        improving: 'Improving',
      },
      metroMap: {
        title: 'Where the API stands',
        mapLabel: 'Stations of the {{cycle}}, in cycle order',
        currentStation: 'current station',
        here: 'Here',
        loopBack: 'The cycle goes round again: back to {{station}}',
        linesLabel: 'Metro lines',
        lineStations: 'touches {{stations}}',
        unassessedTitle: 'Unassessed',
        unassessedDescription:
          'No assessment has been recorded for this API and its catalog-info.yaml declares no station (apiops/station annotation). Record an assessment below to place it on the cycle.',
        station: 'Station',
        stage: 'Lifecycle stage',
        source: 'Station from',
        sources: {
          assessment: 'The latest assessment',
          annotation: 'The apiops/station annotation',
          none: 'Nothing yet',
        },
        catalogLifecycle: 'spec.lifecycle',
        notSet: 'Not set',
        unknownStation: 'Unknown station {{id}}',
        conflictTitle: 'The assessment and the annotation disagree',
        conflict:
          'The latest assessment places this API at {{assessment}}, but the apiops/station annotation in its catalog-info.yaml says {{annotation}}. The assessment wins; update or remove the annotation.',
      },
      stationGuide: {
        title: 'Steps and resources',
        subheader:
          'From the {{cycle}} of the APIOps Cycles method ({{version}})',
        current: 'Now: {{station}}',
        next: 'Next: {{station}}',
        start: 'Where to start: {{station}}',
        steps: 'Steps',
        noSteps:
          'The method data ({{version}}) has no steps of the {{cycle}} for this station: work from the resources it recommends.',
        resources: 'Resources',
        noResources: 'The method recommends no resource for this station.',
        categories: {
          canvas: 'Canvas',
          guideline: 'Guideline',
          checklist: 'Checklist',
          template: 'Template',
        },
        draft: 'Draft',
        openCanvas: 'opens in CanvasCreator',
      },
      owner: {
        title: 'Owner',
        noOwner: 'No owner',
        notInCatalog: 'Not found in the catalog',
        declared: 'spec.owner',
        kind: 'Kind',
        name: 'Name',
        members: 'Members',
        membersHint: 'Users in the group or its child groups',
        gapsTitle: 'Ownership gaps',
        noGaps: 'No ownership gaps',
        notInSnapshot:
          'Not yet in a snapshot: ownership gaps show once a snapshot of the catalog has seen this API.',
        withheld:
          'Ownership gaps are report data: they need the permission apiops.report.read, which you do not have.',
        gapTypes: {
          'owner-missing': 'Owner missing',
          'owner-unresolved': 'Owner unresolved',
          'owner-not-group': 'Owner not a group',
          'owner-group-empty': 'Owner group empty',
          'owner-orphaned': 'Owner orphaned',
          'owner-mismatch': 'Owner mismatch',
        },
      },
      governance: {
        title: 'Governance',
        evaluatedNow:
          'Evaluated {{time}}, with the ownership checks and catalog relations of the snapshot taken {{checked}}',
        evaluatedNowRefreshed:
          'Evaluated {{time}}, with the ownership checks and catalog relations of a refresh of this API {{checked}}',
        status: {
          compliant: 'Compliant',
          attention: 'Needs attention',
          'non-compliant': 'Non-compliant',
        },
        severity: {
          error: 'Error',
          warning: 'Warning',
          info: 'Info',
        },
        findingsLabel: 'Governance findings',
        noFindings: 'No findings: every governance rule passes.',
        notInSnapshot:
          'Not yet in a snapshot: governance findings show once a snapshot of the catalog has seen this API.',
        withheld:
          'Governance findings are report data: they need the permission apiops.report.read, which you do not have.',
        path: 'Where',
        fix: 'How to fix',
        rule: 'Rule',
      },
      assessment: {
        title: 'Assess this API',
        subheader:
          'Answer each criterion of the {{cycle}}. A station is passed when all its criteria are met; the API stands at the first station that is not.',
        checkingPermission: 'Checking whether you may record assessments…',
        deniedTitle: 'You cannot record assessments for this API',
        denied:
          'Only the owners of this API and the platform team can record assessments. Ask one of them to record it, or to add you to the owning team.',
        stationProgress: '{{met}} of {{total}} met',
        currentStation: 'Current station',
        holdsBack: 'Holds the API back',
        sharedWith: 'Also a criterion of {{stations}}: one answer for all.',
        answers: {
          met: 'Met',
          'not-met': 'Not met',
          unknown: 'Unknown',
        },
        evidence: 'Evidence link',
        evidenceFor: 'Evidence link for “{{criterion}}” ({{station}})',
        evidencePlaceholder: 'https://…',
        invalidEvidence:
          'Enter an absolute http(s) link, e.g. https://example.com/report',
        criterionNote: 'Note',
        criterionNoteFor: 'Note on “{{criterion}}” ({{station}})',
        note: 'Note on this assessment',
        preview: 'With these answers the API will be at {{station}}.',
        submit: 'Record assessment',
        submitting: 'Recording…',
        recorded: 'Assessment recorded. The API is now at {{station}}.',
        invalid:
          'Some evidence links are not valid http(s) links: correct the highlighted fields.',
        rejected: 'The assessment was not recorded: {{message}}',
        failed: 'The assessment could not be recorded: {{message}}',
        unconfirmed:
          'These answers move the API back to an earlier station: confirm the move in the warning above, or change the answers.',
        backward: {
          title: 'This assessment moves the API back from {{from}} to {{to}}',
          description:
            'The API stands at {{from}}, but with these answers it will be at {{to}}: a station counts as passed only when all its criteria are met, including those of the stations before it. These earlier stations hold it back:',
          holdingLabel: 'Earlier stations holding the API back',
          holding: '{{station}}: {{criteria}} not met',
          markEarlierMet: 'Mark earlier stations met',
          confirm: 'Yes, record the API at {{to}}',
        },
      },
      lint: {
        title: 'Lint of the definition',
        subheader: '{{title}}, by rule: where in the definition and why',
        checkedAt: 'Linted {{time}}',
        queued:
          'Waiting to be linted: definitions are linted in the background, a batch at a time. Findings show here once it is done.',
        queuedWithOlder:
          'The definition changed and waits to be linted again; these are the findings of an earlier lint.',
        notApplicable: 'Not linted: only OpenAPI and AsyncAPI definitions are.',
        noFindings: 'No findings: the definition passes every lint rule.',
        counts: '{{error}} errors, {{warning}} warnings, {{info}} infos',
        severityGroup: '{{severity}} ({{count}})',
        findingsLabel: '{{severity}} lint findings',
        rule: 'Rule',
        ruleDocs: 'Documentation of {{rule}}',
        path: 'Where',
        line: 'line {{line}}',
        more: 'The {{shown}} worst of {{total}} findings are shown.',
        problem: 'Could not be linted: {{problem}}',
        withheld:
          'Lint findings are report data: they need the permission apiops.report.read, which you do not have.',
        error: 'Could not load the lint findings: {{message}}',
      },
      audit: {
        title: 'Audit evidence from the definition',
        subheader:
          "The machine-checkable items of the method's audit checklist, per criterion they evidence",
        checkedAt: 'Checked {{time}}',
        queued:
          'Waiting to be checked: the audit items show once the definition has been checked in the background.',
        notApplicable:
          "Not checked: the method's audit items read OpenAPI definitions only.",
        counts:
          '{{pass}} pass, {{partial}} partial, {{gap}} gaps, {{na}} not applicable',
        profile: 'Profile: {{profile}}',
        criteriaLabel: 'Criteria with audit evidence',
        items: 'Items',
        suggests: 'Suggests: {{answer}}',
        status: {
          pass: 'Pass',
          partial: 'Partial',
          gap: 'Gap',
          na: 'Not applicable',
        },
        more: '…and {{n}} more',
        withheld:
          'Audit evidence is report data: it needs the permission apiops.report.read, which you do not have.',
        error: 'Could not load the audit evidence: {{message}}',
        prefillTitle: 'The definition gives evidence for {{n}} criteria',
        prefill:
          'Pre-fill those answers from the audit evidence (met where every item passes, not met where one is a gap). Review them before recording: the assessment is yours.',
        prefillButton: 'Pre-fill from the audit evidence',
        prefilled:
          'Pre-filled {{n}} criteria from the audit evidence: review them and record the assessment.',
        prefillNote: 'Audit evidence: {{items}}',
      },
      checklistImport: {
        title: "Import audit checklist (from the method's CLI)",
        help: "The JSON file the method's own audit tool writes: run {{command}} (or {{fullCrud}}) in a project made with {{create}}, then pick {{file}}. Nothing is recorded until you submit the assessment.",
        button: "Import audit checklist (from the method's CLI)",
        fileLabel: "Audit checklist JSON from the method's CLI",
        importing: 'Importing {{file}}…',
        notJson: '{{file}} is not JSON: {{reason}}',
        tooLarge: '{{file}} is larger than the 1 MiB allowed.',
        rejected: '{{file}} was not imported: {{message}}',
        forbidden:
          'You may not record assessments of this API, so you may not import evidence for one.',
        failed: 'Could not import {{file}}: {{message}}',
        summary:
          '{{file}}: audit of {{generatedAt}}, profile {{profile}} · {{pass}} pass, {{partial}} partial, {{gap}} gaps, {{na}} not applicable',
        localChecklist:
          "The project used its own checklist ({{path}}); the plugin maps it with the method's checklist.",
        criteriaLabel: 'Criteria the imported checklist evidences',
        noCriteria:
          'The file has no checked items that evidence a criterion of this cycle.',
        unchecked:
          "{{n}} manual or not-applicable items keep the checklist's default status in the file: they are not evidence and pre-fill nothing.",
        unknownItems:
          'Items not in the checklist this plugin knows (not used): {{items}}',
        unknownCriteria:
          'Criteria that are not criteria of this cycle (not used): {{criteria}}',
        prefillButton: 'Pre-fill from the imported checklist',
        prefilled:
          'Pre-filled {{n}} criteria from {{file}}: review them and record the assessment.',
        prefillNote:
          "Imported from the method's audit checklist ({{file}}, generated {{generatedAt}}): {{items}}",
        assessmentNote:
          "Evidence imported from the method's audit checklist: {{file}}, generated {{generatedAt}}, profile {{profile}}.",
      },
      history: {
        title: 'Assessment history',
        empty: 'No assessment has been recorded for this API yet.',
        listLabel: 'Assessments, newest first',
        by: 'by',
        moved: 'Moved from {{from}} to {{to}}',
        firstAssessment:
          'First assessment: {{met}} met, {{notMet}} not met, {{unknown}} unknown.',
        noChanges: 'No answer changed.',
        changes_one: '{{count}} answer changed:',
        changes_other: '{{count}} answers changed:',
        compareUnavailable: 'Load older assessments to see what changed.',
        unanswered: 'No answer',
        loadMore: 'Load older assessments',
        loading: 'Loading…',
        loadError: 'Could not load the assessment history: {{message}}',
      },
    },
    fragmentation: {
      types: {
        duplicate: 'Duplicate',
        overlap: 'Overlap',
        family: 'Family',
        'version-sprawl': 'Version sprawl',
        'name-collision': 'Name collision',
        'style-inconsistency': 'Style inconsistency',
      },
      typeDescriptions: {
        duplicate: 'APIs with nearly the same operations.',
        overlap: 'APIs whose operations are mostly also in one other API.',
        family: 'APIs that implement one shared interface.',
        'version-sprawl': 'More live major versions of one API than expected.',
        'name-collision':
          'The same name for APIs of different owners or systems.',
        'style-inconsistency':
          'APIs that break the path casing or versioning convention of their system.',
      },
      scoreLabels: {
        duplicate: 'Similarity',
        overlap: 'Contained',
        family: 'Interface coverage',
        'style-inconsistency': 'Off the main style',
      },
      scoreHints: {
        duplicate:
          'how many of their operations the APIs have in common (Jaccard similarity of the least alike linked pair)',
        overlap:
          'the share of the smaller API’s operations that the larger one has too',
        family:
          'the share of the shared interface that the member implementing the least of it implements',
        'version-sprawl':
          'live major versions of one API against the number expected',
        'name-collision':
          'APIs of different owners or systems found under one name',
        'style-inconsistency':
          'the share of the system’s REST APIs that break its convention',
      },
      scoreFigures: {
        'version-sprawl': '{{live}} live versions, {{max}} expected',
        'name-collision_one': '{{count}} API named “{{name}}”',
        'name-collision_other': '{{count}} APIs named “{{name}}”',
      },
      score: '{{label}} {{percent}}',
      scoreHint: '({{hint}})',
      nextStep: {
        label: 'Next step:',
        listLast: '{{names}} and {{last}}',
        listMore_one: '{{names}} and {{count}} more',
        listMore_other: '{{names}} and {{count}} more',
        duplicate:
          'Compare {{apis}} side by side and retire one, or dismiss the cluster if they are different APIs.',
        overlap:
          'Check whether the consumers of {{contained}} could use {{container}} instead, or dismiss the cluster if both are needed.',
        family:
          'Keep the interface that {{apis}} implement as one shared definition they reference, or dismiss the cluster if they are meant to differ.',
        'version-sprawl':
          'Deprecate the older versions ({{versions}}) once their consumers have moved, or dismiss the cluster if the versions are intended.',
        'name-collision':
          'Rename {{apis}} so that consumers can tell them apart, or dismiss the cluster if the name is intended.',
        'style-inconsistency':
          'Align {{apis}} with the convention of {{scope}} in their next major version, or dismiss the cluster if the difference is intended.',
      },
      inScope: 'In {{scope}}',
      sharedOperations: 'Shared operations ({{total}})',
      sharedOperationsLabel: 'Operations shared by the APIs of this cluster',
      moreOperations_one: 'and {{count}} more',
      moreOperations_other: 'and {{count}} more',
      members: {
        count_one: '{{count}} member',
        count_other: '{{count}} members',
        showAll: 'Show all {{total}} members',
        loading: 'Loading the members…',
        error: 'Could not load the members: {{message}}',
      },
      member: {
        entityRef: 'Entity ref',
        owner: 'Owner',
        system: 'System',
        version: 'Version',
        versionValue: 'v{{version}}',
        lifecycle: 'Lifecycle',
        operations: 'Operations',
        role: 'Role',
        pathCasing: 'Path casing',
        versioning: 'Versioning',
        none: 'None',
        notComputed: 'Not computed for this type of cluster',
        openTab: 'Open the APIOps tab of {{api}}',
      },
      roles: {
        contained: 'Contained in the other',
        container: 'Contains the others',
      },
      evidence: {
        title: 'Why this finding',
        label: 'The evidence behind this finding',
        pair: '{{from}} and {{to}}',
        pairFigures:
          '{{shared}} shared operations, {{schema}} with the same request and response shapes; Jaccard {{jaccard}}, containment {{containment}}; evidence {{evidence}}',
        generic: 'Common in the catalog (counted for little): {{operations}}',
        family:
          '{{interface}} interface operations, {{schema}} with the same shapes in every member; evidence {{evidence}}; owners: {{owners}}',
        morePairs_one: 'and {{count}} more linked pair',
        morePairs_other: 'and {{count}} more linked pairs',
      },
      pathCasings: {
        kebab: 'kebab-case',
        camel: 'camelCase',
        snake: 'snake_case',
        pascal: 'PascalCase',
        lower: 'lowercase',
        mixed: 'Mixed',
      },
      versioningSchemes: {
        path: 'In the path (/v1/…)',
        server: 'In the server URL',
        none: 'None',
        mixed: 'Mixed',
      },
      style: {
        conventionsLabel: 'Conventions of the system',
        convention: '{{style}}, followed by {{followers}} of {{apis}} APIs',
        offConvention: 'off it: {{styles}}',
        noConvention: 'No convention: {{styles}}',
        styleCount: '{{style}} {{total}}',
        notOff: 'Not off the convention',
        breaks:
          'This API {{self}} where {{followers}} of the {{apis}} REST APIs of {{scope}} {{convention}}.',
        mixedAlone: 'This API {{self}} in its own paths.',
        casingSelf: 'uses {{style}} paths',
        casingMixed: 'mixes path casings',
        casingConvention: 'use {{style}}',
        versioningSelf: {
          path: 'puts its major version in the path (/v1/…)',
          server: 'puts its major version in the server URL',
          none: 'has no major version in its paths or server URL',
          mixed: 'mixes where it puts its major version',
        },
        versioningConvention: {
          path: 'put it in the path (/v1/…)',
          server: 'put it in the server URL',
          none: 'have none',
        },
      },
      panel: {
        title: 'Fragmentation',
        subheader:
          'Duplicates, overlaps, families, version sprawl, name collisions and style inconsistencies this API is part of',
        clustersLabel: 'Fragmentation clusters of this API',
        thisApi: 'This API',
        otherApis_one: 'The other API',
        otherApis_other: 'The {{count}} other APIs',
        otherOutliers_one: 'The other API off the convention',
        otherOutliers_other: 'The {{count}} other APIs off the convention',
        none: 'No duplicate, overlapping or sprawling API found.',
        notInSnapshot:
          'Not yet in a snapshot: fragmentation shows once a snapshot of the catalog has seen this API.',
        withheld:
          'Fragmentation is report data: it needs the permission apiops.report.read, which you do not have.',
      },
      table: {
        title: 'Fragmentation',
        subtitle:
          'APIs that duplicate or overlap each other, families of APIs sharing one interface, versions that sprawl, names that collide and APIs off their system’s style. Open a cluster to compare its APIs side by side and see why it was found.',
        typeFilter: 'Fragmentation type',
        anyType: 'All types',
        ownerFilter: 'Owner',
        systemFilter: 'System',
        refHelp: 'Of any API in it, e.g. {{example}}',
        download: 'Download CSV',
        downloadError: 'Could not download the CSV: {{message}}',
        tableLabel: 'Fragmentation clusters',
        columns: {
          compare: 'Compare',
          cluster: 'Cluster',
          apis: 'APIs',
          shared: 'Shared operations',
        },
        compare: 'Compare {{apis}} side by side',
        comparisonLabel: 'The APIs of the cluster side by side',
        noShared: 'None',
        sharedNotComputed:
          'Not computed: this type of cluster is not found by shared operations',
        empty: 'No fragmentation cluster matches these filters.',
        emptyCatalog:
          'No duplicate, overlapping or sprawling API found in the catalog.',
        loading: 'Loading the fragmentation clusters…',
        previousPage: 'Previous page',
        nextPage: 'Next page',
      },
      kpis: {
        total: 'Fragmentation clusters',
        totalHint: 'All types',
        byType: {
          duplicate: 'Duplicates',
          overlap: 'Overlaps',
          family: 'Families',
          'version-sprawl': 'Version sprawl',
          'name-collision': 'Name collisions',
          'style-inconsistency': 'Style inconsistencies',
        },
        hints: {
          duplicate: 'Nearly the same operations',
          overlap: 'APIs inside another one',
          family: 'One interface, many APIs',
          'version-sprawl': 'Too many live versions',
          'name-collision': 'One name, several owners',
          'style-inconsistency': 'APIs off their system’s convention',
        },
      },
      trend: {
        title: 'Fragmentation over time',
        series: 'Fragmentation clusters',
      },
      dismissal: {
        dismiss: 'Dismiss',
        dismissLabel: 'Dismiss this {{type}} cluster',
        undo: 'Undo',
        undoLabel: 'Undo the dismissal of this {{type}} cluster',
        undoError: 'Could not undo the dismissal: {{message}}',
        dismissed: 'Dismissed: {{verdict}} — {{reason}} ({{by}}, {{when}})',
        verdicts: {
          'not-a-duplicate': 'not a duplicate',
          intended: 'intended',
        },
        counts: '{{open}} open, {{dismissed}} dismissed',
        kpi: 'Dismissed',
        kpiHint: 'Not a duplicate, or intended',
        dialog: {
          title: 'Dismiss the {{type}} cluster',
          intro:
            'Say why this is not a problem. The dismissal holds while the APIs and their definitions stay as they are; a changed definition opens the cluster again.',
          verdict: 'Verdict',
          verdictOptions: {
            'not-a-duplicate':
              'Not a duplicate: the APIs look alike but are not the same API',
            intended: 'Intended: the finding is right, and on purpose',
          },
          reason: 'Reason',
          reasonHelp: 'Required, at most {{max}} characters.',
          cancel: 'Cancel',
          submit: 'Dismiss',
          error: 'Could not dismiss the cluster: {{message}}',
        },
      },
    },
    catalogFilters: {
      station: 'APIOps station',
      governance: 'Governance status',
    },
    reports: {
      forbidden:
        'The APIOps reports need the permission apiops.report.read, which you do not have. Ask your platform team if you need them.',
    },
    entityCard: {
      title: 'APIOps',
      station: 'Station',
      unassessed: 'Unassessed',
      owner: 'Owner',
      ownerOk: 'No ownership gaps',
      ownerGaps_one: '{{count}} ownership gap',
      ownerGaps_other: '{{count}} ownership gaps',
      governance: 'Governance',
      notInSnapshot: 'Not yet in a snapshot',
      withheld: 'Needs the permission apiops.report.read',
      findings_one: '{{count}} finding',
      findings_other: '{{count}} findings',
      viewTab: 'Open the APIOps tab',
    },
    freshness: {
      snapshotTaken: 'From the snapshot taken {{time}}',
      noSnapshot: 'No snapshot of the catalog yet',
      refreshedSince: 'APIs refreshed since, the latest {{time}}',
      nextSnapshot: 'next snapshot {{time}}',
      nextSnapshotDue: 'next snapshot due now',
      ownerSnapshot: 'Checked by the snapshot taken {{time}}',
      ownerRefreshed: 'Checked by a refresh of this API {{time}}',
      fragmentation:
        'From the snapshot taken {{time}}; refreshing one API does not compute fragmentation again',
      card: 'Station and governance computed {{time}}; ownership checked {{checked}}',
      cardLive: 'Station computed {{time}}; not yet in a snapshot',
    },
    refresh: {
      title: 'Reports of this API',
      subheader:
        'What the APIOps page, the group tabs and the catalog labels show of this API, and since when',
      thisTab: 'This tab',
      thisTabValue:
        'Station and governance computed {{time}}, from the latest assessment and the catalog',
      reports: 'APIOps page and group tabs',
      fromSnapshot: 'As the snapshot taken {{time}} computed it',
      fromRefresh: 'As a refresh of this API computed it {{time}}',
      notInSnapshot: 'Not yet: no snapshot has seen this API',
      fragmentation: 'Fragmentation',
      fragmentationValue:
        'From the snapshot taken {{time}}: only a snapshot compares the API with the others',
      nextSnapshot: 'Next snapshot',
      nextSnapshotDue: 'Due now',
      nextSnapshotUnknown:
        'Not at a fixed interval (a cron or manual schedule)',
      recorded:
        'Assessment recorded: this tab shows it now. The APIOps page and the group tabs show it after the next snapshot, {{time}}.',
      recordedDue:
        'Assessment recorded: this tab shows it now. The APIOps page and the group tabs show it after the next snapshot, which is due now.',
      recordedUnknown:
        'Assessment recorded: this tab shows it now. The APIOps page and the group tabs show it after the next snapshot.',
      recordedCanRefresh: 'Refresh this API to show it there at once.',
      button: 'Refresh this API now',
      refreshing: 'Refreshing…',
      refreshed:
        'Refreshed {{time}}: the APIOps page and the group tabs show the station, ownership and governance of this API now. Fragmentation changes with the next snapshot.',
      superseded:
        'A snapshot newer than this refresh is already current: nothing needed to change.',
      error: 'Could not refresh this API: {{message}}',
    },
  },
});
