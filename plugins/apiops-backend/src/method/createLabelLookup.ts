import { LabelCategory, LocaleLabels } from './loadMethodData';

/**
 * Finds the text of a label key in the given label files, in order.
 * Returns `undefined` when no file has a text for the key.
 *
 * @internal
 */
export type LabelLookup = (
  key: string | undefined,
  categories: readonly LabelCategory[],
) => string | undefined;

function textOf(
  labels: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  return labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/**
 * A label lookup for one locale that falls back to English key by key, the
 * way the method engine resolves labels: within each label file the locale's
 * text wins over the English one, and the files are searched in the order
 * asked for. Empty texts count as missing.
 *
 * @internal
 */
export function createLabelLookup(
  localized: Partial<LocaleLabels>,
  english: Partial<LocaleLabels>,
): LabelLookup {
  return (key, categories) => {
    if (!key) {
      return undefined;
    }
    for (const category of categories) {
      const text =
        textOf(localized[category], key) || textOf(english[category], key);
      if (text) {
        return text;
      }
    }
    return undefined;
  };
}

/**
 * A readable stand-in for a text the data does not have: the id with
 * dashes as spaces, capitalized, `api` spelled `API`
 * (`api-product-strategy` → `API product strategy`).
 *
 * @internal
 */
export function humanizeId(id: string): string {
  const words = id
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map(word => (word.toLocaleLowerCase('en-US') === 'api' ? 'API' : word));
  const text = words.join(' ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}
