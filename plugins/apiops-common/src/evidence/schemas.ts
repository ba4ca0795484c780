import { z } from 'zod';
import { CRITERION_ANSWERS } from '../method/types';
import { findingSeveritySchema } from '../reports/schemas';

/**
 * An audit item status: `pass`, `partial`, `gap` or `na`.
 *
 * @public
 */
export const auditItemStatusSchema = z.enum(['pass', 'partial', 'gap', 'na']);

/**
 * A finding of a definition evidence provider (lint) about an API's
 * definition.
 *
 * @public
 */
export const evidenceFindingSchema = z.object({
  ruleId: z.string(),
  severity: findingSeveritySchema,
  message: z.string(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  documentationUrl: z.string().optional(),
});

/**
 * Findings per severity.
 *
 * @public
 */
export const severityCountsSchema = z.object({
  error: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
});

/**
 * Where the evidence of one provider about an API's definition stands:
 * `checked` (with its results), `queued` (waiting in the backlog), or
 * `not-applicable` (a definition the provider does not check).
 *
 * @public
 */
export const evidenceStateSchema = z.enum([
  'checked',
  'queued',
  'not-applicable',
]);

/**
 * One provider's evidence about an API's definition.
 *
 * @public
 */
export const providerEvidenceSchema = z.object({
  providerId: z.string(),
  title: z.string(),
  state: evidenceStateSchema,
  /** When the definition was checked (ISO 8601). */
  checkedAt: z.string().optional(),
  /** The findings, worst first (at most the provider's cap). */
  findings: z.array(evidenceFindingSchema),
  /** All findings, also those beyond the cap. */
  findingCount: z.number().int(),
  counts: severityCountsSchema,
  /** Why the definition could not be checked. */
  problem: z.string().optional(),
});

/**
 * One machine-checked audit item of the method on an API's definition, with
 * what the checklist says of it.
 *
 * @public
 */
export const auditItemEvidenceSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  stage: z.string(),
  status: auditItemStatusSchema,
  details: z.array(z.string()).optional(),
  detailCount: z.number().int().optional(),
  reason: z.string().optional(),
  criteria: z.array(z.string()),
  stations: z.array(z.string()),
  guidelines: z.array(z.string()),
});

/**
 * The audit evidence of one station criterion.
 *
 * @public
 */
export const criterionAuditEvidenceSchema = z.object({
  criterionId: z.string(),
  status: auditItemStatusSchema,
  items: z.array(
    z.object({ itemId: z.string(), status: auditItemStatusSchema }),
  ),
  suggestedAnswer: z.enum(CRITERION_ANSWERS),
});

/**
 * The method's audit checklist evaluated on an API's definition.
 *
 * @public
 */
export const apiAuditEvidenceSchema = z.object({
  state: evidenceStateSchema,
  checkedAt: z.string().optional(),
  /** `read-only` or `full-crud`, from the definition's operations. */
  profile: z.string().optional(),
  items: z.array(auditItemEvidenceSchema),
  criteria: z.array(criterionAuditEvidenceSchema),
  counts: z.object({
    pass: z.number().int(),
    partial: z.number().int(),
    gap: z.number().int(),
    na: z.number().int(),
  }),
  problem: z.string().optional(),
});

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/evidence`: what the
 * definition evidence providers (lint) and the method's audit checklist found
 * in the API's current definition.
 *
 * @public
 */
export const apiEvidenceSchema = z.object({
  entityRef: z.string(),
  /** The hash the evidence is kept by; absent without a text definition. */
  definitionHash: z.string().optional(),
  providers: z.array(providerEvidenceSchema),
  audit: apiAuditEvidenceSchema.optional(),
});

/**
 * One row of `GET /reports/lint`: one API's evidence of one provider.
 *
 * @public
 */
export const lintReportRowSchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  owner: z.string().optional(),
  system: z.string().optional(),
  providerId: z.string(),
  state: z.enum(['checked', 'queued']),
  checkedAt: z.string().optional(),
  counts: severityCountsSchema,
  /** The rules with findings, most frequent first (at most 10). */
  rules: z.array(z.string()),
  audit: z
    .object({
      pass: z.number().int(),
      partial: z.number().int(),
      gap: z.number().int(),
    })
    .optional(),
  problem: z.string().optional(),
});

/**
 * How far the evidence providers have got through the catalog.
 *
 * @public
 */
export const evidenceCoverageSchema = z.object({
  providerId: z.string(),
  title: z.string(),
  /** APIs with a definition the provider checks. */
  total: z.number().int(),
  /** Of them, checked in their current version. */
  checked: z.number().int(),
  /** Of them, waiting in the backlog. */
  queued: z.number().int(),
});

/**
 * One row of `GET /reports/lint/teams`: the lint and audit counts of the APIs
 * a group owns directly.
 *
 * @public
 */
export const lintTeamRowSchema = z.object({
  groupRef: z.string(),
  apis: z.number().int(),
  checked: z.number().int(),
  queued: z.number().int(),
  counts: severityCountsSchema,
  /** APIs with at least one lint error. */
  apisWithErrors: z.number().int(),
  audit: z.object({
    pass: z.number().int(),
    partial: z.number().int(),
    gap: z.number().int(),
  }),
});

/**
 * The JSON report that the method's own audit tool writes
 * (`create-apiops`'s `scripts/run-design-audit.js`:
 * `specs/audit/design-audit.<profile>.json`), as far as an import reads it.
 * Other fields are kept as they are.
 *
 * @public
 */
export const methodAuditReportSchema = z
  .object({
    profile: z.string().min(1).max(100),
    generatedAt: z.string().min(1).max(100),
    openApiPath: z.string().max(1000).optional(),
    checklistPath: z.string().max(1000).optional(),
    checklistSource: z.string().max(100).optional(),
    spectral: z
      .object({
        status: z.string().max(20).optional(),
        errors: z.number().int().min(0).optional(),
        warnings: z.number().int().min(0).optional(),
      })
      .passthrough()
      .optional(),
    summary: z
      .object({
        pass: z.number().int().min(0),
        partial: z.number().int().min(0),
        gap: z.number().int().min(0),
        na: z.number().int().min(0),
      })
      .passthrough(),
    stages: z
      .array(
        z
          .object({
            id: z.string().min(1).max(100),
            title: z.string().max(500).optional(),
            items: z
              .array(
                z
                  .object({
                    id: z.string().min(1).max(200),
                    label: z.string().max(2000).optional(),
                    kind: z.string().max(100).optional(),
                    currentStatus: auditItemStatusSchema,
                    producedByStation: z
                      .array(z.string().max(200))
                      .max(50)
                      .default([]),
                    producedByStationCriteria: z
                      .array(z.string().max(200))
                      .max(50)
                      .default([]),
                    reason: z.string().max(2000).optional(),
                    actualEvidenceFound: z
                      .array(z.string().max(2000))
                      .max(100)
                      .optional(),
                  })
                  .passthrough(),
              )
              .max(500),
          })
          .passthrough(),
      )
      .max(50),
  })
  .passthrough();
