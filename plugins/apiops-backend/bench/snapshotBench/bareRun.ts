/**
 * The bare cost of reading a catalog, for the snapshot's ratio to it: the
 * same pages, each definition parsed and every entity walked once.
 */

import { load as loadYaml } from 'js-yaml';
import { parse as parseGraphql } from 'graphql';
import {
  API_FIELDS,
  ORG_FIELDS,
  ORG_KINDS,
} from '../../src/snapshot/SnapshotService';
import { Clock, now, since, add, ZERO, gc } from './measuring';
import { CatalogFiles, catalogPages, newCounters } from './fakeCatalog';

/** Counts the nodes of a parsed document (the "iterate" of the bare cost). */
function walk(node: unknown): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const value = stack.pop();
    count += 1;
    if (value && typeof value === 'object') {
      for (const child of Object.values(value)) stack.push(child);
    }
  }
  return count;
}

export interface BareFigures {
  total: Clock;
  catalog: Clock;
  parse: Clock;
  nodes: number;
}

/**
 * The bare cost of reading the same catalog: the same pages (same kinds,
 * fields, JSON round trip), each definition parsed with the parser the
 * plugin uses for it (YAML with the same options, JSON, GraphQL), and every
 * entity and parsed document walked once.
 */
export function bareRun(files: CatalogFiles): BareFigures {
  gc();
  const counters = newCounters();
  const start = now();
  let nodes = 0;
  let parse = ZERO;
  for (const page of catalogPages(files, ORG_KINDS, ORG_FIELDS, counters)) {
    for (const entity of page) nodes += walk(entity);
  }
  for (const page of catalogPages(files, ['API'], API_FIELDS, counters)) {
    const started = now();
    for (const entity of page) {
      nodes += walk(entity.metadata) + (entity.relations?.length ?? 0);
      const definition = entity.spec?.definition;
      if (typeof definition !== 'string') continue;
      try {
        if (entity.spec?.type === 'graphql') {
          nodes += parseGraphql(definition, { noLocation: true }).definitions
            .length;
        } else if (definition.trimStart().startsWith('{')) {
          nodes += walk(JSON.parse(definition));
        } else {
          nodes += walk(loadYaml(definition, { json: true }));
        }
      } catch {
        nodes += 1;
      }
    }
    parse = add(parse, since(started));
  }
  return {
    total: since(start),
    catalog: add(counters.org, counters.api),
    parse,
    nodes,
  };
}
