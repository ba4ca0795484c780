import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CampaignService } from '../../campaigns/CampaignService';
import { apiEntityKey, optionalRefKey } from '../../services/entityKeys';

type Query = Record<string, unknown>;

/**
 * The campaign routes (docs/rest-api.md, "Campaigns"): `/campaigns` CRUD,
 * progress, teams and failing APIs, and the campaigns an API fails. Thin
 * handlers as in `router.ts`: authenticate, read the path and query, hand
 * them to {@link CampaignService}, which checks the permission and the
 * input. Writes go to the auditor.
 *
 * `campaigns` is absent in routers built without campaigns (tests of other
 * routes): the routes then answer 404.
 *
 * @internal
 */
export function registerCampaignRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    campaigns?: CampaignService;
  },
) {
  const { httpAuth, auditor } = options;
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const service = () => {
    if (!options.campaigns) {
      throw new NotFoundError('Campaigns are not enabled on this backend');
    }
    return options.campaigns;
  };

  /** Runs a write with an auditor event: success with its meta, or the error. */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: Record<string, string>,
    write: () => Promise<T>,
    successMeta: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await write();
      await event.success({ meta: { ...meta, ...successMeta(result) } });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

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
      req,
      'campaign-create',
      {},
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
      req,
      'campaign-update',
      { campaignId },
      () => service().update(campaignId, req.body, credentials),
      updated => ({ revision: updated.revision, title: updated.title }),
    );
    res.json(campaign);
  });

  router.delete('/campaigns/:campaignId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { campaignId } = req.params;
    await audited(
      req,
      'campaign-delete',
      { campaignId },
      () => service().delete(campaignId, credentials),
      () => ({}),
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
    res
      .type('text/csv; charset=utf-8')
      .attachment(`apiops-campaign-${campaignId}-failing.csv`);
    // As the reports' exports: a failure after the first chunk cuts the
    // download short rather than send a file that looks whole.
    await pipeline(Readable.from(csv), res);
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await service().listForApi(entityRef, credentials));
  });
}

/** A query parameter given at most once, as a string. */
function queryString(query: Query, field: string): string | undefined {
  const value: unknown = query[field];
  if (typeof value === 'number') {
    return String(value);
  }
  if (value !== undefined && typeof value !== 'string') {
    throw new InputError(`${field}: must be given once, as a string`);
  }
  return value;
}

/** `?limit=&cursor=`; the service checks the range. */
function pageOf(query: Query): { limit?: number; cursor?: string } {
  const limit = queryString(query, 'limit');
  const parsed = limit !== undefined && /^\d{1,6}$/.test(limit) ? +limit : 0;
  return {
    limit: limit === undefined ? undefined : parsed,
    cursor: queryString(query, 'cursor'),
  };
}

/** `?team=`: a group ref (`group:default/x` or `x`). */
function teamOf(query: Query) {
  const team = optionalRefKey(queryString(query, 'team'), 'group', 'team');
  if (team && !team.startsWith('group:')) {
    throw new InputError(`team: '${team}' is not a group`);
  }
  return team;
}

function formatOf(query: Query): 'json' | 'csv' {
  const format = queryString(query, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new InputError('format: must be json or csv');
  }
  return format;
}
