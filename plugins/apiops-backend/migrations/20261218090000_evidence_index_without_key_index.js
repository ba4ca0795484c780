// @ts-check

/**
 * Drops the evidence index's index on `(provider_id, evidence_key)`. Its
 * keys are SHA-256 hashes, so every row a snapshot writes landed at a random
 * place of it: at 200k APIs (400k rows with the lint and audit providers)
 * it made the index write grow faster than the catalog. The backlog now
 * takes rows out by primary key (provider and API), and the evidence is
 * pruned with an anti-join that needs no index on the key.
 *
 * A replica of the previous release still running during a rolling upgrade
 * takes rows out of the backlog by key alone; without the index it scans
 * the evidence index for each definition its backlog checks, slower but
 * correct, until it is replaced.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apiops_evidence_index', table => {
    table.dropIndex(
      ['provider_id', 'evidence_key'],
      'apiops_evidence_index_key_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apiops_evidence_index', table => {
    table.index(
      ['provider_id', 'evidence_key'],
      'apiops_evidence_index_key_idx',
    );
  });
};
