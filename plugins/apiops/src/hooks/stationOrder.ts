import { UNASSESSED_STATION } from '@apiops-backstage/plugin-apiops-common';

const SMALL_WORDS = new Set(['and', 'or', 'of', 'the', 'to', 'for']);

/**
 * A readable label for a kebab-case station id, for when the method's own
 * title is not at hand: `api-design` → `API Design`.
 */
export function humanizeStationId(id: string): string {
  return id
    .split('-')
    .filter(Boolean)
    .map((word, index) => {
      if (word === 'api' || word === 'apis') {
        return word.toLocaleUpperCase('en-US').replace('APIS', 'APIs');
      }
      if (index > 0 && SMALL_WORDS.has(word)) {
        return word;
      }
      return word.charAt(0).toLocaleUpperCase('en-US') + word.slice(1);
    })
    .join(' ');
}

/**
 * Sorts station ids in cycle order: the stations of `order` (the method's,
 * from `GET /method`) first, in that order, then any other station by id, and `unassessed` last.
 */
export function sortStationIds(
  ids: Iterable<string>,
  order: readonly string[],
): string[] {
  const rank = (id: string) => {
    if (id === UNASSESSED_STATION) {
      return Number.MAX_SAFE_INTEGER;
    }
    const index = order.indexOf(id);
    return index === -1 ? order.length : index;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
