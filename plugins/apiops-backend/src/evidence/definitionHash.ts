import { hash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import { definitionHash } from '../definitions';

/**
 * The hash of an API's definition as the snapshot's feature cache keys it
 * ({@link definitionHash}); undefined for a definition that is not text.
 * The same value as the snapshot's `definitionHashes`, so that a single
 * API's evidence is found by what the snapshot stored.
 *
 * @internal
 */
export function definitionHashOf(entity: Entity): string | undefined {
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : '';
  return definitionHash(type, entity.spec?.definition);
}

/**
 * The key a provider's evidence about a definition is kept by: SHA-256,
 * base64, of the provider's id and version, the API's variant and the
 * definition's hash, each followed by NUL but the last. The snapshot takes
 * one per API and provider, so it is one call into the hash (a third of
 * the time of one update per part).
 *
 * @internal
 */
export function evidenceKeyOf(
  provider: { id: string; version: string },
  variant: string | undefined,
  hashOfDefinition: string,
): string {
  return hash(
    'sha256',
    `${provider.id}\0${provider.version}\0${
      variant ?? ''
    }\0${hashOfDefinition}`,
    'base64',
  );
}
