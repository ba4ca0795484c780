import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import {
  Entity,
  EntityRelation,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/**
 * The example organization of the repository (Kestrel Bank), whose README
 * lists the planted cases the tests use as ground truth.
 */
export const EXAMPLES_DIR = resolvePackagePath(
  '@apiops-backstage/plugin-apiops-backend',
  '../../examples',
);

function readReadme(): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8');
}

/**
 * Every entity of the example catalog (but its `Location`), as the YAML files
 * have it: no relations, no uid.
 */
export function loadExampleEntities(): Entity[] {
  const files = [
    'org.yaml',
    'domains-and-systems.yaml',
    'components.yaml',
    ...fs
      .readdirSync(path.join(EXAMPLES_DIR, 'apis'))
      .filter(file => file.endsWith('.yaml'))
      .sort()
      .map(file => path.join('apis', file)),
  ];
  return files.flatMap(file =>
    parseAllDocuments(
      fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'),
    ).map(document => {
      if (document.errors.length > 0) {
        throw new Error(`${file}: ${document.errors[0].message}`);
      }
      const entity = document.toJS() as Entity;
      entity.metadata.namespace ??= 'default';
      return entity;
    }),
  );
}

/**
 * The entities as the catalog serves them: the spec as written, plus the
 * relations (both directions) that the catalog's built-in kinds processor
 * emits from it.
 */
export function withCatalogRelations(entities: Entity[]): Entity[] {
  const relations = new Map<string, EntityRelation[]>();
  const emit = (source: string, type: string, targetRef: string) => {
    const list = relations.get(source) ?? [];
    if (!list.some(r => r.type === type && r.targetRef === targetRef)) {
      list.push({ type, targetRef });
    }
    relations.set(source, list);
  };
  const emitBoth = (
    entity: Entity,
    refs: unknown,
    defaultKind: string,
    outgoing: string,
    incoming: string,
  ) => {
    const self = stringifyEntityRef(entity);
    for (const ref of [refs].flat()) {
      if (typeof ref !== 'string') continue;
      let target: string;
      try {
        target = stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind,
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        );
      } catch {
        continue; // no relation to what is not an entity ref
      }
      emit(self, outgoing, target);
      emit(target, incoming, self);
    }
  };
  for (const entity of entities) {
    const spec = entity.spec ?? {};
    switch (entity.kind) {
      case 'Group':
        emitBoth(entity, spec.parent, 'group', 'childOf', 'parentOf');
        emitBoth(entity, spec.children, 'group', 'parentOf', 'childOf');
        emitBoth(entity, spec.members, 'user', 'hasMember', 'memberOf');
        break;
      case 'User':
        emitBoth(entity, spec.memberOf, 'group', 'memberOf', 'hasMember');
        break;
      case 'Component':
        emitBoth(entity, spec.owner, 'group', 'ownedBy', 'ownerOf');
        emitBoth(entity, spec.system, 'system', 'partOf', 'hasPart');
        emitBoth(
          entity,
          spec.providesApis,
          'api',
          'providesApi',
          'apiProvidedBy',
        );
        emitBoth(
          entity,
          spec.consumesApis,
          'api',
          'consumesApi',
          'apiConsumedBy',
        );
        break;
      case 'API':
      case 'System':
        emitBoth(entity, spec.owner, 'group', 'ownedBy', 'ownerOf');
        emitBoth(entity, spec.system, 'system', 'partOf', 'hasPart');
        emitBoth(entity, spec.domain, 'domain', 'partOf', 'hasPart');
        break;
      default:
    }
  }
  return entities.map(entity => ({
    ...entity,
    relations: relations.get(stringifyEntityRef(entity)) ?? [],
  }));
}

/** The planted ownership gaps of the README: API ref → gap type. */
export function readPlantedOwnershipGaps(): Map<string, string> {
  const section = readReadme()
    .split('### Ownership gaps')[1]
    .split('\n### ')[0];
  return new Map(
    [
      ...section.matchAll(
        /^\|\s*\w+\s*\|\s*`(owner-[a-z-]+)`\s*\|\s*`(api:[^`]+)`/gm,
      ),
    ].map(match => [match[2], match[1]]),
  );
}

/** The refs of the APIs the README lists as clean (no finding expected). */
export function readCleanApis(): string[] {
  const section = readReadme().split('### Clean APIs')[1].split('\n## ')[0];
  const paragraph = section.split('\n\n').find(p => p.includes('`api:'))!;
  return [...paragraph.matchAll(/`(api:[^`]+)`/g)].map(match => match[1]);
}
