/**
 * The write of a snapshot's API results at catalog scale, apart from the
 * rest of the snapshot (docs/benchmarks.md, "The results written as a
 * diff"): a first snapshot (every row new), a snapshot where nothing
 * changed (the rows are compared by digest and none is written) and one
 * where every result changed (every row written again); a first snapshot's
 * definition features, 2,000 rows at a time under random hashes; and the
 * lint module's evidence index, two rows per API written 5,000 at a time as
 * a snapshot writes them, with evidence keys as random as real ones
 * (SHA-256).
 *
 * This machine's speed drifts by tens of percent within minutes, so the
 * variants run in turn, round after round, each on a new SQLite file, and
 * the medians of the rounds are compared.
 *
 * Run from the repository root:
 * `node --require @backstage/cli/config/nodeTransform.cjs plugins/apiops-backend/bench/storeWrites.ts [--apis 200000] [--rounds 3] [--only results|features|index]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import type { ApiSnapshotResult } from '@apiops-backstage/plugin-apiops-common';
import { createHash } from 'node:crypto';
import { DatabaseDefinitionFeatureStore } from '../src/database/DatabaseDefinitionFeatureStore';
import { DatabaseEvidenceStore } from '../src/database/DatabaseEvidenceStore';
import type { EvidenceIndexRow } from '../src/database/EvidenceStore';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import type { StoredApiResult } from '../src/database/SnapshotStore';
import { migrationsDir } from '../src/database/migrationsDir';
import { extractDefinitionFeatures } from '../src/fragmentation';
import { apiEntity, createPlan } from '../src/__testUtils__/catalogGenerator';
import { Clock, now, since } from './snapshotBench/measuring';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall and CPU milliseconds of `work`. */
async function timed(work: () => Promise<unknown>): Promise<Clock> {
  const start = now();
  await work();
  return since(start);
}

async function freshDatabase(directory: string, name: string): Promise<Knex> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(directory, `${name}.sqlite`) },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrationsDir });
  return knex;
}

/** A result of the size and shape of the synthetic catalog's. */
function apiResult(i: number, title: string): StoredApiResult {
  const ref = `api:default/api-${i}`;
  const result: ApiSnapshotResult = {
    entityRef: ref,
    title: `${title} ${i}`,
    system: `system:default/system-${i % 10_000}`,
    lifecycle: 'production',
    station: {
      id: 'api-design',
      source: 'assessment',
      cycle: 'api-productization-cycle',
    },
    owner: {
      ref: `group:default/team-${i % 10_000}`,
      declared: `team-${i % 10_000}`,
      resolved: true,
      kind: 'group',
      gaps: [],
    },
    governance: {
      status: 'attention',
      findings: [
        'description-present',
        'lifecycle-known',
        'providers-known',
      ].map(ruleId => ({
        ruleId,
        severity: 'warning' as const,
        message: `${ruleId}: ${ref} is missing what this rule asks for; see the rule's documentation`,
      })),
    },
  };
  return {
    result,
    inputs: {
      providers: [
        { ref: `component:default/service-${i % 100_000}`, exists: true },
      ],
      consumers: [`component:default/app-${(i * 7) % 100_000}`],
    },
  };
}

async function resultWrites(directory: string, apis: number, round: number) {
  const knex = await freshDatabase(directory, `results-${round}`);
  try {
    const store = await DatabaseSnapshotStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    });
    const first = Array.from({ length: apis }, (_, i) => apiResult(i, 'API'));
    const renamed = first.map((_, i) => apiResult(i, 'Renamed API'));
    const snapshot = async (results: StoredApiResult[]) => {
      const runId = await store.startRun();
      await store.completeRun(runId, {
        apis: results,
        teams: [],
        clusters: [],
        counts: {
          apis: results.length,
          byStation: {},
          byStatus: {},
          byGapType: {},
          byFindingType: {},
        },
      });
    };
    return {
      first: await timed(() => snapshot(first)),
      unchanged: await timed(() => snapshot(first)),
      allChanged: await timed(() => snapshot(renamed)),
    };
  } finally {
    await knex.destroy();
  }
}

/** Index rows per write, as the snapshot's evidence run writes them. */
const INDEX_WRITE_ROWS = 5000;

async function indexWrite(directory: string, apis: number, round: number) {
  const knex = await freshDatabase(directory, `index-${round}`);
  try {
    const store = await DatabaseEvidenceStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    });
    const rows: EvidenceIndexRow[] = [];
    for (let i = 0; i < apis; i += 1) {
      for (const providerId of ['lint', 'audit']) {
        rows.push({
          providerId,
          entityRef: `api:default/api-${i}`,
          key: createHash('sha256')
            .update(`${providerId} ${i}`)
            .digest('base64'),
          title: `API ${i}`,
          ownerRef: `group:default/team-${i % 10_000}`,
          systemRef: `system:default/system-${i % 10_000}`,
          queuedAt: 1_765_000_000_000,
        });
      }
    }
    return await timed(async () => {
      for (let i = 0; i < rows.length; i += INDEX_WRITE_ROWS) {
        await store.writeIndex(rows.slice(i, i + INDEX_WRITE_ROWS), []);
      }
    });
  } finally {
    await knex.destroy();
  }
}

/** Feature rows per write, as the snapshot's feature source hands them over. */
const FEATURE_WRITE_ROWS = 2000;

/**
 * A first snapshot's write of the definition features: one row per
 * definition, with the features of generated definitions (their JSON the
 * size of a real snapshot's rows) under random hashes.
 */
async function featureWrite(directory: string, apis: number, round: number) {
  const knex = await freshDatabase(directory, `features-${round}`);
  try {
    const store = await DatabaseDefinitionFeatureStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    });
    const plan = createPlan({ apis: 2000, seed: 42 });
    const samples = Array.from({ length: 50 }, (_, i) => {
      const entity = apiEntity(plan, i * 37);
      return extractDefinitionFeatures(
        String(entity.spec?.type),
        entity.spec?.definition,
      );
    });
    const entries = Array.from({ length: apis }, (_, i) => ({
      hash: createHash('sha256').update(`definition ${i}`).digest('base64'),
      result: samples[i % samples.length],
    }));
    return await timed(async () => {
      for (let i = 0; i < entries.length; i += FEATURE_WRITE_ROWS) {
        await store.putMany(entries.slice(i, i + FEATURE_WRITE_ROWS));
      }
    });
  } finally {
    await knex.destroy();
  }
}

/** One line of the bench's output. */
function print(line: string) {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const apis = argument('apis', 200_000);
  const rounds = argument('rounds', 3);
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-writes-'));
  const figures: Record<string, Clock[]> = {};
  const note = (name: string, value: Clock) => {
    (figures[name] ??= []).push(value);
    print(
      `${name}: ${(value.wall / 1000).toFixed(2)} s wall, ${(
        value.cpu / 1000
      ).toFixed(2)} s CPU`,
    );
  };
  try {
    for (let round = 0; round < rounds; round += 1) {
      print(`round ${round + 1} of ${rounds}, ${apis} APIs`);
      if (only === undefined || only === 'results') {
        const results = await resultWrites(directory, apis, round);
        note('results, first snapshot', results.first);
        note('results, nothing changed', results.unchanged);
        note('results, every result changed', results.allChanged);
      }
      if (only === undefined || only === 'features') {
        note(
          `definition features, ${apis} rows`,
          await featureWrite(directory, apis, round),
        );
      }
      if (only === undefined || only === 'index') {
        note(
          `evidence index, ${apis * 2} rows`,
          await indexWrite(directory, apis, round),
        );
      }
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  print(`\nmedians of ${rounds} rounds (wall / CPU s):`);
  for (const [name, values] of Object.entries(figures)) {
    print(
      `| ${name} | ${(median(values.map(v => v.wall)) / 1000).toFixed(2)} / ${(
        median(values.map(v => v.cpu)) / 1000
      ).toFixed(2)} |`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
