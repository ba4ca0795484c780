import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ChangeService } from '../changes/ChangeService';
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
 * The routes of the change history (src/schema/openapi.yaml, tag
 * `changes`): an API's change history and deprecations, its version family
 * compared pair by pair, and the changes report (JSON pages or CSV).
 * Without the change detection (`apiops.changes.enabled: false`) they
 * answer 404.
 *
 * @internal
 */
export function registerChangeRoutes(
  router: express.Router,
  options: { httpAuth: HttpAuthService; changes?: ChangeService },
): void {
  const { httpAuth } = options;
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const changesOf = (): ChangeService => {
    if (!options.changes) {
      throw new NotFoundError(
        'The change detection is disabled (apiops.changes.enabled: false)',
      );
    }
    return options.changes;
  };

  router.get('/entities/:kind/:namespace/:name/changes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(
      await changesOf().getHistory(
        entityRef,
        { limit: limitOf(req.query), cursor: one(req.query, 'cursor') },
        credentials,
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/versions', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await changesOf().getVersionFamily(entityRef, credentials));
  });

  router.get('/reports/changes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = {
      class: one(req.query, 'class'),
      owner: one(req.query, 'owner'),
      system: one(req.query, 'system'),
      since: one(req.query, 'since'),
      limit: limitOf(req.query),
      cursor: one(req.query, 'cursor'),
    };
    const format = one(req.query, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new InputError('format: must be json or csv');
    }
    const changes = changesOf();
    if (format === 'json') {
      res.json(await changes.listChanges(query, credentials));
      return;
    }
    const chunks = await changes.exportChangesCsv(query, credentials);
    res.type('text/csv; charset=utf-8').attachment('apiops-changes.csv');
    // A failure after the first chunk destroys the response: an incomplete
    // download, never a file that looks whole.
    await pipeline(Readable.from(chunks), res);
  });
}
