import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseAssessmentRequest } from '@apiops-backstage/plugin-apiops-common';
import express from 'express';
import Router from 'express-promise-router';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { LifecycleService } from './LifecycleService';
import {
  parseApiEntityParams,
  parseMethodQuery,
  parsePageQuery,
} from './parsers';

/** The largest request body accepted. */
const BODY_LIMIT = '64kb';

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  rules: RuleRegistry;
  method: MethodCatalog;
  lifecycle: LifecycleService;
}

/**
 * The REST API of the plugin (src/schema/openapi.yaml, docs/rest-api.md).
 * Authentication → parsing → the service → the response; the backend's HTTP
 * router refuses requests without credentials on every route but `/health`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, rules, method, lifecycle } = options;
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/rules', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({
      items: rules.list().map(rule => ({
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
      })),
    });
  });

  router.get('/method', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(method.getModel(parseMethodQuery(req.query)));
  });

  router.get('/entities/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseApiEntityParams(req.params);
    res.json(await lifecycle.getStatus(entityRef, credentials));
  });

  router.get(
    '/entities/:kind/:namespace/:name/assessments',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = parseApiEntityParams(req.params);
      const page = parsePageQuery(req.query);
      res.json(await lifecycle.listAssessments(entityRef, page, credentials));
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/assessments',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = parseApiEntityParams(req.params);
      const parsed = parseAssessmentRequest(req.body);
      if (!parsed.ok) {
        throw new InputError(parsed.message);
      }

      const auditorEvent = await auditor.createEvent({
        eventId: 'assessment-create',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef },
      });
      try {
        const record = await lifecycle.recordAssessment(
          entityRef,
          parsed.value,
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

  // Bodies the JSON parser refuses are the client's fault: 400, naming the body.
  router.use(
    (
      error: Error & { type?: string },
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error.type === 'entity.too.large') {
        next(new InputError(`body: larger than the ${BODY_LIMIT} allowed`));
      } else if (error.type === 'entity.parse.failed') {
        next(new InputError('body: not valid JSON'));
      } else if (
        error.type?.startsWith('encoding.') ||
        error.type === 'charset.unsupported'
      ) {
        next(new InputError(`body: ${error.message}`));
      } else {
        next(error);
      }
    },
  );

  return router;
}
