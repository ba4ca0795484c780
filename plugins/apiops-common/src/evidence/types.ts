import type { FindingSeverity } from '../governance/types';

/**
 * One finding of a definition evidence provider (a linter, say) about one
 * definition: which rule, how bad, where in the definition and why.
 *
 * @public
 */
export interface EvidenceFinding {
  /** The rule of the provider's engine, e.g. `operation-operationId`. */
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  /** Where in the definition, as a JSON path, e.g. `$.paths['/pets'].get`. */
  path?: string;
  /** The 1-based line of the definition's text where it starts, when known. */
  line?: number;
  /** The documentation of the rule. */
  documentationUrl?: string;
}

/**
 * How an audit item of the method stands for one API: `pass`, `partial`,
 * `gap` or `na` (not applicable), as the method's own audit tool says it.
 *
 * @public
 */
export type AuditItemStatus = 'pass' | 'partial' | 'gap' | 'na';

/**
 * The audit item statuses, best first.
 *
 * @public
 */
export const AUDIT_ITEM_STATUSES: readonly AuditItemStatus[] = Object.freeze([
  'pass',
  'partial',
  'gap',
  'na',
] as const);

/**
 * The evaluation of one machine-checkable audit item on one definition.
 *
 * @public
 */
export interface AuditItemResult {
  /** Id of the item in the method's audit checklist. */
  itemId: string;
  status: AuditItemStatus;
  /** What the check found wrong (operations, paths, names), at most 20. */
  details?: string[];
  /** How many things were wrong in all, when more than the details list. */
  detailCount?: number;
  /** Why the status, in a sentence. */
  reason?: string;
}

/**
 * What a definition evidence provider found in one definition. Kept by the
 * backend by hash of the definition (and of the provider's settings), so that
 * an unchanged definition is never checked again.
 *
 * @public
 */
export interface DefinitionEvidence {
  /** The findings, worst first; at most the provider's cap. */
  findings: EvidenceFinding[];
  /** How many findings there were before the cap (when it applied). */
  findingCount?: number;
  /** Audit items evaluated on the definition, for providers that do that. */
  audit?: AuditItemResult[];
  /** The audit profile of the definition (`read-only`, `full-crud`), with `audit`. */
  auditProfile?: string;
  /**
   * Why the definition could not be checked (a ruleset that does not parse,
   * a checker that timed out or stopped); also one of the findings.
   */
  problem?: string;
}

/**
 * A machine check of an audit item, as the method's checklist declares it
 * (`check.type` and its options).
 *
 * @public
 */
export interface AuditCheck {
  type: string;
  [option: string]: unknown;
}

/**
 * An item of the method's audit checklist
 * (`apiops-cycles-method-data/snippets/api-audit-checklist.json`).
 *
 * @public
 */
export interface AuditChecklistItem {
  id: string;
  label: string;
  /** The lifecycle stage the checklist lists it under. */
  stage: string;
  /** `openapi` and `aggregate` items have a machine check; `manual` and `n/a` do not. */
  kind: string;
  check?: AuditCheck;
  /** The API profiles it applies to (`read-only`, `full-crud`). */
  applicableTo: string[];
  /** `na` when the method marks it not applicable. */
  defaultStatus?: string;
  /** The stations whose work it evidences. */
  stations: string[];
  /** The station criteria it evidences. */
  criteria: string[];
  /** Ids of the method's REST style guidelines behind it. */
  guidelines: string[];
}
