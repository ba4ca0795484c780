/**
 * The cost of the definition evidence (docs/benchmarks.md, "Lint and the
 * audit checklist"):
 *
 * 1. CPU per definition of Spectral (`spectral:oas` + `spectral:asyncapi`,
 *    as the lint module runs it on a worker thread) and of the method's audit
 *    checks, on a sample of the synthetic 200k catalog of the snapshot bench
 *    and on the example catalog's real-looking definitions;
 * 2. the time to drain a first backlog of 200k definitions with the default
 *    budget (5 minutes per 10-minute run) and 1 or 2 threads;
 * 3. what the snapshot pays per API for the evidence: the lookup by key and
 *    the index writes of each page (SQLite, as the example portal), cold
 *    (every API queued), after the drain (every API's evidence found, the
 *    index rewritten once) and warm (nothing changed).
 *
 * Run from the repository root (never in CI; nothing is asserted):
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/apiops-backend-module-lint/bench/lintBench.ts [--sample 400] [--apis 20000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  ApiSnapshotResult,
  DefinitionEvidence,
  entityRefKey,
  evidenceToGovernanceFindings,
} from '@apiops-backstage/plugin-apiops-common';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';
import knexFactory from 'knex';
import { parse as parseYaml } from 'yaml';
import {
  apiEntity,
  createPlan,
} from '../../apiops-backend/src/__testUtils__/catalogGenerator';
import { DatabaseEvidenceStore } from '../../apiops-backend/src/database/DatabaseEvidenceStore';
import { checkAudit } from '../../apiops-backend/src/evidence/audit/auditWorker';
import { loadAuditChecklist } from '../../apiops-backend/src/evidence/audit/loadAuditChecklist';
import {
  definitionHashOf,
  evidenceKeyOf,
} from '../../apiops-backend/src/evidence/definitionHash';
import { EvidenceService } from '../../apiops-backend/src/evidence/EvidenceService';
import { SpectralDefinitionLinter } from '../src/linter/SpectralDefinitionLinter';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg, i, all) =>
      arg.startsWith('--') ? [arg.slice(2), all[i + 1]] : undefined,
    )
    .filter((pair): pair is [string, string] => pair !== undefined),
);
const SAMPLE = Number(args.sample ?? 400);
const APIS = Number(args.apis ?? 20000);
const PAGE = 500;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    n: values.length,
    mean: +mean.toFixed(2),
    p50: +at(0.5).toFixed(2),
    p95: +at(0.95).toFixed(2),
    max: +sorted[sorted.length - 1].toFixed(2),
  };
}

function exampleDefinitions(): Array<{
  type: string;
  definition: string;
  name: string;
}> {
  const dir = path.resolve(__dirname, '../../../examples/apis');
  return fs
    .readdirSync(dir)
    .map(
      file =>
        parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as Entity,
    )
    .filter(
      e =>
        ['openapi', 'asyncapi'].includes(String(e.spec?.type)) &&
        typeof e.spec?.definition === 'string',
    )
    .map(e => ({
      type: String(e.spec!.type),
      definition: String(e.spec!.definition),
      name: e.metadata.name,
    }));
}

async function cpuPerDefinition(
  items: Array<{ type: string; definition: string }>,
  run: (item: {
    type: string;
    definition: string;
  }) => Promise<unknown> | unknown,
) {
  for (const item of items.slice(0, 10)) await run(item); // JIT warm-up
  const times: number[] = [];
  for (const item of items) {
    const start = cpuMs();
    await run(item);
    times.push(cpuMs() - start);
  }
  return stats(times);
}

async function main() {
  const plan = createPlan({ apis: 200_000, seed: 42 });
  const step = Math.floor(200_000 / SAMPLE);
  const generated = Array.from({ length: SAMPLE }, (_, i) =>
    apiEntity(plan, i * step),
  )
    .filter(e => typeof e.spec?.definition === 'string')
    .map(e => ({
      type: String(e.spec!.type).toLocaleLowerCase('en-US'),
      definition: String(e.spec!.definition),
    }));
  const linted = generated.filter(
    g => g.type === 'openapi' || g.type === 'asyncapi',
  );
  const examples = exampleDefinitions();
  const size = (list: Array<{ definition: string }>) =>
    Math.round(list.reduce((a, b) => a + b.definition.length, 0) / list.length);

  const linterStart = cpuMs();
  const linter = SpectralDefinitionLinter.create({
    owasp: false,
    maxFindings: 500,
  });
  const setupMs = cpuMs() - linterStart;
  const owasp = SpectralDefinitionLinter.create({
    owasp: true,
    maxFindings: 500,
  });
  let findings = 0;
  const lintGenerated = await cpuPerDefinition(linted, async item => {
    findings += (await linter.lint(item)).findings.length;
  });
  const lintExamples = await cpuPerDefinition(examples, item =>
    linter.lint(item),
  );
  const owaspGenerated = await cpuPerDefinition(linted, item =>
    owasp.lint(item),
  );
  const items = loadAuditChecklist();
  const auditGenerated = await cpuPerDefinition(
    linted.filter(g => g.type === 'openapi'),
    item => checkAudit(items, item),
  );

  // The backlog at 200k: definitions per run = budget / CPU per definition
  // per thread (the threads have the cores to themselves at best).
  const budgetS = 300;
  const cadenceS = 600;
  const perDefinitionS = (lintGenerated.mean + auditGenerated.mean) / 1000;
  const drain = (threads: number) => {
    const perRun = Math.floor((budgetS * threads) / perDefinitionS);
    const runs = Math.ceil(200_000 / perRun);
    return {
      threads,
      perRun,
      runs,
      hours: +((runs * cadenceS) / 3600).toFixed(1),
    };
  };

  // The snapshot's share: lookups and index writes per page, on SQLite.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-lint-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  const store = await DatabaseEvidenceStore.create({
    database: { getClient: async () => knex },
  });
  const provider = (id: string): DefinitionEvidenceProvider => ({
    id,
    title: id,
    version: '1',
    appliesTo: e =>
      String(e.spec?.type).toLocaleLowerCase('en-US') === 'openapi',
    worker: { module: __filename },
  });
  const providers = [provider('lint'), provider('audit')];
  // Time spent in each store call, to tell the database from the rest.
  const spent: Record<string, number> = {};
  for (const name of ['getSummaries', 'getIndexRows', 'writeIndex'] as const) {
    const inner = (store[name] as (...a: unknown[]) => Promise<unknown>).bind(
      store,
    );
    (store as unknown as Record<string, unknown>)[name] = async (
      ...a: unknown[]
    ) => {
      const start = cpuMs();
      try {
        return await inner(...a);
      } finally {
        spent[name] = (spent[name] ?? 0) + cpuMs() - start;
      }
    };
  }
  const service = EvidenceService.create({
    providers,
    store,
    catalog: {} as never,
    auth: {} as never,
    logger: {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return this;
      },
    } as never,
    settings: {
      threads: 1,
      timeoutMs: 1,
      budgetMs: 1,
      maxHeapMb: 64,
      retentionDays: 90,
    },
  });
  const apis = createPlan({ apis: APIS, seed: 42 });
  const pages: Array<{
    entities: Entity[];
    hashes: Array<string | undefined>;
  }> = [];
  for (let i = 0; i < APIS; i += PAGE) {
    const entities = Array.from({ length: Math.min(PAGE, APIS - i) }, (_, j) =>
      apiEntity(apis, i + j),
    );
    pages.push({ entities, hashes: entities.map(definitionHashOf) });
  }
  const resultOf = (e: Entity): ApiSnapshotResult =>
    ({
      entityRef: `api:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
      title: e.metadata.title ?? e.metadata.name,
      system:
        typeof e.spec?.system === 'string'
          ? `system:default/${e.spec.system}`
          : undefined,
      owner: {
        ref: `group:default/${String(e.spec?.owner)}`,
        resolved: true,
        gaps: [],
      },
    } as unknown as ApiSnapshotResult);
  const pass = async () => {
    for (const key of Object.keys(spent)) delete spent[key];
    const run = service.startRun();
    const wall = Date.now();
    const cpu = cpuMs();
    for (const page of pages) {
      const found = await run.lookup(page.entities, page.hashes);
      run.record(found, page.entities.map(resultOf));
    }
    await run.abandon(); // the writes, without pruning (no results table rows)
    return {
      wallMs: Date.now() - wall,
      cpuMs: Math.round(cpuMs() - cpu),
      storeCpuMs: Object.fromEntries(
        Object.entries(spent).map(([k, v]) => [k, Math.round(v)]),
      ),
    };
  };
  const cold = await pass();
  // Every definition linted: evidence with the findings of a sample definition.
  const sampleEvidence: DefinitionEvidence = await linter.lint(linted[0]);
  const auditEvidence = checkAudit(
    items,
    linted.find(l => l.type === 'openapi')!,
  );
  const fillStart = Date.now();
  for (const page of pages) {
    for (let i = 0; i < page.entities.length; i += 1) {
      const hash = page.hashes[i];
      if (!hash || !providers[0].appliesTo(page.entities[i])) continue;
      for (const p of providers) {
        const evidence = p.id === 'lint' ? sampleEvidence : auditEvidence;
        await store.put(p.id, evidenceKeyOf(p, undefined, hash), evidence, {
          checkedAt: new Date(),
          findings: evidenceToGovernanceFindings(p.id, evidence),
          entityRefs: [entityRefKey(page.entities[i])],
        });
      }
    }
  }
  const fillMs = Date.now() - fillStart;
  const summaryBytes = JSON.stringify(
    evidenceToGovernanceFindings('lint', sampleEvidence),
  ).length;
  // What the findings cost the write of a 200k snapshot: serialising them
  // into each API's result (the database write grows by as many bytes).
  const summaries = linted.map(item => item);
  const serialise = cpuMs();
  let bytes = 0;
  for (const item of summaries) {
    const evidence = await linter.lint(item);
    const summary = evidenceToGovernanceFindings('lint', evidence);
    const start = cpuMs();
    bytes += JSON.stringify(summary).length;
    JSON.parse(JSON.stringify(summary));
    void start;
  }
  void serialise;
  const avgSummaryBytes = Math.round(bytes / summaries.length);
  const afterDrain = await pass();
  const warm = await pass();
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });

  const per = (ms: number) => +((ms / APIS) * 1000).toFixed(1); // µs per API
  const report = {
    machine: `${os.cpus().length} cores, load ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
    sample: {
      generated: linted.length,
      generatedAvgChars: size(linted),
      examples: examples.length,
      examplesAvgChars: size(examples),
    },
    spectralSetupCpuMs: Math.round(setupMs),
    lintCpuMsPerDefinition: {
      generated: lintGenerated,
      examples: lintExamples,
      generatedWithOwasp: owaspGenerated,
    },
    lintFindingsPerDefinition: +(findings / linted.length).toFixed(1),
    auditCpuMsPerDefinition: auditGenerated,
    drain200k: [drain(1), drain(2)],
    snapshotShare: {
      apis: APIS,
      cold: { ...cold, usPerApi: per(cold.wallMs) },
      afterDrain: { ...afterDrain, usPerApi: per(afterDrain.wallMs) },
      warm: { ...warm, usPerApi: per(warm.wallMs) },
      fillEvidenceMs: fillMs,
      sampleSummaryBytes: summaryBytes,
      avgSummaryBytesPerApi: avgSummaryBytes,
      extraResultMbAt200k: Math.round((avgSummaryBytes * 200_000) / 1e6),
      at200kSeconds: {
        cold: +((per(cold.wallMs) * 200_000) / 1e6).toFixed(1),
        afterDrain: +((per(afterDrain.wallMs) * 200_000) / 1e6).toFixed(1),
        warm: +((per(warm.wallMs) * 200_000) / 1e6).toFixed(1),
      },
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
