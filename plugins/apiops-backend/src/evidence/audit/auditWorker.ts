import {
  AuditChecklistItem,
  DefinitionEvidence,
  auditProfileOf,
  evaluateAuditChecklist,
} from '@apiops-backstage/plugin-apiops-common';
import type {
  CreateDefinitionEvidenceWorker,
  DefinitionEvidenceRequest,
} from '@apiops-backstage/plugin-apiops-node';
import { parseDefinition } from '../../definitions';

/**
 * The worker module of the audit checklist provider: this file.
 *
 * @internal
 */
export const AUDIT_WORKER_FILE = __filename;

/** The options the provider gives its workers. */
export interface AuditWorkerOptions {
  items: AuditChecklistItem[];
}

/**
 * Evaluates the method's machine-checkable audit items on one definition:
 * parsed as the snapshot's precise parser does (with its caps: size,
 * nesting, aliases; remote `$ref`s are never fetched), then checked.
 *
 * @internal
 */
export function checkAudit(
  items: readonly AuditChecklistItem[],
  request: DefinitionEvidenceRequest,
): DefinitionEvidence {
  const parsed = parseDefinition(request.type, request.definition, {
    mode: 'precise',
  });
  if (!parsed.ok) {
    return {
      findings: [],
      audit: evaluateAuditChecklist(undefined, items),
      problem: `The definition does not parse: ${parsed.problem}`,
    };
  }
  const document =
    parsed.type === 'openapi' ? (parsed.document as unknown) : undefined;
  return {
    findings: [],
    audit: evaluateAuditChecklist(document, items),
    ...(document && typeof document === 'object'
      ? { auditProfile: auditProfileOf(document as Record<string, unknown>) }
      : {}),
  };
}

/** Called once per worker thread with the checklist. */
export const createDefinitionEvidenceWorker: CreateDefinitionEvidenceWorker =
  options => {
    const { items } = options as unknown as AuditWorkerOptions;
    return { check: request => checkAudit(items, request) };
  };
