// @ts-check

/**
 * Evidence about API definitions from the definition evidence providers (the
 * lint module's Spectral, the method's audit checklist), kept by hash of the
 * definition and of the provider's settings so that a definition is checked
 * once; and the index of which API has which definition per provider, which
 * is also the backlog of the definitions still to check and the source of
 * the lint report.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_definition_evidence', table => {
    table.comment(
      'Evidence of the definition evidence providers (lint, audit), by provider and hash of the definition and settings',
    );
    table
      .string('provider_id', 100)
      .notNullable()
      .comment('Id of the provider, e.g. lint or audit');
    table
      .string('evidence_key', 64)
      .notNullable()
      .comment(
        'SHA-256 (base64) of the provider id, its version, the API variant and the definition hash',
      );
    table
      .text('result')
      .notNullable()
      .comment('JSON: the findings, audit results and problem');
    table
      .text('summary')
      .notNullable()
      .comment(
        'JSON: the governance findings the evidence adds to an API (one per rule, capped)',
      );
    table
      .integer('error_count')
      .notNullable()
      .comment('Findings of severity error');
    table
      .integer('warning_count')
      .notNullable()
      .comment('Findings of severity warning');
    table
      .integer('info_count')
      .notNullable()
      .comment('Findings of severity info');
    table
      .integer('audit_pass')
      .nullable()
      .comment('Audit items that pass; null without audit results');
    table.integer('audit_partial').nullable().comment('Audit items partial');
    table.integer('audit_gap').nullable().comment('Audit items that are gaps');
    table
      .text('rules')
      .notNullable()
      .comment(
        'The rules with findings, most frequent first, each between | characters (|a|b|), for filtering',
      );
    table
      .timestamp('checked_at', { useTz: true })
      .notNullable()
      .comment('When the definition was checked');
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment(
        'When it is checked again (a stopped or failed check, an API ruleset); null: kept while unchanged',
      );
    table.primary(
      ['provider_id', 'evidence_key'],
      'apiops_definition_evidence_pk',
    );
    table.index(['checked_at'], 'apiops_definition_evidence_checked_idx');
  });

  await knex.schema.createTable('apiops_evidence_index', table => {
    table.comment(
      'Per provider and API of the latest snapshot: the key of its evidence, its owner and system, and whether it waits in the backlog',
    );
    table.string('provider_id', 100).notNullable().comment('Id of the provider');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Ref of the API, lower case');
    table
      .string('evidence_key', 64)
      .notNullable()
      .comment('Key of the evidence of its current definition');
    table.text('title').nullable().comment('Title of the API');
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Ref of the owner, lower case');
    table
      .string('system_ref', 255)
      .nullable()
      .comment('Ref of the system, lower case');
    table
      .timestamp('queued_at', { useTz: true })
      .nullable()
      .comment(
        'Since when it waits to be checked (no evidence, or expired); null: its evidence is there',
      );
    table.primary(['provider_id', 'entity_ref'], 'apiops_evidence_index_pk');
    table.index(
      ['provider_id', 'queued_at', 'entity_ref'],
      'apiops_evidence_index_queue_idx',
    );
    table.index(
      ['provider_id', 'evidence_key'],
      'apiops_evidence_index_key_idx',
    );
    table.index(['owner_ref'], 'apiops_evidence_index_owner_idx');
    // Each snapshot page reads its APIs' rows of every provider by entity
    // ref: the primary key leads with the provider, so without this index
    // SQLite scanned the whole index table per page (quadratic).
    table.index(['entity_ref'], 'apiops_evidence_index_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_evidence_index');
  await knex.schema.dropTable('apiops_definition_evidence');
};
