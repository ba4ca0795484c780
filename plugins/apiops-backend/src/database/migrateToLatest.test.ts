import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateToLatest } from './migrateToLatest';
import { migrationsDir } from './migrationsDir';

const databases = createTestDatabases();

const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(file => file.endsWith('.js'))
  .sort();

describe.each(databases.eachSupportedId())('migrateToLatest on %p', id => {
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
