import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { AssessmentService } from '../services/AssessmentService';
import { FragmentationDismissalService } from '../services/FragmentationDismissalService';
import { LabelService } from '../services/LabelService';
import { ReportService } from '../services/ReportService';
import { SnapshotRequestService } from '../services/SnapshotRequestService';
import { StatusService } from '../services/StatusService';
import { apiEntityKey } from '../services/entityKeys';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { EvidenceReportService } from '../services/EvidenceReportService';
import { registerEvidenceRoutes } from './evidenceRoutes';

/** The largest request body accepted. */
const BODY_LIMIT = '64kb';

/** The longest `If-None-Match` header read (the spec's `maxLength`). */
const IF_NONE_MATCH_MAX = 1000;

/** Where the spec validator names the field at fault. */
const VALIDATOR_FIELD =
  /(^|, )request\/(?:query|params|path|body|headers)(?:\/(\S+))? /g;

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  rules: RuleRegistry;
  method: MethodCatalog;
  assessments: AssessmentService;
  status: StatusService;
  reports: ReportService;
  labels: LabelService;
  snapshotRequests: SnapshotRequestService;
  dismissals: FragmentationDismissalService;
  /** The definition evidence (lint, audit). */
  evidence: EvidenceReportService;
}

/**
 * The REST API of the plugin (src/schema/openapi.yaml, docs/rest-api.md): a
 * thin adapter that authenticates, reads the path and query, and hands them
 * to the services, which own the permission checks and the business rules.
 * The backend's HTTP router refuses requests without credentials on every
 * route but `/health`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    auditor,
    rules,
    method,
    assessments,
    status,
    reports,
    dismissals,
  } = options;

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // Requests are validated against src/schema/openapi.yaml before they reach
  // a handler; the handlers keep authentication, permissions (in the
  // services) and the business rules.
  const router = await createOpenApiRouter({
    middleware: [jsonBody],
    validatorOptions: {
      validateRequests: {
        coerceTypes: false,
        // Unknown query parameters are ignored, as they always were.
        allowUnknownQueryParameters: true,
      },
      // httpAuth checks the credentials, with Backstage's 401 body.
      validateSecurity: false,
    },
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/rules', async (req, res) => {
    await credentialsOf(req);
    res.json({
      items: rules.list().map(rule => ({
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
      })),
    });
  });

  router.get('/method', async (req, res) => {
    await credentialsOf(req);
    const locale = queryString(req.query, 'locale');
    if (locale !== undefined && locale.length > 35) {
      throw new InputError(
        'locale: must be a language tag such as en or fi-FI',
      );
    }
    const cycle = queryString(req.query, 'cycle');
    if (cycle === '') {
      throw new InputError('cycle: must be a cycle id');
    }
    res.json(method.getModel({ locale, cycle }));
  });

  router.get('/entities/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    res.json(await status.getStatus(entityRef, credentials));
  });

  router.get(
    '/entities/:kind/:namespace/:name/assessments',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const entityRef = apiEntityKey(req.params);
      res.json(
        await assessments.list(entityRef, pageOf(req.query), credentials),
      );
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/assessments',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const entityRef = apiEntityKey(req.params);
      const auditorEvent = await auditor.createEvent({
        eventId: 'assessment-create',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef },
      });
      try {
        const record = await assessments.record(
          entityRef,
          req.body,
          credentials,
        );
        await auditorEvent.success({
          meta: { entityRef, assessmentId: record.id, station: record.station },
        });
        res.status(201).json(record);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/reports/summary', async (req, res) => {
    res.json(await reports.getSummary(await credentialsOf(req)));
  });

  router.get('/reports/labels', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ifNoneMatch = req.get('if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch.length > IF_NONE_MATCH_MAX) {
      throw new InputError(
        `if-none-match: must be at most ${IF_NONE_MATCH_MAX} characters`,
      );
    }
    const { etag, labels } = await options.labels.getLabels(credentials, {
      ifNoneMatch,
    });
    // Revalidated on every use; private to the caller.
    res.set('Cache-Control', 'private, no-cache');
    if (etag) {
      res.set('ETag', etag);
    }
    if (!labels) {
      res.status(304).end();
      return;
    }
    res.json(labels);
  });

  router.get('/reports/ownership', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = {
      ...reportQueryOf({ ...req.query, type: undefined }),
      type: queryStrings(req.query, 'type'),
    };
    if (formatOf(req.query) === 'json') {
      res.json(await reports.listOwnershipGaps(query, credentials));
      return;
    }
    const csv = await reports.exportOwnershipGapsCsv(query, credentials);
    await sendCsv(res, 'apiops-ownership-gaps.csv', csv);
  });

  router.get('/reports/fragmentation', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = fragmentationQueryOf(req.query);
    if (formatOf(req.query) === 'json') {
      res.json(await reports.listFragmentation(query, credentials));
      return;
    }
    const csv = await reports.exportFragmentationCsv(query, credentials);
    await sendCsv(res, 'apiops-fragmentation.csv', csv);
  });

  router.get(
    '/reports/fragmentation/clusters/:clusterId/members',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      res.json(
        await reports.listClusterMembers(
          req.params.clusterId,
          pageOf(req.query),
          credentials,
        ),
      );
    },
  );

  router.get(
    '/reports/fragmentation/clusters/:clusterId/dismissal',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      res.json(await dismissals.get(req.params.clusterId, credentials));
    },
  );

  router.put(
    '/reports/fragmentation/clusters/:clusterId/dismissal',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const { clusterId } = req.params;
      const auditorEvent = await auditor.createEvent({
        eventId: 'fragmentation-dismiss',
        severityLevel: 'medium',
        request: req,
        meta: { clusterId },
      });
      try {
        const dismissal = await dismissals.dismiss(
          clusterId,
          req.body,
          credentials,
        );
        await auditorEvent.success({
          meta: {
            clusterId,
            verdict: dismissal.verdict,
            fingerprint: dismissal.fingerprint,
          },
        });
        res.json(dismissal);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.delete(
    '/reports/fragmentation/clusters/:clusterId/dismissal',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const { clusterId } = req.params;
      const auditorEvent = await auditor.createEvent({
        eventId: 'fragmentation-undismiss',
        severityLevel: 'medium',
        request: req,
        meta: { clusterId },
      });
      try {
        const deleted = await dismissals.undo(clusterId, credentials);
        await auditorEvent.success({ meta: { clusterId, deleted } });
        res.status(204).end();
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/reports/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await reports.listTeams(pageOf(req.query), credentials));
  });

  router.get('/reports/teams/:namespace/:name/apis', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await reports.listTeamApis(req.params, pageOf(req.query), credentials),
    );
  });

  router.post('/snapshots', async (req, res) => {
    const credentials = await credentialsOf(req);
    const auditorEvent = await auditor.createEvent({
      eventId: 'snapshot-create',
      severityLevel: 'low',
      request: req,
    });
    try {
      const snapshot = await options.snapshotRequests.request(credentials);
      await auditorEvent.success();
      res.status(202).json({ snapshot });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  registerEvidenceRoutes(router, { httpAuth, evidence: options.evidence });

  // The spec validator's messages name the field as a JSON pointer into the
  // request (`request/query/limit must be <= 1000`); ours start with the
  // field (`limit: must be <= 1000`), as the REST API promises.
  router.use(
    (
      error: Error,
      req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      const undecodable = undecodableParamOf(error, req.path);
      if (undecodable) {
        next(new InputError(`${undecodable}: not a valid percent-encoding`));
        return;
      }
      const message = error.message?.replace(VALIDATOR_FIELD, fieldOf);
      if (error.name === 'InputError' && message !== error.message) {
        next(new InputError(message));
      } else {
        next(error);
      }
    },
  );

  return router;
}

/** The path templates of the spec, split into segments. */
const TEMPLATES = Object.keys(spec.paths).map(template => template.split('/'));

/**
 * The path parameter that express could not percent-decode (`%`, `%zz`,
 * `%C0%AF`): express refuses it with a 400 `URIError` that names its raw
 * value but not the parameter; this finds the parameter in the route.
 */
function undecodableParamOf(error: Error, path: string): string | undefined {
  const value = /^Failed to decode param '(.*)'$/s.exec(
    error.name === 'URIError' ? error.message : '',
  )?.[1];
  if (value === undefined) {
    return undefined;
  }
  const segments = path.split('/');
  for (const template of TEMPLATES) {
    if (
      template.length === segments.length &&
      template.every((part, i) => part.startsWith('{') || part === segments[i])
    ) {
      const index = segments.indexOf(value);
      const part = template[index];
      if (part?.startsWith('{')) {
        return part.slice(1, -1);
      }
    }
  }
  return 'path';
}

function fieldOf(_match: string, start: string, pointer?: string): string {
  return `${start}${pointer ? pointer.split('/').join('.') : 'body'}: `;
}

/**
 * The JSON body parser, at most {@link BODY_LIMIT}. Bodies it refuses are the
 * client's fault: 400, naming the body.
 */
function jsonBody(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
) {
  express.json({ limit: BODY_LIMIT })(req, res, (error?: unknown) => {
    const type = (error as { type?: string } | undefined)?.type;
    if (!error) {
      next();
    } else if (type === 'entity.too.large') {
      next(new InputError(`body: larger than the ${BODY_LIMIT} allowed`));
    } else if (type === 'entity.parse.failed') {
      next(new InputError('body: not valid JSON'));
    } else if (
      type?.startsWith('encoding.') ||
      type === 'charset.unsupported'
    ) {
      next(new InputError(`body: ${(error as Error).message}`));
    } else if (clientErrorStatus(error)) {
      // A body that cannot be read as it says it is: a compressed body
      // that does not inflate, a length that does not match.
      next(
        new InputError(
          'body: could not be read as its content-encoding and content-length say',
        ),
      );
    } else {
      next(error);
    }
  });
}

/** Whether the body parser blamed the request (a 4xx of http-errors). */
function clientErrorStatus(error: unknown): boolean {
  const { status, statusCode } = error as {
    status?: unknown;
    statusCode?: unknown;
  };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500;
}

type Query = Record<string, unknown>;

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

/** `?limit=&cursor=`; the services check the range. */
function pageOf(query: Query): { limit?: number; cursor?: string } {
  const limit = queryString(query, 'limit');
  // Not a whole number: 0, which the services refuse naming `limit`.
  const parsed = limit !== undefined && /^\d{1,6}$/.test(limit) ? +limit : 0;
  return {
    limit: limit === undefined ? undefined : parsed,
    cursor: queryString(query, 'cursor'),
  };
}

/** A query parameter that may be repeated: each of its values, in order. */
function queryStrings(query: Query, field: string): string[] | undefined {
  const value: unknown = query[field];
  if (value === undefined) {
    return undefined;
  }
  const values = Array.isArray(value) ? value : [value];
  if (!values.every(v => typeof v === 'string')) {
    throw new InputError(`${field}: must be strings`);
  }
  return values as string[];
}

/** `?type=&owner=&system=&limit=&cursor=` of a report. */
function reportQueryOf(query: Query) {
  return {
    type: queryString(query, 'type'),
    owner: queryString(query, 'owner'),
    system: queryString(query, 'system'),
    ...pageOf(query),
  };
}

/** `?dismissed=` and the other filters of the fragmentation report. */
function fragmentationQueryOf(query: Query) {
  return {
    ...reportQueryOf(query),
    dismissed: queryString(query, 'dismissed'),
  };
}

/**
 * Streams CSV chunks to the response as they come, honouring backpressure.
 * The caller has already checked the permission and the query, so only a
 * failure after the first chunk can cut the file short (a store error, or a
 * newer snapshot replacing the results of the export): `pipeline` then
 * destroys the response, so the connection closes without the end of the
 * chunked body and the client sees an incomplete download, never a file
 * that looks whole. Do not catch the error to end the response instead.
 */
async function sendCsv(
  res: express.Response,
  fileName: string,
  chunks: AsyncIterable<string>,
): Promise<void> {
  res.type('text/csv; charset=utf-8').attachment(fileName);
  await pipeline(Readable.from(chunks), res);
}

function formatOf(query: Query): 'json' | 'csv' {
  const format = queryString(query, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new InputError('format: must be json or csv');
  }
  return format;
}
