// @ts-check

/**
 * Campaigns: a goal over each API's snapshot result, with a scope, a start
 * and a due date, written through the REST API; and their progress, which
 * the snapshot computes (never a request):
 *
 * - `apiops_campaigns`: the campaigns themselves.
 * - `apiops_campaign_status`: per campaign, the counts of the latest
 *   snapshot that evaluated it (replaced by each snapshot).
 * - `apiops_campaign_teams`: per campaign and owner group (rolled up through
 *   child groups), the counts of that snapshot (replaced by each snapshot).
 * - `apiops_campaign_failures`: per campaign, the APIs in scope that do not
 *   meet the goal, with why (replaced by each snapshot).
 * - `apiops_campaign_progress`: the burn-up: the counts of a campaign and of
 *   each of its teams at the snapshots that changed them, bounded by the
 *   retention of the snapshot history.
 *
 * Deleting a campaign deletes its rows in the other tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_campaigns', table => {
    table.comment(
      'Campaigns: a goal over the APIs of a scope, with a start and a due date',
    );
    table.bigIncrements('id').comment('Auto-incremented id, the campaign id');
    table.text('title').notNullable().comment('What the campaign is about');
    table.text('description').nullable().comment('Why it matters; optional');
    table
      .text('conditions')
      .notNullable()
      .comment('JSON: the goal conditions, every one must hold');
    table
      .text('scope')
      .notNullable()
      .comment(
        'JSON: teams, systems, domains (lower-case refs) and lifecycles',
      );
    table
      .string('start_date', 10)
      .notNullable()
      .comment('YYYY-MM-DD (UTC): the campaign starts at its beginning');
    table
      .string('due_date', 10)
      .notNullable()
      .comment('YYYY-MM-DD (UTC): overdue once it has ended');
    table
      .integer('revision')
      .notNullable()
      .comment('1 when created, one more per change');
    table
      .text('created_by')
      .notNullable()
      .comment('Entity ref of the user, or subject of the service');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was created');
    table
      .text('updated_by')
      .notNullable()
      .comment('Who changed it last (the creator until then)');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When it was changed last');
  });

  await knex.schema.createTable('apiops_campaign_status', table => {
    table.comment(
      'Per campaign: its counts at the latest snapshot that evaluated it',
    );
    table
      .bigInteger('campaign_id')
      .unsigned()
      .primary()
      .references('id')
      .inTable('apiops_campaigns')
      .onDelete('CASCADE')
      .comment('apiops_campaigns.id');
    table
      .bigInteger('snapshot_id')
      .notNullable()
      .comment('apiops_snapshots.id of the snapshot that computed it');
    table
      .integer('revision')
      .notNullable()
      .comment('The revision of the campaign it was computed for');
    table
      .timestamp('computed_at', { useTz: true })
      .notNullable()
      .comment('When that snapshot finished');
    table.integer('in_scope').notNullable().comment('APIs in scope');
    table.integer('met').notNullable().comment('APIs meeting the goal');
    table
      .integer('without_team_in_scope')
      .notNullable()
      .comment('APIs in scope with no valid group owner');
    table
      .integer('without_team_met')
      .notNullable()
      .comment('Of those, the APIs meeting the goal');
  });

  await knex.schema.createTable('apiops_campaign_teams', table => {
    table.comment(
      'Per campaign and owner group (with its child groups): counts at the latest snapshot',
    );
    table
      .bigInteger('campaign_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('apiops_campaigns')
      .onDelete('CASCADE')
      .comment('apiops_campaigns.id');
    table
      .string('group_ref', 255)
      .notNullable()
      .comment('Ref of the group, lower case');
    table.text('title').nullable().comment('Display name of the group');
    table
      .integer('in_scope')
      .notNullable()
      .comment('APIs in scope the group or its descendants own');
    table.integer('met').notNullable().comment('Of those, meeting the goal');
    table
      .integer('remaining')
      .notNullable()
      .comment('in_scope - met, the sort key');
    table
      .text('owner_refs')
      .notNullable()
      .comment(
        'JSON: the group and its descendant groups that own APIs in scope',
      );
    table.primary(['campaign_id', 'group_ref']);
    table.index(
      ['campaign_id', 'remaining', 'group_ref'],
      'apiops_campaign_teams_remaining_idx',
    );
    table.index(['group_ref'], 'apiops_campaign_teams_group_idx');
  });

  await knex.schema.createTable('apiops_campaign_failures', table => {
    table.comment(
      'Per campaign: the APIs in scope not meeting the goal at the latest snapshot',
    );
    table.bigIncrements('id').comment('Row id, the pagination key');
    table
      .bigInteger('campaign_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('apiops_campaigns')
      .onDelete('CASCADE')
      .comment('apiops_campaigns.id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Ref of the API, lower case');
    table
      .text('owner_ref')
      .nullable()
      .comment('Normalized owner ref of the API, lower case');
    table
      .text('failure')
      .notNullable()
      .comment('JSON: the API (title, system, lifecycle) and the reasons');
    table.index(['campaign_id', 'id'], 'apiops_campaign_failures_page_idx');
    table.index(['entity_ref'], 'apiops_campaign_failures_entity_idx');
  });

  await knex.schema.createTable('apiops_campaign_progress', table => {
    table.comment(
      'Burn-up of each campaign: its counts and its teams at the snapshots that changed them',
    );
    table.bigIncrements('id').comment('Row id, in snapshot order');
    table
      .bigInteger('campaign_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('apiops_campaigns')
      .onDelete('CASCADE')
      .comment('apiops_campaigns.id');
    table
      .bigInteger('snapshot_id')
      .notNullable()
      .comment('apiops_snapshots.id of the snapshot');
    table
      .integer('revision')
      .notNullable()
      .comment('The revision of the campaign it was computed for');
    table
      .timestamp('computed_at', { useTz: true })
      .notNullable()
      .comment('When the snapshot finished');
    table.integer('in_scope').notNullable().comment('APIs in scope');
    table.integer('met').notNullable().comment('APIs meeting the goal');
    table
      .text('teams')
      .notNullable()
      .comment('JSON: group ref -> [in scope, met]');
    table.unique(['campaign_id', 'snapshot_id']);
    table.index(['computed_at'], 'apiops_campaign_progress_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_campaign_progress');
  await knex.schema.dropTable('apiops_campaign_failures');
  await knex.schema.dropTable('apiops_campaign_teams');
  await knex.schema.dropTable('apiops_campaign_status');
  await knex.schema.dropTable('apiops_campaigns');
};
