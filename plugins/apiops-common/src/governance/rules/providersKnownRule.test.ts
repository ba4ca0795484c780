import type { RuleContextProvider } from '../types';
import { ruleContext, runRule } from '../__fixtures__/ruleContext';
import { providersKnownRule } from './providersKnownRule';

describe('providersKnownRule', () => {
  it.each<{
    name: string;
    providers: RuleContextProvider[];
    expected: Array<{ message: string; fix: string }>;
  }>([
    {
      name: 'one provider in the catalog',
      providers: [{ ref: 'component:default/accounts-service', exists: true }],
      expected: [],
    },
    {
      name: 'several providers in the catalog',
      providers: [
        { ref: 'component:default/a', exists: true },
        { ref: 'component:default/b', exists: true },
      ],
      expected: [],
    },
    {
      name: 'no provider',
      providers: [],
      expected: [
        {
          message: 'No component in the catalog provides the API',
          fix: "Add api:default/accounts-api to spec.providesApis of the component that implements the API (in that component's catalog-info.yaml), and register the component if it is not in the catalog.",
        },
      ],
    },
    {
      name: 'one provider of two not in the catalog',
      providers: [
        { ref: 'component:default/a', exists: true },
        { ref: 'component:default/gone', exists: false },
      ],
      expected: [
        {
          message:
            'The providing component component:default/gone is not in the catalog',
          fix: 'Register component:default/gone in the catalog, or correct the reference to it in spec.providesApis if the API is provided by another component.',
        },
      ],
    },
    {
      name: 'two providers not in the catalog',
      providers: [
        { ref: 'component:default/gone', exists: false },
        { ref: 'component:default/lost', exists: false },
      ],
      expected: [
        {
          message:
            'The providing component component:default/gone is not in the catalog',
          fix: expect.any(String),
        },
        {
          message:
            'The providing component component:default/lost is not in the catalog',
          fix: expect.any(String),
        },
      ],
    },
  ])('$name', ({ providers, expected }) => {
    expect(runRule(providersKnownRule, ruleContext({ providers }))).toEqual(
      expected.map(e => ({
        ruleId: 'providers-known',
        severity: 'warning',
        ...e,
      })),
    );
  });
});
