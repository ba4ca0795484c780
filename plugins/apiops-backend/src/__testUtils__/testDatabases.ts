import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

const POSTGRES_URL_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The engines the plugin's database tests run on: PostgreSQL 15 when a server
 * is given through `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`, and
 * SQLite always. Docker is never used (there is no engine on CI machines).
 */
export function testDatabaseIds(): TestDatabaseId[] {
  return process.env[POSTGRES_URL_VARIABLE]
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'];
}

/**
 * How long the databases of a test file may take to drop. A PostgreSQL
 * `DROP DATABASE` waits for a checkpoint (one to three seconds on the build
 * machines), and a store test file creates one database per test, while the
 * clean-up hook of `TestDatabases` has only 60 seconds.
 */
const DROP_TIMEOUT_MS = 10 * 60_000;

/**
 * Creates the test databases for a test file. Call it at the top of the file
 * or of a `describe` block: it registers Jest hooks that drop the databases
 * afterwards. Use it as
 * `describe.each(databases.eachSupportedId())('on %p', databaseId => ...)`.
 */
export function createTestDatabases(): TestDatabases {
  const created: Knex[] = [];
  // Declared before the hook of `TestDatabases.create`, so it runs first
  // (Jest runs `afterAll` hooks in the order of declaration) and drops the
  // databases with time enough; that hook then finds them gone, which it
  // ignores.
  afterAll(() => dropDatabases(created), DROP_TIMEOUT_MS);
  const databases = TestDatabases.create({
    ids: testDatabaseIds(),
    disableDocker: true,
  });
  const init = databases.init.bind(databases);
  databases.init = async id => {
    const knex = await init(id);
    created.push(knex);
    return knex;
  };
  return databases;
}

async function dropDatabases(created: Knex[]): Promise<void> {
  const names: string[] = [];
  for (const knex of created.splice(0)) {
    const { client, connection } = knex.client.config as Knex.Config;
    if (client === 'pg' && typeof connection === 'object') {
      names.push((connection as { database: string }).database);
    }
    await knex.destroy().catch(() => undefined);
  }
  const url = process.env[POSTGRES_URL_VARIABLE];
  if (!names.length || !url) {
    return;
  }
  const admin = knexFactory({ client: 'pg', connection: url });
  try {
    for (const name of names) {
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
    }
  } finally {
    await admin.destroy();
  }
}
