/*
 * A real backend process with the APIOps plugin, as one replica of a portal:
 * the default services of `@backstage/backend-defaults` (HTTP server,
 * database, scheduler with its distributed lock, auth with static external
 * access tokens, permissions), the plugin, and an in-memory catalog.
 *
 * Started by `replicas.test.ts` in a child process of its own:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     src/__testUtils__/replicaBackend.ts --config <app-config.yaml>
 *
 * The catalog is chosen by `APIOPS_REPLICA_CATALOG`: `example` (the example
 * organization of examples/, the default) or a number of APIs (a generated
 * catalog of `catalogGenerator.ts`, seed 42), so a snapshot can be made long
 * enough to be interrupted.
 */
// First: the migrations of this checkout (see thisCheckout.ts).
import './thisCheckout';
import { createBackend } from '@backstage/backend-defaults';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import {
  loadExampleEntities,
  withCatalogRelations,
} from '../__fixtures__/exampleCatalog';
import { createPlan, entityPages, kindCounts } from './catalogGenerator';
import { apiopsPlugin } from '../plugin';

/** The entities of the catalog `APIOPS_REPLICA_CATALOG` names. */
function replicaEntities(): Entity[] {
  const choice = process.env.APIOPS_REPLICA_CATALOG ?? 'example';
  if (choice === 'example') {
    return withCatalogRelations(loadExampleEntities());
  }
  const apis = Number(choice);
  const plan = createPlan({ apis, seed: 42 });
  const kinds = kindCounts(plan).map(([kind]) => kind);
  return [...entityPages(plan, kinds)].flat();
}

const backend = createBackend();
backend.add(catalogServiceMock.factory({ entities: replicaEntities() }));
backend.add(apiopsPlugin);
backend.start().catch(error => {
  process.stderr.write(`replica backend failed to start: ${error}\n`);
  process.exit(1);
});
