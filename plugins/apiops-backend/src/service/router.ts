import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  OwnershipGapRow,
  ReportSummary,
  apiopsReportReadPermission,
  apiopsSnapshotCreatePermission,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import {
  REPORT_PAGE_MAX_LIMIT,
  SnapshotStore,
} from '../database/SnapshotStore';
import { toCsv } from './csv';
import express from 'express';
import Router from 'express-promise-router';
import { RuleRegistry } from '../governance/RuleRegistry';
import { MethodCatalog } from '../method';
import { LifecycleService } from '../lifecycle/LifecycleService';
import {
  parseApiEntityParams,
  parseFragmentationReportQuery,
  parseGroupParams,
  parseMethodQuery,
  parseOwnershipReportQuery,
  parsePageQuery,
  parseTeamsReportQuery,
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
  permissions: PermissionsService;
  snapshots: SnapshotStore;
  /** Starts a snapshot on one of the backend's replicas. */
  triggerSnapshot: () => Promise<void>;
  /** Days of history in the trends. */
  retentionDays: number;
}

/** One row of the fragmentation CSV: one member of one cluster. */
interface FragmentationCsvRow {
  clusterId: string;
  type: string;
  score: number;
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  sharedOperationCount: number;
  message: string;
}

const FRAGMENTATION_COLUMNS: ReadonlyArray<keyof FragmentationCsvRow> = [
  'clusterId',
  'type',
  'score',
  'entityRef',
  'title',
  'owner',
  'system',
  'sharedOperationCount',
  'message',
];

const GAP_COLUMNS: ReadonlyArray<keyof OwnershipGapRow & string> = [
  'entityRef',
  'title',
  'owner',
  'declaredOwner',
  'system',
  'type',
  'severity',
  'message',
];

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
  const { httpAuth, auditor, rules, method, lifecycle, snapshots } = options;

  async function authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) {
    const [decision] = await options.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  async function readReports(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, apiopsReportReadPermission);
  }
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

  router.get('/reports/summary', async (req, res) => {
    await readReports(req);
    const since = new Date(
      Date.now() - options.retentionDays * 24 * 60 * 60 * 1000,
    );
    const [snapshot, counts, trend] = await Promise.all([
      snapshots.getInfo(),
      snapshots.getCurrentCounts(),
      snapshots.listHistory(since),
    ]);
    const summary: ReportSummary = {
      apis: 0,
      byStation: {},
      byStatus: {},
      byGapType: {},
      byFindingType: {},
      ...counts,
      snapshot,
      trend,
    };
    res.json(summary);
  });

  router.get('/reports/ownership', async (req, res) => {
    await readReports(req);
    const { format, ...query } = parseOwnershipReportQuery(req.query);
    if (format === 'json') {
      res.json(await snapshots.listOwnershipGaps(query));
      return;
    }
    const rows: OwnershipGapRow[] = [];
    let cursor: string | undefined = undefined;
    do {
      const page = await snapshots.listOwnershipGaps({
        ...query,
        limit: REPORT_PAGE_MAX_LIMIT,
        cursor,
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    res
      .type('text/csv; charset=utf-8')
      .attachment('apiops-ownership-gaps.csv')
      .send(toCsv(GAP_COLUMNS, rows));
  });

  router.get('/reports/fragmentation', async (req, res) => {
    await readReports(req);
    const { format, ...query } = parseFragmentationReportQuery(req.query);
    if (format === 'json') {
      res.json(await snapshots.listFragmentation(query));
      return;
    }
    const rows: FragmentationCsvRow[] = [];
    let cursor: string | undefined = undefined;
    do {
      const page = await snapshots.listFragmentation({
        ...query,
        limit: REPORT_PAGE_MAX_LIMIT,
        cursor,
      });
      for (const cluster of page.items) {
        for (const member of cluster.members) {
          rows.push({
            clusterId: cluster.id,
            type: cluster.type,
            score: cluster.score,
            entityRef: member.entityRef,
            title: member.title,
            owner: member.owner,
            system: member.system,
            sharedOperationCount: cluster.sharedOperationCount,
            message: cluster.message,
          });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    res
      .type('text/csv; charset=utf-8')
      .attachment('apiops-fragmentation.csv')
      .send(toCsv(FRAGMENTATION_COLUMNS, rows));
  });

  router.get('/reports/teams', async (req, res) => {
    await readReports(req);
    res.json(await snapshots.listTeams(parseTeamsReportQuery(req.query)));
  });

  router.get('/reports/teams/:namespace/:name/apis', async (req, res) => {
    await readReports(req);
    const groupRef = parseGroupParams(req.params);
    const found = await snapshots.listTeamApis(
      groupRef,
      parseTeamsReportQuery(req.query),
    );
    res.json(found ? { team: found.team, ...found.page } : { items: [] });
  });

  router.post('/snapshots', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const auditorEvent = await auditor.createEvent({
      eventId: 'snapshot-create',
      severityLevel: 'low',
      request: req,
    });
    try {
      await authorize(credentials, apiopsSnapshotCreatePermission);
      await options.triggerSnapshot();
      await auditorEvent.success();
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
    res.status(202).json({ snapshot: await snapshots.getInfo() });
  });

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
