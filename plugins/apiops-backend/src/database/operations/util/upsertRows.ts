import { Knex } from 'knex';
import { isPostgres } from './isPostgres';

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Inserts `rows` into `table` in one statement; a row whose `conflict`
 * columns match an existing row's replaces the `update` columns of it
 * (default: every column), and only where `where` holds, if given (SQL that
 * may name `excluded.<column>` and `"<table>".<column>`). The columns are
 * the keys of the rows; a key a row lacks, or a value `undefined`, is null.
 *
 * On PostgreSQL it is knex's statement. On SQLite knex writes a multi-row
 * insert as a compound select (`INSERT … SELECT ? AS a, … UNION ALL SELECT
 * …`), which SQLite compiles term by term; this writes `INSERT … VALUES
 * (…), (…) ON CONFLICT … DO UPDATE` there instead, which takes about a
 * quarter less CPU (docs/benchmarks.md). Values are bound as knex binds
 * them (dates as epoch milliseconds, booleans as 0 and 1).
 */
export async function upsertRows<Row extends object>(
  db: Knex,
  table: string,
  rows: readonly Row[],
  conflict: ReadonlyArray<keyof Row & string>,
  options: {
    update?: ReadonlyArray<keyof Row & string>;
    where?: { sql: string; bindings: readonly Knex.Value[] };
  } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const { where } = options;
  if (isPostgres(db)) {
    await db(table)
      .insert(rows as Row[])
      .onConflict([...conflict])
      .merge(options.update ? [...options.update] : undefined)
      .modify(q => {
        if (where) q.whereRaw(where.sql, [...where.bindings]);
      });
    return;
  }
  const columnSet = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) columnSet.add(key);
  }
  const columns = [...columnSet];
  const update: readonly string[] = options.update ?? columns;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const bindings: Knex.Value[] = [];
  for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
    for (const column of columns) {
      bindings.push((row[column] ?? null) as Knex.Value);
    }
  }
  const values = rows.map(() => tuple).join(', ');
  const set = update
    .map(column => `${quoted(column)} = excluded.${quoted(column)}`)
    .join(', ');
  await db.raw(
    `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) ` +
      `values ${values} on conflict (${conflict.map(quoted).join(', ')}) ` +
      `do update set ${set}${where ? ` where ${where.sql}` : ''}`,
    where ? [...bindings, ...where.bindings] : bindings,
  );
}
