import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ReportSummary } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';

/** How often the summary is polled while a snapshot runs. */
export const SNAPSHOT_POLL_INTERVAL_MS = 2000;

/** How long a snapshot is waited for before giving up on polling. */
export const SNAPSHOT_POLL_TIMEOUT_MS = 5 * 60 * 1000;

/** Where a snapshot started from the page stands. */
export type SnapshotRunState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done' }
  | { status: 'failed'; error?: string }
  | { status: 'forbidden' }
  | { status: 'error'; message: string }
  | { status: 'timeout' };

function statusCodeOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') {
    return e.statusCode;
  }
  return typeof e?.response?.status === 'number'
    ? e.response.status
    : undefined;
}

/**
 * Runs a snapshot on request (`POST /snapshots`) and polls the summary until
 * a newer snapshot is there, or the new run failed; then calls `onFinished`
 * so that the page fetches everything again.
 */
export function useSnapshotRun(options: {
  summary?: ReportSummary;
  onFinished: () => void;
  pollIntervalMs?: number;
  timeoutMs?: number;
}) {
  const {
    summary,
    onFinished,
    pollIntervalMs = SNAPSHOT_POLL_INTERVAL_MS,
    timeoutMs = SNAPSHOT_POLL_TIMEOUT_MS,
  } = options;
  const apiopsApi = useApi(apiopsApiRef);
  const [state, setState] = useState<SnapshotRunState>({ status: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const run = useCallback(async () => {
    const previousId = summary?.snapshot.id;
    const previousRunId = summary?.snapshot.lastRun?.id;
    setState({ status: 'running' });
    try {
      await apiopsApi.triggerSnapshot();
    } catch (error) {
      const statusCode = statusCodeOf(error);
      if (statusCode === 403) {
        setState({ status: 'forbidden' });
        return;
      }
      // 409: a snapshot is running already; wait for it like for ours.
      if (statusCode !== 409) {
        setState({ status: 'error', message: (error as Error).message });
        return;
      }
    }

    const deadline = Date.now() + timeoutMs;
    while (mounted.current) {
      await new Promise(resolve => setTimeout(resolve, pollIntervalMs));
      if (!mounted.current) {
        return;
      }
      let latest: ReportSummary | undefined;
      try {
        latest = await apiopsApi.getSummary();
      } catch {
        // Try again on the next round: the backend may be restarting.
        latest = undefined;
      }
      const snapshot = latest?.snapshot;
      if (snapshot?.id && snapshot.id !== previousId) {
        setState({ status: 'done' });
        onFinishedRef.current();
        return;
      }
      const lastRun = snapshot?.lastRun;
      if (
        lastRun &&
        lastRun.id !== previousRunId &&
        lastRun.status === 'failed'
      ) {
        setState({ status: 'failed', error: lastRun.error });
        onFinishedRef.current();
        return;
      }
      if (Date.now() > deadline) {
        setState({ status: 'timeout' });
        return;
      }
    }
  }, [apiopsApi, summary, pollIntervalMs, timeoutMs]);

  const dismiss = useCallback(() => setState({ status: 'idle' }), []);

  return { state, run, dismiss };
}
