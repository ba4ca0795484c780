// @ts-check

/**
 * An index on the assessments' `created_at`.
 *
 * `GET /reports/labels` overlays the latest snapshot with the assessments
 * recorded since it started (`DatabaseAssessmentStore.latestSince`): a range
 * on `created_at`. Without an index that read scans the whole append-only
 * history on every poll of the catalog module (every 30 s per replica); with
 * it, it reads only the rows of the last snapshot interval.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apiops_assessments', table => {
    table.index(['created_at'], 'apiops_assessments_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apiops_assessments', table => {
    table.dropIndex(['created_at'], 'apiops_assessments_created_at_idx');
  });
};
