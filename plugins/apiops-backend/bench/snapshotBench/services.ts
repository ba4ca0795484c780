/**
 * The services of the snapshot benchmark: what each snapshot service of a
 * run shares (the catalog, the stores, the method) and how one is built.
 */

import { Knex } from 'knex';
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  builtinRules,
  createRuleset,
} from '@apiops-backstage/plugin-apiops-common';
import { SnapshotService } from '../../src/snapshot/SnapshotService';
import { DatabaseSnapshotStore } from '../../src/database/DatabaseSnapshotStore';
import { DatabaseAssessmentStore } from '../../src/database/DatabaseAssessmentStore';
import { DatabaseDefinitionFeatureStore } from '../../src/database/DatabaseDefinitionFeatureStore';
import { MethodCatalog } from '../../src/method';
import { CatalogPlan } from '../../src/__testUtils__/catalogGenerator';
import { readApiOpsConfig } from '../../src/config';
import { ChangeService } from '../../src/changes/ChangeService';
import type { EvidenceService } from '../../src/evidence/EvidenceService';
import { log } from './measuring';
import { CatalogCounters, CatalogFiles, timedStore } from './fakeCatalog';

export const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:apiops-bench' },
} as unknown as BackstageCredentials;

export const auth = {
  getOwnServiceCredentials: async () => credentials,
} as unknown as AuthService;

/** Permissions that allow everything: the bench times full answers. */
export const allowAll = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
} as Partial<PermissionsService> as PermissionsService;

export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    info: () => {},
    warn: () => {},
    error: message => log(`snapshot error: ${message}`),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

export interface Context {
  plan: CatalogPlan;
  files: CatalogFiles;
  knex: Knex;
  store: DatabaseSnapshotStore;
  assessments: DatabaseAssessmentStore;
  method: MethodCatalog;
  holder: { counters: CatalogCounters };
  catalog: CatalogService;
  /** The snapshot's parser threads (0: the main thread parses). */
  parserThreads: number;
  /** Definition features persisted in the database, as in the plugin; none: memory only. */
  featureStore?: DatabaseDefinitionFeatureStore;
  /** The definition evidence with the lint module installed (`--lint`). */
  evidence?: EvidenceService;
}

export function createService(
  ctx: Context,
  changes?: ChangeService,
): SnapshotService {
  return SnapshotService.create({
    catalog: ctx.catalog,
    auth,
    logger: quietLogger(),
    store: timedStore(ctx.store, ctx.holder),
    assessments: ctx.assessments,
    method: ctx.method,
    ruleset: createRuleset(builtinRules),
    parserThreads: ctx.parserThreads,
    featureStore: ctx.featureStore,
    evidence: ctx.evidence,
    changes,
  });
}

/** The plugin's settings with no `app-config` (the defaults). */
export function defaultConfig() {
  return readApiOpsConfig(new ConfigReader({}));
}
