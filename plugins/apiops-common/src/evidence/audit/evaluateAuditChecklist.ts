import type {
  AuditChecklistItem,
  AuditItemResult,
  AuditItemStatus,
} from '../types';
import { AUDIT_CHECKS, CheckOutcome } from './auditChecks';
import { isObject, listOperations } from './openApiDocument';

/**
 * Most details kept per item; the rest are counted.
 *
 * @public
 */
export const AUDIT_DETAILS_MAX = 20;

/**
 * The API profiles of the checklist: whether the API writes.
 *
 * @public
 */
export type AuditProfile = 'read-only' | 'full-crud';

/**
 * The profile of a definition: `full-crud` when it has any write operation.
 *
 * @public
 */
export function auditProfileOf(
  document: Record<string, unknown>,
): AuditProfile {
  return listOperations(document).some(op =>
    ['post', 'put', 'patch', 'delete'].includes(op.method),
  )
    ? 'full-crud'
    : 'read-only';
}

/**
 * The checklist items that a machine can check (a `check` to run).
 *
 * @public
 */
export function isMachineCheckable(item: AuditChecklistItem): boolean {
  return !!item.check && (item.kind === 'openapi' || item.kind === 'aggregate');
}

function result(itemId: string, outcome: CheckOutcome): AuditItemResult {
  const details = outcome.details ?? [];
  return {
    itemId,
    status: outcome.status,
    ...(details.length > 0
      ? { details: details.slice(0, AUDIT_DETAILS_MAX) }
      : {}),
    ...(details.length > AUDIT_DETAILS_MAX
      ? { detailCount: details.length }
      : {}),
    reason: outcome.reason,
  };
}

/** `stageCoverage`: how the machine-checked items of a stage stand together. */
function stageCoverage(
  stageId: string,
  statuses: AuditItemStatus[],
): CheckOutcome {
  const counted = statuses.filter(status => status !== 'na');
  if (counted.length === 0) {
    return {
      status: 'na',
      reason: `the ${stageId} stage has no items a machine can check on this API`,
    };
  }
  const passed = counted.filter(status => status === 'pass').length;
  const gaps = counted.filter(status => status === 'gap').length;
  let status: AuditItemStatus = 'partial';
  if (passed === counted.length) status = 'pass';
  else if (gaps === counted.length) status = 'gap';
  return {
    status,
    reason: `${passed} of ${counted.length} machine-checked items of the ${stageId} stage pass`,
  };
}

/**
 * Evaluates the machine-checkable items of the method's audit checklist on
 * one parsed definition: each item `pass`, `partial`, `gap` or `na`, in the
 * checklist's order. Items without a machine check (`manual`, `n/a`) are
 * left out: a definition cannot evidence them. A definition that is not an
 * OpenAPI document makes every item `na` (the method's checks read OpenAPI).
 * Pure and linear in the size of the document.
 *
 * @public
 */
export function evaluateAuditChecklist(
  document: unknown,
  items: ReadonlyArray<AuditChecklistItem>,
): AuditItemResult[] {
  const checkable = items.filter(isMachineCheckable);
  const isOpenApi =
    isObject(document) &&
    (typeof document.openapi === 'string' || document.swagger !== undefined);
  if (!isOpenApi) {
    return checkable.map(item =>
      result(item.id, {
        status: 'na',
        reason: "the method's audit checks read OpenAPI definitions",
      }),
    );
  }
  const profile = auditProfileOf(document);
  const results = new Map<string, AuditItemResult>();
  const aggregates: AuditChecklistItem[] = [];
  for (const item of checkable) {
    const check = item.check!;
    if (item.defaultStatus === 'na') {
      results.set(
        item.id,
        result(item.id, {
          status: 'na',
          reason: 'the method marks it not applicable',
        }),
      );
    } else if (
      item.applicableTo.length > 0 &&
      !item.applicableTo.includes(profile)
    ) {
      results.set(
        item.id,
        result(item.id, {
          status: 'na',
          reason: `not applicable to a ${profile} API`,
        }),
      );
    } else if (
      check.type === 'stageCoverage' ||
      check.type === 'sectionCoverage'
    ) {
      aggregates.push(item);
    } else {
      const run = AUDIT_CHECKS[check.type];
      let outcome: CheckOutcome;
      if (!run) {
        outcome = {
          status: 'na',
          reason: `the check type ${check.type} is not known to this version of the plugin`,
        };
      } else {
        try {
          outcome = run(document, check);
        } catch (error) {
          outcome = {
            status: 'na',
            reason: `the check could not read the definition: ${
              error instanceof Error ? error.message : String(error)
            }`,
          };
        }
      }
      results.set(item.id, result(item.id, outcome));
    }
  }
  for (const item of aggregates) {
    const check = item.check!;
    const stageId = String(check.stageId ?? check.sectionId ?? item.stage);
    const statuses = checkable
      .filter(
        other =>
          other.stage === stageId &&
          other.kind === 'openapi' &&
          results.has(other.id),
      )
      .map(other => results.get(other.id)!.status);
    results.set(item.id, result(item.id, stageCoverage(stageId, statuses)));
  }
  return checkable.map(item => results.get(item.id)!);
}
