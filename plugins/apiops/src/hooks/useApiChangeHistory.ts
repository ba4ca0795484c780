import { useCallback, useEffect, useRef, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ApiChangeEvent,
  ApiChangeHistory,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../api';

/** An API's change history as far as it has been loaded. */
export interface ApiChangeHistoryState {
  /** The first page's answer (baseline, deprecations, snapshot), once loaded. */
  history?: Omit<ApiChangeHistory, 'items' | 'nextCursor'>;
  /** The change events loaded so far, newest first. */
  events: ApiChangeEvent[];
  loading: boolean;
  /** The error of the last page load, if it failed. */
  error?: Error;
  /** Whether older events remain to be loaded. */
  hasMore: boolean;
  /** Loads the next (older) page. */
  loadOlder: () => void;
}

/**
 * An API's change history, newest first, a page at a time ("older
 * changes" appends the next page).
 */
export function useApiChangeHistory(
  entityRef: string,
  options: { pageSize: number },
): ApiChangeHistoryState {
  const { pageSize } = options;
  const apiopsApi = useApi(apiopsApiRef);
  // One state, so that an answer is one update.
  const [state, setState] = useState<{
    history?: ApiChangeHistoryState['history'];
    events: ApiChangeEvent[];
    cursor?: string;
    loading: boolean;
    error?: Error;
  }>({ events: [], loading: true });
  // Answers of a load started for another entity are dropped.
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | undefined) => {
      const current = generation.current;
      setState(previous =>
        from === undefined
          ? { events: [], loading: true }
          : { ...previous, loading: true, error: undefined },
      );
      try {
        const { items, nextCursor, ...rest } = await apiopsApi.listApiChanges(
          parseEntityRef(entityRef),
          { limit: pageSize, cursor: from },
        );
        if (current !== generation.current) return;
        setState(previous => ({
          history: from === undefined ? rest : previous.history,
          events: from === undefined ? items : [...previous.events, ...items],
          cursor: nextCursor,
          loading: false,
        }));
      } catch (e) {
        if (current !== generation.current) return;
        setState(previous => ({
          ...previous,
          loading: false,
          error: e as Error,
        }));
      }
    },
    [apiopsApi, entityRef, pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    load(undefined);
  }, [load]);

  const { history, events, cursor, loading, error } = state;
  const loadOlder = useCallback(() => {
    if (cursor && !loading) load(cursor);
  }, [cursor, loading, load]);

  return {
    history,
    events,
    loading,
    error,
    hasMore: cursor !== undefined,
    loadOlder,
  };
}
