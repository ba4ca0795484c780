import { Knex } from 'knex';
import { migrationsDir } from './migrationsDir';

/**
 * Key of the PostgreSQL advisory lock migrations take (two 32-bit halves:
 * 'apop' and 2; completions take 'apop' and 1).
 */
const MIGRATION_LOCK = [0x61706f70, 2] as const;

/**
 * Brings the plugin's schema up to date, one backend at a time.
 *
 * knex's own migration lock does not cover the start: two backends starting
 * on an empty PostgreSQL database both create `knex_migrations`, and one
 * fails ("relation "knex_migrations" already exists"); a backend that finds
 * the lock taken fails too ("Migration table is already locked"). So on
 * PostgreSQL the migrations run under an advisory lock, held by a transaction
 * until they are done: a second replica waits, then finds nothing to do.
 * SQLite has one writer, in one process.
 */
export async function migrateToLatest(client: Knex): Promise<void> {
  const engine = client.client.config.client;
  if (engine !== 'pg' && engine !== 'postgres' && engine !== 'postgresql') {
    await client.migrate.latest({ directory: migrationsDir });
    return;
  }
  await client.transaction(async lock => {
    await lock.raw('select pg_advisory_xact_lock(?, ?)', [...MIGRATION_LOCK]);
    // On the pool's other connections: the lock's connection stays idle.
    await client.migrate.latest({ directory: migrationsDir });
  });
}
