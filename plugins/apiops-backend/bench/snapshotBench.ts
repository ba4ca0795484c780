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
import { DEFAULT_METHOD_CYCLE } from '@apiops-backstage/plugin-apiops-common';
import { API_FIELDS, SnapshotService } from '../src/snapshot/SnapshotService';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { DatabaseDefinitionFeatureStore } from '../src/database/DatabaseDefinitionFeatureStore';
import { MethodCatalog } from '../src/method';
import { DefinitionParserPool } from '../src/fragmentation';
import { createPlan } from '../src/__testUtils__/catalogGenerator';
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
  fakeCatalog,
} from './snapshotBench/fakeCatalog';
import { Context, createService } from './snapshotBench/services';
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
import { accuracy, detectionAlone } from './snapshotBench/accuracy';
import {
  addAssessments,
  reportPages,
  statusReads,
} from './snapshotBench/reads';

const FEATURES_TABLE = 'apiops_definition_features';

/** Rows of the stored definition features. */
async function storedFeatureRows(ctx: Context): Promise<number> {
  const [{ n }] = await ctx.knex(FEATURES_TABLE).count({ n: '*' });
  return Number(n);
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
