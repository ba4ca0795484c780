import { apiEntity, ruleContext, runRule } from '../__fixtures__/ruleContext';
import { descriptionPresentRule } from './descriptionPresentRule';

describe('descriptionPresentRule', () => {
  it.each<[string, unknown, boolean]>([
    ['a description', 'Deposit accounts of retail customers.', false],
    ['no description', undefined, true],
    ['an empty description', '', true],
    ['a blank description', ' \n\t', true],
    ['a description that is not a string', 42, true],
  ])('%s', (_name, description, reported) => {
    const context = ruleContext({
      entity: apiEntity({
        metadata: { description: description as string | undefined },
      }),
    });
    expect(runRule(descriptionPresentRule, context)).toEqual(
      reported
        ? [
            {
              ruleId: 'description-present',
              severity: 'warning',
              message: 'The API has no description in the catalog',
              path: 'metadata.description',
              fix: 'Add metadata.description to catalog-info.yaml: one or two sentences on what the API offers and to whom.',
            },
          ]
        : [],
    );
  });
});
