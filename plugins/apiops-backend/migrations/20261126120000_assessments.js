// @ts-check

/**
 * The append-only assessment history.
 *
 * Reads are "the latest assessment of one entity" (status, p95 ≤ 20 ms with
 * 1M rows) and "a page of one entity's history, newest first" (keyset
 * pagination on `id`). Both are served by one composite index on
 * (`entity_ref`, `id`): an equality seek on the entity followed by a
 * backward range scan on `id`, which stays logarithmic in the table size.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isSqlite = knex.client.config.client.includes('sqlite');

  await knex.schema.createTable('apiops_assessments', table => {
    table.comment(
      'Append-only history of lifecycle assessments of catalog entities; rows are never updated',
    );
    table
      .bigIncrements('id')
      .comment(
        'Auto-incremented id; increases with insertion order and orders the history',
      );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Ref of the assessed entity, normalized to lower case');
    table
      .string('cycle', 255)
      .notNullable()
      .comment('Id of the APIOps cycle the criteria belong to');
    table
      .string('station', 255)
      .notNullable()
      .comment('Station id derived from the answers when recorded');
    table
      .text('answers')
      .notNullable()
      .comment('JSON object: criterion id -> met | not-met | unknown');
    table
      .text('evidence')
      .notNullable()
      .comment('JSON object: criterion id -> evidence URL ({} when none)');
    table
      .text('notes')
      .notNullable()
      .comment('JSON object: criterion id -> note ({} when none)');
    table
      .text('note')
      .nullable()
      .comment('Free-text note about the whole assessment');
    table
      .string('assessed_by', 255)
      .notNullable()
      .comment(
        'Entity ref of the user, or subject of the service, that recorded it',
      );
    table
      .timestamp('created_at', { useTz: true, precision: 3 })
      .notNullable()
      // SQLite's CURRENT_TIMESTAMP has whole seconds only; keep milliseconds.
      .defaultTo(
        isSqlite
          ? knex.raw("(strftime('%Y-%m-%d %H:%M:%f', 'now'))")
          : knex.fn.now(),
      )
      .comment('When the assessment was recorded (UTC)');

    table.index(['entity_ref', 'id'], 'apiops_assessments_entity_ref_id_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_assessments');
};
