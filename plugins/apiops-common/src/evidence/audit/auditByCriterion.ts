import type { CriterionAnswer } from '../../method/types';
import type {
  AuditChecklistItem,
  AuditItemResult,
  AuditItemStatus,
} from '../types';

/**
 * What the automated audit says about one station criterion: the items that
 * evidence it, their worst status, and the answer it suggests.
 *
 * @public
 */
export interface CriterionAuditEvidence {
  criterionId: string;
  /**
   * `gap` when any item is a gap, `partial` when any is partial, `pass`
   * when every applicable item passes, `na` when none applies.
   */
  status: AuditItemStatus;
  /** The items evidencing it, in the checklist's order. */
  items: Array<{ itemId: string; status: AuditItemStatus }>;
  /**
   * The answer the evidence suggests for an assessment: `met` when every
   * applicable item passes, `not-met` when any is a gap, else `unknown`
   * (partial evidence, or none); a person still decides.
   */
  suggestedAnswer: CriterionAnswer;
}

/**
 * The audit results per station criterion (`producedByStationCriteria` of
 * each item), in the order the criteria first appear in the checklist.
 *
 * @public
 */
export function auditByCriterion(
  items: ReadonlyArray<AuditChecklistItem>,
  results: ReadonlyArray<AuditItemResult>,
): CriterionAuditEvidence[] {
  const statusOf = new Map(results.map(r => [r.itemId, r.status]));
  const byCriterion = new Map<
    string,
    Array<{ itemId: string; status: AuditItemStatus }>
  >();
  for (const item of items) {
    const status = statusOf.get(item.id);
    if (status === undefined) continue;
    for (const criterionId of item.criteria) {
      let list = byCriterion.get(criterionId);
      if (!list) {
        list = [];
        byCriterion.set(criterionId, list);
      }
      list.push({ itemId: item.id, status });
    }
  }
  return [...byCriterion].map(([criterionId, list]) => {
    const applicable = list.filter(i => i.status !== 'na');
    let status: AuditItemStatus = 'na';
    if (applicable.some(i => i.status === 'gap')) status = 'gap';
    else if (applicable.some(i => i.status === 'partial')) status = 'partial';
    else if (applicable.length > 0) status = 'pass';
    let suggestedAnswer: CriterionAnswer = 'unknown';
    if (status === 'pass') suggestedAnswer = 'met';
    else if (status === 'gap') suggestedAnswer = 'not-met';
    return { criterionId, status, items: list, suggestedAnswer };
  });
}
