import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateToLatest } from './migrateToLatest';
import { migrationsDir } from './migrationsDir';

const databases = createTestDatabases();

const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(file => file.endsWith('.js'))
  .sort();

/** The names of the indexes of a table. */
async function indexesOf(knex: Knex, table: string): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    return knex('pg_indexes').where({ tablename: table }).pluck('indexname');
  }
  const rows: Array<{ name: string }> = await knex.raw(
    `PRAGMA index_list('${table}')`,
  );
  return rows.map(row => row.name);
}

describe.each(databases.eachSupportedId())('migrateToLatest on %p', id => {
  it('indexes the API results by governance status, and takes the index away again', async () => {
    const knex = await databases.init(id);
    // This package's folder, which the package ships (`migrationsDir` is
    // resolved from where @backstage/backend-plugin-api is installed).
    const directory = path.resolve(__dirname, '../../migrations');
    await knex.migrate.latest({ directory });
    expect(await indexesOf(knex, 'apiops_api_results')).toContain(
      'apiops_api_results_governance_idx',
    );

    await knex.migrate.down({
      directory,
      name: '20261210120000_api_results_governance_index.js',
    });
    const without = await indexesOf(knex, 'apiops_api_results');
    expect(without).not.toContain('apiops_api_results_governance_idx');
    expect(without).toContain('apiops_api_results_owner_idx');

    await knex.migrate.up({ directory });
    expect(await indexesOf(knex, 'apiops_api_results')).toContain(
      'apiops_api_results_governance_idx',
    );
  });

  it('brings an empty database to the latest schema, and again does nothing', async () => {
    const knex = await databases.init(id);

    await migrateToLatest(knex);
    await migrateToLatest(knex);

    expect((await knex('knex_migrations').pluck('name')).sort()).toEqual(
      migrationFiles,
    );
    expect(await knex.schema.hasTable('apiops_snapshots')).toBe(true);
  });

  it('rolls every migration back, one at a time, to an empty schema, and up again', async () => {
    const knex = await databases.init(id);
    await migrateToLatest(knex);

    for (let left = migrationFiles.length; left > 0; left--) {
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex('knex_migrations').count({ n: '*' })).toEqual([
        { n: id.startsWith('POSTGRES') ? String(left - 1) : left - 1 },
      ]);
    }
    const tables = ['apiops_assessments', 'apiops_snapshots'];
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await migrateToLatest(knex);
    expect((await knex('knex_migrations').pluck('name')).sort()).toEqual(
      migrationFiles,
    );
  });

  it('lets backends with their own connections migrate an empty database at once', async () => {
    const knex = await databases.init(id);
    // Replicas: separate pools on PostgreSQL; SQLite in memory has one
    // connection, shared (one writer).
    const replicas: Knex[] = id.startsWith('POSTGRES')
      ? [0, 1, 2].map(() =>
          knexFactory({
            client: 'pg',
            connection: knex.client.config.connection,
            pool: { min: 0, max: 4 },
          }),
        )
      : [knex, knex, knex];
    try {
      // Without the advisory lock, knex creates `knex_migrations` in each
      // and all but one fail ("already exists" or "already locked").
      await Promise.all(replicas.map(replica => migrateToLatest(replica)));
    } finally {
      if (id.startsWith('POSTGRES')) {
        await Promise.all(replicas.map(replica => replica.destroy()));
      }
    }

    expect((await knex('knex_migrations').pluck('name')).sort()).toEqual(
      migrationFiles,
    );
    expect(await knex('knex_migrations_lock').pluck('is_locked')).toEqual([0]);
  });
});
