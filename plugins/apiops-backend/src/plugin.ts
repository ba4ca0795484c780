import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  apiopsPermissions,
  builtinRules,
  createRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import {
  apiopsEvidenceExtensionPoint,
  apiopsGovernanceExtensionPoint,
} from '@apiops-backstage/plugin-apiops-node';
import { registerApiOpsActions } from './actions/registerApiOpsActions';
import { registerCampaignActions } from './actions/registerCampaignActions';
import { CampaignProgressListener } from './campaigns/CampaignProgressListener';
import { CampaignService } from './campaigns/CampaignService';
import { BreakingChangeNotices } from './changes/BreakingChangeNotices';
import { ChangeService } from './changes/ChangeService';
import { readApiOpsConfig } from './config';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from './database/DatabaseCampaignStore';
import { DatabaseChangeStore } from './database/DatabaseChangeStore';
import { DatabaseDefinitionFeatureStore } from './database/DatabaseDefinitionFeatureStore';
import { DatabaseEvidenceStore } from './database/DatabaseEvidenceStore';
import { createEvidence } from './evidence/createEvidence';
import { DatabaseFragmentationDismissalStore } from './database/DatabaseFragmentationDismissalStore';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { DefinitionFeatureSource } from './fragmentation';
import { EvidenceProviderRegistry } from './evidence/EvidenceProviderRegistry';
import { RuleRegistry } from './governance/RuleRegistry';
import { MethodCatalog } from './method';
import { ApiOpsNotifier } from './notifications/ApiOpsNotifier';
import { DatabaseNotificationStore } from './notifications/DatabaseNotificationStore';
import { createRouter } from './service/router';
import { ApiRefreshService } from './services/ApiRefreshService';
import { AssessmentService } from './services/AssessmentService';
import { CatalogVisibility } from './services/CatalogVisibility';
import { EvidenceReportService } from './services/EvidenceReportService';
import { ChecklistImportService } from './services/ChecklistImportService';
import { FragmentationDismissalService } from './services/FragmentationDismissalService';
import { LabelService } from './services/LabelService';
import { ReportService } from './services/ReportService';
import { SnapshotRequestService } from './services/SnapshotRequestService';
import { StatusService } from './services/StatusService';
import { SnapshotService } from './snapshot/SnapshotService';
import { purgeSnapshotHistory } from './snapshot/purgeSnapshotHistory';

/** Id of the scheduled snapshot task. */
const SNAPSHOT_TASK_ID = 'apiops-snapshot';
/** Id of the scheduled task that checks the definitions of the backlog. */
const EVIDENCE_TASK_ID = 'apiops-evidence';

/**
 * The APIOps backend plugin, served at `/api/apiops`.
 *
 * @public
 */
export const apiopsPlugin = createBackendPlugin({
  pluginId: 'apiops',
  register(env) {
    const rules = new RuleRegistry();
    for (const rule of builtinRules) rules.add(rule, 'the built-in rules');
    env.registerExtensionPoint(apiopsGovernanceExtensionPoint, {
      addRules(...added) {
        for (const rule of added) rules.add(rule, 'a backend module');
      },
    });
    const evidenceProviders = new EvidenceProviderRegistry();
    env.registerExtensionPoint(apiopsEvidenceExtensionPoint, {
      addProviders(...added) {
        for (const provider of added) {
          evidenceProviders.add(provider, 'a backend module');
        }
      },
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        // Always there (its default factory posts to the notifications
        // backend); without that backend, sending fails and is logged.
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { httpRouter, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(apiopsPermissions);

        const config = readApiOpsConfig(deps.config);
        const ruleset = createRuleset(rules.list(), config.governance);
        const method = await MethodCatalog.create();
        const assessments = await DatabaseAssessmentStore.create({
          database: deps.database,
        });
        const snapshotStore = await DatabaseSnapshotStore.create({
          database: deps.database,
          skipMigrations: true,
          runTimeout: config.snapshotSchedule.timeout,
          frequency: config.snapshotSchedule.frequency,
        });
        // Runs a stopped backend left running: failed, so the reports say stale.
        const interrupted = await snapshotStore.failInterruptedRuns();
        if (interrupted.length > 0) {
          logger.warn(
            `Snapshot run(s) ${interrupted.join(
              ', ',
            )} were left running by a backend that stopped; recorded as failed`,
          );
        }
        // Definition features by hash: a restart or another replica does
        // not parse again what was parsed (none with maxStoredDefinitions 0).
        const featureStore = await DatabaseDefinitionFeatureStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        const campaignStore = await DatabaseCampaignStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        const notificationStore = await DatabaseNotificationStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        const changeStore = await DatabaseChangeStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        const visibility = CatalogVisibility.create({
          permissions: deps.permissions,
          catalog: deps.catalog,
        });
        // The change history: each changed definition compared with the
        // previous one in the snapshot, on worker threads.
        const changes = config.changes.enabled
          ? ChangeService.create({
              store: changeStore,
              snapshots: snapshotStore,
              catalog: deps.catalog,
              permissions: deps.permissions,
              visibility,
              logger,
              settings: config.changes,
            })
          : undefined;
        const notifier = config.notifications.enabled
          ? ApiOpsNotifier.create({
              store: notificationStore,
              notifications: deps.notifications,
              logger,
              platformTeam: config.notifications.platformTeam,
              sources: changes
                ? [
                    BreakingChangeNotices.create({
                      store: changeStore,
                      platformTeam: config.notifications.platformTeam,
                    }),
                  ]
                : [],
            })
          : undefined;
        const evidenceStore = await DatabaseEvidenceStore.create({
          database: deps.database,
          skipMigrations: true,
        });
        // Lint and the method's audit checklist: checked in a task of their
        // own, their findings joined to the snapshot's.
        const evidence = createEvidence({
          providers: evidenceProviders,
          config: config.evidence,
          retentionDays: config.retentionDays,
          store: evidenceStore,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        const snapshots = SnapshotService.create({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          store: snapshotStore,
          assessments,
          method,
          ruleset,
          ownerPlaceholders: config.ownerPlaceholders,
          parserThreads: config.parserThreads,
          parserBatchTimeoutMs: config.parserBatchTimeoutMs,
          featureStore:
            config.maxStoredDefinitions > 0 ? featureStore : undefined,
          fragmentationThresholds: config.fragmentation,
          listeners: [
            CampaignProgressListener.create({
              store: campaignStore,
              assessments,
              method,
              logger,
              observers: notifier ? [notifier] : [],
            }),
          ],
          evidence: evidence.service,
          changes,
        });
        const campaigns = CampaignService.create({
          store: campaignStore,
          permissions: deps.permissions,
          catalog: deps.catalog,
          visibility,
          method,
          ruleIds: () => new Set(rules.list().map(rule => rule.id)),
        });
        const status = StatusService.create({
          catalog: deps.catalog,
          assessments,
          snapshots: snapshotStore,
          method,
          ruleset,
          permissions: deps.permissions,
          visibility,
        });
        const reports = ReportService.create({
          permissions: deps.permissions,
          snapshots: snapshotStore,
          visibility,
          retentionDays: config.retentionDays,
        });

        const labels = LabelService.create({
          catalog: deps.catalog,
          auth: deps.auth,
          assessments,
          snapshots: snapshotStore,
          method,
          ruleset,
          permissions: deps.permissions,
          visibility,
        });

        const evidenceReports = EvidenceReportService.create({
          catalog: deps.catalog,
          permissions: deps.permissions,
          visibility,
          evidence: evidence.service,
          store: evidenceStore,
        });
        registerApiOpsActions({
          actionsRegistry: deps.actionsRegistry,
          status,
          reports,
          evidence: evidenceReports,
          changes,
        });
        registerCampaignActions({
          actionsRegistry: deps.actionsRegistry,
          campaigns,
        });

        await scheduler.scheduleTask({
          id: SNAPSHOT_TASK_ID,
          ...config.snapshotSchedule,
          // The scheduler aborts the signal at the task's timeout: the run
          // stops between pages and is recorded as failed.
          fn: async signal => {
            await snapshots.run(signal);
          },
        });
        if (evidence.service.listProviders().length > 0) {
          await scheduler.scheduleTask({
            id: EVIDENCE_TASK_ID,
            ...config.evidence.schedule,
            // At the task's timeout the run stops taking definitions.
            fn: async signal => {
              const report = await evidence.service.runBacklog(signal);
              // The backlog drained: a snapshot joins the new findings to
              // the APIs' governance now rather than at its next cadence.
              if (
                report.providers.some(p => p.checkedNow > 0) &&
                report.providers.every(p => p.queued === 0)
              ) {
                try {
                  await scheduler.triggerTask(SNAPSHOT_TASK_ID);
                } catch (error) {
                  logger.debug(
                    `No snapshot after the definition evidence: ${error}`,
                  );
                }
              }
            },
          });
        }
        // The snapshot history beyond the retention, once a day.
        await scheduler.scheduleTask({
          id: 'apiops-snapshot-purge',
          frequency: { days: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await purgeSnapshotHistory({
              store: snapshotStore,
              retentionDays: config.retentionDays,
              definitionFeatures: {
                store: featureStore,
                maxRows: config.maxStoredDefinitions,
              },
              logger,
            });
            // The campaigns' burn-up and the notifications decided, within
            // the same retention.
            const cutoff = new Date(
              Date.now() - config.retentionDays * 24 * 60 * 60 * 1000,
            );
            await campaignStore.purgePoints(cutoff);
            await notificationStore.purge(cutoff);
            // The change events: within the retention and a count per API.
            const purgedChanges = await changeStore.purgeEvents({
              before: cutoff,
              maxPerApi: config.changes.maxEventsPerApi,
            });
            if (purgedChanges > 0) {
              logger.info(`Purged ${purgedChanges} API change event(s)`);
            }
          },
        });

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            rules,
            method,
            status,
            reports,
            labels,
            assessments: AssessmentService.create({
              catalog: deps.catalog,
              store: assessments,
              method,
              permissions: deps.permissions,
            }),
            checklistImports: ChecklistImportService.create({
              catalog: deps.catalog,
              method,
              permissions: deps.permissions,
              checklist: evidence.auditChecklist,
            }),
            dismissals: FragmentationDismissalService.create({
              permissions: deps.permissions,
              snapshots: snapshotStore,
              store: await DatabaseFragmentationDismissalStore.create({
                database: deps.database,
                skipMigrations: true,
              }),
              visibility,
            }),
            refreshes: ApiRefreshService.create({
              catalog: deps.catalog,
              auth: deps.auth,
              permissions: deps.permissions,
              assessments,
              snapshots: snapshotStore,
              method,
              ruleset,
              status,
              ownerPlaceholders: config.ownerPlaceholders,
              // One source per refresh: parsed on the snapshot's threads
              // when the stored features do not have the definition.
              definitions: () =>
                DefinitionFeatureSource.create({
                  threads: config.parserThreads,
                  batchTimeoutMs: config.parserBatchTimeoutMs,
                  // The snapshot's source already says when it is 0.
                  logger: config.parserThreads > 0 ? logger : undefined,
                  store:
                    config.maxStoredDefinitions > 0 ? featureStore : undefined,
                }),
            }),
            evidence: evidenceReports,
            changes,
            snapshotRequests: SnapshotRequestService.create({
              permissions: deps.permissions,
              snapshots: snapshotStore,
              trigger: () => scheduler.triggerTask(SNAPSHOT_TASK_ID),
            }),
            campaigns,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
