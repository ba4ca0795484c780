import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import {
  TEAM_API_SORTS,
  type TeamApiSort,
} from '@apiops-backstage/plugin-apiops-common';

/** The names of the group tab's query in the page URL. */
export const TEAM_API_PARAMS = { search: 'apiSearch', sort: 'apiSort' };

const SEARCH_DEBOUNCE_MS = 400;

/**
 * The order and the search of a group's APIs, kept in the page URL
 * (`?apiSort=-gaps&apiSearch=card`) so that a sorted, searched view can be
 * shared and survives a reload: the text as typed, and the search to query
 * with once the user stops typing. An order the backend does not know is
 * ignored (the title's).
 */
export function useTeamApiQuery() {
  const [params, setParams] = useSearchParams();
  const urlSort = params.get(TEAM_API_PARAMS.sort) ?? '';
  const sort: TeamApiSort = (TEAM_API_SORTS as readonly string[]).includes(
    urlSort,
  )
    ? (urlSort as TeamApiSort)
    : 'title';
  const search = params.get(TEAM_API_PARAMS.search)?.trim() ?? '';

  const write = useCallback(
    (name: string, value: string | undefined) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const [text, setText] = useState(search);
  // What the URL holds from this hook; another value came from elsewhere
  // (a link, back or forward) and replaces what was typed.
  const written = useRef(search);
  useEffect(() => {
    if (written.current !== search) {
      written.current = search;
      setText(search);
    }
  }, [search]);
  useDebounce(
    () => {
      const trimmed = text.trim();
      if (trimmed === written.current) return;
      written.current = trimmed;
      write(TEAM_API_PARAMS.search, trimmed);
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );

  const setSort = useCallback(
    (next: TeamApiSort) =>
      write(TEAM_API_PARAMS.sort, next === 'title' ? undefined : next),
    [write],
  );

  return { sort, setSort, search, text, setText };
}
