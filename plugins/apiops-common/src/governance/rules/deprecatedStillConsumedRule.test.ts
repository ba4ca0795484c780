import { apiEntity, ruleContext, runRule } from '../__fixtures__/ruleContext';
import { deprecatedStillConsumedRule } from './deprecatedStillConsumedRule';

const many = Array.from(
  { length: 12 },
  (_, i) => `component:default/consumer-${i + 1}`,
);

describe('deprecatedStillConsumedRule', () => {
  it.each<{
    name: string;
    lifecycle?: string;
    consumers: string[];
    options?: unknown;
    message?: string;
  }>([
    {
      name: 'deprecated, one consumer',
      lifecycle: 'deprecated',
      consumers: ['component:default/kestrel-web-banking'],
      message:
        'The API is deprecated but still consumed by component:default/kestrel-web-banking',
    },
    {
      name: 'deprecated, two consumers',
      lifecycle: 'deprecated',
      consumers: ['component:default/a', 'component:default/b'],
      message:
        'The API is deprecated but still consumed by 2 components: component:default/a, component:default/b',
    },
    {
      name: 'deprecated, more consumers than a message lists',
      lifecycle: 'deprecated',
      consumers: many,
      message: `The API is deprecated but still consumed by 12 components: ${many
        .slice(0, 10)
        .join(', ')} and 2 more`,
    },
    {
      name: 'deprecated, no consumers',
      lifecycle: 'deprecated',
      consumers: [],
    },
    {
      name: 'production, consumed',
      lifecycle: 'production',
      consumers: ['component:default/a'],
    },
    { name: 'no lifecycle, consumed', consumers: ['component:default/a'] },
    {
      name: 'a configured deprecated lifecycle',
      lifecycle: 'sunset',
      consumers: ['component:default/a'],
      options: { lifecycles: ['deprecated', 'sunset'] },
      message: 'The API is sunset but still consumed by component:default/a',
    },
  ])('$name', ({ lifecycle, consumers, options, message }) => {
    const context = ruleContext({
      entity: apiEntity({ spec: { lifecycle } }),
      consumers,
    });
    expect(runRule(deprecatedStillConsumedRule, context, options)).toEqual(
      message
        ? [
            {
              ruleId: 'deprecated-still-consumed',
              severity: 'warning',
              message,
              path: 'spec.lifecycle',
              fix: 'Move the consumers to the successor of the API and remove the API from their spec.consumesApis; retire the API once nothing consumes it.',
            },
          ]
        : [],
    );
  });

  it('refuses an empty list of lifecycles', () => {
    expect(() =>
      runRule(deprecatedStillConsumedRule, ruleContext(), { lifecycles: [] }),
    ).toThrow(
      "Invalid options of governance rule 'deprecated-still-consumed': lifecycles: must name at least one lifecycle",
    );
  });
});
