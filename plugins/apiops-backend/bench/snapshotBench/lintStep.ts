/** The lint step of the snapshot benchmark (`--lint`). */

import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseEvidenceStore } from '../../src/database/DatabaseEvidenceStore';
import { createEvidence } from '../../src/evidence/createEvidence';
import { EvidenceProviderRegistry } from '../../src/evidence/EvidenceProviderRegistry';
import type { EvidenceService } from '../../src/evidence/EvidenceService';
import { ApiRulesetReader } from '../../../apiops-backend-module-lint/src/apiRuleset/ApiRulesetReader';
import { readLintConfig } from '../../../apiops-backend-module-lint/src/config';
import { createLintEvidenceProvider } from '../../../apiops-backend-module-lint/src/createLintEvidenceProvider';
import { auth, quietLogger, defaultConfig } from './services';

/**
 * The definition evidence as the backend builds it with the lint module
 * installed: the module's provider (its defaults) beside the built-in audit
 * checklist, over the evidence store of the same database.
 */
export async function lintEvidence(
  database: DatabaseService,
  catalog: CatalogService,
): Promise<EvidenceService> {
  const config = defaultConfig();
  const providers = new EvidenceProviderRegistry();
  providers.add(
    createLintEvidenceProvider({
      config: readLintConfig(new ConfigReader({})),
      rulesets: ApiRulesetReader.create({}),
    }),
    'the lint module',
  );
  return createEvidence({
    providers,
    config: config.evidence,
    retentionDays: config.retentionDays,
    store: await DatabaseEvidenceStore.create({ database }),
    catalog,
    auth,
    logger: quietLogger(),
  }).service;
}
