// @ts-check

/**
 * Refreshes of one API: the platform team recomputes one API's part of the
 * current results at once instead of waiting for the next snapshot. The
 * refresh writes the current results (the API's row, its gaps, the team
 * rollups and the counts) and keeps its result here too, so that a
 * snapshot that started before it and completes after it applies it again
 * rather than putting back what it computed earlier. A completing snapshot
 * deletes the refreshes made before it started (it saw what they saw).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_api_refreshes', table => {
    table.comment(
      'Refreshes of one API applied to the current results since the snapshot started',
    );
    table
      .bigIncrements('id')
      .comment(
        'Auto-incremented: a new id per refresh, the version of the results',
      );
    table
      .string('entity_ref', 255)
      .notNullable()
      .unique({ indexName: 'apiops_api_refreshes_entity_ref_idx' })
      .comment('Ref of the API, lower case; its latest refresh only');
    table
      .timestamp('refreshed_at', { useTz: true })
      .notNullable()
      .comment(
        'When the refresh started reading the catalog and the assessments',
      );
    table
      .text('result')
      .notNullable()
      .comment('JSON: the stored result of the API (result and rule inputs)');
    table
      .text('teams')
      .notNullable()
      .comment(
        'JSON: the groups that count the API (its owner group and the groups above it), with their titles',
      );
    table
      .text('refreshed_by')
      .notNullable()
      .comment('Entity ref of the user, or subject of the service');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_api_refreshes');
};
