// @ts-check

/**
 * Dismissals of fragmentation clusters: an owner or the platform team says a
 * cluster is not a duplicate, or that the finding is intended, with a
 * reason. One row per cluster id, kept across snapshots: it applies while
 * the cluster of the current snapshot has the same id (type and members) and
 * the same fingerprint (members and their definitions); a changed definition
 * re-opens the cluster. The clusters table gains the fingerprint as a
 * column, so that the reports join the two.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_fragmentation_dismissals', table => {
    table.comment('Dismissals of fragmentation clusters, across snapshots');
    table
      .string('cluster_id', 64)
      .primary()
      .comment('Stable id of the dismissed cluster (type and member refs)');
    table
      .string('verdict', 32)
      .notNullable()
      .comment('not-a-duplicate | intended');
    table
      .text('reason')
      .notNullable()
      .comment('Why the cluster is not a problem: trimmed, 1..1000 characters');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment(
        'Fingerprint of the cluster when dismissed (member refs and definition hashes); the dismissal applies while it matches',
      );
    table
      .text('dismissed_by')
      .notNullable()
      .comment(
        'Entity ref of the user, or subject of the service, who dismissed it',
      );
    table
      .timestamp('dismissed_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When it was dismissed (replaced by a new dismissal)');
  });

  await knex.schema.alterTable('apiops_fragmentation_clusters', table => {
    table
      .string('fingerprint', 64)
      .nullable()
      .comment(
        'Hash of the sorted member refs and their definition hashes; null for clusters stored before fingerprints',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (String(knex.client.config.client).includes('sqlite')) {
    // SQLite drops the column in place (knex's dropColumn would copy the
    // whole table into a new one and rebuild its indexes).
    await knex.raw(
      'ALTER TABLE apiops_fragmentation_clusters DROP COLUMN fingerprint',
    );
  } else {
    await knex.schema.alterTable('apiops_fragmentation_clusters', table => {
      table.dropColumn('fingerprint');
    });
  }
  await knex.schema.dropTable('apiops_fragmentation_dismissals');
};
