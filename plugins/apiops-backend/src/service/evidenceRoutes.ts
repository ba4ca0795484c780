import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EvidenceReportService } from '../services/EvidenceReportService';
import { apiEntityKey } from '../services/entityKeys';

type Query = Record<string, unknown>;

/** A query parameter given at most once, as a string. */
function one(query: Query, field: string): string | undefined {
  const value: unknown = query[field];
  if (typeof value === 'number') return String(value);
  if (value !== undefined && typeof value !== 'string') {
    throw new InputError(`${field}: must be given once, as a string`);
  }
  return value;
}

/** `limit` as a number: not a whole number is 0, which the service refuses naming `limit`. */
function limitOf(query: Query): number | undefined {
  const limit = one(query, 'limit');
  if (limit === undefined) return undefined;
  return /^\d{1,6}$/.test(limit) ? +limit : 0;
}

/**
 * The routes of the definition evidence (src/schema/openapi.yaml, tag
 * `evidence`): an API's lint findings and audit evidence, the lint report
 * (JSON pages or CSV) and the counts per team. Registered by the router.
 *
 * @internal
 */
export function registerEvidenceRoutes(
  router: express.Router,
  options: { httpAuth: HttpAuthService; evidence: EvidenceReportService },
): void {
  const { httpAuth, evidence } = options;
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/entities/:kind/:namespace/:name/evidence', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await evidence.getApiEvidence(entityRef, credentials));
  });

  router.get('/reports/lint', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = {
      provider: one(req.query, 'provider'),
      owner: one(req.query, 'owner'),
      system: one(req.query, 'system'),
      severity: one(req.query, 'severity'),
      rule: one(req.query, 'rule'),
      state: one(req.query, 'state'),
      limit: limitOf(req.query),
      cursor: one(req.query, 'cursor'),
    };
    const format = one(req.query, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new InputError('format: must be json or csv');
    }
    if (format === 'json') {
      res.json(await evidence.listLint(query, credentials));
      return;
    }
    const chunks = await evidence.exportLintCsv(query, credentials);
    res.type('text/csv; charset=utf-8').attachment('apiops-lint.csv');
    // A failure after the first chunk destroys the response: an incomplete
    // download, never a file that looks whole.
    await pipeline(Readable.from(chunks), res);
  });

  router.get('/reports/lint/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await evidence.listLintTeams(
        { owner: one(req.query, 'owner'), provider: one(req.query, 'provider') },
        credentials,
      ),
    );
  });
}
