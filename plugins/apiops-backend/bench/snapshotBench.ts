/**
 * One size of the snapshot benchmark, in one process (run by `run.mjs`, one
 * child process per size, so that the peak RSS is that of one size).
 *
 * Runs the real `SnapshotService.run()` over a fake `CatalogService` that
 * pages a generated catalog (the snapshot's page size, kind filter and field projection
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
 *
 * Its parts are in `snapshotBench/`: the measuring helpers, the fake
 * catalog, the services a snapshot is built from, one measured snapshot, the
 * bare cost, the parser sample, the CPU profiles, and the `--lint` and
 * `--changes` steps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import knexFactory from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  builtinRules,
  createRuleset,
  DEFAULT_METHOD_CYCLE,
  FragmentationCluster,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { API_FIELDS, SnapshotService } from '../src/snapshot/SnapshotService';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { DatabaseDefinitionFeatureStore } from '../src/database/DatabaseDefinitionFeatureStore';
import { encodeSnapshotCursor } from '../src/database/conversions';
import { MethodCatalog } from '../src/method';
import { CatalogVisibility } from '../src/services/CatalogVisibility';
import { StatusService } from '../src/services/StatusService';
import {
  DefinitionParserPool,
  detectFragmentationWithStats,
  extractFeatures,
  FeatureCache,
  FragmentationApi,
} from '../src/fragmentation';
import {
  apiEntity,
  apiRef,
  createPlan,
  plantedTruth,
} from '../src/__testUtils__/catalogGenerator';
import { score, scoreClusters } from '../src/__testUtils__/accuracy';
import {
  Clock,
  now,
  since,
  maxRssMb,
  gc,
  percentile,
  round,
  log,
} from './snapshotBench/measuring';
import {
  newCounters,
  setGcAtMarks,
  streamKey,
  writeCatalogFiles,
  catalogPages,
  fakeCatalog,
} from './snapshotBench/fakeCatalog';
import {
  allowAll,
  credentials,
  Context,
  createService,
} from './snapshotBench/services';
import { QueryTiming, QueryTotal } from './snapshotBench/queryTiming';
import { lintEvidence } from './snapshotBench/lintStep';
import {
  SnapshotFigures,
  LONG_STALL_MS,
  snapshotRun,
} from './snapshotBench/snapshotRun';
import { changeDetection } from './snapshotBench/changesStep';
import { BareFigures, bareRun } from './snapshotBench/bareRun';
import { parserSample } from './snapshotBench/parserSample';
import { profiled, summarizeProfile } from './snapshotBench/cpuProfiles';

const FEATURES_TABLE = 'apiops_definition_features';

/** Rows of the stored definition features. */
async function storedFeatureRows(ctx: Context): Promise<number> {
  const [{ n }] = await ctx.knex(FEATURES_TABLE).count({ n: '*' });
  return Number(n);
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
    /** SQL statements of the first cold and the warm snapshot, timed and summed. */
    queryTiming: args['query-timing'] === 'true',
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
  setGcAtMarks(options.gcAtMarks);
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
  const queries = options.queryTiming ? QueryTiming.attach(knex) : undefined;
  const queryTotals: Record<string, QueryTotal[]> = {};
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
    queries?.reset();
    const { value: figures, profile } = await profiled(
      `snapshot-${plan.apis}-cold-${run}`,
      options.profile === 'all' && run === 1,
      () => snapshotRun(ctx, current),
    );
    if (profile) profiles.cold = profile;
    if (queries && run === 1) queryTotals.cold = queries.take('cold snapshot');
    snapshots.push(figures);
    if (!firstSnapshotRssMb) firstSnapshotRssMb = maxRssMb();
    log(
      `run ${run} snapshot: ${round(figures.total.wall / 1000)} s wall, ${round(
        figures.total.cpu / 1000,
      )} s CPU (main thread ${round(figures.mainThreadCpu / 1000)} s), maxRSS ${
        figures.maxRssMb
      } MB; event loop delay max ${figures.loop.maxMs} ms, p99 ${
        figures.loop.p99Ms
      } ms, ${figures.loop.stalls} stalls > ${LONG_STALL_MS} ms, at most ${
        figures.loop.maxOnCpuMs
      } ms of them on the CPU (longest: ${figures.loop.longest
        .map(l => `${l.ms} ms (${l.cpuMs} on CPU) in ${l.phase}`)
        .join(', ')})`,
    );
  }
  const warmService = service!;
  queries?.reset();
  const { value: warm, profile: warmProfile } = await profiled(
    `snapshot-${plan.apis}-warm`,
    options.profile !== 'none',
    () => snapshotRun(ctx, warmService),
  );
  if (warmProfile) profiles.warm = warmProfile;
  if (queries) queryTotals.warm = queries.take('warm snapshot');
  log(
    `warm snapshot (feature cache filled): ${round(
      warm.total.wall / 1000,
    )} s wall, ${round(warm.total.cpu / 1000)} s CPU (main thread ${round(
      warm.mainThreadCpu / 1000,
    )} s); event loop delay max ${warm.loop.maxMs} ms, p99 ${
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
      )} s wall, ${round(restart.total.cpu / 1000)} s CPU (main thread ${round(
        restart.mainThreadCpu / 1000,
      )} s); ${restartRows.before} stored feature rows`,
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
    ...(options.queryTiming ? { queryTotals } : {}),
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
