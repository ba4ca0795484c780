import { evidenceToGovernanceFindings } from './evidenceFindings';
import { formatJsonPath } from './formatJsonPath';

describe('evidenceToGovernanceFindings', () => {
  it('gives one finding per rule, worst first, with its first place and how many more', () => {
    const findings = evidenceToGovernanceFindings('lint', {
      findings: [
        {
          ruleId: 'info-contact',
          severity: 'warning',
          message: 'Info object must have "contact" object.',
          path: '$.info',
        },
        {
          ruleId: 'operation-operationId',
          severity: 'warning',
          message: 'Operation must have "operationId".',
          path: "$.paths['/a'].get",
          documentationUrl: 'https://docs/x#operation-operationId',
        },
        {
          ruleId: 'operation-operationId',
          severity: 'warning',
          message: 'Operation must have "operationId".',
          path: "$.paths['/b'].get",
        },
        {
          ruleId: 'oas3-schema',
          severity: 'error',
          message: 'bad',
          path: '$.paths',
        },
      ],
    });
    expect(findings).toEqual([
      {
        ruleId: 'lint/oas3-schema',
        severity: 'error',
        message: 'bad',
        path: 'spec.definition',
        source: 'lint',
        definitionPath: '$.paths',
      },
      {
        ruleId: 'lint/operation-operationId',
        severity: 'warning',
        message: 'Operation must have "operationId". (and 1 more places)',
        path: 'spec.definition',
        source: 'lint',
        definitionPath: "$.paths['/a'].get",
        documentationUrl: 'https://docs/x#operation-operationId',
      },
      {
        ruleId: 'lint/info-contact',
        severity: 'warning',
        message: 'Info object must have "contact" object.',
        path: 'spec.definition',
        source: 'lint',
        definitionPath: '$.info',
      },
    ]);
  });

  it('keeps five rules and counts the rest in one more finding', () => {
    const findings = evidenceToGovernanceFindings('lint', {
      findings: Array.from({ length: 14 }, (_, i) => ({
        ruleId: `r${i}`,
        severity: i < 12 ? ('warning' as const) : ('info' as const),
        message: 'm',
      })),
      findingCount: 20,
    });
    expect(findings).toHaveLength(6);
    expect(findings[5]).toMatchObject({
      ruleId: 'lint/more',
      severity: 'warning',
      message:
        "15 more lint findings of 9 more rules: see the definition's full lint results",
    });
  });

  it('gives nothing for a clean definition', () => {
    expect(evidenceToGovernanceFindings('lint', { findings: [] })).toEqual([]);
  });
});

describe('formatJsonPath', () => {
  it.each([
    [[], '$'],
    [['info', 'contact'], '$.info.contact'],
    [
      ['paths', '/pets/{id}', 'get', 'parameters', 0],
      "$.paths['/pets/{id}'].get.parameters[0]",
    ],
    [['x', "it's"], "$.x['it\\'s']"],
  ])('%j → %s', (path, text) => {
    expect(formatJsonPath(path as Array<string | number>)).toBe(text);
  });
});
