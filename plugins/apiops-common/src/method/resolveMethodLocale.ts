import { DEFAULT_METHOD_LOCALE, METHOD_LOCALES, MethodLocale } from './types';

/**
 * Whether a value is one of the locales of the method data.
 *
 * @public
 */
export function isMethodLocale(value: unknown): value is MethodLocale {
  return (METHOD_LOCALES as readonly unknown[]).includes(value);
}

/**
 * The method locale to show for a requested language: the language of a
 * BCP 47 tag (`fi-FI` and `FI` give `fi`), or English when the method has no
 * texts in that language or none is given.
 *
 * @public
 */
export function resolveMethodLocale(requested?: string): MethodLocale {
  const language = requested
    ?.trim()
    .split(/[-_]/)[0]
    .toLocaleLowerCase('en-US');
  return isMethodLocale(language) ? language : DEFAULT_METHOD_LOCALE;
}
