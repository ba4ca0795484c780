import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { RuleRegistry } from '../governance/RuleRegistry';

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  rules: RuleRegistry;
}

/**
 * The REST API of the plugin (docs/rest-api.md). The backend's HTTP router
 * refuses requests without credentials on every route but `/health`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, rules } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

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

  return router;
}
