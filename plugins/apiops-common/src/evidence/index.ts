export { AUDIT_ITEM_STATUSES } from './types';
export type {
  AuditCheck,
  AuditChecklistItem,
  AuditItemResult,
  AuditItemStatus,
  DefinitionEvidence,
  EvidenceFinding,
} from './types';
export type {
  ApiAuditEvidence,
  ApiEvidence,
  AuditItemEvidence,
  EvidenceCoverage,
  EvidenceState,
  LintReportRow,
  LintTeamRow,
  MethodAuditReport,
  ProviderEvidence,
  SeverityCounts,
} from './evidenceTypes';
export {
  apiAuditEvidenceSchema,
  apiEvidenceSchema,
  auditItemEvidenceSchema,
  auditItemStatusSchema,
  criterionAuditEvidenceSchema,
  evidenceCoverageSchema,
  evidenceFindingSchema,
  evidenceStateSchema,
  lintReportRowSchema,
  lintTeamRowSchema,
  methodAuditReportSchema,
  providerEvidenceSchema,
  severityCountsSchema,
} from './schemas';
export {
  EVIDENCE_GOVERNANCE_FINDINGS_MAX,
  evidenceToGovernanceFindings,
  sortEvidenceFindings,
} from './evidenceFindings';
export { formatJsonPath } from './formatJsonPath';
export {
  AUDIT_DETAILS_MAX,
  auditProfileOf,
  evaluateAuditChecklist,
  isMachineCheckable,
} from './audit/evaluateAuditChecklist';
export type { AuditProfile } from './audit/evaluateAuditChecklist';
export { auditByCriterion } from './audit/auditByCriterion';
export type { CriterionAuditEvidence } from './audit/auditByCriterion';
export {
  AuditChecklistImportError,
  auditChecklistReportItemSchema,
  auditChecklistReportSchema,
  mapAuditChecklistReport,
  parseAuditChecklistReport,
} from './audit/checklistImport';
export type {
  AuditChecklistImport,
  AuditChecklistReport,
  AuditChecklistReportParseResult,
  ImportedAuditItem,
} from './audit/checklistImport';
