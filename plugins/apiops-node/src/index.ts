/**
 * Extension points of the APIOps backend plugin.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './evidence';
