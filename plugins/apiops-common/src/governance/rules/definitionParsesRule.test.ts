import { apiEntity, ruleContext, runRule } from '../__fixtures__/ruleContext';
import { definitionParsesRule } from './definitionParsesRule';

const YAML_PROBLEM =
  'Nested mappings are not allowed in compact mappings at line 3, column 10';

describe('definitionParsesRule', () => {
  it.each<{
    name: string;
    type?: string;
    problem?: string;
    message?: string;
    fix?: RegExp;
  }>([
    { name: 'a definition that parses', problem: undefined },
    { name: 'a blank problem', problem: ' ' },
    {
      name: 'an OpenAPI definition that does not parse',
      type: 'openapi',
      problem: YAML_PROBLEM,
      message: `The definition does not parse as openapi: ${YAML_PROBLEM}`,
      fix: /^Fix spec\.definition so that it is a valid openapi document/,
    },
    {
      name: 'a GraphQL definition that does not parse',
      type: 'graphql',
      problem: 'Syntax Error: Expected Name, found "}".',
      message:
        'The definition does not parse as graphql: Syntax Error: Expected Name, found "}".',
      fix: /a valid graphql document \(run it through a graphql validator/,
    },
    {
      name: 'an API without a type',
      type: '',
      problem: 'empty document',
      message: 'The definition does not parse as its spec.type: empty document',
      fix: /^Set spec\.type to the format of the definition/,
    },
  ])('$name', ({ type, problem, message, fix }) => {
    const context = ruleContext({
      entity: apiEntity({ spec: { type } }),
      definitionProblem: problem,
    });
    expect(runRule(definitionParsesRule, context)).toEqual(
      (message ? [message] : []).map(m => ({
        ruleId: 'definition-parses',
        severity: 'error',
        message: m,
        path: 'spec.definition',
        fix: expect.stringMatching(fix!),
      })),
    );
  });
});
