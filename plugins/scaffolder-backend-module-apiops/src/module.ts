import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAssessmentAction } from './actions/createAssessmentAction';

/**
 * The scaffolder module that adds the `apiops:assessment:create` action.
 *
 * @public
 */
export const scaffolderModuleApiops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'apiops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, auth, discovery }) {
        scaffolder.addActions(createAssessmentAction({ auth, discovery }));
      },
    });
  },
});
