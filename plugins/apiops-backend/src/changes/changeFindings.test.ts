import {
  changeFindings,
  deprecationsAt,
  isMajorVersionChange,
  sunsetFindings,
  VersionSemantics,
} from './changeFindings';
import { emptyCounts } from './diffDefinitions';
import type { DefinitionDiff } from './types';

function diffOf(options: {
  breaking?: number;
  from?: string;
  to?: string;
  removed?: string[];
}): DefinitionDiff {
  return {
    changes: [],
    changeCount: options.breaking ?? 0,
    counts: { ...emptyCounts(), breaking: options.breaking ?? 0 },
    before: { version: options.from, deprecations: [] },
    after: { version: options.to, deprecations: [] },
    removedWithoutDeprecation: options.removed ?? [],
  };
}

describe('isMajorVersionChange', () => {
  it.each<[string | undefined, string | undefined, VersionSemantics, boolean]>([
    ['1.2.0', '2.0.0', 'semver', true],
    ['1.2.0', '1.3.0', 'semver', false],
    ['1.2.0', '1.2.0', 'semver', false],
    ['v1', 'v2', 'semver', true],
    ['2.0.0', '1.9.0', 'semver', false],
    ['0.3.1', '0.4.0', 'semver', true],
    ['0.3.1', '0.3.2', 'semver', false],
    ['2024-01', '2024-06', 'semver', true],
    [undefined, undefined, 'semver', false],
    [undefined, '1.0.0', 'semver', true],
    ['1.2.0', '1.2.1', 'any-change', true],
    ['1.2.0', '1.2.0', 'any-change', false],
    ['1.2.0', '1.2.0', 'off', true],
  ])('%s → %s under %s: %s', (from, to, semantics, expected) => {
    expect(isMajorVersionChange(from, to, semantics)).toBe(expected);
  });
});

describe('changeFindings', () => {
  const ids = (diff: DefinitionDiff, semantics: VersionSemantics = 'semver') =>
    changeFindings(diff, { semantics }).map(f => `${f.ruleId} ${f.severity}`);

  it.each<[string, DefinitionDiff, VersionSemantics, string[]]>([
    ['no change of note', diffOf({}), 'semver', []],
    [
      'breaking, version kept',
      diffOf({ breaking: 2, from: '1.0.0', to: '1.0.0' }),
      'semver',
      ['breaking-change-without-major-version error'],
    ],
    [
      'breaking, minor bump',
      diffOf({ breaking: 1, from: '1.0.0', to: '1.1.0' }),
      'semver',
      ['breaking-change-without-major-version error'],
    ],
    [
      'breaking, major bump',
      diffOf({ breaking: 1, from: '1.4.0', to: '2.0.0' }),
      'semver',
      [],
    ],
    [
      'breaking, minor bump, any change counts',
      diffOf({ breaking: 1, from: '1.0.0', to: '1.1.0' }),
      'any-change',
      [],
    ],
    [
      'breaking, version kept, check off',
      diffOf({ breaking: 1, from: '1.0.0', to: '1.0.0' }),
      'off',
      [],
    ],
    [
      'an operation removed, not deprecated first',
      diffOf({ breaking: 1, from: '1', to: '2', removed: ['GET /a'] }),
      'semver',
      ['operation-removed-without-deprecation warning'],
    ],
  ])('%s', (_, diff, semantics, expected) => {
    expect(ids(diff, semantics)).toEqual(expected);
  });

  it('takes severities from the configuration, and off', () => {
    const diff = diffOf({
      breaking: 1,
      from: '1',
      to: '1',
      removed: ['GET /a'],
    });
    expect(
      changeFindings(diff, {
        semantics: 'semver',
        severities: {
          'breaking-change-without-major-version': 'warning',
          'operation-removed-without-deprecation': 'off',
        },
      }).map(f => `${f.ruleId} ${f.severity} ${f.source}`),
    ).toEqual(['breaking-change-without-major-version warning changes']);
  });

  it('names the removed operations, a few of them', () => {
    const removed = [
      'GET /a',
      'GET /b',
      'GET /c',
      'GET /d',
      'GET /e',
      'GET /f',
      'GET /g',
    ];
    const [finding] = changeFindings(
      diffOf({ breaking: 7, from: '1', to: '2', removed }),
      {
        semantics: 'semver',
      },
    );
    expect(finding.message).toBe(
      'Operation(s) removed without being deprecated first: GET /a, GET /b, GET /c, GET /d, GET /e and 2 more',
    );
  });
});

describe('sunsetFindings', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it.each<[string, Parameters<typeof sunsetFindings>[0], number, string[]]>([
    ['no deprecation', [], 3, []],
    [
      'deprecated without a date',
      [{ operation: 'GET /a', source: 'deprecated' }],
      3,
      [],
    ],
    ['sunset to come', [{ sunset: '2026-12-31', source: 'x-sunset' }], 3, []],
    [
      'sunset today (passes at the end of the day)',
      [{ sunset: '2026-12-07', source: 'x-sunset' }],
      3,
      [],
    ],
    [
      'sunset passed, no consumer',
      [{ sunset: '2026-01-31', source: 'x-sunset' }],
      0,
      [],
    ],
    [
      'the API past its sunset, consumed',
      [{ sunset: '2026-01-31', source: 'x-sunset' }],
      2,
      [
        "The API's sunset date 2026-01-31 has passed and 2 component(s) still consume it",
      ],
    ],
    [
      'an operation past its Sunset header, consumed',
      [{ operation: 'GET /a', sunset: '2026-06-30', source: 'sunset-header' }],
      1,
      [
        'The sunset date of GET /a (2026-06-30) has passed and 1 component(s) still consume the API',
      ],
    ],
  ])('%s', (_, deprecations, consumers, expected) => {
    expect(
      sunsetFindings(deprecations, consumers, now).map(f => f.message),
    ).toEqual(expected);
  });

  it('marks which dates have passed', () => {
    expect(
      deprecationsAt(
        [
          { operation: 'GET /a', sunset: '2026-01-01', source: 'x-sunset' },
          { operation: 'GET /b', source: 'deprecated' },
        ],
        now,
      ).map(d => d.pastSunset),
    ).toEqual([true, false]);
  });
});
