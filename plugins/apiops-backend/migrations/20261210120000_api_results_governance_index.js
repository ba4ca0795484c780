// @ts-check

/**
 * The APIs report filters the current API results by governance status in
 * entity ref order (`GET /reports/apis?governance=`): an index on both, so
 * that a page of a rare status does not scan every API.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apiops_api_results', table => {
    table.index(
      ['governance_status', 'entity_ref'],
      'apiops_api_results_governance_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apiops_api_results', table => {
    table.dropIndex(
      ['governance_status', 'entity_ref'],
      'apiops_api_results_governance_idx',
    );
  });
};
