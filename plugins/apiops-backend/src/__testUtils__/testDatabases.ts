import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The engines the plugin's database tests run on: PostgreSQL 15 when a server
 * is given through `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`, and
 * SQLite always. Docker is never used (there is no engine on CI machines).
 */
export function testDatabaseIds(): TestDatabaseId[] {
  return process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'];
}

/**
 * Creates the test databases for a test file. Call it at the top of the file
 * or of a `describe` block: it registers Jest hooks that drop the databases
 * afterwards. Use it as
 * `describe.each(databases.eachSupportedId())('on %p', databaseId => ...)`.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: testDatabaseIds(), disableDocker: true });
}
