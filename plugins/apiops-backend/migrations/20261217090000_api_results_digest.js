// @ts-check

/**
 * A digest of each API result row, so that a snapshot writes only the rows
 * that changed since the previous one instead of replacing all of them (at
 * 200k APIs the rewrite was about 5 s of every snapshot, most of them with
 * nothing changed). Rows written before it have none and are written again
 * by the next snapshot.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('apiops_api_results', table => {
    table
      .string('result_digest', 44)
      .nullable()
      .comment(
        'SHA-1 (base64) of the result JSON, which every other column derives from; null: unknown, the next snapshot writes the row',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('apiops_api_results', table => {
    table.dropColumn('result_digest');
  });
};
