/**
 * `/health` during a hostile snapshot (issue 11): snapshots of the example
 * catalog alone, then of the example catalog with the hostile definitions of
 * `src/fragmentation/__testUtils__/hostileDefinitions.ts` added as APIs,
 * while a client on its own thread asks a tiny HTTP server on the
 * snapshot's event loop for `/health` every few ms. Reports the answer
 * times (p50, p99, max) during each snapshot, the snapshot times, and the
 * finding each hostile API carries.
 *
 *   node plugins/apiops-backend/bench/run.mjs --health [--runs 3] [--threads N]
 *
 * Prints progress on stderr and one line `HEALTH <json>` on stdout. Not a
 * test: the figures depend on the machine and its load.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker, isMainThread } from 'node:worker_threads';
import knexFactory from 'knex';
import type {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  builtinRules,
  createRuleset,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import {
  API_PAGE_SIZE,
  ORG_KINDS,
  SnapshotService,
} from '../src/snapshot/SnapshotService';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { MethodCatalog } from '../src/method';
import { DefinitionParserPool } from '../src/fragmentation';
import * as hostile from '../src/fragmentation/__testUtils__/hostileDefinitions';
import { loadExampleEntities } from '../src/__fixtures__/exampleCatalog';

/** run.mjs runs the bundle from the repository's root. */

/** The hostile definitions of issue 11, as `[name, type, text]`. */
function hostileCases(): Array<[string, string, string]> {
  return [
    ['question-marks', 'openapi', hostile.manyQuestionMarks(1_000_000)],
    ['servers-times-paths', 'openapi', hostile.serversTimesPaths(16_000)],
    ['aliased-ref', 'openapi', hostile.aliasedRef(20_000, 10_000)],
    ['unclosed-braces', 'openapi', hostile.unclosedBraces(1_000_000)],
    ['unclosed-channel', 'asyncapi', hostile.unclosedChannelBraces(1_000_000)],
    ['billion-laughs', 'openapi', hostile.billionLaughs()],
    ['cyclic-ref', 'openapi', hostile.cyclicRef()],
    ['graphql-million-tokens', 'graphql', hostile.hugeGraphql(1_000_000)],
    ['deep-proto', 'grpc', hostile.deepProto(10_000)],
  ];
}

function log(message: string) {
  process.stderr.write(
    `[${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

function hostileApis(owner: string, system: string): Entity[] {
  return hostileCases().map(([name, type, definition]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: `hostile-${name}`, description: `Hostile: ${name}` },
    spec: { type, lifecycle: 'production', owner, system, definition },
  }));
}

/**
 * A catalog over a list of entities: pages filtered by kind, each parsed
 * from its JSON text (as the catalog client parses an HTTP body; the text is
 * made before the snapshot, as the catalog's server would), one turn of the
 * event loop per page (the client awaits the network).
 */
function listCatalog(entities: Entity[]): CatalogService {
  const streams = new Map<string, string[]>();
  const pagesOf = (kinds: string[], pageSize: number) => {
    const key = `${kinds.sort()}|${pageSize}`;
    let pages = streams.get(key);
    if (!pages) {
      const matching = entities.filter(e =>
        kinds.includes(e.kind.toLocaleLowerCase('en-US')),
      );
      pages = [];
      for (let i = 0; i < matching.length; i += pageSize) {
        pages.push(JSON.stringify(matching.slice(i, i + pageSize)));
      }
      streams.set(key, pages);
    }
    return pages;
  };
  const lower = (kinds: readonly string[]) =>
    kinds.map(k => k.toLocaleLowerCase('en-US'));
  // The two streams the snapshot reads.
  pagesOf(lower(ORG_KINDS), 500);
  pagesOf(['api'], API_PAGE_SIZE);
  const catalog: Pick<CatalogService, 'streamEntities' | 'getEntityByRef'> = {
    streamEntities(request) {
      const filter = request?.filter as { kind?: string | string[] };
      const kinds = lower([filter?.kind ?? [...ORG_KINDS, 'API']].flat());
      const pages = pagesOf(kinds, request?.pageSize ?? 500);
      return (async function* stream() {
        for (const text of pages) {
          await nextTurn();
          yield JSON.parse(text) as Entity[];
        }
      })();
    },
    async getEntityByRef() {
      return undefined;
    },
  };
  return catalog as CatalogService;
}

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
    debug: () => {},
    warn: message => log(`snapshot warning: ${message.slice(0, 200)}`),
    error: message => log(`snapshot error: ${message.slice(0, 200)}`),
    child: () => logger,
  };
  return logger;
}

/** The client: on its own thread (own event loop), so it asks on time. */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
let stopped = false;
parentPort.on('message', () => { stopped = true; });
function ask() {
  if (stopped) { parentPort.postMessage(times); agent.destroy(); return; }
  const start = performance.now();
  http.get({ port: workerData.port, path: '/health', agent }, res => {
    res.resume();
    res.on('end', () => {
      times.push(performance.now() - start);
      setTimeout(ask, workerData.everyMs);
    });
  }).on('error', error => { times.push(-1); setTimeout(ask, workerData.everyMs); });
}
ask();
`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] ?? NaN;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Answer times of `/health` (ms) while `task` runs. */
/** Answer times of `/health`, and the longest stall of the server's loop. */
interface Health {
  requests: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over100Ms: number;
  longestStallMs: number;
  /** The CPU the loop's thread spent in that stall (Linux, 10 ms ticks). */
  longestStallOnCpuMs: number;
}

async function pollingHealth<T>(
  port: number,
  task: () => Promise<T>,
): Promise<{ value: T; health: Health }> {
  const client = new Worker(CLIENT, {
    eval: true,
    workerData: { port, everyMs: 5 },
  });
  const times = new Promise<number[]>(resolve =>
    client.once('message', resolve),
  );
  // The server's loop: its longest stall, and the CPU its thread spent
  // during that stall (the rest is waiting for a core on a loaded machine).
  let longest = { ms: 0, cpuMs: 0 };
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const t = performance.now();
    const cpu = mainThreadCpuMs();
    if (t - last > longest.ms) longest = { ms: t - last, cpuMs: cpu - lastCpu };
    last = t;
    lastCpu = cpu;
  }, 5);
  // Let the client take its first answers before the task starts.
  await new Promise(resolve => setTimeout(resolve, 100));
  longest = { ms: 0, cpuMs: 0 };
  const value = await task();
  clearInterval(timer);
  client.postMessage('stop');
  const health: Health = {
    ...summarize(await times),
    longestStallMs: round(longest.ms),
    longestStallOnCpuMs: longest.cpuMs,
  };
  await client.terminate();
  return { value, health };
}

const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;
/** CPU time of the main thread (user + system), ms in 10 ms ticks; 0 without /proc. */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(MAIN_THREAD_STAT, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function summarize(times: number[]) {
  const answered = times.filter(t => t >= 0);
  return {
    requests: times.length,
    failed: times.length - answered.length,
    p50Ms: round(percentile(answered, 50)),
    p99Ms: round(percentile(answered, 99)),
    maxMs: round(Math.max(...answered)),
    over100Ms: answered.filter(t => t > 100).length,
  };
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function parseArgs(argv: string[]) {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const [key, value] = argv[i].slice(2).split('=');
      args[key] = value ?? argv[++i];
    }
  }
  return {
    runs: Number(args.runs ?? 3),
    threads: Number(args.threads ?? DefinitionParserPool.defaultThreads()),
  };
}

async function measure(options: ReturnType<typeof parseArgs>) {
  const examples = loadExampleEntities();
  const firstApi = examples.find(e => e.kind === 'API')!;
  const spec = firstApi.spec as { owner: string; system?: string };
  const hostileEntities = hostileApis(spec.owner, spec.system ?? '');
  const hostileBytes = hostileEntities.reduce(
    (sum, e) => sum + String(e.spec?.definition).length,
    0,
  );
  log(
    `example catalog: ${examples.length} entities (${
      examples.filter(e => e.kind === 'API').length
    } APIs); hostile: ${hostileEntities.length} APIs, ${Math.round(
      hostileBytes / 1024,
    )} KB of definitions; ${options.threads} parser thread(s)`,
  );

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-health-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(directory, 'apiops.sqlite') },
    useNullAsDefault: true,
  });
  const database: DatabaseService = { getClient: async () => knex };
  const store = await DatabaseSnapshotStore.create({ database });
  const assessments = await DatabaseAssessmentStore.create({ database });
  const method = await MethodCatalog.create();

  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404, {
      'content-type': 'application/json',
    });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const snapshot = (entities: Entity[]) => {
    const catalog = listCatalog(entities);
    return pollingHealth(port, async () => {
      // A new service each time: a cold run, every definition parsed.
      const service = SnapshotService.create({
        catalog,
        auth,
        logger: quietLogger(),
        store,
        assessments,
        method,
        ruleset: createRuleset(builtinRules),
        parserThreads: options.threads,
      });
      const start = performance.now();
      await service.run();
      return performance.now() - start;
    });
  };

  const cases = {
    examples: [] as Array<Awaited<ReturnType<typeof snapshot>>>,
    withHostile: [] as Array<Awaited<ReturnType<typeof snapshot>>>,
  };
  for (let run = 1; run <= options.runs; run++) {
    for (const [name, entities] of [
      ['examples', examples],
      ['withHostile', [...examples, ...hostileEntities]],
    ] as const) {
      const result = await snapshot([...entities]);
      cases[name].push(result);
      log(
        `run ${run}, ${name}: snapshot ${Math.round(
          result.value,
        )} ms; /health p50 ${result.health.p50Ms} ms, p99 ${
          result.health.p99Ms
        } ms, max ${result.health.maxMs} ms over ${
          result.health.requests
        } requests (${
          result.health.over100Ms
        } over 100 ms); longest stall of the loop ${
          result.health.longestStallMs
        } ms, ${result.health.longestStallOnCpuMs} ms of it on the CPU`,
      );
    }
  }

  // The finding each hostile API carries, from the last run's results.
  const findings: Record<string, string[]> = {};
  for (const entity of hostileEntities) {
    const stored = await store.getApiResult(
      entityRefKey(stringifyEntityRef(entity)),
    );
    findings[entity.metadata.name] = (stored?.result.governance.findings ?? [])
      .filter(f => f.message.includes('spec.definition'))
      .map(f => f.message.slice(0, 120));
  }

  server.close();
  await knex.destroy();
  fs.rmSync(directory, { recursive: true, force: true });

  const summary = (runs: typeof cases.examples) => ({
    snapshotMs: round(median(runs.map(r => r.value))),
    health: {
      p50Ms: round(median(runs.map(r => r.health.p50Ms))),
      p99Ms: round(median(runs.map(r => r.health.p99Ms))),
      maxMs: Math.max(...runs.map(r => r.health.maxMs)),
      requests: runs.reduce((s, r) => s + r.health.requests, 0),
      over100Ms: runs.reduce((s, r) => s + r.health.over100Ms, 0),
      longestStallMs: Math.max(...runs.map(r => r.health.longestStallMs)),
      longestStallOnCpuMs: Math.max(
        ...runs.map(r => r.health.longestStallOnCpuMs),
      ),
      failed: runs.reduce((s, r) => s + r.health.failed, 0),
    },
    runs: runs.map(r => ({ snapshotMs: round(r.value), health: r.health })),
  });
  return {
    runs: options.runs,
    parserThreads: options.threads,
    hostileApis: hostileEntities.length,
    hostileKb: Math.round(hostileBytes / 1024),
    examples: summary(cases.examples),
    withHostile: summary(cases.withHostile),
    findings,
    loadAverage: os.loadavg().map(l => round(l)),
  };
}

/** What the health bench reports (the line `HEALTH <json>`). */
export type HealthResult = Awaited<ReturnType<typeof measure>>;

// The parser threads load this bundle too: only the main thread measures.
if (isMainThread) {
  measure(parseArgs(process.argv.slice(2)))
    .then(result => process.stdout.write(`HEALTH ${JSON.stringify(result)}\n`))
    .catch(error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    });
}
