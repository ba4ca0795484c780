/*
 * The portal's backend: the catalog with the example organization, guest
 * sign-in for local use, the permission framework with the example policy,
 * MCP actions, the scaffolder with the APIOps action, notifications and
 * signals, the APIOps plugin with its lint module, and its catalog module.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in as an example user (see app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog with the example organization of examples/
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions, with the example policy of docs/permissions.md
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicyModule'));

// actions for AI agents, over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// software templates: the scaffolder, the Template kind in the catalog, the
// APIOps action apiops:assessment:create, and the example portal's
// portal:entity:publish, which registers new entities without any SCM
// (examples/templates/)
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@apiops-backstage/plugin-scaffolder-backend-module-apiops'),
);
backend.add(import('./publishEntityModule'));

// notifications (the APIOps plugin tells owners what each snapshot found),
// and signals, which push them to the browser as they come
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@apiops-backstage/plugin-apiops-backend'));
// Spectral on every OpenAPI and AsyncAPI definition (optional: leave it out
// and the rest works as before)
backend.add(import('@apiops-backstage/plugin-apiops-backend-module-lint'));
// APIOps labels on API entities (apiops/station, …) for the catalog's filters
backend.add(import('@apiops-backstage/plugin-catalog-backend-module-apiops'));

backend.start();
