import { createHash } from 'node:crypto';

/**
 * The hash an API definition is known by: SHA-256, base64, of the
 * lower-case `spec.type`, NUL and `spec.definition`; undefined for a
 * definition that is not text. It keys the parsed features (in memory and
 * in the database), the definition evidence and the change history, so it
 * must not change. The parts go to the hash one by one: joined first, each
 * definition would be copied onto the heap (a copy the size of the catalog
 * per snapshot, which the young generation pays for).
 *
 * @internal
 */
export function definitionHash(
  type: string,
  definition: unknown,
): string | undefined {
  if (typeof definition !== 'string') {
    return undefined;
  }
  return createHash('sha256')
    .update(type.toLocaleLowerCase('en-US'))
    .update('\0')
    .update(definition)
    .digest('base64');
}
