// @ts-check

/**
 * Fragmentation clusters of the current snapshot (duplicate, overlapping,
 * version-sprawling, name-colliding and style-inconsistent APIs), replaced as
 * a whole by every successful snapshot, and their members, for the per-API
 * view and the owner/system filters of the report.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('apiops_fragmentation_clusters', table => {
    table.comment('Fragmentation clusters of the current snapshot');
    table.bigIncrements('id').comment('Row id, the pagination key');
    table
      .string('cluster_id', 64)
      .notNullable()
      .unique()
      .comment('Stable id of the cluster: a hash of its type and members');
    table.string('type', 32).notNullable().comment('Fragmentation type');
    table.double('score').notNullable().comment('0..1, see the type');
    table.text('cluster').notNullable().comment('JSON of the whole cluster');
    table.index(['type', 'id'], 'apiops_fragmentation_type_idx');
  });

  await knex.schema.createTable('apiops_fragmentation_members', table => {
    table.comment('Members of the fragmentation clusters of the current snapshot');
    table
      .string('cluster_id', 64)
      .notNullable()
      .comment('apiops_fragmentation_clusters.cluster_id');
    table.text('entity_ref').notNullable().comment('Ref of the API, lower case');
    table.text('owner_ref').nullable().comment('Owner ref of the API, lower case');
    table.text('system_ref').nullable().comment('System ref of the API, lower case');
    table.index(['entity_ref'], 'apiops_fragmentation_members_entity_idx');
    table.index(['owner_ref'], 'apiops_fragmentation_members_owner_idx');
    table.index(['system_ref'], 'apiops_fragmentation_members_system_idx');
    table.index(['cluster_id'], 'apiops_fragmentation_members_cluster_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('apiops_fragmentation_members');
  await knex.schema.dropTable('apiops_fragmentation_clusters');
};
