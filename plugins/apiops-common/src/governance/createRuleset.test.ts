import { z } from 'zod';
import { ruleContext } from './__fixtures__/ruleContext';
import { createGovernanceRule } from './createGovernanceRule';
import { createRuleset } from './createRuleset';
import { GovernanceConfigError } from './GovernanceConfigError';
import type { GovernanceRule, GovernanceRulesetConfig } from './types';

const always = (
  id: string,
  severity: GovernanceRule['severity'] = 'warning',
): GovernanceRule => ({
  id,
  title: `Rule ${id}`,
  severity,
  check: () => [{ message: `${id} found`, path: 'spec', fix: `fix ${id}` }],
});

const withOptions = createGovernanceRule({
  id: 'min-length',
  title: 'Names are long enough',
  severity: 'warning',
  optionsSchema: z
    .object({
      min: z.number().int().min(1).default(3),
      label: z.string().default('name'),
    })
    .strict(),
  check: ({ entity }, { min, label }) =>
    entity.metadata.name.length < min
      ? [{ message: `${label} shorter than ${min}` }]
      : [],
});

const context = ruleContext();

describe('createRuleset', () => {
  describe('evaluate', () => {
    it('runs the rules in order, adding rule id and severity', () => {
      const ruleset = createRuleset([always('a'), always('b', 'error')]);
      expect(ruleset.evaluate(context)).toEqual([
        {
          ruleId: 'a',
          severity: 'warning',
          message: 'a found',
          path: 'spec',
          fix: 'fix a',
        },
        {
          ruleId: 'b',
          severity: 'error',
          message: 'b found',
          path: 'spec',
          fix: 'fix b',
        },
      ]);
    });

    it('leaves out path and fix when the rule gives none', () => {
      const ruleset = createRuleset([
        { ...always('a'), check: () => [{ message: 'bare' }] },
      ]);
      expect(ruleset.evaluate(context)).toStrictEqual([
        { ruleId: 'a', severity: 'warning', message: 'bare' },
      ]);
    });

    it("takes a result's own severity over the rule's", () => {
      const ruleset = createRuleset([
        {
          ...always('a'),
          check: () => [
            { message: 'x', severity: 'info' },
            { message: 'y' },
            { message: 'z', severity: 'nonsense' as never },
          ],
        },
      ]);
      expect(ruleset.evaluate(context).map(f => f.severity)).toEqual([
        'info',
        'warning',
        'warning',
      ]);
    });

    it('skips rules that do not apply to the entity', () => {
      const ruleset = createRuleset([
        { ...always('a'), appliesTo: e => e.spec?.type === 'graphql' },
        { ...always('b'), appliesTo: e => e.spec?.type === 'openapi' },
      ]);
      expect(ruleset.evaluate(context).map(f => f.ruleId)).toEqual(['b']);
    });

    it('turns a rule that throws into an error finding and runs the others', () => {
      const ruleset = createRuleset([
        always('a', 'info'),
        {
          ...always('broken', 'info'),
          check: () => {
            throw new TypeError(
              "Cannot read properties of undefined (reading 'x')",
            );
          },
        },
        always('c', 'info'),
      ]);
      expect(ruleset.evaluate(context)).toEqual([
        expect.objectContaining({ ruleId: 'a' }),
        {
          ruleId: 'broken',
          severity: 'error',
          message:
            "rule broken failed: Cannot read properties of undefined (reading 'x')",
          fix: expect.stringContaining('defect of the rule, not of the API'),
        },
        expect.objectContaining({ ruleId: 'c' }),
      ]);
    });

    const throwing = (thrown: () => unknown): Partial<GovernanceRule> => ({
      check: thrown as GovernanceRule['check'],
    });

    it.each<[string, Partial<GovernanceRule>, string]>([
      [
        'a string',
        throwing(() => {
          // eslint-disable-next-line no-throw-literal
          throw 'boom';
        }),
        'rule broken failed: boom',
      ],
      [
        'an error without a message',
        throwing(() => {
          throw new RangeError();
        }),
        'rule broken failed: RangeError',
      ],
      [
        'a huge message',
        throwing(() => {
          throw new Error('x'.repeat(10_000));
        }),
        `rule broken failed: ${'x'.repeat(500)}…`,
      ],
      [
        'something that cannot be printed',
        throwing(() => {
          throw Object.create(null);
        }),
        'rule broken failed: an error that cannot be shown',
      ],
      [
        'in appliesTo',
        {
          appliesTo: () => {
            throw new Error('appliesTo exploded');
          },
        },
        'rule broken failed: appliesTo exploded',
      ],
    ])('reports a rule that throws %s', (_name, override, message) => {
      const rule: GovernanceRule = { ...always('broken'), ...override };
      const [finding] = createRuleset([rule]).evaluate(context);
      expect(finding).toMatchObject({
        ruleId: 'broken',
        severity: 'error',
        message,
      });
    });

    it.each<[string, unknown, string]>([
      [
        'no array',
        undefined,
        'rule broken failed: its check did not return an array',
      ],
      [
        'a result without a message',
        [{ path: 'spec' }],
        'rule broken failed: its check returned a result without a message',
      ],
      [
        'a null result',
        [null],
        'rule broken failed: its check returned a result without a message',
      ],
    ])('reports a rule that returns %s', (_name, returned, message) => {
      const ruleset = createRuleset([
        { ...always('broken'), check: () => returned as never },
      ]);
      expect(ruleset.evaluate(context)).toEqual([
        expect.objectContaining({
          ruleId: 'broken',
          severity: 'error',
          message,
        }),
      ]);
    });

    it('can be called detached from the ruleset', () => {
      const { evaluate } = createRuleset([always('a')]);
      expect(evaluate(context)).toHaveLength(1);
    });
  });

  describe('configuration', () => {
    it('applies a severity override to every finding of the rule', () => {
      const ruleset = createRuleset(
        [
          {
            ...always('a'),
            check: () => [
              { message: 'x', severity: 'info' },
              { message: 'y', severity: 'error' },
              { message: 'z' },
            ],
          },
          always('b'),
        ],
        { rules: { a: { severity: 'error' } } },
      );
      expect(
        ruleset.evaluate(context).map(f => [f.ruleId, f.severity]),
      ).toEqual([
        ['a', 'error'],
        ['a', 'error'],
        ['a', 'error'],
        ['b', 'warning'],
      ]);
    });

    it('does not run disabled rules', () => {
      const check = jest.fn(() => []);
      const ruleset = createRuleset([{ ...always('a'), check }, always('b')], {
        rules: { a: { enabled: false } },
      });
      expect(ruleset.evaluate(context).map(f => f.ruleId)).toEqual(['b']);
      expect(check).not.toHaveBeenCalled();
    });

    it('describes its rules as configured', () => {
      const ruleset = createRuleset([always('a'), always('b'), withOptions], {
        rules: {
          a: { enabled: false },
          b: { severity: 'info', enabled: true },
          'min-length': { options: { min: 5 } },
        },
      });
      expect(ruleset.rules).toEqual([
        {
          id: 'a',
          title: 'Rule a',
          severity: 'warning',
          severityOverridden: false,
          enabled: false,
          options: undefined,
        },
        {
          id: 'b',
          title: 'Rule b',
          severity: 'info',
          severityOverridden: true,
          enabled: true,
          options: undefined,
        },
        {
          id: 'min-length',
          title: 'Names are long enough',
          severity: 'warning',
          severityOverridden: false,
          enabled: true,
          options: { min: 5, label: 'name' },
        },
      ]);
    });

    it('passes the parsed options, defaults filled in, to the check', () => {
      const entity = { ...context.entity, metadata: { name: 'abcd' } };
      const run = (config?: GovernanceRulesetConfig) =>
        createRuleset([withOptions], config).evaluate({ ...context, entity });
      expect(run()).toEqual([]);
      expect(
        run({ rules: { 'min-length': { options: { min: 10 } } } }),
      ).toEqual([
        {
          ruleId: 'min-length',
          severity: 'warning',
          message: 'name shorter than 10',
        },
      ]);
    });

    it('parses options once, when the ruleset is created', () => {
      const safeParse = jest.fn((input: unknown) => ({
        success: true as const,
        data: input,
      }));
      const check = jest.fn(() => []);
      const ruleset = createRuleset([
        { ...always('a'), optionsSchema: { safeParse }, check },
      ]);
      for (let i = 0; i < 1000; i++) {
        ruleset.evaluate(context);
      }
      expect(safeParse).toHaveBeenCalledTimes(1);
      expect(safeParse).toHaveBeenCalledWith({});
      expect(check).toHaveBeenCalledTimes(1000);
      expect(check.mock.calls[999]).toEqual([context, {}]);
    });

    it.each<[string, unknown, string]>([
      [
        'an unknown rule id',
        { rules: { 'no-such-rule': { enabled: false } } },
        "Unknown governance rule 'no-such-rule' in the configuration; the known rules are a, min-length",
      ],
      [
        'a bad severity',
        { rules: { a: { severity: 'critical' } } },
        "Invalid configuration of governance rule 'a': severity: must be one of error, warning, info",
      ],
      [
        'a bad enabled',
        { rules: { a: { enabled: 'no' } } },
        "Invalid configuration of governance rule 'a': enabled: must be true or false",
      ],
      [
        'a misspelt setting',
        { rules: { a: { severty: 'error' } } },
        "Invalid configuration of governance rule 'a': Unrecognized key(s) in object: 'severty'",
      ],
      [
        'a rule entry that is not an object',
        { rules: { a: 'off' } },
        "Invalid configuration of governance rule 'a': must be an object",
      ],
      [
        'rules that are not an object',
        { rules: ['a'] },
        'Invalid governance configuration: rules: must be an object',
      ],
      [
        'options of a rule that takes none',
        { rules: { a: { options: { x: 1 } } } },
        "Governance rule 'a' takes no options",
      ],
      [
        'a bad option',
        { rules: { 'min-length': { options: { min: 0 } } } },
        "Invalid options of governance rule 'min-length': min: Number must be greater than or equal to 1",
      ],
      [
        'an unknown option',
        { rules: { 'min-length': { options: { max: 3 } } } },
        "Invalid options of governance rule 'min-length': Unrecognized key(s) in object: 'max'",
      ],
      [
        'options that are not an object',
        { rules: { 'min-length': { options: 3 } } },
        "Invalid options of governance rule 'min-length': Expected object, received number",
      ],
    ])('refuses %s, naming the rule', (_name, config, message) => {
      let thrown: unknown;
      try {
        createRuleset([always('a'), withOptions], config as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GovernanceConfigError);
      expect((thrown as Error).message).toBe(message);
    });

    it('names the rule at fault in the error', () => {
      expect(() =>
        createRuleset([withOptions], {
          rules: { 'min-length': { options: { min: 'x' } } },
        }),
      ).toThrow(expect.objectContaining({ ruleId: 'min-length' }));
    });

    it('validates options of disabled rules too', () => {
      expect(() =>
        createRuleset([withOptions], {
          rules: { 'min-length': { enabled: false, options: { min: 0 } } },
        }),
      ).toThrow(GovernanceConfigError);
    });

    it('reports an options schema that throws as a configuration error', () => {
      const rule: GovernanceRule = {
        ...always('a'),
        optionsSchema: {
          safeParse: () => {
            throw new Error('schema bug');
          },
        },
      };
      expect(() => createRuleset([rule])).toThrow(
        "The options schema of governance rule 'a' failed: schema bug",
      );
    });

    it.each<[string, unknown[], string]>([
      [
        'two rules with one id',
        [always('a'), always('a')],
        "Governance rule 'a' is defined twice",
      ],
      [
        'a rule without an id',
        [{ ...always('a'), id: '' }],
        'Governance rule #1 has no id',
      ],
      [
        'a rule without a check',
        [always('a'), { ...always('b'), check: undefined }],
        "Governance rule 'b' has no check function",
      ],
      [
        'a rule with a bad severity',
        [{ ...always('a'), severity: 'fatal' }],
        "Governance rule 'a' has the severity 'fatal'; it must be one of error, warning, info",
      ],
    ])('refuses %s', (_name, rules, message) => {
      expect(() => createRuleset(rules as GovernanceRule[])).toThrow(message);
    });
  });

  describe('extend', () => {
    const base = createRuleset([always('a'), withOptions], {
      rules: {
        a: { severity: 'info' },
        'min-length': { options: { min: 5, label: 'title' } },
      },
    });

    it('adds rules, which run after the existing ones', () => {
      const extended = base.extend({ rules: [always('b')] });
      expect(extended.rules.map(r => r.id)).toEqual(['a', 'min-length', 'b']);
      expect(extended.evaluate(context).map(f => f.ruleId)).toEqual(['a', 'b']);
    });

    it('layers configuration: settings replace, options merge', () => {
      const extended = base.extend({
        config: {
          rules: {
            a: { enabled: false },
            'min-length': { severity: 'error', options: { min: 50 } },
          },
        },
      });
      expect(extended.rules).toEqual([
        expect.objectContaining({ id: 'a', enabled: false, severity: 'info' }),
        expect.objectContaining({
          id: 'min-length',
          severity: 'error',
          options: { min: 50, label: 'title' },
        }),
      ]);
      expect(extended.evaluate(context)).toEqual([
        {
          ruleId: 'min-length',
          severity: 'error',
          message: 'title shorter than 50',
        },
      ]);
    });

    it('can configure the rules it adds', () => {
      const extended = base.extend({
        rules: [always('b')],
        config: { rules: { b: { severity: 'error' } } },
      });
      expect(
        extended.evaluate(context).map(f => [f.ruleId, f.severity]),
      ).toEqual([
        ['a', 'info'],
        ['b', 'error'],
      ]);
    });

    it('leaves the original ruleset as it was', () => {
      base.extend({
        rules: [always('b')],
        config: { rules: { a: { enabled: false } } },
      });
      expect(base.rules.map(r => [r.id, r.enabled])).toEqual([
        ['a', true],
        ['min-length', true],
      ]);
    });

    it('validates like createRuleset', () => {
      expect(() => base.extend({ rules: [always('a')] })).toThrow(
        "Governance rule 'a' is defined twice",
      );
      expect(() =>
        base.extend({ config: { rules: { zzz: { enabled: false } } } }),
      ).toThrow(/Unknown governance rule 'zzz'/);
      expect(() =>
        base.extend({
          config: { rules: { 'min-length': { options: { min: -1 } } } },
        }),
      ).toThrow(/Invalid options of governance rule 'min-length': min:/);
    });
  });
});
