import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { ApiOpsLabelCache } from './ApiOpsLabelCache';
import { ApiOpsLabelProcessor } from './ApiOpsLabelProcessor';

/** Where the module's settings are (see config.d.ts). */
const CONFIG_KEY = 'catalog.processors.apiops';

/** How often the labels are read again by default. */
const DEFAULT_REFRESH_INTERVAL: HumanDuration = { seconds: 30 };

/**
 * The most entities whose labels changed in one read that the module asks
 * the catalog to process at once; beyond it (a new snapshot moving many
 * APIs) they change in their next processing cycle.
 */
const MAX_IMMEDIATE_REFRESHES = 200;

/**
 * The catalog module `apiops`: labels API entities with their APIOps
 * station, governance status and ownership gap (`apiops/station`,
 * `apiops/governance`, `apiops/ownership-gap`), read in bulk from the APIOps
 * backend plugin every `catalog.processors.apiops.refreshInterval` (30
 * seconds by default). When a read finds labels changed, for instance after
 * an assessment, it asks the catalog to process those entities at once.
 *
 * @public
 */
export const catalogModuleApiOps = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'apiops',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({
        auth,
        catalog,
        catalogProcessing,
        config,
        discovery,
        logger,
        scheduler,
      }) {
        const moduleConfig = config.getOptionalConfig(CONFIG_KEY);
        const refreshInterval = moduleConfig?.has('refreshInterval')
          ? readDurationFromConfig(moduleConfig, { key: 'refreshInterval' })
          : DEFAULT_REFRESH_INTERVAL;

        const labels = ApiOpsLabelCache.create({ auth, discovery, logger });
        catalogProcessing.addProcessor(new ApiOpsLabelProcessor(labels));

        await scheduler.scheduleTask({
          id: 'apiops-catalog-labels',
          frequency: refreshInterval,
          timeout: { minutes: 2 },
          // The first read is the processor's, once the backend serves
          // requests; the schedule takes over after it.
          initialDelay: refreshInterval,
          // Every catalog replica keeps its own copy.
          scope: 'local',
          fn: async () => {
            const { changed } = await labels.refresh();
            if (changed.length === 0) {
              return;
            }
            if (changed.length > MAX_IMMEDIATE_REFRESHES) {
              logger.info(
                `The APIOps labels of ${changed.length} APIs changed; they reach the entities in their next processing`,
              );
              return;
            }
            const credentials = await auth.getOwnServiceCredentials();
            for (const entityRef of changed) {
              try {
                await catalog.refreshEntity(entityRef, { credentials });
              } catch (error) {
                // Gone from the catalog, or the catalog is busy: the next
                // processing cycle brings the labels all the same.
                logger.debug(
                  `Could not ask the catalog to process ${entityRef} again: ${error}`,
                );
              }
            }
          },
        });
      },
    });
  },
});
