import { apiEntity, ruleContext, runRule } from '../__fixtures__/ruleContext';
import { systemPresentRule } from './systemPresentRule';

describe('systemPresentRule', () => {
  it.each<[string, unknown, boolean]>([
    ['a short system ref', 'core-accounts', false],
    ['a full system ref', 'system:default/partner-portal', false],
    ['no system', undefined, true],
    ['a blank system', '   ', true],
    ['a system that is not a string', ['core-accounts'], true],
  ])('%s', (_name, system, reported) => {
    const context = ruleContext({ entity: apiEntity({ spec: { system } }) });
    expect(runRule(systemPresentRule, context)).toEqual(
      reported
        ? [
            {
              ruleId: 'system-present',
              severity: 'warning',
              message: 'The API does not belong to any system',
              path: 'spec.system',
              fix: 'Set spec.system in catalog-info.yaml to the system the API belongs to (e.g. system:default/payments-hub).',
            },
          ]
        : [],
    );
  });
});
