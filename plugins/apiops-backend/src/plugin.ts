import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { apiopsPermissions } from '@apiops-backstage/plugin-apiops-common';
import { apiopsGovernanceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { RuleRegistry } from './governance/RuleRegistry';
import { MethodCatalog } from './method';
import { LifecycleService } from './service/LifecycleService';
import { createRouter } from './service/router';

/**
 * The APIOps backend plugin, served at `/api/apiops`.
 *
 * @public
 */
export const apiopsPlugin = createBackendPlugin({
  pluginId: 'apiops',
  register(env) {
    const rules = new RuleRegistry();
    env.registerExtensionPoint(apiopsGovernanceExtensionPoint, {
      addRules(...added) {
        for (const rule of added) rules.add(rule, 'a backend module');
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        const { httpRouter, permissionsRegistry } = deps;
        permissionsRegistry.addPermissions(apiopsPermissions);

        const method = await MethodCatalog.create();
        const store = await DatabaseAssessmentStore.create({
          database: deps.database,
        });
        const lifecycle = LifecycleService.create({
          catalog: deps.catalog,
          store,
          method,
          permissions: deps.permissions,
        });

        httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            rules,
            method,
            lifecycle,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
