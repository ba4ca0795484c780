import { useCallback, useEffect, useRef, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Assessment } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../api';

/** The assessment history of an entity as far as it has been loaded. */
export interface AssessmentHistoryState {
  /** The records loaded so far, newest first. */
  items: Assessment[];
  /** Whether a page is being loaded. */
  loading: boolean;
  /** The error of the last page load, if it failed. */
  error?: Error;
  /** Whether older records remain to be loaded. */
  hasMore: boolean;
  /** Loads the next (older) page. */
  loadMore: () => void;
}

/**
 * The assessment history of an entity, newest first, a page at a time. A new
 * `reloadKey` reloads it from the newest record (e.g. after recording one).
 */
export function useAssessmentHistory(
  entityRef: string,
  options: { pageSize: number; reloadKey?: unknown },
): AssessmentHistoryState {
  const { pageSize, reloadKey } = options;
  const apiopsApi = useApi(apiopsApiRef);
  const [items, setItems] = useState<Assessment[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();
  // Answers of a load started for an older entity/reloadKey are dropped.
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | undefined, append: boolean) => {
      const current = generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await apiopsApi.listAssessments(
          parseEntityRef(entityRef),
          { limit: pageSize, cursor: from },
        );
        if (current !== generation.current) return;
        setItems(previous =>
          append ? [...previous, ...page.items] : page.items,
        );
        setCursor(page.nextCursor);
      } catch (e) {
        if (current !== generation.current) return;
        setError(e as Error);
      } finally {
        if (current === generation.current) setLoading(false);
      }
    },
    [apiopsApi, entityRef, pageSize],
  );

  useEffect(() => {
    generation.current += 1;
    load(undefined, false);
  }, [load, reloadKey]);

  const loadMore = useCallback(() => {
    if (cursor && !loading) load(cursor, true);
  }, [cursor, loading, load]);

  return { items, loading, error, hasMore: cursor !== undefined, loadMore };
}
