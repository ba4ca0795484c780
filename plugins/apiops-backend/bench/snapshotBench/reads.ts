/**
 * Reads after a snapshot: report pages (gaps, fragmentation, teams) and the
 * status of one API with many assessment rows, timed.
 */

import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  builtinRules,
  createRuleset,
  DEFAULT_METHOD_CYCLE,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { encodeSnapshotCursor } from '../../src/database/conversions';
import { CatalogVisibility } from '../../src/services/CatalogVisibility';
import { StatusService } from '../../src/services/StatusService';
import { apiEntity, apiRef } from '../../src/__testUtils__/catalogGenerator';
import { percentile, round } from './measuring';
import { allowAll, credentials, Context } from './services';

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

export async function reportPages(ctx: Context) {
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
export async function addAssessments(ctx: Context, rows: number) {
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

export async function statusReads(ctx: Context) {
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
