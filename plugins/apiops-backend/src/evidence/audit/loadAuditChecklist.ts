import { readFileSync } from 'node:fs';
import type { AuditChecklistItem } from '@apiops-backstage/plugin-apiops-common';
import { z } from 'zod';

/** The checklist the method's package ships (an exported snippet). */
const CHECKLIST_FILE =
  'apiops-cycles-method-data/snippets/api-audit-checklist.json';

const ids = z.array(z.string().min(1)).default([]);

const itemSchema = z
  .object({
    id: z.string().min(1),
    label: z.string(),
    kind: z.string().default('manual'),
    check: z
      .object({ type: z.string().min(1) })
      .passthrough()
      .optional(),
    applicableTo: ids,
    defaultStatus: z.string().optional(),
    primaryStage: z.string().optional(),
    producedByStation: ids,
    producedByStationCriteria: ids,
    guidelines: ids,
  })
  .passthrough();

const checklistSchema = z.object({
  stages: z.array(
    z.object({
      id: z.string().min(1),
      items: z.array(itemSchema).default([]),
    }),
  ),
});

/**
 * The items of a checklist in the format of the method's
 * `api-audit-checklist.json` (stages of items), in order.
 *
 * @throws Error naming what does not fit the format.
 * @internal
 */
export function parseAuditChecklist(json: unknown): AuditChecklistItem[] {
  const parsed = checklistSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `The audit checklist does not have the method's format: ${issue.path.join(
        '.',
      )}: ${issue.message}`,
    );
  }
  return parsed.data.stages.flatMap(stage =>
    stage.items.map(item => ({
      id: item.id,
      label: item.label,
      stage: item.primaryStage ?? stage.id,
      kind: item.kind,
      ...(item.check ? { check: item.check } : {}),
      applicableTo: item.applicableTo,
      ...(item.defaultStatus ? { defaultStatus: item.defaultStatus } : {}),
      stations: item.producedByStation,
      criteria: item.producedByStationCriteria,
      guidelines: item.guidelines,
    })),
  );
}

/**
 * The audit checklist of the installed `apiops-cycles-method-data`
 * (`snippets/api-audit-checklist.json`: 46 items in 4.2.1, 16 of them
 * checked on an OpenAPI document and 2 aggregates).
 *
 * @internal
 */
export function loadAuditChecklist(): AuditChecklistItem[] {
  const file = require.resolve(CHECKLIST_FILE);
  return parseAuditChecklist(JSON.parse(readFileSync(file, 'utf8')));
}
