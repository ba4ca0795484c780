import { apiEntity, ruleContext, runRule } from '../__fixtures__/ruleContext';
import { knownLifecycleRule } from './knownLifecycleRule';

describe('knownLifecycleRule', () => {
  it.each<{
    name: string;
    lifecycle: unknown;
    options?: unknown;
    expected: Array<{ message: string; fix: string }>;
  }>([
    { name: 'production', lifecycle: 'production', expected: [] },
    { name: 'experimental', lifecycle: 'experimental', expected: [] },
    { name: 'deprecated', lifecycle: 'deprecated', expected: [] },
    {
      name: 'an unknown value',
      lifecycle: 'beta-ish',
      expected: [
        {
          message:
            "spec.lifecycle 'beta-ish' is not a known lifecycle (experimental, production, deprecated)",
          fix: 'Set spec.lifecycle in catalog-info.yaml to one of experimental, production, deprecated.',
        },
      ],
    },
    {
      name: 'a known value in another case',
      lifecycle: 'Production',
      expected: [
        {
          message:
            "spec.lifecycle 'Production' is not a known lifecycle (experimental, production, deprecated)",
          fix: "Set spec.lifecycle in catalog-info.yaml to 'production': lifecycle values are case-sensitive.",
        },
      ],
    },
    {
      name: 'no lifecycle',
      lifecycle: undefined,
      expected: [
        {
          message: 'The API has no spec.lifecycle',
          fix: 'Set spec.lifecycle in catalog-info.yaml to one of experimental, production, deprecated.',
        },
      ],
    },
    {
      name: 'a blank lifecycle',
      lifecycle: '  ',
      expected: [
        {
          message: 'The API has no spec.lifecycle',
          fix: expect.any(String),
        },
      ],
    },
    {
      name: 'a configured value',
      lifecycle: 'beta',
      options: { values: ['alpha', 'beta', 'ga'] },
      expected: [],
    },
    {
      name: 'a default value that the configuration leaves out',
      lifecycle: 'experimental',
      options: { values: ['alpha', 'beta', 'ga'] },
      expected: [
        {
          message:
            "spec.lifecycle 'experimental' is not a known lifecycle (alpha, beta, ga)",
          fix: 'Set spec.lifecycle in catalog-info.yaml to one of alpha, beta, ga.',
        },
      ],
    },
  ])('$name', ({ lifecycle, options, expected }) => {
    const context = ruleContext({ entity: apiEntity({ spec: { lifecycle } }) });
    expect(runRule(knownLifecycleRule, context, options)).toEqual(
      expected.map(e => ({
        ruleId: 'known-lifecycle',
        severity: 'warning',
        path: 'spec.lifecycle',
        ...e,
      })),
    );
  });

  it.each([
    [{ values: [] }, /values: must name at least one lifecycle/],
    [{ values: 'production' }, /values: must be a list of strings/],
    [{ values: ['production', ''] }, /values\[1\]: must not be blank/],
    [{ valuse: ['production'] }, /valuse/],
  ])('refuses the options %j', (options, message) => {
    expect(() => runRule(knownLifecycleRule, ruleContext(), options)).toThrow(
      message,
    );
  });
});
