import { Entity, EntityRelation } from '@backstage/catalog-model';

/** Options shared by the entity factories of the ownership tests. */
export interface FixtureOptions {
  namespace?: string;
  annotations?: Record<string, string>;
  title?: string;
  relations?: EntityRelation[];
}

function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  options: FixtureOptions = {},
): Entity {
  const defined = Object.fromEntries(
    Object.entries(spec).filter(([, value]) => value !== undefined),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.title ? { title: options.title } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec: defined as Entity['spec'],
    ...(options.relations ? { relations: options.relations } : {}),
  };
}

/** A Group entity. */
export function group(
  name: string,
  spec: {
    parent?: string;
    children?: string[];
    members?: string[];
    displayName?: string;
  } = {},
  options?: FixtureOptions,
): Entity {
  const { displayName, ...rest } = spec;
  return entity(
    'Group',
    name,
    {
      type: 'team',
      children: [],
      ...rest,
      ...(displayName ? { profile: { displayName } } : {}),
    },
    options,
  );
}

/** A User entity. */
export function user(
  name: string,
  memberOf: string[] = [],
  options?: FixtureOptions,
): Entity {
  return entity('User', name, { memberOf }, options);
}

/** A Component entity. */
export function component(
  name: string,
  owner: string | undefined,
  providesApis: string[] = [],
  options?: FixtureOptions,
): Entity {
  return entity(
    'Component',
    name,
    { type: 'service', lifecycle: 'production', owner, providesApis },
    options,
  );
}

/** An API entity. */
export function api(
  name: string,
  owner: unknown,
  options?: FixtureOptions,
): Entity {
  return entity(
    'API',
    name,
    { type: 'openapi', lifecycle: 'production', owner, definition: '{}' },
    options,
  );
}

/** An entity of any other kind, e.g. a System. */
export function other(
  kind: string,
  name: string,
  options?: FixtureOptions,
): Entity {
  return entity(kind, name, {}, options);
}
