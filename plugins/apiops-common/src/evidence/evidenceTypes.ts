import type { z } from 'zod';
import type {
  apiAuditEvidenceSchema,
  apiEvidenceSchema,
  auditItemEvidenceSchema,
  evidenceCoverageSchema,
  evidenceStateSchema,
  lintReportRowSchema,
  lintTeamRowSchema,
  methodAuditReportSchema,
  providerEvidenceSchema,
  severityCountsSchema,
} from './schemas';

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/evidence`.
 *
 * @public
 */
export type ApiEvidence = z.infer<typeof apiEvidenceSchema>;

/**
 * One provider's evidence about an API's definition.
 *
 * @public
 */
export type ProviderEvidence = z.infer<typeof providerEvidenceSchema>;

/**
 * Where one provider's evidence about an API stands.
 *
 * @public
 */
export type EvidenceState = z.infer<typeof evidenceStateSchema>;

/**
 * The audit checklist evaluated on an API's definition.
 *
 * @public
 */
export type ApiAuditEvidence = z.infer<typeof apiAuditEvidenceSchema>;

/**
 * One audit item evaluated on an API's definition, with its checklist data.
 *
 * @public
 */
export type AuditItemEvidence = z.infer<typeof auditItemEvidenceSchema>;

/**
 * Findings per severity.
 *
 * @public
 */
export type SeverityCounts = z.infer<typeof severityCountsSchema>;

/**
 * A row of `GET /reports/lint`.
 *
 * @public
 */
export type LintReportRow = z.infer<typeof lintReportRowSchema>;

/**
 * A row of `GET /reports/lint/teams`.
 *
 * @public
 */
export type LintTeamRow = z.infer<typeof lintTeamRowSchema>;

/**
 * How far a provider has got through the catalog.
 *
 * @public
 */
export type EvidenceCoverage = z.infer<typeof evidenceCoverageSchema>;

/**
 * The report the method's own audit tool writes, as an import reads it.
 *
 * @public
 */
export type MethodAuditReport = z.infer<typeof methodAuditReportSchema>;
