// @ts-check

/**
 * Catalog-wide snapshots: the current results per API (replaced as a whole by
 * every successful snapshot), the ownership gaps and team rollups derived
 * from them, and one summary row per snapshot (history, bounded by the
 * retention setting).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_snapshots', table => {
    table.comment(
      'One row per catalog-wide snapshot run: its outcome and summary counts',
    );
    table.bigIncrements('id').comment('Auto-incremented id, in start order');
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the run started');
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('When the run finished; null while running');
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table.text('error').nullable().comment('Why the run failed');
    table
      .text('summary')
      .nullable()
      .comment(
        'JSON: counts by station, governance status, gap type, finding type',
      );
    table.index(['status', 'id'], 'apiops_snapshots_status_id_idx');
  });

  await knex.schema.createTable('apiops_api_results', table => {
    table.comment(
      'Current result per API of the catalog, from the latest successful snapshot',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Ref of the API entity, lower case');
    table.text('title').nullable().comment('metadata.title or name');
    table
      .text('owner_ref')
      .nullable()
      .comment('Normalized owner ref, lower case');
    table.text('system_ref').nullable().comment('System ref, lower case');
    table.text('lifecycle').nullable().comment('spec.lifecycle');
    table
      .string('station', 255)
      .notNullable()
      .comment('Station id or unassessed');
    table
      .string('governance_status', 16)
      .notNullable()
      .comment('compliant | attention | non-compliant');
    table
      .integer('gap_count')
      .notNullable()
      .comment('Number of ownership gaps');
    table
      .integer('finding_count')
      .notNullable()
      .comment('Number of governance findings');
    table
      .text('result')
      .notNullable()
      .comment('JSON: station, ownership and governance findings of the API');
    table.index(['owner_ref'], 'apiops_api_results_owner_idx');
    table.index(['system_ref'], 'apiops_api_results_system_idx');
  });

  await knex.schema.createTable('apiops_ownership_gaps', table => {
    table.comment('Ownership gaps of the current snapshot, one row per gap');
    table.bigIncrements('id').comment('Row id, the pagination key');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Ref of the API, lower case');
    table.text('title').nullable().comment('Title of the API');
    table
      .text('owner_ref')
      .nullable()
      .comment('Normalized owner ref, lower case');
    table.text('declared_owner').nullable().comment('spec.owner as written');
    table.text('system_ref').nullable().comment('System ref, lower case');
    table
      .string('type', 32)
      .notNullable()
      .comment('Gap type, e.g. owner-unresolved');
    table
      .string('severity', 16)
      .notNullable()
      .comment('error | warning | info');
    table
      .text('message')
      .notNullable()
      .comment('What is wrong, for the owners');
    table.index(['type', 'id'], 'apiops_ownership_gaps_type_idx');
    table.index(['owner_ref', 'id'], 'apiops_ownership_gaps_owner_idx');
    table.index(['system_ref', 'id'], 'apiops_ownership_gaps_system_idx');
  });

  await knex.schema.createTable('apiops_team_rollups', table => {
    table.comment(
      'Per owner group of the current snapshot, rolled up through child groups',
    );
    table
      .string('group_ref', 255)
      .primary()
      .comment('Ref of the group, lower case');
    table.text('title').nullable().comment('Display name of the group');
    table
      .integer('api_count')
      .notNullable()
      .comment('APIs owned by the group or its descendants');
    table
      .integer('gap_count')
      .notNullable()
      .comment('Ownership gaps of those APIs');
    table
      .integer('finding_count')
      .notNullable()
      .comment('Governance findings of those APIs');
    table
      .text('rollup')
      .notNullable()
      .comment('JSON: APIs by station and by governance status');
    table.index(['api_count', 'group_ref'], 'apiops_team_rollups_count_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_team_rollups');
  await knex.schema.dropTable('apiops_ownership_gaps');
  await knex.schema.dropTable('apiops_api_results');
  await knex.schema.dropTable('apiops_snapshots');
};
