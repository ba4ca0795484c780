/**
 * The change detection step of the snapshot benchmark (`--changes`): a
 * baseline, the definitions edited, and the changed snapshot.
 */

import { parse as parseYaml } from 'yaml';
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { API_FIELDS } from '../../src/snapshot/SnapshotService';
import { CatalogVisibility } from '../../src/services/CatalogVisibility';
import {
  CatalogPlan,
  apiEntity,
} from '../../src/__testUtils__/catalogGenerator';
import { ChangeService } from '../../src/changes/ChangeService';
import type { ChangeSettings } from '../../src/changes/ChangeService';
import { DatabaseChangeStore } from '../../src/database/DatabaseChangeStore';
import { describeDefinition } from '../../src/changes/diffDefinitions';
import type {
  ChangeHead,
  StoredDefinition,
} from '../../src/database/ChangeStore';
import { definitionHashOf } from '../../src/evidence/definitionHash';
import { now, since, gc, round, log } from './measuring';
import { newCounters, catalogPages, nameKey } from './fakeCatalog';
import {
  allowAll,
  quietLogger,
  Context,
  createService,
  defaultConfig,
} from './services';
import { SnapshotFigures, snapshotRun } from './snapshotRun';

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
export interface ChangeTally {
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
export async function changeDetection(
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
