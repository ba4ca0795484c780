import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';

/**
 * The hash of an API's definition as the snapshot's feature cache keys it
 * (SHA-256, base64, of the lower-case `spec.type`, NUL, `spec.definition`);
 * undefined for a definition that is not text. The same value as the
 * snapshot's `definitionHashes` (tested), so that a single API's evidence
 * is found by what the snapshot stored.
 *
 * @internal
 */
export function definitionHashOf(entity: Entity): string | undefined {
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : '';
  const definition = entity.spec?.definition;
  if (typeof definition !== 'string') {
    return undefined;
  }
  return createHash('sha256')
    .update(type.toLocaleLowerCase('en-US'))
    .update('\0')
    .update(definition)
    .digest('base64');
}

/**
 * The key a provider's evidence about a definition is kept by: SHA-256,
 * base64, of the provider's id and version, the API's variant and the
 * definition's hash.
 *
 * @internal
 */
export function evidenceKeyOf(
  provider: { id: string; version: string },
  variant: string | undefined,
  definitionHash: string,
): string {
  return createHash('sha256')
    .update(provider.id)
    .update('\0')
    .update(provider.version)
    .update('\0')
    .update(variant ?? '')
    .update('\0')
    .update(definitionHash)
    .digest('base64');
}
