/**
 * One size of the snapshot benchmark, in one process (run by `run.mjs`, one
 * child process per size, so that the peak RSS is that of one size).
 *
 * Runs the real `SnapshotService.run()` over a fake `CatalogService` that
 * pages a generated catalog (pages of 500, kind filter and field projection
 * honoured, each page serialized to JSON and parsed back as the catalog
 * client would) into a real SQLite store (a temporary file), and in the same
 * process the bare cost of the same catalog: generate → JSON → parse each
 * definition → walk it. Then reads the clusters back from the store and
 * scores them against the planted ground truth, and times report pages and
 * (optionally) the status of one API with many assessment rows.
 *
 * With `--lint true`, every snapshot service of the run has the definition
 * evidence as the backend has it with the lint module installed (the lint
 * provider and the built-in audit checklist): the snapshot pays the
 * evidence lookups and index writes; the backlog itself (its own scheduled
 * task) is the subject of the lint module's `bench/lintBench.ts`.
 *
 * With `--changes <percent>`, after the runs above and their accuracy: a
 * snapshot service with the change detection as the plugin wires it
 * (`apiops.changes` defaults) on the same database, a baseline (a snapshot
 * with its budget lifted, so that one snapshot baselines every API where
 * the plugin spreads them over several; or with `--changes-baseline seed`,
 * every definition described and written as that snapshot would, without a
 * snapshot), then that percentage of the APIs get an edited OpenAPI
 * definition (one operation removed and a required parameter added, the
 * same APIs for a seed and size) and the same service takes the changed
 * snapshot with the default budget.
 *
 * Prints progress on stderr and one line `RESULT <json>` on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { isMainThread } from 'node:worker_threads';
import {
  PerformanceObserver,
  constants as perfConstants,
  monitorEventLoopDelay,
} from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import { load as loadYaml } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { parse as parseGraphql } from 'graphql';
import type {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  builtinRules,
  createRuleset,
  DEFAULT_METHOD_CYCLE,
  FragmentationCluster,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import {
  API_FIELDS,
  API_PAGE_SIZE,
  ORG_FIELDS,
  ORG_KINDS,
  SnapshotService,
} from '../src/snapshot/SnapshotService';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { DatabaseDefinitionFeatureStore } from '../src/database/DatabaseDefinitionFeatureStore';
import type { SnapshotStore } from '../src/database/SnapshotStore';
import { encodeSnapshotCursor } from '../src/database/conversions';
import { MethodCatalog } from '../src/method';
import { CatalogVisibility } from '../src/services/CatalogVisibility';
import { StatusService } from '../src/services/StatusService';
import {
  DefinitionParserPool,
  detectFragmentationWithStats,
  extractDefinitionFeatures,
  extractFeatures,
  FeatureCache,
  FragmentationApi,
} from '../src/fragmentation';
import {
  CatalogPlan,
  apiEntity,
  apiRef,
  createPlan,
  entityPages,
  plantedTruth,
} from '../src/__testUtils__/catalogGenerator';
import { score, scoreClusters } from '../src/__testUtils__/accuracy';
import { readApiOpsConfig } from '../src/config';
import { ChangeService } from '../src/changes/ChangeService';
import type { ChangeSettings } from '../src/changes/ChangeService';
import { DatabaseChangeStore } from '../src/database/DatabaseChangeStore';
import { describeDefinition } from '../src/changes/diffDefinitions';
import type { ChangeHead, StoredDefinition } from '../src/database/ChangeStore';
import { definitionHashOf } from '../src/evidence/definitionHash';
import { DatabaseEvidenceStore } from '../src/database/DatabaseEvidenceStore';
import { createEvidence } from '../src/evidence/createEvidence';
import { EvidenceProviderRegistry } from '../src/evidence/EvidenceProviderRegistry';
import type { EvidenceService } from '../src/evidence/EvidenceService';
import { ApiRulesetReader } from '../../apiops-backend-module-lint/src/apiRuleset/ApiRulesetReader';
import { readLintConfig } from '../../apiops-backend-module-lint/src/config';
import { createLintEvidenceProvider } from '../../apiops-backend-module-lint/src/createLintEvidenceProvider';

// ---------------------------------------------------------------------------
// Measuring

/** Wall and CPU (user + system, all threads) milliseconds. */
interface Clock {
  wall: number;
  cpu: number;
}

function now(): Clock {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 };
}

function since(start: Clock, end: Clock = now()): Clock {
  return { wall: end.wall - start.wall, cpu: end.cpu - start.cpu };
}

function add(a: Clock, b: Clock): Clock {
  return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu };
}

const ZERO: Clock = { wall: 0, cpu: 0 };

/** Peak RSS of this process so far, in MB. */
function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function log(message: string) {
  process.stderr.write(
    `[${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

// ---------------------------------------------------------------------------
// The fake catalog

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
interface CatalogCounters {
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

function newCounters(): CatalogCounters {
  return { org: ZERO, api: ZERO, bytes: 0, entities: 0, marks: {}, memory: {} };
}

/**
 * With `--gc-at-marks true`, a full GC runs before the memory is read at
 * each mark, so that heap used is what is retained (for a memory breakdown;
 * it adds the GC to the times, so not for timing runs).
 */
let gcAtMarks = false;

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
interface CatalogFiles {
  directory: string;
  streams: Map<string, { file: string; pages: Array<[number, number]> }>;
  /**
   * Definitions edited since the files were written (`--changes`), by
   * `namespace/name`: the API pages carry them in place of the stored ones.
   */
  edits: Map<string, string>;
}

function streamKey(kinds: readonly string[], fields?: readonly string[]) {
  return `${kinds.map(k => k.toLocaleLowerCase('en-US')).sort()}|${
    fields?.join(',') ?? '*'
  }`;
}

function writeCatalogFiles(plan: CatalogPlan, directory: string): CatalogFiles {
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
function* catalogPages(
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

function nameKey(entity: Entity): string {
  return `${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
}

function kindsOf(filter: unknown): string[] {
  const kind = (filter as { kind?: string | string[] } | undefined)?.kind;
  if (!kind) return [...ORG_KINDS, 'API'];
  return Array.isArray(kind) ? kind : [kind];
}

/** A `CatalogService` whose counters can be swapped between runs. */
function fakeCatalog(
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
function timedStore(
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

// ---------------------------------------------------------------------------
// Services

const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:apiops-bench' },
} as unknown as BackstageCredentials;

const auth = {
  getOwnServiceCredentials: async () => credentials,
} as unknown as AuthService;

function quietLogger(): LoggerService {
  const logger: LoggerService = {
    info: () => {},
    warn: () => {},
    error: message => log(`snapshot error: ${message}`),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

interface Context {
  plan: CatalogPlan;
  files: CatalogFiles;
  knex: Knex;
  store: DatabaseSnapshotStore;
  assessments: DatabaseAssessmentStore;
  method: MethodCatalog;
  holder: { counters: CatalogCounters };
  catalog: CatalogService;
  /** The snapshot's parser threads (0: the main thread parses). */
  parserThreads: number;
  /** Definition features persisted in the database, as in the plugin; none: memory only. */
  featureStore?: DatabaseDefinitionFeatureStore;
  /** The definition evidence with the lint module installed (`--lint`). */
  evidence?: EvidenceService;
}

function createService(ctx: Context, changes?: ChangeService): SnapshotService {
  return SnapshotService.create({
    catalog: ctx.catalog,
    auth,
    logger: quietLogger(),
    store: timedStore(ctx.store, ctx.holder),
    assessments: ctx.assessments,
    method: ctx.method,
    ruleset: createRuleset(builtinRules),
    parserThreads: ctx.parserThreads,
    featureStore: ctx.featureStore,
    evidence: ctx.evidence,
    changes,
  });
}

/** The plugin's settings with no `app-config` (the defaults). */
function defaultConfig() {
  return readApiOpsConfig(new ConfigReader({}));
}

/**
 * The definition evidence as the backend builds it with the lint module
 * installed: the module's provider (its defaults) beside the built-in audit
 * checklist, over the evidence store of the same database.
 */
async function lintEvidence(
  database: DatabaseService,
  catalog: CatalogService,
): Promise<EvidenceService> {
  const config = defaultConfig();
  const providers = new EvidenceProviderRegistry();
  providers.add(
    createLintEvidenceProvider({
      config: readLintConfig(new ConfigReader({})),
      rulesets: ApiRulesetReader.create({}),
    }),
    'the lint module',
  );
  return createEvidence({
    providers,
    config: config.evidence,
    retentionDays: config.retentionDays,
    store: await DatabaseEvidenceStore.create({ database }),
    catalog,
    auth,
    logger: quietLogger(),
  }).service;
}

const FEATURES_TABLE = 'apiops_definition_features';

/** Rows of the stored definition features. */
async function storedFeatureRows(ctx: Context): Promise<number> {
  const [{ n }] = await ctx.knex(FEATURES_TABLE).count({ n: '*' });
  return Number(n);
}

// ---------------------------------------------------------------------------
// One snapshot, one bare pass

interface SnapshotFigures {
  total: Clock;
  /** Org stream + ownership index. */
  index: Clock;
  /** API stream + per-API evaluation and feature extraction. */
  evaluate: Clock;
  /** Fragmentation detection + team rollups + counts. */
  detect: Clock;
  /** `completeRun`: the one transaction that replaces the results. */
  write: Clock;
  /** The catalog's share (generation + JSON) of index and evaluate. */
  catalog: Clock;
  catalogMb: number;
  maxRssMb: number;
  heapUsedMb: number;
  /** Heap used and RSS at the marks (start of streams, write). */
  memoryAt: CatalogCounters['memory'];
  /** Main-thread GC pauses during the run. */
  gcPauses: { totalMs: number; majorMs: number; major: number };
  /** The event loop's delay during the run. */
  loop: LoopDelay;
}

/**
 * Main-thread GC pauses while a task runs: total, and of the major
 * (mark-compact) ones, in ms.
 */
async function withGcPauses<T>(task: () => Promise<T>) {
  const pauses = { totalMs: 0, majorMs: 0, major: 0 };
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      pauses.totalMs += entry.duration;
      const { detail } = entry as unknown as { detail?: { kind?: number } };
      const kind = detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        pauses.majorMs += entry.duration;
        pauses.major += 1;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const value = await task();
  // GC entries are delivered asynchronously.
  await new Promise(resolve => setTimeout(resolve, 50));
  observer.disconnect();
  return {
    value,
    gcPauses: {
      totalMs: Math.round(pauses.totalMs),
      majorMs: Math.round(pauses.majorMs),
      major: pauses.major,
    },
  };
}

/** What held the event loop during a run: see {@link watchEventLoop}. */
interface LoopDelay {
  /** Longest delay of a timer, ms (`monitorEventLoopDelay`, 10 ms resolution). */
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  /** Times the loop was held for more than {@link LONG_STALL_MS}. */
  stalls: number;
  /**
   * The most CPU the main thread spent in one stall (Linux: from
   * /proc, 10 ms ticks): the stall without the time the thread waited for
   * a core on a loaded machine.
   */
  maxOnCpuMs: number;
  /** The longest stalls, with the phase of the run they started in. */
  longest: Array<{ ms: number; cpuMs: number; phase: string }>;
}

const TICKS_MS = 10; // USER_HZ is 100 on Linux
const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;
/** CPU time of the main thread (user + system), ms; 0 where /proc has none. */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(MAIN_THREAD_STAT, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat(5), 12 and 13 after comm.
    return (Number(fields[11]) + Number(fields[12])) * TICKS_MS;
  } catch {
    return 0;
  }
}

/** A stall worth naming in the report. */
const LONG_STALL_MS = 50;

/**
 * Watches the event loop while a task runs: the delay histogram of
 * `perf_hooks.monitorEventLoopDelay` (what a request handler on the same
 * loop would wait for, at worst and at p99), and the stalls longer than
 * {@link LONG_STALL_MS} with the phase of the run (marks) they started in,
 * to find what holds the loop.
 */
async function watchEventLoop<T>(
  counters: CatalogCounters,
  task: () => Promise<T>,
): Promise<{ value: T; loop: LoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const stalls: Array<{ at: number; ms: number; cpuMs: number }> = [];
  const tick = 5;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const t = performance.now();
    const cpu = mainThreadCpuMs();
    const held = t - last - tick;
    if (held > LONG_STALL_MS) {
      stalls.push({ at: last, ms: held, cpuMs: cpu - lastCpu });
    }
    last = t;
    lastCpu = cpu;
  }, tick);
  histogram.enable();
  // The histogram's first sample only starts its clock: let it be taken
  // before the task, or a task that holds the loop from its start to its
  // end would go unseen.
  await new Promise(resolve => setTimeout(resolve, 25));
  try {
    const value = await task();
    return { value, loop: summarizeLoop() };
  } finally {
    histogram.disable();
    clearInterval(timer);
  }

  function summarizeLoop(): LoopDelay {
    const phases = (
      [
        ['orgStart', 'index'],
        ['apiStart', 'evaluate'],
        ['apiEnd', 'detect'],
        ['writeStart', 'write'],
        ['writeEnd', 'after write'],
      ] as const
    ).filter(([m]) => counters.marks[m]);
    const phaseAt = (at: number) => {
      let phase = 'start';
      for (const [m, name] of phases) {
        if (counters.marks[m].wall <= at) phase = name;
      }
      return phase;
    };
    const ns = 1e6;
    return {
      maxMs: round(histogram.max / ns),
      p99Ms: round(histogram.percentile(99) / ns),
      p50Ms: round(histogram.percentile(50) / ns),
      stalls: stalls.length,
      maxOnCpuMs: Math.max(0, ...stalls.map(s => s.cpuMs)),
      longest: [...stalls]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map(s => ({
          ms: Math.round(s.ms),
          cpuMs: s.cpuMs,
          phase: phaseAt(s.at),
        })),
    };
  }
}

async function snapshotRun(
  ctx: Context,
  service: SnapshotService,
): Promise<SnapshotFigures> {
  gc();
  const counters = newCounters();
  ctx.holder.counters = counters;
  const start = now();
  const {
    value: { gcPauses },
    loop,
  } = await watchEventLoop(counters, () => withGcPauses(() => service.run()));
  const end = now();
  const m = counters.marks;
  return {
    loop,
    total: since(start, end),
    index: since(m.orgStart, m.apiStart),
    evaluate: since(m.apiStart, m.apiEnd),
    detect: since(m.apiEnd, m.writeStart),
    write: since(m.writeStart, m.writeEnd),
    catalog: add(counters.org, counters.api),
    catalogMb: round(counters.bytes / 1e6, 0),
    maxRssMb: maxRssMb(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    memoryAt: counters.memory,
    gcPauses,
  };
}

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

interface BareFigures {
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
function bareRun(files: CatalogFiles): BareFigures {
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

// ---------------------------------------------------------------------------
// Accuracy against the planted truth

async function readAll<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
  } while (cursor);
  return items;
}

async function accuracy(ctx: Context) {
  const truth = plantedTruth(ctx.plan);
  const clusters = await readAll<FragmentationCluster>(cursor =>
    ctx.store.listFragmentation({ limit: 1000, cursor }),
  );
  const gaps = await readAll(cursor =>
    ctx.store.listOwnershipGaps({ limit: 1000, cursor }),
  );
  return {
    ...scoreClusters(truth, clusters),
    ownershipGaps: score(
      truth.gaps,
      new Set(
        gaps.map(
          gap => `${gap.entityRef.toLocaleLowerCase('en-US')} ${gap.type}`,
        ),
      ),
    ),
  };
}

// ---------------------------------------------------------------------------
// Detection alone, on the features of the catalog

async function detectionAlone(ctx: Context, service: SnapshotService) {
  // The service's own cache (warm after a run): no definition is parsed again.
  const cache = (service as unknown as { definitions: { cache: FeatureCache } })
    .definitions.cache;
  const features: FragmentationApi[] = [];
  for (const page of catalogPages(
    ctx.files,
    ['API'],
    API_FIELDS,
    newCounters(),
  )) {
    for (const entity of page)
      features.push(extractFeatures(entity, { cache }).features);
  }
  gc();
  const times: Clock[] = [];
  let stats: unknown;
  for (let i = 0; i < 3; i++) {
    const start = now();
    stats = detectFragmentationWithStats(features).stats;
    times.push(since(start));
  }
  const middle = (key: keyof Clock) =>
    percentile(
      times.map(t => t[key]),
      50,
    );
  return { wall: round(middle('wall')), cpu: round(middle('cpu')), stats };
}

// ---------------------------------------------------------------------------
// Report pages and the status of one API

function summarize(times: number[]) {
  return {
    n: times.length,
    p50: round(percentile(times, 50), 2),
    p95: round(percentile(times, 95), 2),
    max: round(Math.max(...times), 2),
  };
}

async function timeCalls(count: number, call: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  return summarize(times);
}

async function reportPages(ctx: Context) {
  const { store, knex, plan } = ctx;
  const [{ maxGap }] = await knex('apiops_ownership_gaps').max({
    maxGap: 'id',
  });
  const [{ maxCluster }] = await knex('apiops_fragmentation_clusters').max({
    maxCluster: 'id',
  });
  const [{ teams }] = await knex('apiops_team_rollups').count({ teams: '*' });
  // Report cursors name the snapshot whose results they page through.
  const { id: snapshotId } = await store.getInfo();
  if (!snapshotId) {
    throw new Error('report pages: no snapshot has succeeded');
  }
  const cursor = (position: number) =>
    encodeSnapshotCursor({ snapshotId, position });
  const [{ gapRows }] = await knex('apiops_ownership_gaps').count({
    gapRows: '*',
  });
  const [{ clusterRows }] = await knex('apiops_fragmentation_clusters').count({
    clusterRows: '*',
  });
  const owners = (
    await knex('apiops_ownership_gaps')
      .distinct('owner_ref')
      .whereNotNull('owner_ref')
      .limit(200)
  ).map((row: { owner_ref: string }) => row.owner_ref);
  const gapTypes = [
    'owner-missing',
    'owner-unresolved',
    'owner-orphaned',
    'owner-mismatch',
  ] as const;
  const clusterTypes = [
    'duplicate',
    'overlap',
    'version-sprawl',
    'name-collision',
    'style-inconsistency',
  ] as const;
  const pick = (i: number, n: number) =>
    (Math.imul(i + 1, 0x9e3779b1) >>> 0) % Math.max(1, n);
  const cursorAt = (i: number, max: number) => {
    const id = 1 + pick(i, Number(max));
    return cursor(id);
  };
  const count = 200;
  return {
    rows: {
      gaps: Number(gapRows),
      clusters: Number(clusterRows),
      teams: Number(teams),
      apis: plan.apis,
    },
    ownershipGaps: await timeCalls(count, i => {
      switch (i % 4) {
        case 0:
          return store.listOwnershipGaps({ limit: 100 });
        case 1:
          return store.listOwnershipGaps({
            limit: 100,
            types: [gapTypes[pick(i, gapTypes.length)]],
          });
        case 2:
          return store.listOwnershipGaps({
            limit: 100,
            owner: entityRefKey(owners[pick(i, owners.length)]),
          });
        default:
          return store.listOwnershipGaps({
            limit: 100,
            cursor: cursorAt(i, maxGap),
          });
      }
    }),
    fragmentation: await timeCalls(count, i => {
      switch (i % 4) {
        case 0:
          return store.listFragmentation({ limit: 100 });
        case 1:
          return store.listFragmentation({
            limit: 100,
            type: clusterTypes[pick(i, clusterTypes.length)],
          });
        case 2:
          return store.listFragmentation({
            limit: 100,
            owner: entityRefKey(owners[pick(i, owners.length)]),
          });
        default:
          return store.listFragmentation({
            limit: 100,
            cursor: cursorAt(i, maxCluster),
          });
      }
    }),
    teams: await timeCalls(count, i => {
      const offset = i % 2 === 0 ? 0 : pick(i, Number(teams));
      return store.listTeams({
        limit: 100,
        cursor: offset > 0 ? cursor(offset) : undefined,
      });
    }),
  };
}

/**
 * Adds `rows` assessment rows (20% of them on 1% of the APIs, the rest
 * spread), straight through knex in one transaction.
 */
async function addAssessments(ctx: Context, rows: number) {
  const { knex, plan, method } = ctx;
  const stations = method.coreStations(DEFAULT_METHOD_CYCLE);
  const answers = JSON.stringify({
    'market-research-done': 'met',
    'api-value-proposition-defined': 'not-met',
  });
  const batch = 500;
  await knex.transaction(async tx => {
    for (let start = 0; start < rows; start += batch) {
      const values = [];
      for (let r = start; r < Math.min(rows, start + batch); r++) {
        const h = Math.imul(r + 1, 0x9e3779b1) >>> 0;
        const api =
          h % 5 === 0
            ? (h >>> 3) % Math.max(1, plan.apis / 100)
            : (h >>> 3) % plan.apis;
        values.push({
          entity_ref: apiRef(plan, api).toLocaleLowerCase('en-US'),
          cycle: DEFAULT_METHOD_CYCLE,
          station: stations[h % stations.length],
          answers,
          evidence: '{}',
          notes: '{}',
          note: null,
          assessed_by: 'user:default/bench',
        });
      }
      await tx('apiops_assessments').insert(values);
    }
  });
}

async function statusReads(ctx: Context) {
  const { plan } = ctx;
  const count = 1000;
  const indexes = Array.from({ length: count }, (_, i) =>
    i % 5 === 0
      ? (Math.imul(i + 7, 0x9e3779b1) >>> 0) % Math.max(1, plan.apis / 100)
      : (Math.imul(i + 7, 0x9e3779b1) >>> 0) % plan.apis,
  );
  const entities = new Map<string, Entity>();
  for (const index of indexes) {
    const entity = apiEntity(plan, index);
    entities.set(apiRef(plan, index), entity);
  }
  const refs = [...entities.keys()];
  const catalog = {
    getEntityByRef: async (ref: string) => entities.get(ref),
  } as unknown as CatalogService;
  const allowAll = {
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as Partial<PermissionsService> as PermissionsService;
  const status = StatusService.create({
    catalog,
    assessments: ctx.assessments,
    method: ctx.method,
    snapshots: ctx.store,
    ruleset: createRuleset(builtinRules),
    // Allows everything: the bench times the full answer, report data included.
    permissions: allowAll,
    visibility: CatalogVisibility.create({ permissions: allowAll, catalog }),
  });
  const pick = (i: number) => refs[i % refs.length];
  return {
    latestAndResult: await timeCalls(count, i =>
      Promise.all([
        ctx.assessments.latest(entityRefKey(pick(i))),
        ctx.store.getApiResult(entityRefKey(pick(i))),
      ]),
    ),
    getStatus: await timeCalls(count, i =>
      status.getStatus(entityRefKey(pick(i)), credentials),
    ),
  };
}

// ---------------------------------------------------------------------------
// The change detection (--changes)

/**
 * One OpenAPI definition edited as `bench/changesBench.ts` edits them: its
 * last path removed and a required query parameter added to the first
 * operation of its first path. Undefined when it cannot be (not OpenAPI,
 * does not parse, fewer than two paths).
 */
function editedDefinition(entity: Entity): string | undefined {
  const text = entity.spec?.definition;
  if (entity.spec?.type !== 'openapi' || typeof text !== 'string') {
    return undefined;
  }
  let doc: { paths?: Record<string, Record<string, any>> };
  try {
    doc = parseYaml(text);
  } catch {
    return undefined; // a planted broken definition
  }
  const paths = Object.keys(doc?.paths ?? {});
  if (paths.length < 2) return undefined;
  delete doc.paths![paths[paths.length - 1]];
  const item = doc.paths![paths[0]];
  const method = Object.keys(item ?? {}).find(k =>
    ['get', 'post', 'put', 'patch', 'delete'].includes(k),
  );
  if (!method) return undefined;
  item[method].parameters = [
    ...(item[method].parameters ?? []),
    { name: 'tenant', in: 'query', required: true, schema: { type: 'string' } },
  ];
  return JSON.stringify(doc);
}

/**
 * `percent` of the APIs, edited: in each stretch of `100 / percent` APIs,
 * the first whose definition can be edited.
 */
function definitionEdits(plan: CatalogPlan, percent: number) {
  const stride = Math.max(1, Math.round(100 / percent));
  const edits = new Map<string, string>();
  for (let start = 0; start < plan.apis; start += stride) {
    for (let i = start; i < Math.min(plan.apis, start + stride); i++) {
      const entity = apiEntity(plan, i);
      const edited = editedDefinition(entity);
      if (edited !== undefined) {
        edits.set(nameKey(entity), edited);
        break;
      }
    }
  }
  return edits;
}

/** What a change detection run logged: see `ChangeRun.complete`. */
interface ChangeTally {
  baselined: number;
  compared: number;
  breaking: number;
  deferred: number;
  line?: string;
}

/** A logger that keeps the change detection's summary line of each run. */
function tallyLogger(tallies: ChangeTally[]): LoggerService {
  const logger = quietLogger();
  return {
    ...logger,
    info: message => {
      if (!message.startsWith('Change detection of snapshot')) return;
      const count = (pattern: RegExp) =>
        Number(pattern.exec(message)?.[1] ?? 0);
      tallies.push({
        baselined: count(/baselined (\d+) API/),
        compared: count(/found (\d+) changed definition/),
        breaking: count(/\((\d+) with breaking changes/),
        deferred: count(/; (\d+) left for the next snapshot/),
        line: message,
      });
    },
    child: () => tallyLogger(tallies),
  };
}

async function changeTableRows(ctx: Context) {
  const rows = async (table: string) =>
    Number((await ctx.knex(table).count({ n: '*' }))[0].n);
  const [{ bytes }] = await ctx
    .knex('apiops_change_definitions')
    .sum({ bytes: ctx.knex.raw('length(definition)') });
  return {
    heads: await rows('apiops_change_heads'),
    definitions: await rows('apiops_change_definitions'),
    definitionMb: round(Number(bytes) / 1e6),
    events: await rows('apiops_change_events'),
  };
}

function snapshotSummary(s: SnapshotFigures) {
  return {
    total: { wall: round(s.total.wall), cpu: round(s.total.cpu) },
    evaluate: { wall: round(s.evaluate.wall), cpu: round(s.evaluate.cpu) },
    write: { wall: round(s.write.wall), cpu: round(s.write.cpu) },
    maxRssMb: s.maxRssMb,
    heapUsedMb: s.heapUsedMb,
    rssAtWriteEndMb: s.memoryAt.writeEnd?.rssMb,
    loop: { maxMs: s.loop.maxMs, p99Ms: s.loop.p99Ms },
  };
}

/**
 * The baseline without a snapshot (`--changes-baseline seed`, for the
 * largest sizes, where a baseline snapshot describes every definition on
 * one thread for many minutes): every API's definition described on the
 * main thread and written as a baseline snapshot's change detection writes
 * it (deflated definition, facts, head), in batches of 200.
 */
async function seedBaseline(ctx: Context, store: DatabaseChangeStore) {
  const baselineAt = new Date().toISOString();
  let definitions: StoredDefinition[] = [];
  let heads: ChangeHead[] = [];
  let seeded = 0;
  const flush = async () => {
    await store.write({ definitions, heads, events: [] });
    definitions = [];
    heads = [];
  };
  for (const page of catalogPages(
    ctx.files,
    ['API'],
    API_FIELDS,
    newCounters(),
  )) {
    for (const entity of page) {
      const hash = definitionHashOf(entity);
      const text = entity.spec?.definition;
      if (hash === undefined || typeof text !== 'string') continue;
      const type = String(entity.spec?.type ?? '').toLocaleLowerCase('en-US');
      definitions.push({
        hash,
        type,
        text,
        facts: describeDefinition(type, text),
      });
      heads.push({
        entityRef: entityRefKey(entity),
        definitionHash: hash,
        baselineAt,
        findings: [],
      });
      seeded += 1;
      if (heads.length >= 200) await flush();
    }
  }
  await flush();
  return seeded;
}

/**
 * A baseline snapshot with the change detection, then `percent` of the
 * definitions edited and the changed snapshot (see the file comment).
 */
async function changeDetection(
  ctx: Context,
  percent: number,
  baselineBy: 'snapshot' | 'seed',
) {
  const database: DatabaseService = { getClient: async () => ctx.knex };
  const defaults = defaultConfig().changes;
  // Read by each run when it starts: lifted for the baseline only.
  const settings: ChangeSettings = {
    ...defaults,
    budgetMs: Number.MAX_SAFE_INTEGER,
  };
  const tallies: ChangeTally[] = [];
  const store = await DatabaseChangeStore.create({ database });
  const allowAll = {
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as Partial<PermissionsService> as PermissionsService;
  const changes = ChangeService.create({
    store,
    snapshots: ctx.store,
    catalog: ctx.catalog,
    permissions: allowAll,
    visibility: CatalogVisibility.create({
      permissions: allowAll,
      catalog: ctx.catalog,
    }),
    logger: tallyLogger(tallies),
    settings,
  });
  const service = createService(ctx, changes);
  let baseline: SnapshotFigures | undefined;
  let seeded: { apis: number; wall: number; cpu: number } | undefined;
  if (baselineBy === 'seed') {
    const start = now();
    const apis = await seedBaseline(ctx, store);
    const spent = since(start);
    seeded = { apis, wall: round(spent.wall), cpu: round(spent.cpu) };
    log(
      `baseline of ${apis} APIs written without a snapshot in ${round(
        spent.wall / 1000,
      )} s`,
    );
  } else {
    baseline = await snapshotRun(ctx, service);
    log(
      `baseline snapshot with change detection: ${round(
        baseline.total.wall / 1000,
      )} s wall, ${round(baseline.total.cpu / 1000)} s CPU; ${
        tallies[0]?.line ?? 'no change detection summary'
      }`,
    );
  }
  const baselineRows = await changeTableRows(ctx);

  const editing = now();
  ctx.files.edits = definitionEdits(ctx.plan, percent);
  const editMs = round(since(editing).wall);
  settings.budgetMs = defaults.budgetMs;
  gc();
  const changed = await snapshotRun(ctx, service);
  const changedRows = await changeTableRows(ctx);
  log(
    `${
      ctx.files.edits.size
    } definitions edited (${editMs} ms); changed snapshot: ${round(
      changed.total.wall / 1000,
    )} s wall, ${round(changed.total.cpu / 1000)} s CPU, evaluate ${round(
      changed.evaluate.wall / 1000,
    )} s; heap ${changed.heapUsedMb} MB, RSS at write end ${
      changed.memoryAt.writeEnd?.rssMb
    } MB, process maxRSS ${changed.maxRssMb} MB; ${
      changedRows.events
    } events stored; ${
      tallies[tallies.length - 1]?.line ?? 'no change detection summary'
    }`,
  );
  return {
    percent,
    edited: ctx.files.edits.size,
    budgetMs: defaults.budgetMs,
    threads: defaults.threads,
    baseline: {
      by: baselineBy,
      snapshot: baseline && {
        ...snapshotSummary(baseline),
        tally: tallies[0],
      },
      seeded,
      rows: baselineRows,
    },
    changed: {
      ...snapshotSummary(changed),
      tally: tallies[tallies.length - 1],
      rows: changedRows,
    },
  };
}

// ---------------------------------------------------------------------------
// Parsers on a sample of definitions

/** Milliseconds per document. */
interface PerDocument {
  wall: number;
  cpu: number;
}

function parserSample(plan: CatalogPlan) {
  const definitions: string[] = [];
  for (let api = 0; definitions.length < 300 && api < plan.apis; api += 7) {
    const entity = apiEntity(plan, api);
    const definition = entity.spec?.definition;
    if (
      entity.spec?.type === 'openapi' &&
      typeof definition === 'string' &&
      !definition.startsWith('{')
    ) {
      definitions.push(definition);
    }
  }
  const bytes = definitions.reduce((sum, d) => sum + d.length, 0);
  const perDoc = (fn: (definition: string) => unknown): PerDocument => {
    for (const d of definitions.slice(0, 30)) fn(d); // warm up
    const start = now();
    for (let pass = 0; pass < 3; pass++) {
      for (const d of definitions) {
        try {
          fn(d);
        } catch {
          // a planted broken definition
        }
      }
    }
    const spent = since(start);
    const n = definitions.length * 3;
    return { wall: round(spent.wall / n, 3), cpu: round(spent.cpu / n, 3) };
  };
  let k = 0;
  const json = definitions.map(d => {
    try {
      return JSON.stringify(parseYaml(d));
    } catch {
      return '{}';
    }
  });
  return {
    documents: definitions.length,
    averageBytes: Math.round(bytes / definitions.length),
    yamlParse: perDoc(d =>
      parseYaml(d, {
        maxAliasCount: 100,
        uniqueKeys: false,
        prettyErrors: false,
      }),
    ),
    extractDefinitionFeatures: perDoc(d =>
      extractDefinitionFeatures('openapi', d),
    ),
    jsonParseSameDocument: perDoc(() => JSON.parse(json[k++ % json.length])),
    jsYamlLoad: perDoc(d => loadYaml(d, { json: true })),
  };
}

// ---------------------------------------------------------------------------
// CPU profiles of single runs (with --profile): where the time goes

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a function's self time is spent on, by where it lives. */
function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)')
    return 'idle / program';
  if (url.includes('/node_modules/js-yaml/')) return 'YAML parsing (js-yaml)';
  if (url.includes('/node_modules/yaml/')) return 'YAML parsing (yaml)';
  if (
    url.includes('/node_modules/graphql/') ||
    url.includes('/node_modules/protobufjs/')
  ) {
    return 'GraphQL / proto parsing';
  }
  if (
    /extractDefinitionFeatures|normalization|extractFeatures|FeatureCache/.test(
      url,
    )
  ) {
    return 'feature extraction (plugin code)';
  }
  if (
    /findSimilarPairs|detectFragmentation|detectNameFindings|detectStyleInconsistency|UnionFind|clusterId|toClusterMember/.test(
      url,
    )
  ) {
    return 'fragmentation detection';
  }
  if (/node_modules\/(knex|better-sqlite3)|database\//.test(url))
    return 'database (knex, SQLite)';
  if (
    /apiops-common\/src\/(governance|ownership)|governance\/|lifecycle\//.test(
      url,
    )
  ) {
    return 'governance, ownership, station';
  }
  if (/catalog-model/.test(url)) return 'entity refs (catalog-model)';
  if (/src\/(snapshot|method)\//.test(url))
    return 'snapshot service (plugin code)';
  if (/bench\/snapshotBench|__testUtils__\/catalogGenerator/.test(url))
    return 'fake catalog (reading pages)';
  if (url === '' && /^(stringify|parse|JSON)/.test(functionName))
    return 'JSON (catalog round trip, rows)';
  if (url === '' && /digest|update|createHash|Hash/.test(functionName))
    return 'hashing (SHA-256)';
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The source file of each position of this (bundled) script, from its
 * inline source map: the profile names the bundle, the report names the
 * plugin's files. Returns `(line, column) → source path` (0-based).
 */
function sourceLookup(): (
  line: number,
  column: number,
) => { source: string; line: number } | undefined {
  let map: { sources: string[]; mappings: string } | undefined;
  try {
    const text = fs.readFileSync(__filename, 'utf8');
    const marker = 'sourceMappingURL=data:application/json;base64,';
    const at = text.lastIndexOf(marker);
    if (at < 0) return () => undefined;
    map = JSON.parse(
      Buffer.from(text.slice(at + marker.length).trim(), 'base64').toString(
        'utf8',
      ),
    );
  } catch {
    return () => undefined;
  }
  const { sources, mappings } = map!;
  // Per generated line: [column, source index, source line] segments.
  const lines: Array<Array<[number, number, number]>> = [];
  let source = 0;
  let sourceLine = 0;
  let segments: Array<[number, number, number]> = [];
  let column = 0;
  let field = 0;
  let value = 0;
  let shift = 0;
  const flushSegment = () => {
    if (field > 2) segments.push([column, source, sourceLine]);
    field = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const c = mappings[i];
    if (c === undefined || c === ';' || c === ',') {
      flushSegment();
      if (c !== ',') {
        lines.push(segments);
        segments = [];
        column = 0;
      }
      continue;
    }
    const digit = BASE64.indexOf(c);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    const decoded = value & 1 ? -(value >>> 1) : value >>> 1;
    value = 0;
    shift = 0;
    if (field === 0) column += decoded;
    if (field === 1) source += decoded;
    if (field === 2) sourceLine += decoded;
    field += 1;
  }
  return (line, col) => {
    const row = lines[line];
    if (!row || row.length === 0) return undefined;
    let found = row[0];
    for (const segment of row) {
      if (segment[0] > col) break;
      found = segment;
    }
    return { source: sources[found[1]], line: found[2] };
  };
}

function summarizeProfile(profile: CpuProfile) {
  const lookup = sourceLookup();
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });
  const functions = new Map<string, number>();
  const categories = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const original = byId.get(id)!.callFrame;
    const source =
      original.url.endsWith(path.basename(__filename)) &&
      lookup(original.lineNumber, original.columnNumber);
    const frame = source
      ? {
          ...original,
          url: path.resolve(__dirname, source.source),
          lineNumber: source.line,
        }
      : original;
    const file = frame.url
      .replace(/^.*\/plugins\//, 'plugins/')
      .replace(/^.*\/node_modules\//, 'node_modules/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${
      frame.lineNumber + 1
    }`;
    functions.set(key, (functions.get(key) ?? 0) + time);
    const category = categoryOf(frame);
    categories.set(category, (categories.get(category) ?? 0) + time);
  }
  const share = (entries: Map<string, number>, count: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => ({
        name,
        ms: Math.round(time / 1000),
        share: round((100 * time) / total, 1),
      }));
  return {
    totalMs: Math.round(total / 1000),
    categories: share(categories, 20),
    functions: share(functions, 25),
  };
}

async function profiled<T>(
  name: string,
  enabled: boolean,
  task: () => Promise<T>,
) {
  if (!enabled) return { value: await task(), profile: undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const value = await task();
  const { profile } = (await session.post('Profiler.stop')) as {
    profile: CpuProfile;
  };
  session.disconnect();
  const directory = path.join(__dirname, 'profiles');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    path.join(directory, `${name}.cpuprofile`),
    JSON.stringify(profile),
  );
  return { value, profile: summarizeProfile(profile) };
}

// ---------------------------------------------------------------------------
// Main

function parseArgs(argv: string[]) {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const [key, value] = argv[i].slice(2).split('=');
      args[key] = value ?? argv[++i];
    }
  }
  return {
    size: Number(args.size ?? 10000),
    runs: Number(args.runs ?? 3),
    seed: Number(args.seed ?? 42),
    assessments: Number(args.assessments ?? 0),
    reports: args.reports !== 'false',
    /** Whether to measure the bare cost (not for profiling invocations). */
    bare: args.bare !== 'false',
    gcAtMarks: args['gc-at-marks'] === 'true',
    /** none | warm | all: which runs are profiled (in-process inspector). */
    profile: args.profile ?? 'none',
    /** Parser threads of the snapshot: the plugin's default unless given. */
    threads: Number(args.threads ?? DefinitionParserPool.defaultThreads()),
    /** Definition features persisted in the database (the plugin's default). */
    featureStore: args['feature-store'] !== 'false',
    /** The definition evidence with the lint module installed. */
    lint: args.lint === 'true',
    /** Percent of the definitions changed between two snapshots; 0: none. */
    changes: Number(args.changes ?? 0),
    /** How the change detection's baseline is made: a snapshot, or written directly. */
    changesBaseline: (args['changes-baseline'] === 'seed'
      ? 'seed'
      : 'snapshot') as 'snapshot' | 'seed',
  };
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function medianClock(clocks: Clock[]): Clock {
  return {
    wall: round(median(clocks.map(c => c.wall))),
    cpu: round(median(clocks.map(c => c.cpu))),
  };
}

/** Measures one size; see the file comment. */
async function measure(options: ReturnType<typeof parseArgs>) {
  gcAtMarks = options.gcAtMarks;
  const started = now();
  const method = await MethodCatalog.create();
  const plan = createPlan({
    apis: options.size,
    seed: options.seed,
    stations: method.coreStations(DEFAULT_METHOD_CYCLE),
  });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(directory, 'apiops.sqlite') },
    useNullAsDefault: true,
  });
  const database: DatabaseService = { getClient: async () => knex };
  const holder = { counters: newCounters() };
  const written = now();
  const files = writeCatalogFiles(plan, directory);
  log(
    `catalog written in ${round(since(written).wall / 1000)} s: ${round(
      fs.statSync(files.streams.get(streamKey(['API'], API_FIELDS))!.file)
        .size / 1e6,
      0,
    )} MB of API pages`,
  );
  gc();
  const ctx: Context = {
    plan,
    files,
    knex,
    store: await DatabaseSnapshotStore.create({ database }),
    assessments: await DatabaseAssessmentStore.create({ database }),
    method,
    holder,
    catalog: fakeCatalog(files, holder),
    parserThreads: options.threads,
    featureStore: options.featureStore
      ? await DatabaseDefinitionFeatureStore.create({ database })
      : undefined,
  };
  if (options.lint) ctx.evidence = await lintEvidence(database, ctx.catalog);
  const setupRssMb = maxRssMb();
  log(
    `size ${plan.apis}: ${plan.groups} groups, ${plan.users} users, ${plan.components} components, ${plan.systems} systems; ${options.runs} run(s)`,
  );

  const snapshots: SnapshotFigures[] = [];
  const bares: BareFigures[] = [];
  let service: SnapshotService | undefined;
  let firstSnapshotRssMb = 0;
  const profiles: Record<string, ReturnType<typeof summarizeProfile>> = {};
  for (let run = 1; run <= options.runs; run++) {
    if (options.bare) {
      // Bare first, with the previous snapshot's state (its feature cache)
      // released: the bare pass must not pay the GC cost of a large heap
      // it does not own. Both passes take minutes, so the JIT is warm for
      // both after the first seconds.
      service = undefined;
      const figures = bareRun(ctx.files);
      bares.push(figures);
      log(
        `run ${run} bare: ${round(figures.total.wall / 1000)} s wall, ${round(
          figures.total.cpu / 1000,
        )} s CPU`,
      );
    }
    // Cold: a fresh feature cache, and no stored features (a first start).
    if (ctx.featureStore) await knex(FEATURES_TABLE).delete();
    const current = createService(ctx);
    service = current;
    const { value: figures, profile } = await profiled(
      `snapshot-${plan.apis}-cold-${run}`,
      options.profile === 'all' && run === 1,
      () => snapshotRun(ctx, current),
    );
    if (profile) profiles.cold = profile;
    snapshots.push(figures);
    if (!firstSnapshotRssMb) firstSnapshotRssMb = maxRssMb();
    log(
      `run ${run} snapshot: ${round(figures.total.wall / 1000)} s wall, ${round(
        figures.total.cpu / 1000,
      )} s CPU, maxRSS ${figures.maxRssMb} MB; event loop delay max ${
        figures.loop.maxMs
      } ms, p99 ${figures.loop.p99Ms} ms, ${
        figures.loop.stalls
      } stalls > ${LONG_STALL_MS} ms, at most ${
        figures.loop.maxOnCpuMs
      } ms of them on the CPU (longest: ${figures.loop.longest
        .map(l => `${l.ms} ms (${l.cpuMs} on CPU) in ${l.phase}`)
        .join(', ')})`,
    );
  }
  const warmService = service!;
  const { value: warm, profile: warmProfile } = await profiled(
    `snapshot-${plan.apis}-warm`,
    options.profile !== 'none',
    () => snapshotRun(ctx, warmService),
  );
  if (warmProfile) profiles.warm = warmProfile;
  log(
    `warm snapshot (feature cache filled): ${round(
      warm.total.wall / 1000,
    )} s wall; event loop delay max ${warm.loop.maxMs} ms, p99 ${
      warm.loop.p99Ms
    } ms; longest stalls ${warm.loop.longest
      .map(l => `${l.ms} ms (${l.cpuMs} on CPU) in ${l.phase}`)
      .join(', ')}`,
  );

  // A restarted backend, or a second replica: a new service (an empty
  // feature cache, a new store object) on the same database.
  let restart: SnapshotFigures | undefined;
  let restartRows:
    | { before: number; after: number; resultBytes: number }
    | undefined;
  if (ctx.featureStore) {
    const before = await storedFeatureRows(ctx);
    ctx.featureStore = await DatabaseDefinitionFeatureStore.create({
      database,
      skipMigrations: true,
    });
    const restarted = createService(ctx);
    const { value, profile } = await profiled(
      `snapshot-${plan.apis}-restart`,
      options.profile !== 'none',
      () => snapshotRun(ctx, restarted),
    );
    if (profile) profiles.restart = profile;
    restart = value;
    const [{ bytes }] = await ctx
      .knex(FEATURES_TABLE)
      .sum({ bytes: ctx.knex.raw('length(result)') });
    restartRows = {
      before,
      after: await storedFeatureRows(ctx),
      resultBytes: Number(bytes),
    };
    log(
      `restarted snapshot (empty memory, features in the database): ${round(
        restart.total.wall / 1000,
      )} s wall, ${round(restart.total.cpu / 1000)} s CPU; ${
        restartRows.before
      } stored feature rows`,
    );
  }

  const scores = await accuracy(ctx);
  log(
    `accuracy: duplicates P ${scores.duplicatePairs.precision} R ${scores.duplicatePairs.recall}; sprawl P ${scores.versionSprawl.precision} R ${scores.versionSprawl.recall}`,
  );
  // Before detection alone and the assessment rows, which raise the
  // process's peak RSS: up to here it is the snapshots'.
  const changes =
    options.changes > 0
      ? await changeDetection(ctx, options.changes, options.changesBaseline)
      : undefined;
  const detection = await detectionAlone(ctx, warmService);
  log(`detection alone: ${detection.wall} ms`);
  const reports = options.reports ? await reportPages(ctx) : undefined;
  const parsers = parserSample(plan);

  let status:
    | (Awaited<ReturnType<typeof statusReads>> & {
        assessmentRows: number;
        warmSnapshotWithAssessments: SnapshotFigures;
      })
    | undefined;
  if (options.assessments > 0) {
    const start = now();
    await addAssessments(ctx, options.assessments);
    log(
      `${options.assessments} assessment rows added in ${round(
        since(start).wall / 1000,
      )} s`,
    );
    const reads = await statusReads(ctx);
    const warmWithAssessments = await snapshotRun(ctx, warmService);
    status = {
      assessmentRows: options.assessments,
      ...reads,
      warmSnapshotWithAssessments: warmWithAssessments,
    };
  }

  // Snapshot run i against bare run i (same process, adjacent in time);
  // empty (NaN in the report) with --bare false.
  const ratios = bares.map((b, i) => snapshots[i].total.wall / b.total.wall);
  const cpuRatios = bares.map((b, i) => snapshots[i].total.cpu / b.total.cpu);
  const result = {
    size: plan.apis,
    seed: plan.seed,
    runs: options.runs,
    parserThreads: options.threads,
    entities: {
      apis: plan.apis,
      groups: plan.groups,
      users: plan.users,
      components: plan.components,
      systems: plan.systems,
      domains: plan.domains,
      resources: plan.resources,
    },
    snapshot: {
      total: medianClock(snapshots.map(s => s.total)),
      index: medianClock(snapshots.map(s => s.index)),
      evaluate: medianClock(snapshots.map(s => s.evaluate)),
      detect: medianClock(snapshots.map(s => s.detect)),
      write: medianClock(snapshots.map(s => s.write)),
      catalog: medianClock(snapshots.map(s => s.catalog)),
      catalogMb: snapshots[0].catalogMb,
      runs: snapshots.map(s => ({
        wall: round(s.total.wall),
        cpu: round(s.total.cpu),
        gcPauses: s.gcPauses,
        loop: s.loop,
      })),
      /** Event-loop delay, ms: medians over the cold runs of their max and p99. */
      loop: {
        maxMs: round(median(snapshots.map(s => s.loop.maxMs))),
        p99Ms: round(median(snapshots.map(s => s.loop.p99Ms))),
        worstMaxMs: Math.max(...snapshots.map(s => s.loop.maxMs)),
        maxOnCpuMs: Math.max(...snapshots.map(s => s.loop.maxOnCpuMs)),
      },
    },
    warm: {
      total: { wall: round(warm.total.wall), cpu: round(warm.total.cpu) },
      evaluate: {
        wall: round(warm.evaluate.wall),
        cpu: round(warm.evaluate.cpu),
      },
      detect: { wall: round(warm.detect.wall), cpu: round(warm.detect.cpu) },
      write: { wall: round(warm.write.wall), cpu: round(warm.write.cpu) },
      catalog: { wall: round(warm.catalog.wall), cpu: round(warm.catalog.cpu) },
      memoryAt: warm.memoryAt,
      gcPauses: warm.gcPauses,
      loop: warm.loop,
    },
    /** A new service on the same database; undefined with --feature-store false. */
    restart: restart && {
      total: { wall: round(restart.total.wall), cpu: round(restart.total.cpu) },
      evaluate: {
        wall: round(restart.evaluate.wall),
        cpu: round(restart.evaluate.cpu),
      },
      detect: {
        wall: round(restart.detect.wall),
        cpu: round(restart.detect.cpu),
      },
      write: { wall: round(restart.write.wall), cpu: round(restart.write.cpu) },
      maxRssMb: restart.maxRssMb,
      storedFeatureRows: restartRows,
    },
    featureStore: options.featureStore,
    lint: options.lint,
    changes,
    bare: {
      total: medianClock(bares.map(b => b.total)),
      catalog: medianClock(bares.map(b => b.catalog)),
      parse: medianClock(bares.map(b => b.parse)),
      runs: bares.map(b => ({
        wall: round(b.total.wall),
        cpu: round(b.total.cpu),
      })),
    },
    ratio: {
      wall: round(median(ratios), 2),
      cpu: round(median(cpuRatios), 2),
      runs: ratios.map(r => round(r, 2)),
    },
    memory: {
      /** Filled in by run.mjs from /usr/bin/time, when it is there. */
      timeMaxRssMb: undefined as number | undefined,
      setupMaxRssMb: setupRssMb,
      firstSnapshotMaxRssMb: firstSnapshotRssMb,
      processMaxRssMb: maxRssMb(),
      heapUsedAfterSnapshotMb: snapshots.map(s => s.heapUsedMb),
      /** Heap and RSS at the marks of the first (cold) snapshot. */
      firstSnapshotAt: snapshots[0].memoryAt,
    },
    accuracy: scores,
    detection,
    reports,
    parsers,
    status,
    profiles: options.profile !== 'none' ? profiles : undefined,
    elapsedS: round(since(started).wall / 1000),
    loadAverage: os.loadavg().map(l => round(l, 1)),
  };
  await knex.destroy();
  fs.rmSync(directory, { recursive: true, force: true });
  return result;
}

/** What one size reports (the line `RESULT <json>`), as run.mjs reads it. */
export type SizeResult = Awaited<ReturnType<typeof measure>>;

// The plugin's parser threads load this bundle too (it holds their code):
// only the main thread measures.
if (isMainThread) {
  measure(parseArgs(process.argv.slice(2)))
    .then(result => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`))
    .catch(error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    });
}
