import { InputError } from '@backstage/errors';
import express from 'express';
import type { RouterOptions } from '../router';
import { audited } from './audited';
import {
  formatOf,
  fragmentationQueryOf,
  pageOf,
  queryStrings,
  reportQueryOf,
  sendCsv,
  teamApiQueryOf,
} from './query';
import type { CredentialsOf } from './types';

/** The longest `If-None-Match` header read (the spec's `maxLength`). */
const IF_NONE_MATCH_MAX = 1000;

/**
 * The catalog-wide reports (`/reports/…`): the summary, the labels, every
 * API, the ownership gaps, the fragmentation clusters with their members and
 * dismissals, the teams and a team's APIs; and `POST /snapshots`.
 */
export function addReportRoutes(
  router: express.Router,
  options: Pick<
    RouterOptions,
    'auditor' | 'reports' | 'labels' | 'dismissals' | 'snapshotRequests'
  >,
  credentialsOf: CredentialsOf,
) {
  const { auditor, reports, dismissals } = options;

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

  router.get('/reports/apis', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = {
      ...reportQueryOf(req.query),
      governance: queryStrings(req.query, 'governance'),
    };
    if (formatOf(req.query) === 'json') {
      res.json(await reports.listApis(query, credentials));
      return;
    }
    const csv = await reports.exportApisCsv(query, credentials);
    await sendCsv(res, 'apiops-apis.csv', csv);
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
      const dismissal = await audited(
        auditor,
        req,
        {
          eventId: 'fragmentation-dismiss',
          severityLevel: 'medium',
          meta: { clusterId },
        },
        () => dismissals.dismiss(clusterId, req.body, credentials),
        stored => ({
          clusterId,
          verdict: stored.verdict,
          fingerprint: stored.fingerprint,
        }),
      );
      res.json(dismissal);
    },
  );

  router.delete(
    '/reports/fragmentation/clusters/:clusterId/dismissal',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const { clusterId } = req.params;
      await audited(
        auditor,
        req,
        {
          eventId: 'fragmentation-undismiss',
          severityLevel: 'medium',
          meta: { clusterId },
        },
        () => dismissals.undo(clusterId, credentials),
        deleted => ({ clusterId, deleted }),
      );
      res.status(204).end();
    },
  );

  router.get('/reports/teams', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await reports.listTeams(pageOf(req.query), credentials));
  });

  router.get('/reports/teams/:namespace/:name/apis', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await reports.listTeamApis(
        req.params,
        teamApiQueryOf(req.query),
        credentials,
      ),
    );
  });

  router.post('/snapshots', async (req, res) => {
    const credentials = await credentialsOf(req);
    const snapshot = await audited(
      auditor,
      req,
      { eventId: 'snapshot-create', severityLevel: 'low' },
      () => options.snapshotRequests.request(credentials),
    );
    res.status(202).json({ snapshot });
  });
}
