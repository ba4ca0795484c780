import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import express from 'express';

/**
 * Runs a write as an auditor event: created before the write with what the
 * request names, then a success with what the write gave (`successMeta`),
 * or a failure with its error, which is thrown on. Every write of the REST
 * API goes through it.
 */
export async function audited<T>(
  auditor: AuditorService,
  req: express.Request,
  event: {
    eventId: string;
    severityLevel: 'low' | 'medium' | 'high' | 'critical';
    meta?: JsonObject;
  },
  write: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const auditorEvent = await auditor.createEvent({ ...event, request: req });
  try {
    const result = await write();
    await auditorEvent.success(
      successMeta ? { meta: successMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
