/**
 * The fake catalog of the snapshot benchmark: the generated catalog written
 * once as the catalog stores it, and paged back as the catalog client
 * delivers it.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  API_FIELDS,
  API_PAGE_SIZE,
  ORG_FIELDS,
  ORG_KINDS,
} from '../../src/snapshot/SnapshotService';
import type { SnapshotStore } from '../../src/database/SnapshotStore';
import {
  CatalogPlan,
  entityPages,
} from '../../src/__testUtils__/catalogGenerator';
import { Clock, now, since, add, ZERO, gc } from './measuring';

/** The catalog's `fields` projection: only the listed (dotted) paths. */
function project(entity: Entity, fields: readonly string[]): Entity {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let source: unknown = entity;
    for (const part of parts) {
      source =
        source && typeof source === 'object'
          ? (source as Record<string, unknown>)[part]
          : undefined;
    }
    if (source === undefined) continue;
    let target = out;
    for (let i = 0; i < parts.length - 1; i++) {
      target = (target[parts[i]] ??= {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = source;
  }
  return out as unknown as Entity;
}

/** Time spent producing pages (reading the stored text + JSON.parse). */
export interface CatalogCounters {
  org: Clock;
  api: Clock;
  bytes: number;
  entities: number;
  marks: Record<string, Clock>;
  /** Heap used and RSS (MB) at the same marks. */
  memory: Record<
    string,
    { heapMb: number; heapTotalMb: number; externalMb: number; rssMb: number }
  >;
}

export function newCounters(): CatalogCounters {
  return { org: ZERO, api: ZERO, bytes: 0, entities: 0, marks: {}, memory: {} };
}

/**
 * With `--gc-at-marks true`, a full GC runs before the memory is read at
 * each mark, so that heap used is what is retained (for a memory breakdown;
 * it adds the GC to the times, so not for timing runs).
 */
let gcAtMarks = false;

/** Sets `--gc-at-marks` for the marks that follow. */
export function setGcAtMarks(on: boolean) {
  gcAtMarks = on;
}

/** Marks a point of the run: its clock and memory. */
function mark(counters: CatalogCounters, name: string) {
  if (gcAtMarks) gc();
  counters.marks[name] = now();
  const memory = process.memoryUsage();
  counters.memory[name] = {
    heapMb: Math.round(memory.heapUsed / 1e6),
    heapTotalMb: Math.round(memory.heapTotal / 1e6),
    externalMb: Math.round(memory.external / 1e6),
    rssMb: Math.round(memory.rss / 1e6),
  };
}

/**
 * The generated catalog as the catalog stores it: one file per stream the
 * snapshot reads (org kinds, APIs), each page of 500 entities, filtered by
 * kind and projected to the fields the snapshot asks for, as one line of
 * JSON. Written once per size before anything is timed, so that generating
 * entities (an artefact of the benchmark) is not counted; the catalog's own
 * work is: each page is read from the file and parsed, as the catalog
 * client parses an HTTP body of stored JSON.
 */
export interface CatalogFiles {
  directory: string;
  streams: Map<string, { file: string; pages: Array<[number, number]> }>;
  /**
   * Definitions edited since the files were written (`--changes`), by
   * `namespace/name`: the API pages carry them in place of the stored ones.
   */
  edits: Map<string, string>;
}

export function streamKey(
  kinds: readonly string[],
  fields?: readonly string[],
) {
  return `${kinds.map(k => k.toLocaleLowerCase('en-US')).sort()}|${
    fields?.join(',') ?? '*'
  }`;
}

export function writeCatalogFiles(
  plan: CatalogPlan,
  directory: string,
): CatalogFiles {
  const streams: CatalogFiles['streams'] = new Map();
  for (const [name, kinds, fields, pageSize] of [
    ['org', ORG_KINDS, ORG_FIELDS, undefined],
    ['api', ['API'], API_FIELDS, API_PAGE_SIZE],
  ] as const) {
    const file = path.join(directory, `${name}.jsonl`);
    const fd = fs.openSync(file, 'w');
    const pages: Array<[number, number]> = [];
    let offset = 0;
    for (const page of entityPages(plan, kinds, pageSize)) {
      const buffer = Buffer.from(
        `${JSON.stringify(page.map(entity => project(entity, fields)))}\n`,
      );
      fs.writeSync(fd, buffer);
      pages.push([offset, buffer.length - 1]);
      offset += buffer.length;
    }
    fs.closeSync(fd);
    streams.set(streamKey(kinds, fields), { file, pages });
  }
  return { directory, streams, edits: new Map() };
}

/**
 * Pages of the catalog as the catalog client delivers them: read from the
 * stored text and parsed.
 */
export function* catalogPages(
  files: CatalogFiles,
  kinds: readonly string[],
  fields: readonly string[] | undefined,
  counters: CatalogCounters,
): Generator<Entity[]> {
  const isApi = kinds.some(kind => kind.toLocaleLowerCase('en-US') === 'api');
  const stream = files.streams.get(streamKey(kinds, fields));
  if (!stream) {
    throw new Error(`The bench catalog has no stream ${kinds} / ${fields}`);
  }
  const fd = fs.openSync(stream.file, 'r');
  try {
    for (const [offset, length] of stream.pages) {
      const start = now();
      const buffer = Buffer.allocUnsafe(length);
      fs.readSync(fd, buffer, 0, length, offset);
      const page = JSON.parse(buffer.toString('utf8')) as Entity[];
      const spent = since(start);
      if (isApi && files.edits.size > 0) {
        for (const entity of page) {
          const edit = files.edits.get(nameKey(entity));
          if (edit !== undefined)
            entity.spec = { ...entity.spec, definition: edit };
        }
      }
      if (isApi) counters.api = add(counters.api, spent);
      else counters.org = add(counters.org, spent);
      counters.bytes += length;
      counters.entities += page.length;
      yield page;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function nameKey(entity: Entity): string {
  return `${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
}

function kindsOf(filter: unknown): string[] {
  const kind = (filter as { kind?: string | string[] } | undefined)?.kind;
  if (!kind) return [...ORG_KINDS, 'API'];
  return Array.isArray(kind) ? kind : [kind];
}

/** A `CatalogService` whose counters can be swapped between runs. */
export function fakeCatalog(
  files: CatalogFiles,
  holder: { counters: CatalogCounters },
) {
  const catalog: Pick<CatalogService, 'streamEntities' | 'getEntityByRef'> = {
    streamEntities(request) {
      const kinds = kindsOf(request?.filter);
      const isApi = kinds.some(k => k.toLocaleLowerCase('en-US') === 'api');
      if (isApi && request?.pageSize !== API_PAGE_SIZE) {
        // The API pages are written in the snapshot's page size.
        throw new Error(`The bench catalog pages APIs by ${API_PAGE_SIZE}`);
      }
      return (async function* stream() {
        const counters = holder.counters;
        mark(counters, isApi ? 'apiStart' : 'orgStart');
        yield* catalogPages(files, kinds, request?.fields, counters);
        mark(counters, isApi ? 'apiEnd' : 'orgEnd');
      })();
    },
    async getEntityByRef() {
      return undefined;
    },
  };
  return catalog as CatalogService;
}

/** The store, with the time of `completeRun` (the database write) marked. */
export function timedStore(
  inner: SnapshotStore,
  holder: { counters: CatalogCounters },
): SnapshotStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'completeRun') {
        return async (...args: Parameters<SnapshotStore['completeRun']>) => {
          mark(holder.counters, 'writeStart');
          await target.completeRun(...args);
          mark(holder.counters, 'writeEnd');
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
