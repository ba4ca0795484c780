import type { GovernanceRule } from '../types';

/**
 * `description-present`: the API entity has a `metadata.description`.
 *
 * @public
 */
export const descriptionPresentRule: GovernanceRule = {
  id: 'description-present',
  title: 'The API has a description',
  description:
    "Checks that the API entity has a non-blank metadata.description, which the catalog shows in search and lists. A description inside the API's definition does not count: the catalog does not show it.",
  severity: 'warning',
  check({ entity }) {
    const description = entity.metadata.description;
    if (typeof description === 'string' && description.trim() !== '') {
      return [];
    }
    return [
      {
        message: 'The API has no description in the catalog',
        path: 'metadata.description',
        fix: 'Add metadata.description to catalog-info.yaml: one or two sentences on what the API offers and to whom.',
      },
    ];
  },
};
