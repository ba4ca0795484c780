import { FAILURE_REASON_MAX_LENGTH, failureReason } from './failureReason';

describe('failureReason', () => {
  it('keeps a message without SQL as it is', () => {
    expect(failureReason('connect ECONNREFUSED 127.0.0.1:7007 (catalog)')).toBe(
      'connect ECONNREFUSED 127.0.0.1:7007 (catalog)',
    );
    expect(failureReason(new Error('The catalog answered 503'))).toBe(
      'The catalog answered 503',
    );
  });

  it("puts PostgreSQL's cause first and drops the statement's values", () => {
    const error = Object.assign(
      new Error(
        `insert into "apiops_api_results" ("entity_ref", "result") values ($1, $2), ($3, $4) - duplicate key value violates unique constraint "apiops_api_results_pkey"`,
      ),
      { detail: 'Key (entity_ref)=(api:default/a) already exists.' },
    );
    expect(failureReason(error)).toBe(
      'duplicate key value violates unique constraint "apiops_api_results_pkey": Key (entity_ref)=(api:default/a) already exists. (in insert into "apiops_api_results")',
    );
  });

  it("puts SQLite's cause first, whatever the bound values hold", () => {
    const values = JSON.stringify({
      message: 'Owner - not found - see the docs',
      owner: 'group:default/a - b',
    });
    const message = `insert into \`apiops_ownership_gaps\` (\`entity_ref\`, \`message\`) values ('api:default/a', '${values}')\n - SQLITE_CONSTRAINT_NOTNULL: NOT NULL constraint failed: apiops_ownership_gaps.type`;
    const reason = failureReason(message);
    expect(reason).toBe(
      'SQLITE_CONSTRAINT_NOTNULL: NOT NULL constraint failed: apiops_ownership_gaps.type (in insert into `apiops_ownership_gaps`)',
    );
    expect(reason).not.toContain('values');
  });

  it('names what the statement did for updates, deletes and selects', () => {
    expect(
      failureReason(
        'update "apiops_snapshots" set "status" = \'succeeded\' where "id" = 5 - canceling statement due to statement timeout',
      ),
    ).toBe(
      'canceling statement due to statement timeout (in update "apiops_snapshots")',
    );
    expect(
      failureReason(
        'delete from "apiops_team_rollups" - relation "x" does not exist',
      ),
    ).toBe(
      'relation "x" does not exist (in delete from "apiops_team_rollups")',
    );
    expect(
      failureReason(
        'select "id" from "apiops_snapshots" where "status" = $1 - Connection terminated unexpectedly',
      ),
    ).toBe('Connection terminated unexpectedly (in select)');
  });

  it('keeps a label in front of the statement', () => {
    expect(
      failureReason(
        'Snapshot 12: insert into "apiops_api_results" ("result") values (\'{}\') - value too long for type character varying(255)',
      ),
    ).toBe(
      'Snapshot 12: value too long for type character varying(255) (in insert into "apiops_api_results")',
    );
  });

  it('caps the length, never cutting the cause off by a long statement', () => {
    const values = Array.from(
      { length: 5000 },
      (_, i) => `('api:default/api-${i}')`,
    ).join(', ');
    const reason = failureReason(
      `insert into "apiops_api_results" ("entity_ref") values ${values} - deadlock detected`,
    );
    expect(reason).toBe(
      'deadlock detected (in insert into "apiops_api_results")',
    );

    const long = failureReason('x'.repeat(10_000));
    expect(long).toHaveLength(FAILURE_REASON_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    expect(failureReason('y'.repeat(100), 20)).toHaveLength(20);
  });

  it('collapses whitespace and says something for an empty error', () => {
    expect(failureReason('  catalog\n\n  down \t')).toBe('catalog down');
    expect(failureReason('')).toBe('unknown error');
    expect(failureReason(new Error(''))).toBe('unknown error');
    expect(failureReason(undefined)).toBe('undefined');
    expect(failureReason({ message: 'from a worker' })).toBe('from a worker');
  });

  it('keeps a dash that is not knex joining a statement to its cause', () => {
    expect(failureReason('Catalog unavailable - retry later')).toBe(
      'Catalog unavailable - retry later',
    );
  });
});
