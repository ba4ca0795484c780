import { Entity } from '@backstage/catalog-model';

/**
 * A string field of the entity's `spec`, trimmed; `undefined` when absent,
 * blank or not a string.
 *
 * @internal
 */
export function specString(entity: Entity, key: string): string | undefined {
  const value = entity.spec?.[key];
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Lists entity refs in a message: all of them up to `max`, then how many
 * more there are.
 *
 * @internal
 */
export function listRefs(refs: ReadonlyArray<string>, max = 10): string {
  if (refs.length <= max) {
    return refs.join(', ');
  }
  return `${refs.slice(0, max).join(', ')} and ${refs.length - max} more`;
}
