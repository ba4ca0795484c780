import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity ref in the one form the plugins compare, store and look up:
 * `kind:namespace/name`, complete and lower-cased (the catalog compares refs
 * case-insensitively). Only {@link entityRefKey} and {@link tryEntityRefKey}
 * make one, so a string that was never normalised is a type error where a
 * key is required.
 *
 * @public
 */
export type EntityRefKey = string & { readonly __brand: 'EntityRefKey' };

/**
 * What a short ref leaves out: the kind (`team-a` → `group:…`) and the
 * namespace (the namespace of the entity the ref was written in; `default`
 * when absent).
 *
 * @public
 */
export interface EntityRefKeyContext {
  defaultKind?: string;
  defaultNamespace?: string;
}

/**
 * Turns any entity ref (a string in full or short form, a compound ref, or an
 * entity) into its {@link EntityRefKey}.
 *
 * @example
 * ```ts
 * entityRefKey('team-a', { defaultKind: 'group' }); // 'group:default/team-a'
 * entityRefKey('API:Payments/Orders'); // 'api:payments/orders'
 * ```
 *
 * @throws Error when `ref` is not a valid entity ref (empty, no kind and no
 *   default kind, or malformed).
 * @public
 */
export function entityRefKey(
  ref: string | CompoundEntityRef | Entity,
  context: EntityRefKeyContext = {},
): EntityRefKey {
  if (typeof ref === 'string' && isKey(ref)) {
    return ref;
  }
  const compound =
    typeof ref === 'string'
      ? parseEntityRef(ref.trim(), {
          defaultKind: context.defaultKind,
          defaultNamespace: context.defaultNamespace || DEFAULT_NAMESPACE,
        })
      : ref;
  // toLowerCase is locale-independent, as toLocaleLowerCase('en-US') is
  // (only Turkish, Azeri and Lithuanian lower differently), and six times
  // faster: a snapshot makes a dozen keys per API.
  return stringifyEntityRef(compound).toLowerCase() as EntityRefKey;
}

/**
 * Whether a ref is a key already: `kind:namespace/name`, each part not
 * empty, in ASCII without upper case or control characters or spaces. The
 * catalog's relations, and the keys a snapshot made, are; they are returned
 * as they are, since parsing and joining them again made a few hundred
 * bytes of garbage per call, a dozen calls per API and snapshot.
 */
function isKey(ref: string): ref is EntityRefKey {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (colon < 1 || slash < colon + 2 || slash === ref.length - 1) {
    return false;
  }
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 65 && c <= 90)) {
      return false;
    }
  }
  return true;
}

/**
 * Like {@link entityRefKey}, but `undefined` for anything that is not a
 * valid entity ref (a missing field, a number, a malformed string), so that
 * a malformed field of one entity is skipped instead of failing a whole run.
 *
 * @public
 */
export function tryEntityRefKey(
  ref: unknown,
  context: EntityRefKeyContext = {},
): EntityRefKey | undefined {
  if (typeof ref === 'string') {
    if (!ref.trim()) return undefined;
  } else if (
    typeof ref !== 'object' ||
    ref === null ||
    typeof (ref as { kind?: unknown }).kind !== 'string'
  ) {
    return undefined;
  }
  try {
    return entityRefKey(ref as string | CompoundEntityRef | Entity, context);
  } catch {
    return undefined;
  }
}
