import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { ApiRefreshService } from '../services/ApiRefreshService';
import { AssessmentService } from '../services/AssessmentService';
import { ChecklistImportService } from '../services/ChecklistImportService';
import { FragmentationDismissalService } from '../services/FragmentationDismissalService';
import { LabelService } from '../services/LabelService';
import { ReportService } from '../services/ReportService';
import { SnapshotRequestService } from '../services/SnapshotRequestService';
import { StatusService } from '../services/StatusService';
import { CampaignService } from '../campaigns/CampaignService';
import { registerCampaignRoutes } from './routes/campaigns';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { addChangeRoutes } from './routes/changeRoutes';
import { addEntityRoutes } from './routes/entityRoutes';
import { addEvidenceRoutes } from './routes/evidenceRoutes';
import { queryString } from './routes/query';
import { addReportRoutes } from './routes/reportRoutes';
import type { CredentialsOf } from './routes/types';
import { EvidenceReportService } from '../services/EvidenceReportService';
import type { ChangeService } from '../changes/ChangeService';

/** The largest request body accepted. */
const BODY_LIMIT = '64kb';

/**
 * The largest audit report of the method's CLI accepted: its Spectral
 * findings make it larger than other bodies (about 45 kB for a small API).
 */
const CHECKLIST_BODY_LIMIT = '1mb';

/** The route that takes an audit report of the method's CLI. */
const CHECKLIST_ROUTE =
  /^\/entities\/[^/]+\/[^/]+\/[^/]+\/evidence\/checklist$/;

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
  /** The import of the method's own audit reports into an assessment. */
  checklistImports: ChecklistImportService;
  status: StatusService;
  reports: ReportService;
  labels: LabelService;
  snapshotRequests: SnapshotRequestService;
  dismissals: FragmentationDismissalService;
  refreshes: ApiRefreshService;
  /** Campaigns; without them, the campaign routes answer 404. */
  campaigns?: CampaignService;
  /** The definition evidence (lint, audit). */
  evidence: EvidenceReportService;
  /** The change history; without it, the change routes answer 404. */
  changes?: ChangeService;
}

/**
 * The REST API of the plugin (src/schema/openapi.yaml, docs/rest-api.md): a
 * thin adapter that authenticates, reads the path and query, and hands them
 * to the services, which own the permission checks and the business rules.
 * The routes of an API entity are in `routes/entityRoutes.ts`, the reports
 * in `routes/reportRoutes.ts`, the definition evidence in
 * `routes/evidenceRoutes.ts`, the change history in `routes/changeRoutes.ts`
 * and the campaigns in `routes/campaigns.ts`; writes are audited
 * (`routes/audited.ts`).
 * The backend's HTTP router refuses requests without credentials on every
 * route but `/health`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, rules, method } = options;

  const credentialsOf: CredentialsOf = req =>
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

  addEntityRoutes(router, options, credentialsOf);
  addReportRoutes(router, options, credentialsOf);

  registerCampaignRoutes(router, options, credentialsOf);

  addEvidenceRoutes(router, options, credentialsOf);
  addChangeRoutes(router, options, credentialsOf);

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

const parsers = {
  [BODY_LIMIT]: express.json({ limit: BODY_LIMIT }),
  [CHECKLIST_BODY_LIMIT]: express.json({ limit: CHECKLIST_BODY_LIMIT }),
};

/**
 * The JSON body parser, at most {@link BODY_LIMIT} ({@link CHECKLIST_BODY_LIMIT}
 * for an audit report of the method's CLI). Bodies it refuses are the
 * client's fault: 400, naming the body.
 */
function jsonBody(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
) {
  const limit = CHECKLIST_ROUTE.test(req.path)
    ? CHECKLIST_BODY_LIMIT
    : BODY_LIMIT;
  parsers[limit](req, res, (error?: unknown) => {
    const type = (error as { type?: string } | undefined)?.type;
    if (!error) {
      next();
    } else if (type === 'entity.too.large') {
      next(new InputError(`body: larger than the ${limit} allowed`));
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
