// @ts-check

/**
 * The fragmentation features of API definitions, keyed by the hash of the
 * definition, so that a restarted backend or a second replica does not parse
 * again the definitions another process already parsed. Only the small
 * features result is kept, never the definition. Bounded: the daily purge of
 * the snapshot history drops the rows not used within the retention window
 * and caps their number.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_definition_features', table => {
    table.comment(
      'Fragmentation features of API definitions, by hash of the definition',
    );
    table
      .string('hash', 64)
      .primary()
      .comment(
        'SHA-256 (base64) of the lower-case spec.type, NUL, spec.definition',
      );
    table
      .integer('version')
      .notNullable()
      .comment(
        'Version of the feature extraction that wrote the row; rows of another version are not read',
      );
    table
      .text('result')
      .notNullable()
      .comment(
        'JSON: the features, or the problem and the precise parse message',
      );
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment(
        'When the result is tried again: set for a stopped analysis (timed out, thread stopped) only; null: kept',
      );
    table
      .timestamp('last_used_at', { useTz: true })
      .notNullable()
      .comment(
        'When a snapshot last used the row (refreshed at most once a day)',
      );
    table.index(['last_used_at'], 'apiops_definition_features_used_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_definition_features');
};
