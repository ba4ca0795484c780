import { Knex } from 'knex';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { upsertRows } from './upsertRows';

jest.setTimeout(60_000);

const databases = createTestDatabases();

interface Row {
  provider: string;
  ref: string;
  title?: string | null;
  at: Date;
  flag: boolean;
  count: number;
}

async function createTable(knex: Knex, name: string) {
  await knex.schema.createTable(name, table => {
    table.string('provider').notNullable();
    table.string('ref').notNullable();
    table.text('title').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.boolean('flag').notNullable();
    table.integer('count').notNullable();
    table.primary(['provider', 'ref']);
  });
}

const first: Row[] = [
  {
    provider: 'lint',
    ref: 'a',
    title: 'A "quoted" title',
    at: new Date(1_000),
    flag: true,
    count: 1,
  },
  {
    provider: 'lint',
    ref: 'b',
    title: null,
    at: new Date(2_000),
    flag: false,
    count: 2,
  },
  {
    provider: 'audit',
    ref: 'a',
    title: 'A',
    at: new Date(3_000),
    flag: true,
    count: 3,
  },
];
// The first row has no title: the columns are those of every row.
const second: Row[] = [
  {
    provider: 'lint',
    ref: 'a',
    at: new Date(4_000),
    flag: false,
    count: 4,
  },
  {
    provider: 'lint',
    ref: 'c',
    title: "it's new",
    at: new Date(5_000),
    flag: true,
    count: 5,
  },
];

describe.each(databases.eachSupportedId())('upsertRows, on %p', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('inserts and replaces rows as knex does, values read back the same', async () => {
    await createTable(knex, 'by_helper');
    await createTable(knex, 'by_knex');
    for (const rows of [first, second]) {
      await knex.transaction(async tx => {
        await upsertRows(tx, 'by_helper', rows, ['provider', 'ref']);
      });
      await knex('by_knex')
        .insert(rows.map(row => ({ ...row, title: row.title ?? null })))
        .onConflict(['provider', 'ref'])
        .merge();
    }
    const read = (table: string) =>
      knex(table).orderBy(['provider', 'ref']).select();
    const helper = await read('by_helper');
    expect(helper).toEqual(await read('by_knex'));
    expect(
      helper.map(row => [row.provider, row.ref, row.title, Number(row.count)]),
    ).toEqual([
      ['audit', 'a', 'A', 3],
      ['lint', 'a', null, 4],
      ['lint', 'b', null, 2],
      ['lint', 'c', "it's new", 5],
    ]);
  });

  it('does nothing for no rows', async () => {
    await createTable(knex, 'empty');
    await upsertRows(knex, 'empty', [] as Row[], ['provider', 'ref']);
    expect(Number((await knex('empty').count({ n: '*' }))[0].n)).toBe(0);
  });
});
