import { NotFoundError } from '@backstage/errors';
import express from 'express';
import type { ChangeService } from '../../changes/ChangeService';
import { apiEntityKey } from '../../services/entityKeys';
import type { RouterOptions } from '../router';
import { formatOf, pageOf, queryString, sendCsv } from './query';
import type { CredentialsOf } from './types';

/**
 * The routes of the change history (src/schema/openapi.yaml, tag
 * `changes`): an API's change history and deprecations, its version family
 * compared pair by pair, and the changes report (JSON pages or CSV).
 * Without the change detection (`apiops.changes.enabled: false`) they
 * answer 404.
 */
export function addChangeRoutes(
  router: express.Router,
  options: Pick<RouterOptions, 'changes'>,
  credentialsOf: CredentialsOf,
) {
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
      await changesOf().getHistory(entityRef, pageOf(req.query), credentials),
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
      class: queryString(req.query, 'class'),
      owner: queryString(req.query, 'owner'),
      system: queryString(req.query, 'system'),
      since: queryString(req.query, 'since'),
      ...pageOf(req.query),
    };
    const format = formatOf(req.query);
    const changes = changesOf();
    if (format === 'json') {
      res.json(await changes.listChanges(query, credentials));
      return;
    }
    const csv = await changes.exportChangesCsv(query, credentials);
    await sendCsv(res, 'apiops-changes.csv', csv);
  });
}
