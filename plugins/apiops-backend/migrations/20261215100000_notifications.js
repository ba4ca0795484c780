// @ts-check

/**
 * Notifications to the owners of APIs, sent through Backstage's
 * notifications service after each snapshot:
 *
 * - `apiops_notifications`: every notification the plugin decided to send,
 *   by a unique key (topic, team, and the snapshot or the campaign event),
 *   so that replicas and restarts never send one twice; also the outbox of
 *   those not sent yet (the notifications backend was down).
 * - `apiops_notification_baseline`: what each API had at the last snapshot
 *   (ownership gaps, error findings, duplicate clusters), to tell what is new
 *   at the next one. Only APIs with something are kept.
 * - `apiops_notification_meta`: small facts, such as the snapshot the
 *   baseline comes from (none: the next snapshot is the baseline).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_notifications', table => {
    table.comment(
      'Notifications decided after the snapshots: sent once each, by key',
    );
    table
      .string('key', 255)
      .primary()
      .comment(
        'Unique key: topic, recipient and snapshot id, or campaign id and event',
      );
    table.string('topic', 64).notNullable().comment('Notification topic');
    table
      .string('recipient', 255)
      .notNullable()
      .comment('Entity ref of the group told (lower case)');
    table
      .bigInteger('campaign_id')
      .nullable()
      .comment(
        'apiops_campaigns.id of a campaign notification; kept as long as the campaign',
      );
    table
      .bigInteger('snapshot_id')
      .notNullable()
      .comment('apiops_snapshots.id of the snapshot that decided it');
    table
      .text('payload')
      .notNullable()
      .comment(
        'JSON: the notification payload (title, description, link, ...)',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment('pending | sending | sent | failed');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Sending attempts so far');
    table.text('error').nullable().comment('Why the last attempt failed');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was decided');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When its status last changed');
    table.index(['status', 'updated_at'], 'apiops_notifications_status_idx');
    table.index(['created_at'], 'apiops_notifications_created_idx');
  });

  await knex.schema.createTable('apiops_notification_baseline', table => {
    table.comment(
      'What each API had at the last snapshot, to notify only what is new',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Ref of the API, lower case');
    table
      .text('state')
      .notNullable()
      .comment('JSON: gap types, rule ids of error findings, cluster ids');
  });

  await knex.schema.createTable('apiops_notification_meta', table => {
    table.comment('Facts of the notifier, by key');
    table.string('key', 64).primary().comment('e.g. baseline-snapshot');
    table.text('value').notNullable().comment('The value');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_notification_meta');
  await knex.schema.dropTable('apiops_notification_baseline');
  await knex.schema.dropTable('apiops_notifications');
};
