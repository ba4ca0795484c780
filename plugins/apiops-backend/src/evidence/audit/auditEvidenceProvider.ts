import { createHash } from 'node:crypto';
import type { AuditChecklistItem } from '@apiops-backstage/plugin-apiops-common';
import type {
  DefinitionEvidenceProvider,
  EvidenceJsonValue,
} from '@apiops-backstage/plugin-apiops-node';
import { AUDIT_PROVIDER_ID } from '../EvidenceService';
import { AUDIT_WORKER_FILE } from './auditWorker';

/**
 * The version of the audit checks: raise it when a check changes its
 * results, so that every definition is checked again.
 */
const AUDIT_CHECKS_VERSION = 1;

/**
 * The built-in evidence provider that evaluates the machine-checkable items
 * of the method's audit checklist on every OpenAPI definition.
 *
 * @internal
 */
export function createAuditEvidenceProvider(
  items: AuditChecklistItem[],
): DefinitionEvidenceProvider {
  const version = createHash('sha256')
    .update(String(AUDIT_CHECKS_VERSION))
    .update(JSON.stringify(items))
    .digest('base64')
    .slice(0, 16);
  return {
    id: AUDIT_PROVIDER_ID,
    title: "The method's audit checklist",
    version,
    appliesTo: entity =>
      String(entity.spec?.type ?? '').toLocaleLowerCase('en-US') === 'openapi',
    worker: {
      module: AUDIT_WORKER_FILE,
      options: { items } as unknown as EvidenceJsonValue,
    },
  };
}
