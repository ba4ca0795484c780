import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import { EntityRefKey, relationKeys, tryEntityRefKey } from '../refs';
import { OwnershipIndexEntry } from './types';

/**
 * The annotation the catalog sets on an entity whose location no longer
 * emits it.
 */
const ORPHAN_ANNOTATION = 'backstage.io/orphan';

/**
 * Collects entities one at a time (e.g. from a catalog stream) into an
 * {@link OwnershipIndex}. It keeps only the few fields it needs, never the
 * entities themselves.
 *
 * @public
 */
export interface OwnershipIndexBuilder {
  /**
   * Adds one entity. Groups, users and components are indexed; API entities
   * are ignored (an API cannot own anything; {@link evaluateOwnership} reads
   * each API itself); entities of other kinds are recorded as possible owners.
   */
  add(entity: Entity): OwnershipIndexBuilder;
  /** Returns the index. The builder cannot be added to afterwards. */
  build(): OwnershipIndex;
}

/** The index's data, filled by a builder. Keys are lower-case entity refs. */
interface OwnershipData {
  /** Every indexed entity that could own something. */
  entries: Map<EntityRefKey, OwnershipIndexEntry>;
  /** Group → its child groups. */
  children: Map<EntityRefKey, Set<EntityRefKey>>;
  /** Group → users declared as its direct members (known or not). */
  members: Map<EntityRefKey, Set<EntityRefKey>>;
  /** Component → its owner. */
  owners: Map<EntityRefKey, EntityRefKey>;
  /** API → the components that declare they provide it. */
  providers: Map<EntityRefKey, Set<EntityRefKey>>;
}

function addToSetMap(
  map: Map<EntityRefKey, Set<EntityRefKey>>,
  key: EntityRefKey,
  value: EntityRefKey,
) {
  const set = map.get(key);
  if (set) {
    set.add(value);
  } else {
    map.set(key, new Set([value]));
  }
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function kindOf(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}

function entityTitle(entity: Entity, kind: string): string | undefined {
  if (kind === 'group' || kind === 'user') {
    const profile = entity.spec?.profile;
    if (profile && typeof profile === 'object' && !Array.isArray(profile)) {
      const displayName = profile.displayName;
      if (typeof displayName === 'string' && displayName) {
        return displayName;
      }
    }
  }
  return entity.metadata.title || undefined;
}

function addEntity(data: OwnershipData, entity: Entity) {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'api') {
    return;
  }
  const namespace = entity.metadata.namespace;
  const ref = tryEntityRefKey(entity.metadata.name, {
    defaultKind: kind,
    defaultNamespace: namespace,
  });
  if (!ref) {
    return;
  }
  data.entries.set(ref, {
    ref,
    kind,
    title: entityTitle(entity, kind),
    orphaned: entity.metadata.annotations?.[ORPHAN_ANNOTATION] === 'true',
  });
  const spec = entity.spec ?? {};

  if (kind === 'group') {
    const parents = relationKeys(entity, RELATION_CHILD_OF);
    const parent = tryEntityRefKey(spec.parent, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
    if (parent) {
      parents.push(parent);
    }
    for (const parentRef of parents) {
      if (kindOf(parentRef) === 'group') {
        addToSetMap(data.children, parentRef, ref);
      }
    }
    const children = relationKeys(entity, RELATION_PARENT_OF);
    for (const child of stringList(spec.children)) {
      const childRef = tryEntityRefKey(child, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      });
      if (childRef) {
        children.push(childRef);
      }
    }
    for (const childRef of children) {
      if (kindOf(childRef) === 'group') {
        addToSetMap(data.children, ref, childRef);
      }
    }
    const members = relationKeys(entity, RELATION_HAS_MEMBER);
    for (const member of stringList(spec.members)) {
      const memberRef = tryEntityRefKey(member, {
        defaultKind: 'user',
        defaultNamespace: namespace,
      });
      if (memberRef) {
        members.push(memberRef);
      }
    }
    for (const memberRef of members) {
      addToSetMap(data.members, ref, memberRef);
    }
  } else if (kind === 'user') {
    const groups = relationKeys(entity, RELATION_MEMBER_OF);
    for (const group of stringList(spec.memberOf)) {
      const groupRef = tryEntityRefKey(group, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      });
      if (groupRef) {
        groups.push(groupRef);
      }
    }
    for (const groupRef of groups) {
      if (kindOf(groupRef) === 'group') {
        addToSetMap(data.members, groupRef, ref);
      }
    }
  } else if (kind === 'component') {
    const owner =
      tryEntityRefKey(spec.owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }) ?? relationKeys(entity, RELATION_OWNED_BY)[0];
    if (owner) {
      data.owners.set(ref, owner);
    }
    const apis = relationKeys(entity, RELATION_PROVIDES_API);
    for (const api of stringList(spec.providesApis)) {
      const apiRef = tryEntityRefKey(api, {
        defaultKind: 'api',
        defaultNamespace: namespace,
      });
      if (apiRef) {
        apis.push(apiRef);
      }
    }
    for (const apiRef of apis) {
      addToSetMap(data.providers, apiRef, ref);
    }
  }
}

/**
 * What the catalog says about the owners of APIs: which entities exist and
 * whether they are orphaned, the group hierarchy and memberships, and the
 * owners of the components providing each API.
 *
 * Built in one pass over the catalog (O(n) in the number of entities), from
 * spec fields (`spec.parent`, `spec.children`, `spec.members`,
 * `spec.memberOf`, `spec.owner`, `spec.providesApis`) and, where the entities
 * carry them, from their relations (`childOf`, `parentOf`, `hasMember`,
 * `memberOf`, `ownedBy`, `providesApi`), so raw YAML and entities from the
 * catalog give the same index. Lookups are O(1); the member count of a group
 * is computed on first use, once per group.
 *
 * @public
 */
export class OwnershipIndex {
  readonly #data: OwnershipData;
  readonly #memberCounts = new Map<EntityRefKey, number>();
  #parents?: Map<EntityRefKey, EntityRefKey[]>;

  /**
   * A builder to feed entities one at a time, e.g. from a catalog stream.
   */
  static builder(): OwnershipIndexBuilder {
    let data: OwnershipData | undefined = {
      entries: new Map(),
      children: new Map(),
      members: new Map(),
      owners: new Map(),
      providers: new Map(),
    };
    const builder: OwnershipIndexBuilder = {
      add(entity) {
        if (!data) {
          throw new Error('Cannot add to an ownership index after build()');
        }
        addEntity(data, entity);
        return builder;
      },
      build() {
        if (!data) {
          throw new Error('The ownership index has already been built');
        }
        const index = new OwnershipIndex(data);
        data = undefined;
        return index;
      },
    };
    return builder;
  }

  /**
   * An index of the given entities (groups, users, components and any other
   * possible owners; APIs are ignored).
   */
  static fromEntities(entities: Iterable<Entity>): OwnershipIndex {
    const builder = OwnershipIndex.builder();
    for (const entity of entities) {
      builder.add(entity);
    }
    return builder.build();
  }

  private constructor(data: OwnershipData) {
    this.#data = data;
  }

  /**
   * The indexed entity with this ref (full ref, case-insensitive), if any.
   */
  getEntry(ref: EntityRefKey): OwnershipIndexEntry | undefined {
    return this.#data.entries.get(ref);
  }

  /**
   * The number of distinct users (known to the index) who are members of the
   * group or of any of its descendant groups; 0 for an unknown group. Safe
   * with cycles in the hierarchy; computed once per group.
   *
   * @param groupRef - The full ref of the group (its key).
   */
  getMemberCount(groupRef: EntityRefKey): number {
    const root = groupRef;
    const known = this.#memberCounts.get(root);
    if (known !== undefined) {
      return known;
    }
    const { entries, children, members } = this.#data;
    if (entries.get(root)?.kind !== 'group') {
      return 0;
    }
    const users = new Set<EntityRefKey>();
    const visited = new Set<EntityRefKey>([root]);
    const stack = [root];
    while (stack.length > 0) {
      const group = stack.pop()!;
      for (const member of members.get(group) ?? []) {
        if (entries.get(member)?.kind === 'user') {
          users.add(member);
        }
      }
      for (const child of children.get(group) ?? []) {
        if (!visited.has(child)) {
          visited.add(child);
          stack.push(child);
        }
      }
    }
    this.#memberCounts.set(root, users.size);
    return users.size;
  }

  /**
   * The group and every group above it (parents, their parents, ...), as
   * lower-case refs, the group first; cycle-safe. Empty for a ref that is not
   * an indexed group.
   *
   * @param groupRef - The full ref of the group (its key).
   */
  getGroupAndAncestors(groupRef: EntityRefKey): EntityRefKey[] {
    const root = groupRef;
    if (this.#data.entries.get(root)?.kind !== 'group') {
      return [];
    }
    if (!this.#parents) {
      this.#parents = new Map();
      for (const [parent, children] of this.#data.children) {
        for (const child of children) {
          const list = this.#parents.get(child) ?? [];
          list.push(parent);
          this.#parents.set(child, list);
        }
      }
    }
    const result = [root];
    const visited = new Set(result);
    for (let i = 0; i < result.length; i++) {
      for (const parent of this.#parents.get(result[i]) ?? []) {
        if (!visited.has(parent)) {
          visited.add(parent);
          result.push(parent);
        }
      }
    }
    return result;
  }

  /**
   * The components that declare they provide the API (`spec.providesApis` or
   * a `providesApi` relation), as lower-case refs.
   *
   * @param apiRef - The full ref of the API (its key).
   */
  getProviders(apiRef: EntityRefKey): EntityRefKey[] {
    return [...(this.#data.providers.get(apiRef) ?? [])];
  }

  /**
   * The normalized owner of an indexed component, if it has one.
   *
   * @param componentRef - The full ref of the component (its key).
   */
  getOwner(componentRef: EntityRefKey): EntityRefKey | undefined {
    return this.#data.owners.get(componentRef);
  }
}
