/*
 * Replicas and crashes, with real backend processes on a real PostgreSQL
 * server: each test starts backends with the plugin in child processes of
 * their own (`__testUtils__/replicaBackend.ts`) on a fresh database, which is
 * dropped afterwards.
 *
 * Runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (as
 * the store tests on PostgreSQL do); skipped otherwise. APIOPS_LONG_TESTS=1
 * runs more cadences and more kills (see docs/reliability.md).
 *
 * The figures (runs per cadence, time to recover after a kill, the migration
 * race) are written to stdout; nothing is asserted about time.
 */
import { Knex } from 'knex';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { loadExampleEntities } from './__fixtures__/exampleCatalog';
import {
  ReplicaCluster,
  ReplicaProcess,
  waitFor,
} from './__testUtils__/ReplicaCluster';
import { migrationsDir } from './database/migrationsDir';

const connectionString =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const long = process.env.APIOPS_LONG_TESTS === '1';

/** Snapshot cadences watched with two replicas. */
const CADENCES = long ? 20 : 4;
/** Kills during a snapshot. */
const KILLS = long ? 3 : 1;
/** APIs of the generated catalog of the kill test: a snapshot of seconds. */
const KILL_CATALOG_APIS = long ? '6000' : '3000';

jest.setTimeout(long ? 30 * 60_000 : 10 * 60_000);

function figure(text: string) {
  process.stdout.write(`[replicas] ${text}\n`);
}

interface RunRow {
  id: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

async function runs(db: Knex): Promise<RunRow[]> {
  const rows = await db('apiops_snapshots')
    .select('id', 'status', 'started_at', 'finished_at', 'error')
    .orderBy('id');
  return rows.map(row => ({ ...row, id: String(row.id) }));
}

/** Start-up restarts of the replicas, for the figures (see `ready`). */
function restartsOf(replicas: ReplicaProcess[]): string {
  const restarted = replicas.filter(replica => replica.restarts.length > 0);
  return restarted.length === 0
    ? 'no restart'
    : restarted
        .map(replica => `${replica.name} restarted after: ${replica.restarts}`)
        .join('; ');
}

function sum(counts: Record<string, number> | undefined): number {
  return Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
}

/**
 * The result rows beside the summary of the latest succeeded run, read in
 * one transaction so that a run completing meanwhile cannot mix them.
 */
async function resultsAndSummary(db: Knex) {
  return db.transaction(async trx => {
    await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const latest = await trx('apiops_snapshots')
      .where({ status: 'succeeded' })
      .orderBy('id', 'desc')
      .first('id', 'summary');
    const count = async (table: string) =>
      Number((await trx(table).count({ n: '*' }))[0].n);
    const duplicates = await trx('apiops_ownership_gaps')
      .select('entity_ref', 'type')
      .count({ n: '*' })
      .groupBy('entity_ref', 'type')
      .having(trx.raw('count(*) > 1'));
    // A JSON column: text on some drivers, parsed on others.
    const raw = latest?.summary;
    const summary = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return {
      runId: latest ? String(latest.id) : undefined,
      expected: summary && {
        apis: summary.apis,
        gaps: sum(summary.byGapType),
        clusters: sum(summary.byFragmentationType),
      },
      stored: {
        apis: await count('apiops_api_results'),
        gaps: await count('apiops_ownership_gaps'),
        clusters: await count('apiops_fragmentation_clusters'),
      },
      duplicateGaps: duplicates.length,
    };
  });
}

/** Nothing half-written and no gap twice, at this moment. */
async function expectConsistentResults(db: Knex) {
  const state = await resultsAndSummary(db);
  expect(state.duplicateGaps).toBe(0);
  if (state.expected) expect(state.stored).toEqual(state.expected);
  return state;
}

/** Every page of a paged report. */
async function allPages(replica: ReplicaProcess, route: string) {
  const items: unknown[] = [];
  let cursor: string | undefined;
  do {
    const res = await replica.request(
      `${route}?limit=1000${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** The reports a replica serves, with the snapshot they come from. */
async function reports(replica: ReplicaProcess) {
  const summary = await replica.request('/reports/summary');
  expect(summary.status).toBe(200);
  return {
    snapshot: summary.body.snapshot,
    summary: summary.body,
    ownership: await allPages(replica, '/reports/ownership'),
    fragmentation: await allPages(replica, '/reports/fragmentation'),
    teams: await allPages(replica, '/reports/teams'),
  };
}

/**
 * Both replicas' reports, read again while a run completed in between (the
 * snapshot or the latest run changed), so that the comparison is of one
 * state of the database.
 */
async function reportsOfBoth(a: ReplicaProcess, b: ReplicaProcess) {
  for (let attempt = 0; ; attempt++) {
    const first = await reports(a);
    const second = await reports(b);
    const again = await a.request('/reports/summary');
    if (
      JSON.stringify(again.body.snapshot) === JSON.stringify(first.snapshot) ||
      attempt === 4
    ) {
      return [first, second];
    }
  }
}

/** Refs of API entities of the example catalog. */
const exampleApis = connectionString
  ? loadExampleEntities()
      .filter(entity => entity.kind === 'API')
      .map(entity => stringifyEntityRef(entity))
  : [];

function assessmentRoute(entityRef: string): string {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return `/entities/${kind}/${namespace}/${name}/assessments`;
}

const describeOnPostgres = connectionString ? describe : describe.skip;
if (!connectionString) {
  // Jest lists skipped tests only with --verbose: say why here.
  process.stderr.write(
    '[replicas] skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a PostgreSQL 15 server) to run them\n',
  );
}

describeOnPostgres(
  connectionString
    ? 'replicas on PostgreSQL'
    : 'replicas on PostgreSQL (skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them)',
  () => {
    let cluster: ReplicaCluster | undefined;

    afterEach(async () => {
      // Always: every process killed, the database dropped, even on failure.
      await cluster?.stop();
      cluster = undefined;
    });

    it(`runs one snapshot per cadence with two backends for ${CADENCES} cadences, serving identical reports`, async () => {
      cluster = await ReplicaCluster.create(connectionString!);
      const snapshot = {
        frequency: { seconds: 6 },
        initialDelay: { seconds: 1 },
        timeout: { minutes: 2 },
        parserThreads: 1,
      };
      const a = await cluster.start('a', { snapshot });
      const b = await cluster.start('b', { snapshot });
      const startMs = await Promise.all([a.ready(), b.ready()]);
      figure(
        `two replicas up in ${startMs.join(' and ')} ms (${restartsOf([
          a,
          b,
        ])})`,
      );
      const { db } = cluster;

      // An assessment written through one is read through the other, both ways.
      await waitFor('the first snapshot', async () =>
        (await runs(db)).some(run => run.status === 'succeeded'),
      );
      for (const [writer, reader, apiRef] of [
        [a, b, exampleApis[0]],
        [b, a, exampleApis[1]],
      ] as const) {
        const created = await writer.request(assessmentRoute(apiRef), {
          method: 'POST',
          body: {
            answers: { 'business-goals-defined': 'met' },
            note: `through ${writer.name}`,
          },
        });
        expect(created.status).toBe(201);
        const read = await reader.request(assessmentRoute(apiRef));
        expect(read.status).toBe(200);
        expect(read.body.items[0]).toEqual(created.body);
        const status = await reader.request(
          assessmentRoute(apiRef).replace(/\/assessments$/, '/status'),
        );
        expect(status.status).toBe(200);
        expect(status.body.station).toMatchObject({
          id: created.body.station,
          source: 'assessment',
        });
      }

      // Several cadences: after each new snapshot, both serve the same reports.
      let seen = '0';
      const refreshOutcomes: string[] = [];
      const comparisons: Array<{
        snapshot: string;
        identical: boolean;
        gaps: number;
      }> = [];
      await waitFor(
        `${CADENCES} snapshots`,
        async () => {
          await expectConsistentResults(db);
          const all = await runs(db);
          const latest = all.filter(run => run.status === 'succeeded').pop();
          if (latest && latest.id !== seen) {
            seen = latest.id;
            const [fromA, fromB] = await reportsOfBoth(a, b);
            comparisons.push({
              snapshot: latest.id,
              identical: isDeepStrictEqual(fromA, fromB),
              gaps: fromA.ownership.length,
            });
            // A refresh of one API through each while the snapshots go on:
            // written under the lock completions take, so the results stay
            // whole (checked on every turn of this loop).
            const refreshed = await Promise.all(
              [
                [a, exampleApis[0]],
                [b, exampleApis[1]],
              ].map(([replica, apiRef]) =>
                (replica as ReplicaProcess).request(
                  assessmentRoute(apiRef as string).replace(
                    /\/assessments$/,
                    '/refresh',
                  ),
                  { method: 'POST' },
                ),
              ),
            );
            for (const res of refreshed) {
              refreshOutcomes.push(
                res.status === 200 ? res.body.outcome : `${res.status}`,
              );
            }
          }
          return (
            all.filter(run => run.status === 'succeeded').length >= CADENCES
          );
        },
        { limitMs: CADENCES * 60_000, everyMs: 200 },
      );
      await waitFor('the last run to finish', async () =>
        (await runs(db)).every(run => run.status !== 'running'),
      );

      const all = await runs(db);
      // Every run succeeded; none overlapped another (the scheduler's lock).
      expect(all.map(run => run.status)).toEqual(all.map(() => 'succeeded'));
      for (let i = 1; i < all.length; i++) {
        expect(all[i].started_at.getTime()).toBeGreaterThanOrEqual(
          all[i - 1].finished_at!.getTime(),
        );
      }
      // Each run was taken by exactly one of the two processes.
      const byA = a.completedRuns();
      const byB = b.completedRuns();
      expect([...byA, ...byB].sort((x, y) => Number(x) - Number(y))).toEqual(
        all.map(run => run.id),
      );
      // Both served the same reports after every snapshot.
      expect(comparisons.length).toBeGreaterThanOrEqual(CADENCES);
      for (const comparison of comparisons) {
        expect(comparison).toEqual({
          snapshot: comparison.snapshot,
          identical: true,
          gaps: expect.any(Number),
        });
        expect(comparison.gaps).toBeGreaterThan(0);
      }
      await expectConsistentResults(db);
      expect(a.errors()).toEqual([]);
      expect(b.errors()).toEqual([]);
      // Each refresh answered 200: applied, or superseded by a snapshot.
      expect(refreshOutcomes).toContain('applied');
      expect(
        refreshOutcomes.filter(
          outcome => outcome !== 'applied' && outcome !== 'superseded',
        ),
      ).toEqual([]);

      const spanMs =
        all[all.length - 1].started_at.getTime() - all[0].started_at.getTime();
      figure(
        `two replicas: ${all.length} runs over ${(spanMs / 1000).toFixed(
          0,
        )} s (${Math.round(spanMs / 6000) + 1} cadences of 6 s), ${
          byA.length
        } by a, ${
          byB.length
        } by b, none overlapping, none failed; reports compared after ${
          comparisons.length
        } snapshots, identical; ${
          refreshOutcomes.length
        } refreshes of one API (${
          refreshOutcomes.filter(outcome => outcome === 'applied').length
        } applied)`,
      );
    });

    it(`serves the previous results when a backend is killed during a snapshot (${KILLS}x), and the next run completes`, async () => {
      cluster = await ReplicaCluster.create(connectionString!);
      const { db } = cluster;
      const snapshot = {
        frequency: { seconds: 5 },
        initialDelay: { seconds: 1 },
        timeout: { seconds: 15 },
        parserThreads: 1,
      };
      let victim = await cluster.start('a', {
        snapshot,
        catalog: KILL_CATALOG_APIS,
      });
      await victim.ready();
      await waitFor('the first snapshot', async () =>
        (await runs(db)).some(run => run.status === 'succeeded'),
      );

      for (let kill = 1; kill <= KILLS; kill++) {
        let before = await expectConsistentResults(db);
        let previous = await victim.request('/reports/summary');
        let killed: RunRow | undefined;
        let killedAt = 0;
        for (let attempt = 1; !killed; attempt++) {
          before = await expectConsistentResults(db);
          previous = await victim.request('/reports/summary');
          expect(previous.body.snapshot.id).toBe(before.runId);
          // SIGKILL as soon as the next run shows as running.
          let started: RunRow | undefined;
          const since = Number(before.runId);
          await waitFor(
            'a run to start',
            async () => {
              started = (await runs(db)).find(
                run => run.status === 'running' && Number(run.id) > since,
              );
              return started !== undefined;
            },
            { everyMs: 20 },
          );
          await victim.kill();
          killedAt = Date.now();
          const atKill = (await runs(db)).find(run => run.id === started!.id)!;
          if (atKill.status === 'running') {
            killed = atKill;
          } else {
            // It completed before the kill landed (a loaded machine): again.
            if (attempt >= 5) {
              throw new Error(`${attempt} runs completed before the kill`);
            }
            figure(`run ${atKill.id} ${atKill.status} before the kill; again`);
            victim = await cluster.start(`retry-${kill}-${attempt}`, {
              snapshot,
              catalog: KILL_CATALOG_APIS,
            });
            await victim.ready();
          }
        }
        // Nothing half-written: the previous results, whole.
        expect((await expectConsistentResults(db)).runId).toBe(before.runId);

        // Another process (the restart) serves the previous results.
        const next = await cluster.start(`restart-${kill}`, {
          snapshot,
          catalog: KILL_CATALOG_APIS,
        });
        await next.ready();
        const served = await next.request('/reports/summary');
        expect(served.status).toBe(200);
        expect(served.body.snapshot.id).toBe(before.runId);
        expect(served.body.apis).toBe(previous.body.apis);

        // Until the next run completes, the results stay whole.
        let recovered: RunRow | undefined;
        await waitFor(
          'the next run to complete',
          async () => {
            await expectConsistentResults(db);
            recovered = (await runs(db)).find(
              run =>
                run.status === 'succeeded' &&
                Number(run.id) > Number(killed!.id),
            );
            return recovered !== undefined;
          },
          { limitMs: 5 * 60_000, everyMs: 200 },
        );
        const interrupted = (await runs(db)).find(
          run => run.id === killed!.id,
        )!;
        expect(interrupted.status).toBe('failed');
        expect(interrupted.error).toMatch(/^(timed out|interrupted)/);
        const after = await expectConsistentResults(db);
        expect(after.runId).toBe(recovered!.id);
        const now = await next.request('/reports/summary');
        expect(now.body.snapshot.id).toBe(recovered!.id);
        expect(next.errors()).toEqual([]);
        figure(
          `kill ${kill}: run ${killed!.id} killed ${
            killedAt - killed!.started_at.getTime()
          } ms into it; recorded "${interrupted.error}"; run ${
            recovered!.id
          } succeeded ${(
            (recovered!.finished_at!.getTime() - killedAt) /
            1000
          ).toFixed(1)} s after the kill (task timeout 15 s)`,
        );
        victim = next;
      }
    });

    it('comes up once when two backends migrate an empty database at once', async () => {
      cluster = await ReplicaCluster.create(connectionString!);
      const { db } = cluster;
      const snapshot = {
        frequency: { minutes: 30 },
        initialDelay: { minutes: 10 },
      };
      const a = await cluster.start('a', { snapshot });
      const b = await cluster.start('b', { snapshot });
      const startMs = await Promise.all([a.ready(), b.ready()]);

      const migrations = await db('knex_migrations').pluck('name');
      const files = fs
        .readdirSync(migrationsDir)
        .filter(file => file.endsWith('.js'))
        .sort();
      expect([...migrations].sort()).toEqual(files);
      expect(await db('knex_migrations_lock').pluck('is_locked')).toEqual([0]);
      const tables = await db('pg_tables')
        .where({ schemaname: 'public' })
        .andWhere('tablename', 'like', 'apiops_%')
        .pluck('tablename');
      expect(tables.sort()).toEqual([
        'apiops_api_refreshes',
        'apiops_api_results',
        'apiops_assessments',
        'apiops_campaign_failures',
        'apiops_campaign_progress',
        'apiops_campaign_status',
        'apiops_campaign_teams',
        'apiops_campaigns',
        'apiops_change_definitions',
        'apiops_change_events',
        'apiops_change_heads',
        'apiops_definition_evidence',
        'apiops_definition_features',
        'apiops_evidence_index',
        'apiops_fragmentation_clusters',
        'apiops_fragmentation_dismissals',
        'apiops_fragmentation_members',
        'apiops_notification_baseline',
        'apiops_notification_meta',
        'apiops_notifications',
        'apiops_ownership_gaps',
        'apiops_snapshots',
        'apiops_team_rollups',
      ]);
      for (const replica of [a, b]) {
        expect((await replica.request('/reports/summary')).status).toBe(200);
        expect(replica.errors()).toEqual([]);
      }
      figure(
        `migration race: both backends up, ${
          migrations.length
        } migrations applied once, no error logged; up in ${startMs.join(
          ' and ',
        )} ms (${restartsOf([a, b])})`,
      );
    });
  },
);
