import type {
  ApiAuditEvidence,
  CriterionAnswer,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';

/** The answer the audit evidence suggests for one criterion of the form. */
export interface AuditSuggestion {
  criterionId: string;
  answer: Exclude<CriterionAnswer, 'unknown'>;
  /** The items and their statuses, for the criterion's note. */
  items: string;
}

/**
 * The answers the definition's audit evidence suggests for the criteria of
 * the method's cycle: `met` where every applicable item passes, `not-met`
 * where one is a gap; nothing for partial evidence or none. Only checked
 * evidence suggests anything.
 */
export function auditSuggestions(
  audit: ApiAuditEvidence | undefined,
  method: MethodModel,
): AuditSuggestion[] {
  if (!audit || audit.state !== 'checked') return [];
  const inCycle = new Set(method.stations.flatMap(s => s.criteria));
  const labels = new Map(audit.items.map(item => [item.itemId, item.label]));
  return audit.criteria.flatMap(criterion => {
    if (
      criterion.suggestedAnswer === 'unknown' ||
      !inCycle.has(criterion.criterionId)
    ) {
      return [];
    }
    return [
      {
        criterionId: criterion.criterionId,
        answer: criterion.suggestedAnswer,
        items: criterion.items
          .filter(item => item.status !== 'na')
          .map(
            item =>
              `${labels.get(item.itemId) ?? item.itemId} (${item.status})`,
          )
          .join('; '),
      },
    ];
  });
}
