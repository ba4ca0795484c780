import { Entity } from '@backstage/catalog-model';
import { parseDefinition } from '../definitions';

/**
 * Whether an API's `spec.definition` parses for its `spec.type` (see
 * {@link parseDefinition}): the governance rule's check, in the parsers' own
 * precise words. Returns what is wrong, or undefined when it parses. Never
 * throws, never fetches anything (remote `$ref`s are not followed).
 *
 * @internal
 */
export function checkDefinition(entity: Entity): string | undefined {
  const parsed = parseDefinition(
    String(entity.spec?.type ?? ''),
    entity.spec?.definition,
    { mode: 'precise' },
  );
  return parsed.ok ? undefined : parsed.problem;
}
