import { z } from 'zod';
import { describeZodError } from '../../assessments/schemas';
import type {
  AuditChecklistItem,
  AuditItemResult,
  AuditItemStatus,
} from '../types';
import { auditByCriterion, CriterionAuditEvidence } from './auditByCriterion';
import { AUDIT_DETAILS_MAX } from './evaluateAuditChecklist';

/** Bounds of an imported file, so that a file cannot make the server work long. */
const MAX_STAGES = 50;
const MAX_ITEMS = 500;
const MAX_IDS = 100;
const MAX_EVIDENCE = 1000;
const MAX_ID = 200;
const MAX_TEXT = 2000;

const id = z.string().min(1).max(MAX_ID);
const ids = z.array(id).max(MAX_IDS).default([]);

/**
 * One item of the report the method's audit script writes: an item of the
 * checklist with the status the script gave it (`currentStatus`).
 *
 * @public
 */
export const auditChecklistReportItemSchema = z.object({
  id,
  label: z.string().max(MAX_TEXT).default(''),
  /** `openapi` and `aggregate` items are checked; `manual` and `n/a` are not. */
  kind: z.string().max(MAX_ID).default('manual'),
  currentStatus: z.enum(['pass', 'partial', 'gap', 'na'], {
    errorMap: () => ({ message: 'must be one of pass, partial, gap, na' }),
  }),
  producedByStation: ids,
  producedByStationCriteria: ids,
  /** What the check found (operations, paths, names) or the evidence files. */
  actualEvidenceFound: z
    .array(z.string().max(MAX_TEXT))
    .max(MAX_EVIDENCE)
    .default([]),
  reason: z.string().max(MAX_TEXT).optional(),
  /** Whether the check passed; only on items the script checked. */
  evaluation: z.boolean().optional(),
});

/**
 * The JSON file the method's own audit script writes
 * (`npm run audit:design`, `run-design-audit.js` of a `create-apiops`
 * project: `specs/audit/design-audit.<profile>.json`). Unknown fields are
 * ignored (and dropped); the fields read are checked.
 *
 * @public
 */
export const auditChecklistReportSchema = z.object({
  /** `read-only` or `full-crud`. */
  profile: z.string().min(1).max(MAX_ID),
  /** When the script ran (ISO 8601). */
  generatedAt: z.string().datetime({ offset: true }),
  openApiPath: z.string().max(MAX_TEXT).optional(),
  /** The checklist the script used; `local-override` when the project's own. */
  checklistPath: z.string().max(MAX_TEXT).optional(),
  checklistSource: z.string().max(MAX_ID).optional(),
  spectral: z
    .object({
      status: z.string().max(MAX_ID),
      errors: z.number().int().min(0),
      warnings: z.number().int().min(0),
    })
    .optional(),
  stages: z
    .array(
      z.object({
        id,
        title: z.string().max(MAX_TEXT).optional(),
        items: z.array(auditChecklistReportItemSchema).max(MAX_ITEMS),
      }),
    )
    .max(MAX_STAGES),
});

/**
 * The report the method's audit script writes, as far as it is read.
 *
 * @public
 */
export type AuditChecklistReport = z.infer<typeof auditChecklistReportSchema>;

/**
 * The result of {@link parseAuditChecklistReport}: the report, or the field
 * at fault and a message naming it (for a 400 answer).
 *
 * @public
 */
export type AuditChecklistReportParseResult =
  | { ok: true; value: AuditChecklistReport }
  | { ok: false; field: string; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RUN_IT =
  'import the design-audit.<profile>.json that `npm run audit:design` of a create-apiops project (apiops-cycles-method-data 4) writes in specs/audit';

/** The files that are not the script's report, told apart before the schema. */
function notAReport(
  json: unknown,
): { field: string; message: string } | undefined {
  if (!isRecord(json)) {
    return {
      field: 'body',
      message: `body: must be the JSON object of the method's audit report; ${RUN_IT}`,
    };
  }
  if (!('stages' in json) && Array.isArray(json.sections)) {
    return {
      field: 'sections',
      message: `sections: the file has the older checklist format (sections instead of lifecycle stages), not the format of this version of the method; ${RUN_IT}`,
    };
  }
  const firstItem = Array.isArray(json.stages)
    ? json.stages
        .flatMap(stage =>
          isRecord(stage) && Array.isArray(stage.items) ? stage.items : [],
        )
        .find(isRecord)
    : undefined;
  if (
    !('generatedAt' in json) &&
    firstItem &&
    !('currentStatus' in firstItem) &&
    'applicableTo' in firstItem
  ) {
    return {
      field: 'stages',
      message: `stages: the file is the audit checklist itself (api-audit-checklist.json), not the result of an audit; ${RUN_IT}`,
    };
  }
  return undefined;
}

/**
 * Checks a file against the format of the method's audit report
 * ({@link auditChecklistReportSchema}); a message naming the field at fault
 * otherwise, such as
 * `stages[2].items[0].currentStatus: must be one of pass, partial, gap, na`.
 *
 * @public
 */
export function parseAuditChecklistReport(
  json: unknown,
): AuditChecklistReportParseResult {
  const wrong = notAReport(json);
  if (wrong) {
    return { ok: false, ...wrong };
  }
  const parsed = auditChecklistReportSchema.safeParse(json);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  const message = describeZodError(parsed.error);
  return { ok: false, field: message.split(':')[0], message };
}

/**
 * One item of an imported audit report, as this plugin reads it.
 *
 * @public
 */
export interface ImportedAuditItem {
  itemId: string;
  label: string;
  /** The status the audit script gave it. */
  status: AuditItemStatus;
  /**
   * Whether its status is evidence: `true` for the items the script checked
   * on the definition (and the stage coverage, counted again from them);
   * `false` for manual and not-applicable items, whose status is the one the
   * checklist sets before anyone looks, and for unknown items.
   */
  checked: boolean;
  /** Whether the item is in the checklist this plugin knows. */
  known: boolean;
  /** The criteria of the cycle it evidences. */
  criteria: string[];
  /** What the check found (operations, paths, names), at most 20. */
  details?: string[];
  /** How many there were, when more than the details. */
  detailCount?: number;
  reason?: string;
}

/**
 * An audit report of the method's own tool mapped to the criteria of a
 * cycle: what it suggests for each criterion its checked items evidence, and
 * what the plugin could not place. Nothing is recorded: the person answers
 * the assessment and submits it.
 *
 * @public
 */
export interface AuditChecklistImport {
  /** The audit profile the script ran (`read-only`, `full-crud`). */
  profile: string;
  /** When the script ran (ISO 8601). */
  generatedAt: string;
  /** The definition the script audited, relative to its project. */
  openApiPath?: string;
  checklistPath?: string;
  /** `package-default`, or `local-override` for the project's own checklist. */
  checklistSource?: string;
  /** The script's Spectral lint of the definition. */
  spectral?: { status: string; errors: number; warnings: number };
  /** Items per status, all items of the file. */
  counts: Record<AuditItemStatus, number>;
  /** Every item of the file, in its order. */
  items: ImportedAuditItem[];
  /** Per criterion of the cycle evidenced by a checked item, in order. */
  criteria: CriterionAuditEvidence[];
  /** Ids of the items not in the checklist this plugin knows. */
  unknownItems: string[];
  /** Criteria the file names that are not criteria of the cycle. */
  unknownCriteria: string[];
}

/**
 * An error of {@link mapAuditChecklistReport}: the file has no items, or
 * is of another version of the checklist than the one the plugin knows.
 *
 * @public
 */
export class AuditChecklistImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditChecklistImportError';
  }
}

function coverage(
  stageId: string,
  statuses: AuditItemStatus[],
): { status: AuditItemStatus; reason: string } {
  const counted = statuses.filter(status => status !== 'na');
  if (counted.length === 0) {
    return {
      status: 'na',
      reason: `counted again: the file has no checked items of the ${stageId} stage`,
    };
  }
  const passed = counted.filter(status => status === 'pass').length;
  const gaps = counted.filter(status => status === 'gap').length;
  let status: AuditItemStatus = 'partial';
  if (passed === counted.length) status = 'pass';
  else if (gaps === counted.length) status = 'gap';
  return {
    status,
    reason: `counted again: ${passed} of ${counted.length} checked items of the ${stageId} stage pass`,
  };
}

/**
 * Maps a report of the method's audit script to the criteria of a cycle, as
 * the built-in audit evidence does ({@link auditByCriterion}): the items the
 * script checked on the definition evidence the station criteria the
 * checklist links them to (`producedByStationCriteria`); `met` where all of
 * a criterion's applicable items pass, `not-met` where one is a gap.
 *
 * - Manual and not-applicable items are listed but suggest nothing: their
 *   status is the checklist's default, not a finding.
 * - Stage coverage items (`stageCoverage`), which the script counts as
 *   passed whatever the stage holds, are counted again from the file's
 *   checked items of the stage.
 * - Items not in `checklist` are listed in `unknownItems` and suggest
 *   nothing; criteria not in `cycleCriteria` in `unknownCriteria`.
 *
 * @throws AuditChecklistImportError when the file has no items, or none
 *   of them is in `checklist` (a file of another version of the checklist).
 * @public
 */
export function mapAuditChecklistReport(
  report: AuditChecklistReport,
  options: {
    /** The checklist the plugin knows (the method's `api-audit-checklist.json`). */
    checklist: ReadonlyArray<AuditChecklistItem>;
    /** The criteria of the cycle being assessed. */
    cycleCriteria: ReadonlySet<string>;
    /** Names the checklist in the version error, e.g. `apiops-cycles-method-data 4.2.1`. */
    checklistName?: string;
  },
): AuditChecklistImport {
  const { checklist, cycleCriteria } = options;
  const knownItems = new Map(checklist.map(item => [item.id, item]));
  const fileItems = report.stages.flatMap(stage =>
    stage.items.map(item => ({ stageId: stage.id, item })),
  );
  const seen = new Set<string>();
  const unknownItems: string[] = [];
  for (const { item } of fileItems) {
    if (!knownItems.has(item.id) && !seen.has(item.id)) {
      unknownItems.push(item.id);
    }
    seen.add(item.id);
  }
  if (fileItems.length === 0) {
    throw new AuditChecklistImportError(
      'stages: the file has no audit items; the audit script lists every item of the checklist for the profile',
    );
  }
  if (unknownItems.length === seen.size) {
    throw new AuditChecklistImportError(
      `stages: none of the ${seen.size} items of the file is an item of ${
        options.checklistName ?? 'the audit checklist this plugin knows'
      } (the first is '${
        unknownItems[0]
      }'): the file was written with another version of the method's audit checklist`,
    );
  }

  const unknownCriteria = new Set<string>();
  const items: ImportedAuditItem[] = fileItems.map(({ item }) => {
    const known = knownItems.get(item.id);
    const named =
      item.producedByStationCriteria.length > 0
        ? item.producedByStationCriteria
        : known?.criteria ?? [];
    const criteria = named.filter(criterionId => {
      if (cycleCriteria.has(criterionId)) return true;
      unknownCriteria.add(criterionId);
      return false;
    });
    const checked =
      !!known &&
      item.kind === 'openapi' &&
      typeof item.evaluation === 'boolean';
    const details =
      checked && item.currentStatus !== 'pass' ? item.actualEvidenceFound : [];
    return {
      itemId: item.id,
      label: item.label || known?.label || item.id,
      status: item.currentStatus,
      checked,
      known: !!known,
      criteria,
      ...(details.length > 0
        ? { details: details.slice(0, AUDIT_DETAILS_MAX) }
        : {}),
      ...(details.length > AUDIT_DETAILS_MAX
        ? { detailCount: details.length }
        : {}),
      ...(item.reason ? { reason: item.reason } : {}),
    };
  });

  // Stage coverage, counted again from the checked items of the stage.
  for (const [index, { stageId, item }] of fileItems.entries()) {
    const known = knownItems.get(item.id);
    const check = known?.check;
    if (
      item.kind !== 'aggregate' ||
      !check ||
      (check.type !== 'stageCoverage' && check.type !== 'sectionCoverage')
    ) {
      continue;
    }
    const coveredStage = String(check.stageId ?? check.sectionId ?? stageId);
    const statuses = items
      .filter(
        (other, i) =>
          other.checked &&
          fileItems[i].item.kind === 'openapi' &&
          (fileItems[i].stageId === coveredStage ||
            knownItems.get(other.itemId)?.stage === coveredStage),
      )
      .map(other => other.status);
    const counted = coverage(coveredStage, statuses);
    items[index] = {
      ...items[index],
      status: counted.status,
      checked: true,
      reason: counted.reason,
    };
  }

  const counts: Record<AuditItemStatus, number> = {
    pass: 0,
    partial: 0,
    gap: 0,
    na: 0,
  };
  for (const item of items) counts[item.status] += 1;

  const evidencing = items.filter(item => item.checked);
  const criteria = auditByCriterion(
    evidencing.map(item => ({
      id: item.itemId,
      label: item.label,
      stage: '',
      kind: 'openapi',
      applicableTo: [],
      stations: [],
      criteria: item.criteria,
      guidelines: [],
    })),
    evidencing.map(
      (item): AuditItemResult => ({ itemId: item.itemId, status: item.status }),
    ),
  );

  return {
    profile: report.profile,
    generatedAt: report.generatedAt,
    ...(report.openApiPath ? { openApiPath: report.openApiPath } : {}),
    ...(report.checklistPath ? { checklistPath: report.checklistPath } : {}),
    ...(report.checklistSource
      ? { checklistSource: report.checklistSource }
      : {}),
    ...(report.spectral ? { spectral: report.spectral } : {}),
    counts,
    items,
    criteria,
    unknownItems,
    unknownCriteria: [...unknownCriteria],
  };
}
