import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { createPublishEntityAction } from './publishEntityAction';

/**
 * Adds the example portal's `portal:entity:publish` action (see
 * publishEntityAction.ts) when `examplePortal.entitiesDirectory` is set.
 */
export default createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'example-publish-entity',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, catalog, auth, permissions }) {
        const directory = config.getOptionalString(
          'examplePortal.entitiesDirectory',
        );
        if (!directory) {
          return;
        }
        const resolved = path.resolve(directory);
        const target = path.join(resolved, '*.yaml');
        const read = (
          config.getOptionalConfigArray('catalog.locations') ?? []
        ).some(
          location =>
            location.getString('type') === 'file' &&
            path.resolve(location.getString('target')) === target,
        );
        if (!read) {
          throw new Error(
            `examplePortal.entitiesDirectory: no file location of catalog.locations reads ${target}; add one with that target`,
          );
        }
        scaffolder.addActions(
          createPublishEntityAction({
            directory: resolved,
            catalog,
            auth,
            permissions,
          }),
        );
      },
    });
  },
});
