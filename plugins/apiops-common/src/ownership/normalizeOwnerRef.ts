import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Normalizes a reference as the catalog reads it in a field of an entity:
 * `defaultKind` and the entity's namespace fill in what the short form leaves
 * out, and the result is lower-cased so that refs compare as the catalog
 * compares them (case-insensitively).
 *
 * @throws Error when `ref` is not a valid entity ref.
 * @internal
 */
export function normalizeEntityRef(
  ref: string,
  defaultKind: string,
  namespace: string | undefined,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: namespace || DEFAULT_NAMESPACE,
    }),
  ).toLocaleLowerCase('en-US');
}

/**
 * Like {@link normalizeEntityRef}, but `undefined` for anything that is not a
 * valid entity ref, so that a malformed field of one entity is skipped rather
 * than failing a whole index.
 *
 * @internal
 */
export function tryNormalizeEntityRef(
  ref: unknown,
  defaultKind: string,
  namespace: string | undefined,
): string | undefined {
  if (typeof ref !== 'string' || !ref.trim()) {
    return undefined;
  }
  try {
    return normalizeEntityRef(ref, defaultKind, namespace);
  } catch {
    return undefined;
  }
}

/**
 * Normalizes the owner of an entity (`spec.owner`) to a full, lower-case
 * entity ref, with Backstage's own owner semantics: the kind defaults to
 * `group` and the namespace to the namespace of the owned entity.
 *
 * @example
 * ```ts
 * normalizeOwnerRef('team-a', {}); // 'group:default/team-a'
 * normalizeOwnerRef('user:jane', {}); // 'user:default/jane'
 * normalizeOwnerRef('team-b', { namespace: 'partner' }); // 'group:partner/team-b'
 * ```
 *
 * @param owner - The owner as written, e.g. `team-a` or `user:default/jane`.
 * @param context - The namespace of the owned entity; `default` when absent.
 * @returns The full, lower-case ref.
 * @throws Error when `owner` is not a valid entity ref (e.g. empty).
 * @public
 */
export function normalizeOwnerRef(
  owner: string,
  context: { namespace?: string },
): string {
  return normalizeEntityRef(owner, 'group', context.namespace);
}
