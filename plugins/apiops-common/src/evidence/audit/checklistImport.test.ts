import { readFileSync } from 'node:fs';
import type { AuditChecklistItem } from '../types';
import {
  AuditChecklistImportError,
  AuditChecklistReport,
  mapAuditChecklistReport,
  parseAuditChecklistReport,
} from './checklistImport';

/*
 * The fixture is a real output of the method's audit script:
 * `node scripts/run-design-audit.js full-crud` of apiops-cycles-method-data
 * 4.2.1's create-apiops template, on the definition of
 * examples/apis/card-status-api.yaml as specs/openapi/api.yaml.
 */
const FIXTURE: Record<string, unknown> = JSON.parse(
  readFileSync(`${__dirname}/__fixtures__/design-audit.full-crud.json`, 'utf8'),
);

type ChecklistJson = {
  stages: Array<{
    id: string;
    items: Array<{
      id: string;
      label: string;
      kind: string;
      check?: AuditChecklistItem['check'];
      applicableTo: string[];
      primaryStage?: string;
      producedByStation?: string[];
      producedByStationCriteria?: string[];
    }>;
  }>;
};

/** The checklist of the installed package, read as the backend reads it. */
const CHECKLIST: AuditChecklistItem[] = (
  JSON.parse(
    readFileSync(
      require.resolve(
        'apiops-cycles-method-data/snippets/api-audit-checklist.json',
      ),
      'utf8',
    ),
  ) as ChecklistJson
).stages.flatMap(stage =>
  stage.items.map(item => ({
    id: item.id,
    label: item.label,
    stage: item.primaryStage ?? stage.id,
    kind: item.kind,
    ...(item.check ? { check: item.check } : {}),
    applicableTo: item.applicableTo,
    stations: item.producedByStation ?? [],
    criteria: item.producedByStationCriteria ?? [],
    guidelines: [],
  })),
);

/** Criteria of a cycle: all those the fixture names but `audit-passed`. */
const CYCLE = new Set([
  'api-consistency',
  'api-contract-tested',
  'api-documentation-ready',
  'api-opportunity-documented',
  'api-ready-for-publishing',
  'api-reusability',
  'api-roadmap-defined',
  'architecture-patterns-validated',
  'business-goals-defined',
  'consumer-segments-identified',
  'design-reflects-business-value',
  'hide-backend-discrepancies',
  'market-research-done',
  'metrics-feedback-available',
  'stakeholder-approval',
  'value-prop-validated',
]);

function parsed(json: unknown): AuditChecklistReport {
  const result = parseAuditChecklistReport(json);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function map(json: unknown) {
  return mapAuditChecklistReport(parsed(json), {
    checklist: CHECKLIST,
    cycleCriteria: CYCLE,
  });
}

/** The fixture with the given statuses (and checks passed where `pass`). */
function withStatuses(statuses: Record<string, string>) {
  const copy = structuredClone(FIXTURE) as {
    stages: Array<{ items: Array<Record<string, unknown>> }>;
  };
  for (const stage of copy.stages) {
    for (const item of stage.items) {
      const status = statuses[item.id as string];
      if (status) {
        item.currentStatus = status;
        if (typeof item.evaluation === 'boolean') {
          item.evaluation = status === 'pass';
        }
      }
    }
  }
  return copy;
}

describe('parseAuditChecklistReport', () => {
  it('reads the real output of the audit script', () => {
    const report = parsed(FIXTURE);
    expect(report.profile).toBe('full-crud');
    expect(report.checklistSource).toBe('package-default');
    expect(report.spectral).toEqual({ status: 'gap', errors: 1, warnings: 4 });
    expect(report.stages.map(stage => stage.id)).toEqual([
      'strategy',
      'architecture',
      'design',
      'delivery',
      'publishing',
      'improving',
    ]);
    expect(report.stages.flatMap(stage => stage.items)).toHaveLength(46);
    // Unknown fields (the Spectral findings, the summaries) are dropped.
    expect(report).not.toHaveProperty('summary');
    expect(report.spectral).not.toHaveProperty('findings');
  });

  const item0 = (change: Record<string, unknown>) => {
    const copy = structuredClone(FIXTURE) as {
      stages: Array<{ items: Array<Record<string, unknown>> }>;
    };
    Object.assign(copy.stages[2].items[0], change);
    return copy;
  };

  it.each<[string, unknown, string]>([
    ['not an object', [1, 2], 'body'],
    ['a string', 'design-audit', 'body'],
    ['no stages', { ...FIXTURE, stages: undefined }, 'stages'],
    [
      'an unknown status',
      item0({ currentStatus: 'failed' }),
      'stages[2].items[0].currentStatus',
    ],
    [
      'an item without a status',
      item0({ currentStatus: undefined }),
      'stages[2].items[0].currentStatus',
    ],
    ['an item without an id', item0({ id: '' }), 'stages[2].items[0].id'],
    [
      'criteria that are no list',
      item0({ producedByStationCriteria: 'api-consistency' }),
      'stages[2].items[0].producedByStationCriteria',
    ],
    [
      'a date that is none',
      { ...FIXTURE, generatedAt: 'yesterday' },
      'generatedAt',
    ],
    [
      'the older format with sections',
      { profile: 'read-only', sections: [{ id: 'design', items: [] }] },
      'sections',
    ],
    [
      'the checklist itself',
      JSON.parse(
        readFileSync(
          require.resolve(
            'apiops-cycles-method-data/snippets/api-audit-checklist.json',
          ),
          'utf8',
        ),
      ),
      'stages',
    ],
  ])('refuses %s, naming %s', (_what, json, field) => {
    const result = parseAuditChecklistReport(json);
    expect(result).toEqual({
      ok: false,
      field,
      message: expect.stringMatching(/^.+: .+$/),
    });
    expect(!result.ok && result.message.startsWith(`${field}: `)).toBe(true);
  });
});

describe('mapAuditChecklistReport', () => {
  it('maps the checked items of the real output to the criteria they evidence', () => {
    const mapped = map(FIXTURE);
    expect(mapped.unknownItems).toEqual([]);
    expect(mapped.unknownCriteria).toEqual(['audit-passed']);
    expect(mapped.items).toHaveLength(46);

    const byId = new Map(mapped.items.map(item => [item.itemId, item]));
    // Checked on the definition: the script's status is evidence.
    expect(byId.get('endpoint-descriptions-present')).toMatchObject({
      status: 'gap',
      checked: true,
      criteria: [
        'design-reflects-business-value',
        'value-prop-validated',
        'api-opportunity-documented',
      ],
    });
    expect(
      byId.get('endpoint-descriptions-present')!.details!.length,
    ).toBeGreaterThan(0);
    // Manual: the checklist's default, no evidence.
    expect(byId.get('only-via-gateway')).toMatchObject({
      status: 'gap',
      checked: false,
    });
    // The script passes every stage coverage; counted again from the file.
    expect(byId.get('design-items-audited')).toMatchObject({
      status: 'partial',
      checked: true,
      reason: 'counted again: 9 of 14 checked items of the design stage pass',
    });
    expect(byId.get('concept-items-audited')).toMatchObject({
      status: 'na',
      checked: true,
    });

    const suggested = Object.fromEntries(
      mapped.criteria.map(c => [c.criterionId, c.suggestedAnswer]),
    );
    expect(suggested).toEqual({
      'business-goals-defined': 'unknown',
      'market-research-done': 'unknown',
      'stakeholder-approval': 'unknown',
      'metrics-feedback-available': 'unknown',
      'api-opportunity-documented': 'not-met',
      'api-reusability': 'unknown',
      'value-prop-validated': 'not-met',
      'consumer-segments-identified': 'unknown',
      'design-reflects-business-value': 'not-met',
      'api-consistency': 'not-met',
      'architecture-patterns-validated': 'not-met',
      'hide-backend-discrepancies': 'not-met',
      'api-contract-tested': 'not-met',
    });
    const consistency = mapped.criteria.find(
      c => c.criterionId === 'api-consistency',
    )!;
    expect(consistency.items).toContainEqual({
      itemId: 'descriptive-english-naming',
      status: 'pass',
    });
    expect(consistency.items).toContainEqual({
      itemId: '400-errors-specific',
      status: 'gap',
    });
    // Manual items are not behind any criterion.
    expect(
      mapped.criteria.flatMap(c => c.items).map(i => i.itemId),
    ).not.toContain('hides-raw-backend-data');
    // The script's summary says 11 pass, 7 partial, 15 gap, 13 n/a: the two
    // stage coverage items are counted again.
    expect(mapped.counts).toEqual({ pass: 9, partial: 8, gap: 15, na: 14 });
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      'every item behind a criterion passes',
      { 'pseudo-identifiers': 'pass', 'no-sensitive-data-in-urls': 'pass' },
      'hide-backend-discrepancies',
      'met',
    ],
    [
      'one item is a gap',
      { 'pseudo-identifiers': 'pass', 'no-sensitive-data-in-urls': 'gap' },
      'hide-backend-discrepancies',
      'not-met',
    ],
    [
      'one item is partial, none a gap',
      { 'pseudo-identifiers': 'pass', 'no-sensitive-data-in-urls': 'partial' },
      'hide-backend-discrepancies',
      'unknown',
    ],
    [
      'a manual item behind it is a gap',
      {
        'pseudo-identifiers': 'pass',
        'no-sensitive-data-in-urls': 'pass',
        'hides-raw-backend-data': 'gap',
      },
      'hide-backend-discrepancies',
      'met',
    ],
    [
      'every item is not applicable',
      { 'schema-and-examples-pass': 'na' },
      'api-contract-tested',
      'unknown',
    ],
  ])(
    'suggests per criterion when %s',
    (_what, statuses, criterionId, answer) => {
      const mapped = map(withStatuses(statuses));
      expect(
        mapped.criteria.find(c => c.criterionId === criterionId)
          ?.suggestedAnswer,
      ).toBe(answer);
    },
  );

  it('reports items it does not know and suggests nothing from them', () => {
    const copy = structuredClone(FIXTURE) as {
      stages: Array<{ items: Array<Record<string, unknown>> }>;
    };
    copy.stages[2].items.push({
      id: 'graphql-depth-limited',
      label: 'Query depth is limited',
      kind: 'openapi',
      currentStatus: 'pass',
      evaluation: true,
      producedByStationCriteria: ['api-roadmap-defined'],
    });
    const mapped = map(copy);
    expect(mapped.unknownItems).toEqual(['graphql-depth-limited']);
    expect(
      mapped.items.find(item => item.itemId === 'graphql-depth-limited'),
    ).toMatchObject({ known: false, checked: false });
    expect(
      mapped.criteria.find(c => c.criterionId === 'api-roadmap-defined'),
    ).toBeUndefined();
  });

  it('refuses a file of another checklist version, and a file without items', () => {
    const other = {
      ...FIXTURE,
      stages: [
        {
          id: 'design',
          items: [
            { id: 'v9-naming', label: 'Naming', currentStatus: 'pass' },
            { id: 'v9-errors', label: 'Errors', currentStatus: 'gap' },
          ],
        },
      ],
    };
    expect(() => map(other)).toThrow(AuditChecklistImportError);
    expect(() => map(other)).toThrow(
      /^stages: none of the 2 items of the file is an item of the audit checklist this plugin knows \(the first is 'v9-naming'\): the file was written with another version/,
    );
    expect(() => map({ ...FIXTURE, stages: [] })).toThrow(
      /^stages: the file has no audit items/,
    );
  });
});
