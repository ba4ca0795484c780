import express from 'express';
import { apiEntityKey } from '../../services/entityKeys';
import type { RouterOptions } from '../router';
import { formatOf, pageOf, queryString, sendCsv } from './query';
import type { CredentialsOf } from './types';

/**
 * The routes of the definition evidence (src/schema/openapi.yaml, tag
 * `evidence`): an API's lint findings and audit evidence, the lint report
 * (JSON pages or CSV) and the counts per team.
 */
export function addEvidenceRoutes(
  router: express.Router,
  options: Pick<RouterOptions, 'evidence'>,
  credentialsOf: CredentialsOf,
) {
  const { evidence } = options;

  router.get('/entities/:kind/:namespace/:name/evidence', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await evidence.getApiEvidence(entityRef, credentials));
  });

  router.get('/reports/lint', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = {
      provider: queryString(req.query, 'provider'),
      owner: queryString(req.query, 'owner'),
      system: queryString(req.query, 'system'),
      severity: queryString(req.query, 'severity'),
      rule: queryString(req.query, 'rule'),
      state: queryString(req.query, 'state'),
      ...pageOf(req.query),
    };
    if (formatOf(req.query) === 'json') {
      res.json(await evidence.listLint(query, credentials));
      return;
    }
    const csv = await evidence.exportLintCsv(query, credentials);
    await sendCsv(res, 'apiops-lint.csv', csv);
  });

  router.get('/reports/lint/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await evidence.listLintTeams(
        {
          owner: queryString(req.query, 'owner'),
          provider: queryString(req.query, 'provider'),
        },
        credentials,
      ),
    );
  });
}
