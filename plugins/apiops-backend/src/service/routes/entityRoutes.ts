import { InputError } from '@backstage/errors';
import express from 'express';
import { apiEntityKey } from '../../services/entityKeys';
import type { RouterOptions } from '../router';
import { audited } from './audited';
import { pageOf, queryString } from './query';
import type { CredentialsOf } from './types';

/**
 * The routes of one API entity (`/entities/{kind}/{namespace}/{name}/…`):
 * its status, its assessments (read and record) and the refresh of its
 * part of the current results.
 */
export function addEntityRoutes(
  router: express.Router,
  options: Pick<
    RouterOptions,
    'auditor' | 'status' | 'assessments' | 'refreshes' | 'checklistImports'
  >,
  credentialsOf: CredentialsOf,
) {
  const { auditor, status, assessments, refreshes, checklistImports } = options;

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
      const record = await audited(
        auditor,
        req,
        {
          eventId: 'assessment-create',
          severityLevel: 'medium',
          meta: { entityRef },
        },
        () => assessments.record(entityRef, req.body, credentials),
        created => ({
          entityRef,
          assessmentId: created.id,
          station: created.station,
        }),
      );
      res.status(201).json(record);
    },
  );

  // An audit report of the method's own CLI, mapped to the criteria of an
  // assessment for the form to pre-fill; nothing is written (the assessment
  // the person then submits records it), so nothing is audited.
  router.post(
    '/entities/:kind/:namespace/:name/evidence/checklist',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const entityRef = apiEntityKey(req.params);
      const cycle = queryString(req.query, 'cycle');
      if (cycle === '') {
        throw new InputError('cycle: must be a cycle id');
      }
      res.json(
        await checklistImports.map(entityRef, req.body, { cycle }, credentials),
      );
    },
  );

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = apiEntityKey(req.params);
    const answer = await audited(
      auditor,
      req,
      { eventId: 'api-refresh', severityLevel: 'low', meta: { entityRef } },
      () => refreshes.refresh(entityRef, credentials),
      refreshed => ({
        entityRef,
        outcome: refreshed.outcome,
        ...(refreshed.status.refreshedAt
          ? { refreshedAt: refreshed.status.refreshedAt }
          : {}),
      }),
    );
    res.json(answer);
  });
}
