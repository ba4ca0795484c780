import { useCallback, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { ApiOpsPage } from '../../api';

/**
 * Pages through a cursor-paginated list. The list starts over at its first
 * page whenever `key` changes (new filters, a refresh).
 */
export function useCursorPages<T, R extends ApiOpsPage<T> = ApiOpsPage<T>>(
  key: string,
  fetchPage: (cursor: string | undefined) => Promise<R>,
) {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const [state, setState] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({ key, cursors: [undefined] });
  const cursors = useMemo(
    () => (state.key === key ? state.cursors : [undefined]),
    [state, key],
  );
  const cursor = cursors[cursors.length - 1];
  const { value, loading, error } = useAsync(
    () => fetchRef.current(cursor),
    [key, cursor],
  );
  const nextCursor = loading ? undefined : value?.nextCursor;

  const next = useCallback(() => {
    if (nextCursor) {
      setState({ key, cursors: [...cursors, nextCursor] });
    }
  }, [key, cursors, nextCursor]);
  const previous = useCallback(() => {
    setState({ key, cursors: cursors.slice(0, -1) });
  }, [key, cursors]);

  return {
    value,
    loading,
    error,
    /** The zero-based number of the page shown. */
    pageIndex: cursors.length - 1,
    next: nextCursor ? next : undefined,
    previous: cursors.length > 1 ? previous : undefined,
  };
}
