import { InputError } from '@backstage/errors';
import {
  EntityRefKey,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';

const NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i;

/** The parts of an entity ref as they come from a REST path. */
export interface EntityPathParts {
  kind?: string;
  namespace: string;
  name: string;
}

/**
 * The key of an API entity, from an entity ref (`api:default/x`,
 * `default/x` or `x`, as MCP tools take it) or from the parts of a REST path.
 * Throws an InputError naming the field at fault; only API entities have a
 * lifecycle here.
 *
 * @internal
 */
export function apiEntityKey(ref: string | EntityPathParts): EntityRefKey {
  if (typeof ref === 'string') {
    const key = refKey(ref, 'api', 'entityRef');
    if (!key.startsWith('api:')) {
      throw new InputError(
        `entityRef: '${ref}' is not an API; APIOps statuses are kept for entities of kind API`,
      );
    }
    return key;
  }
  const kind = ref.kind ?? '';
  if (kind.toLocaleLowerCase('en-US') !== 'api') {
    throw new InputError(
      `kind: '${kind}' is not supported; APIOps lifecycles are kept for entities of kind API`,
    );
  }
  return partsKey({ ...ref, kind: 'api' });
}

/**
 * The key of a group, from an entity ref (`group:default/x` or `x`) or from
 * the namespace and name of a REST path.
 *
 * @internal
 */
export function groupEntityKey(
  ref: string | EntityPathParts,
  field = 'team',
): EntityRefKey {
  return typeof ref === 'string'
    ? refKey(ref, 'group', field)
    : partsKey({ ...ref, kind: 'group' });
}

/**
 * The key of an optional filter (owner, system) of a report query: short refs
 * take the default kind and the default namespace.
 *
 * @internal
 */
export function optionalRefKey(
  value: string | undefined,
  defaultKind: string,
  field: string,
): EntityRefKey | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!value || value.length > 255) {
    throw new InputError(`${field}: must be an entity ref`);
  }
  return refKey(value, defaultKind, field);
}

/**
 * C0 controls and DEL: never in an entity ref (names, namespaces and kinds
 * are letters, digits and `-_.`), and PostgreSQL cannot compare text with
 * a NUL in it (a 500 before, found by the property tests).
 */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function refKey(
  value: string,
  defaultKind: string,
  field: string,
): EntityRefKey {
  if (hasControl(value)) {
    throw new InputError(
      `${field}: ${JSON.stringify(value)} is not an entity ref`,
    );
  }
  try {
    return entityRefKey(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    throw new InputError(`${field}: '${value}' is not an entity ref`);
  }
}

function partsKey(parts: Required<EntityPathParts>): EntityRefKey {
  if (!NAME.test(parts.namespace)) {
    throw new InputError(
      `namespace: '${parts.namespace}' is not a valid namespace`,
    );
  }
  if (!NAME.test(parts.name)) {
    throw new InputError(`name: '${parts.name}' is not a valid entity name`);
  }
  return entityRefKey({
    kind: parts.kind,
    namespace: parts.namespace,
    name: parts.name,
  });
}
