// @ts-check

/**
 * The change history of the APIs (issue 15): the definitions the change
 * detection compares against (the catalog keeps only the current one),
 * compressed and kept by hash while an API refers to them; the definition
 * each API had at the latest snapshot; and the change events the snapshots
 * found, bounded by the retention.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_change_definitions', table => {
    table.comment(
      'Definitions the change detection compares against, compressed, by definition hash; pruned when no API refers to them',
    );
    table
      .string('definition_hash', 64)
      .primary()
      .comment(
        'SHA-256 (base64) of the lower-case spec.type, NUL, spec.definition: the snapshot definition hash',
      );
    table
      .string('api_type', 100)
      .notNullable()
      .comment('spec.type, lower case');
    table
      .binary('definition')
      .notNullable()
      .comment('spec.definition, deflated (zlib)');
    table
      .integer('text_length')
      .notNullable()
      .comment('Characters of the definition before compression');
    table
      .integer('stored_bytes')
      .notNullable()
      .comment('Bytes of the compressed definition');
    table
      .text('facts')
      .notNullable()
      .comment('JSON: version and deprecations of the definition');
    table
      .timestamp('stored_at', { useTz: true })
      .notNullable()
      .comment('When it was stored');
  });

  await knex.schema.createTable('apiops_change_heads', table => {
    table.comment(
      'The definition each API had at the latest snapshot that compared it (the baseline of the next comparison)',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Ref of the API, lower case');
    table
      .string('definition_hash', 64)
      .notNullable()
      .comment('Its definition hash (in apiops_change_definitions)');
    table
      .timestamp('baseline_at', { useTz: true })
      .notNullable()
      .comment('When the change detection first saw the API');
    table
      .timestamp('changed_at', { useTz: true })
      .nullable()
      .comment('When its latest change event was found; null: none yet');
    table
      .text('findings')
      .notNullable()
      .comment(
        'JSON: the governance findings of the change that led to this definition (kept while it is current)',
      );
    // The prune after each snapshot drops the definitions no head refers to:
    // without this index, SQLite scans every head per definition (quadratic;
    // a quarter of an hour at 200k APIs).
    table.index(['definition_hash'], 'apiops_change_heads_definition_idx');
  });

  await knex.schema.createTable('apiops_change_events', table => {
    table.comment(
      'Changes of API definitions found by the snapshots, newest last; bounded by the retention and a count per API',
    );
    table.bigIncrements('id').comment('Order of detection');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Ref of the API, lower case');
    table
      .string('snapshot_id', 64)
      .notNullable()
      .comment('The snapshot that found it');
    table
      .timestamp('detected_at', { useTz: true })
      .notNullable()
      .comment('When it was found');
    table.string('title', 500).nullable().comment("The API's title");
    table
      .string('owner_ref', 255)
      .nullable()
      .comment("The API's owner, lower case");
    table
      .string('system_ref', 255)
      .nullable()
      .comment("The API's system, lower case");
    table
      .string('from_hash', 64)
      .notNullable()
      .comment('Definition hash before');
    table.string('to_hash', 64).notNullable().comment('Definition hash after');
    table.string('from_version', 100).nullable().comment('info.version before');
    table.string('to_version', 100).nullable().comment('info.version after');
    table.integer('breaking').notNullable().comment('Breaking changes');
    table.integer('non_breaking').notNullable().comment('Non-breaking changes');
    table.integer('deprecated').notNullable().comment('Deprecations');
    table.integer('annotation').notNullable().comment('Annotation changes');
    table.integer('unclassified').notNullable().comment('Unclassified changes');
    table.integer('change_count').notNullable().comment('All changes');
    table
      .text('changes')
      .notNullable()
      .comment(
        'JSON: the changes, most severe first, at most the configured cap',
      );
    table
      .text('consumers')
      .notNullable()
      .comment('JSON: the consuming components with their systems and owners');
    table
      .text('problem')
      .nullable()
      .comment('Why the definitions could not be compared');
    table.index(['detected_at'], 'apiops_change_events_detected_idx');
    table.index(['entity_ref', 'id'], 'apiops_change_events_entity_idx');
    table.index(['snapshot_id'], 'apiops_change_events_snapshot_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_change_events');
  await knex.schema.dropTable('apiops_change_heads');
  await knex.schema.dropTable('apiops_change_definitions');
};
