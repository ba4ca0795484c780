import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { apiopsPermissions } from '@apiops-backstage/plugin-apiops-common';
import { apiopsGovernanceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import { RuleRegistry } from './governance/RuleRegistry';
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
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, httpAuth, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(apiopsPermissions);
        httpRouter.use(await createRouter({ logger, httpAuth, rules }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
