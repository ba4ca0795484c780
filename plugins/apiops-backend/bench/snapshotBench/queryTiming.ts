/**
 * The time of each SQL statement a snapshot sends, summed by statement
 * (`--query-timing`): the CPU profile shows the database's native calls,
 * but not which queries they are, since knex's calls are asynchronous.
 */
import type { Knex } from 'knex';
import { log } from './measuring';

/** One statement's total. */
export interface QueryTotal {
  sql: string;
  count: number;
  ms: number;
}

interface KnexQuery {
  __knexQueryUid?: string;
  sql?: string;
}

/**
 * A statement as it is summed: values are placeholders already; lists of
 * them (`IN (?, ?, …)`, rows of an insert) count as one.
 */
export function statementShape(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\((?:\?, )*\?\)(?:, \((?:\?, )*\?\))*/g, '(?…)')
    .slice(0, 200);
}

/** Sums the statements of a knex instance between two `take` calls. */
export class QueryTiming {
  private readonly started = new Map<string, number>();
  private totals = new Map<string, QueryTotal>();

  static attach(knex: Knex): QueryTiming {
    const timing = new QueryTiming();
    knex.on('query', (query: KnexQuery) => timing.start(query));
    knex.on('query-response', (_rows: unknown, query: KnexQuery) =>
      timing.end(query),
    );
    knex.on('query-error', (_error: unknown, query: KnexQuery) =>
      timing.end(query),
    );
    return timing;
  }

  private start(query: KnexQuery) {
    if (query.__knexQueryUid) {
      this.started.set(query.__knexQueryUid, performance.now());
    }
  }

  private end(query: KnexQuery) {
    const uid = query.__knexQueryUid;
    const start = uid ? this.started.get(uid) : undefined;
    if (uid === undefined || start === undefined) return;
    this.started.delete(uid);
    const sql = statementShape(query.sql ?? '');
    const total = this.totals.get(sql) ?? { sql, count: 0, ms: 0 };
    total.count += 1;
    total.ms += performance.now() - start;
    this.totals.set(sql, total);
  }

  /** Forgets the statements so far. */
  reset(): void {
    this.totals = new Map();
  }

  /** The totals since the last take, most time first; logs the top ones. */
  take(label: string, top = 12): QueryTotal[] {
    const totals = [...this.totals.values()]
      .map(t => ({ ...t, ms: Math.round(t.ms) }))
      .sort((a, b) => b.ms - a.ms);
    this.totals = new Map();
    const all = totals.reduce((sum, t) => sum + t.ms, 0);
    log(
      `queries of the ${label}: ${all} ms in ${totals.reduce(
        (sum, t) => sum + t.count,
        0,
      )} statements; the most time:\n${totals
        .slice(0, top)
        .map(t => `  ${t.ms} ms, ${t.count}×  ${t.sql}`)
        .join('\n')}`,
    );
    return totals.slice(0, top);
  }
}
