import { Knex } from 'knex';
import { migrationsDir } from './migrationsDir';

/**
 * Key of the PostgreSQL advisory lock migrations take (two 32-bit halves:
 * 'apop' and 2; completions take 'apop' and 1).
 */
const MIGRATION_LOCK = [0x61706f70, 2] as const;

/** The migration under way per connection pool, so that they run in turn. */
const inProgress = new WeakMap<Knex, Promise<void>>();

function isPostgres(client: Knex): boolean {
  const engine = client.client.config.client;
  return engine === 'pg' || engine === 'postgres' || engine === 'postgresql';
}

async function migrate(client: Knex): Promise<void> {
  if (!isPostgres(client)) {
    await client.migrate.latest({ directory: migrationsDir });
    return;
  }
  await client.transaction(async lock => {
    await lock.raw('select pg_advisory_xact_lock(?, ?)', [...MIGRATION_LOCK]);
    // On the pool's other connections: the lock's connection stays idle.
    await client.migrate.latest({ directory: migrationsDir });
  });
}

/**
 * Brings the plugin's schema up to date, one backend at a time.
 *
 * knex's own migration lock does not cover the start: two backends starting
 * on an empty PostgreSQL database both create `knex_migrations`, and one
 * fails ("relation "knex_migrations" already exists"); a backend that finds
 * the lock taken fails too ("Migration table is already locked"). So on
 * PostgreSQL the migrations run under an advisory lock, held by a transaction
 * until they are done: a second replica waits, then finds nothing to do.
 * Within a process, migrations of one connection pool run in turn (SQLite has
 * one writer, in one process).
 */
export async function migrateToLatest(client: Knex): Promise<void> {
  const previous = inProgress.get(client) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => migrate(client));
  inProgress.set(client, next);
  await next;
}
