import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuditChecklistItem } from '@apiops-backstage/plugin-apiops-common';
import type { EvidenceConfig } from '../config';
import type { EvidenceStore } from '../database/EvidenceStore';
import { createAuditEvidenceProvider } from './audit/auditEvidenceProvider';
import { loadAuditChecklist } from './audit/loadAuditChecklist';
import { EvidenceProviderRegistry } from './EvidenceProviderRegistry';
import { EvidenceService } from './EvidenceService';

/**
 * The definition evidence of the plugin: the built-in audit checklist
 * provider (unless `apiops.evidence.audit` is false) beside the providers of
 * the modules, and the service over them.
 *
 * @internal
 */
export function createEvidence(options: {
  providers: EvidenceProviderRegistry;
  config: EvidenceConfig;
  retentionDays: number;
  store: EvidenceStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): { service: EvidenceService; auditChecklist: AuditChecklistItem[] } {
  const { providers, config } = options;
  const auditChecklist = loadAuditChecklist();
  if (config.audit) {
    providers.add(
      createAuditEvidenceProvider(auditChecklist),
      'the built-in audit checklist',
    );
  }
  const service = EvidenceService.create({
    providers: providers.list(),
    store: options.store,
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
    auditChecklist,
    settings: {
      threads: config.threads,
      timeoutMs: config.definitionTimeoutMs,
      budgetMs: config.budgetMs,
      maxHeapMb: config.maxHeapMb,
      retentionDays: options.retentionDays,
    },
  });
  return { service, auditChecklist };
}
