import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { apiEntityKey, optionalRefKey } from '../../services/entityKeys';
import type { RouterOptions } from '../router';
import { audited } from './audited';
import { formatOf, pageOf, Query, queryString, sendCsv } from './query';
import type { CredentialsOf } from './types';

/**
 * The campaign routes (docs/rest-api.md, "Campaigns"): `/campaigns` CRUD,
 * progress, teams and failing APIs, and the campaigns an API fails. Thin
 * handlers as in `router.ts`: authenticate, read the path and query, hand
 * them to the campaign service, which checks the permission and the input.
 * Writes go to the auditor.
 *
 * `campaigns` is absent in routers built without campaigns (tests of other
 * routes): the routes then answer 404.
 *
 * @internal
 */
export function registerCampaignRoutes(
  router: express.Router,
  options: Pick<RouterOptions, 'auditor' | 'campaigns'>,
  credentialsOf: CredentialsOf,
) {
  const { auditor } = options;
  const service = () => {
    if (!options.campaigns) {
      throw new NotFoundError('Campaigns are not enabled on this backend');
    }
    return options.campaigns;
  };

  router.get('/campaigns', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await service().list(
        { ...pageOf(req.query), team: teamOf(req.query) },
        credentials,
      ),
    );
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await credentialsOf(req);
    const campaign = await audited(
      auditor,
      req,
      { eventId: 'campaign-create', severityLevel: 'medium', meta: {} },
      () => service().create(req.body, credentials),
      created => ({ campaignId: created.id, title: created.title }),
    );
    res.status(201).json(campaign);
  });

  router.get('/campaigns/:campaignId', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service().get(req.params.campaignId, credentials));
  });

  router.put('/campaigns/:campaignId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { campaignId } = req.params;
    const campaign = await audited(
      auditor,
      req,
      {
        eventId: 'campaign-update',
        severityLevel: 'medium',
        meta: { campaignId },
      },
      () => service().update(campaignId, req.body, credentials),
      updated => ({
        campaignId,
        revision: updated.revision,
        title: updated.title,
      }),
    );
    res.json(campaign);
  });

  router.delete('/campaigns/:campaignId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { campaignId } = req.params;
    await audited(
      auditor,
      req,
      {
        eventId: 'campaign-delete',
        severityLevel: 'medium',
        meta: { campaignId },
      },
      () => service().delete(campaignId, credentials),
      () => ({ campaignId }),
    );
    res.status(204).end();
  });

  router.get('/campaigns/:campaignId/progress', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await service().getProgress(
        req.params.campaignId,
        { team: teamOf(req.query) },
        credentials,
      ),
    );
  });

  router.get('/campaigns/:campaignId/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await service().listTeams(
        req.params.campaignId,
        pageOf(req.query),
        credentials,
      ),
    );
  });

  router.get('/campaigns/:campaignId/failing', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { campaignId } = req.params;
    const team = teamOf(req.query);
    if (formatOf(req.query) === 'json') {
      res.json(
        await service().listFailures(
          campaignId,
          { ...pageOf(req.query), team },
          credentials,
        ),
      );
      return;
    }
    const csv = await service().exportFailuresCsv(
      campaignId,
      { team },
      credentials,
    );
    await sendCsv(res, `apiops-campaign-${campaignId}-failing.csv`, csv);
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await service().listForApi(entityRef, credentials));
  });
}

/** `?team=`: a group ref (`group:default/x` or `x`). */
function teamOf(query: Query) {
  const team = optionalRefKey(queryString(query, 'team'), 'group', 'team');
  if (team && !team.startsWith('group:')) {
    throw new InputError(`team: '${team}' is not a group`);
  }
  return team;
}
