import type {
  AuditChecklistImport,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';

/** The largest audit report the backend takes (1 MiB). */
export const CHECKLIST_FILE_MAX_BYTES = 1024 * 1024;

/** What an imported audit report gives one criterion of the form. */
export interface ChecklistImportSuggestion {
  criterionId: string;
  /** `met` or `not-met` when the evidence says so; none for partial evidence. */
  answer?: 'met' | 'not-met';
  /** The items behind it and their statuses, for the criterion's note. */
  items: string;
}

/**
 * What an imported audit report of the method's CLI gives the criteria of
 * the form's cycle: an answer where its checked items say `met` or
 * `not-met`, and, for every criterion with applicable evidence (partial
 * too), the items behind it for the criterion's note. Criteria whose items
 * are all not applicable give nothing.
 */
export function checklistImportSuggestions(
  imported: AuditChecklistImport,
  method: MethodModel,
): ChecklistImportSuggestion[] {
  const inCycle = new Set(method.stations.flatMap(s => s.criteria));
  const labels = new Map(imported.items.map(item => [item.itemId, item.label]));
  return imported.criteria.flatMap(criterion => {
    if (criterion.status === 'na' || !inCycle.has(criterion.criterionId)) {
      return [];
    }
    const items = criterion.items
      .filter(item => item.status !== 'na')
      .map(item => `${labels.get(item.itemId) ?? item.itemId} (${item.status})`)
      .join('; ');
    return [
      {
        criterionId: criterion.criterionId,
        ...(criterion.suggestedAnswer === 'unknown'
          ? {}
          : { answer: criterion.suggestedAnswer }),
        items,
      },
    ];
  });
}

/**
 * The file's text as the JSON the backend takes, or why not: not JSON, or
 * larger than the backend takes.
 */
export function parseChecklistFile(
  text: string,
  size: number,
): { ok: true; json: unknown } | { ok: false; reason: 'too-large' | string } {
  if (size > CHECKLIST_FILE_MAX_BYTES) {
    return { ok: false, reason: 'too-large' };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The text of a picked file (FileReader: older browsers and jsdom). */
export function readFileText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') {
    return file.text();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}
