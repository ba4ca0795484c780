import { Knex } from 'knex';

/** Whether the connection is PostgreSQL (else SQLite). */
export function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}
