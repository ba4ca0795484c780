import type { AuditChecklistItem } from '../types';
import { auditByCriterion } from './auditByCriterion';
import { evaluateAuditChecklist } from './evaluateAuditChecklist';

function item(
  id: string,
  stage: string,
  check: AuditChecklistItem['check'],
  more: Partial<AuditChecklistItem> = {},
): AuditChecklistItem {
  return {
    id,
    label: id,
    stage,
    kind: check?.type === 'stageCoverage' ? 'aggregate' : 'openapi',
    check,
    applicableTo: ['read-only', 'full-crud'],
    stations: ['api-design'],
    criteria: [],
    guidelines: [],
    ...more,
  };
}

const items: AuditChecklistItem[] = [
  item('manual-one', 'design', undefined, { kind: 'manual' }),
  item(
    'descriptions',
    'design',
    { type: 'operationDescriptions' },
    {
      criteria: ['design-reflects-business-value'],
    },
  ),
  item(
    'schemas',
    'design',
    { type: 'schemasPresent' },
    {
      criteria: ['api-consistency', 'design-reflects-business-value'],
    },
  ),
  item(
    'crud-only',
    'design',
    { type: 'getNoRequestBody' },
    {
      applicableTo: ['full-crud'],
      criteria: ['api-consistency'],
    },
  ),
  item(
    'retired',
    'design',
    { type: 'getNoRequestBody' },
    { defaultStatus: 'na' },
  ),
  item('future', 'design', { type: 'somethingNew' }),
  item('design-covered', 'delivery', {
    type: 'stageCoverage',
    stageId: 'design',
  }),
];

const described = {
  openapi: '3.0.0',
  paths: { '/a': { get: { description: 'A', responses: {} } } },
};

describe('evaluateAuditChecklist', () => {
  it('evaluates the machine-checkable items, in order, with why', () => {
    const results = evaluateAuditChecklist(described, items);
    expect(results.map(r => [r.itemId, r.status])).toEqual([
      ['descriptions', 'pass'],
      ['schemas', 'gap'],
      ['crud-only', 'na'],
      ['retired', 'na'],
      ['future', 'na'],
      ['design-covered', 'partial'],
    ]);
    expect(results[2].reason).toBe('not applicable to a read-only API');
    expect(results[4].reason).toMatch(/somethingNew is not known/);
  });

  it('makes every item not applicable for a document that is not OpenAPI', () => {
    const results = evaluateAuditChecklist({ asyncapi: '2.6.0' }, items);
    expect(new Set(results.map(r => r.status))).toEqual(new Set(['na']));
  });

  it('caps the details at 20 and counts them all', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 25; i += 1) {
      paths[`/p${i}`] = { get: { responses: {} } };
    }
    const [descriptions] = evaluateAuditChecklist(
      { openapi: '3.1.0', paths },
      items.slice(1, 2),
    );
    expect(descriptions.status).toBe('gap');
    expect(descriptions.details).toHaveLength(20);
    expect(descriptions.detailCount).toBe(25);
  });
});

describe('auditByCriterion', () => {
  it('takes the worst applicable status of the items and suggests an answer', () => {
    const results = evaluateAuditChecklist(described, items);
    expect(auditByCriterion(items, results)).toEqual([
      {
        criterionId: 'design-reflects-business-value',
        status: 'gap',
        items: [
          { itemId: 'descriptions', status: 'pass' },
          { itemId: 'schemas', status: 'gap' },
        ],
        suggestedAnswer: 'not-met',
      },
      {
        criterionId: 'api-consistency',
        status: 'gap',
        items: [
          { itemId: 'schemas', status: 'gap' },
          { itemId: 'crud-only', status: 'na' },
        ],
        suggestedAnswer: 'not-met',
      },
    ]);
  });

  it('suggests met only when every applicable item passes', () => {
    const withSchemas = {
      ...described,
      components: { schemas: { P: { type: 'string' } } },
    };
    const results = evaluateAuditChecklist(withSchemas, items);
    const byId = Object.fromEntries(
      auditByCriterion(items, results).map(c => [c.criterionId, c]),
    );
    expect(byId['design-reflects-business-value'].suggestedAnswer).toBe('met');
    expect(byId['api-consistency'].suggestedAnswer).toBe('met');
  });
});
