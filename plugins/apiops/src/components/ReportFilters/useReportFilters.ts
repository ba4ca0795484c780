import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';

const FILTER_DEBOUNCE_MS = 400;

/** The filters of a report as the user enters them: text as typed. */
export interface ReportFilterInputs<T extends string> {
  /** The types picked; none means every type. */
  types: T[];
  owner: string;
  system: string;
}

/** The filters of a report to query with: trimmed, unset when empty. */
export interface ReportFilterValues<T extends string> {
  types?: T[];
  owner?: string;
  system?: string;
}

/**
 * The names of a report's filters in the page URL: `<prefix>Type` (repeated
 * for several types; `<prefix><typeName>` for a report whose types have a
 * name of their own, e.g. `apiStatus`), `<prefix>Owner` and
 * `<prefix>System`, e.g.
 * `?gapType=owner-missing&gapOwner=group:default/retail-banking`.
 */
export function reportFilterParams(prefix: string, typeName = 'Type') {
  return {
    type: `${prefix}${typeName}`,
    owner: `${prefix}Owner`,
    system: `${prefix}System`,
  };
}

/**
 * The search of a URL that opens a report with these filters, e.g. the link
 * of a summary tile: `?gapType=owner-missing&gapType=owner-unresolved`.
 */
export function reportFilterSearch<T extends string>(
  prefix: string,
  filters: ReportFilterValues<T>,
  typeName?: string,
): string {
  const names = reportFilterParams(prefix, typeName);
  const params = new URLSearchParams();
  for (const type of filters.types ?? []) params.append(names.type, type);
  if (filters.owner) params.set(names.owner, filters.owner);
  if (filters.system) params.set(names.system, filters.system);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * The state of the filters of a report, kept in the page URL (see
 * {@link reportFilterParams}) so that a filtered view can be shared and is
 * restored on reload or back: the inputs for `ReportFilters`, and the
 * filters to query with. Types apply at once; owner and system once the
 * user stops typing (or picks one). Types the report does not know are
 * ignored.
 */
export function useReportFilters<T extends string>(options: {
  /** The prefix of the filters' names in the URL, e.g. `gap`. */
  urlPrefix: string;
  /** The name of the type filter after the prefix; `Type` by default. */
  urlTypeName?: string;
  /** The types of the report. */
  types: readonly T[];
}) {
  const { urlPrefix, urlTypeName, types: knownTypes } = options;
  const names = useMemo(
    () => reportFilterParams(urlPrefix, urlTypeName),
    [urlPrefix, urlTypeName],
  );
  const [params, setParams] = useSearchParams();

  const typeList = params
    .getAll(names.type)
    .filter(type => (knownTypes as readonly string[]).includes(type))
    .join(',');
  const urlTypes = useMemo(
    () => (typeList ? (typeList.split(',') as T[]) : []),
    [typeList],
  );
  const urlOwner = params.get(names.owner) ?? '';
  const urlSystem = params.get(names.system) ?? '';

  const write = useCallback(
    (change: Record<string, string[]>) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [name, values] of Object.entries(change)) {
            next.delete(name);
            for (const value of values) next.append(name, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const [text, setText] = useState({ owner: urlOwner, system: urlSystem });
  // What the URL holds from this hook; a different value came from elsewhere
  // (a link, back or forward) and replaces what was typed.
  const written = useRef({ owner: urlOwner, system: urlSystem });
  useEffect(() => {
    const current = written.current;
    if (current.owner !== urlOwner || current.system !== urlSystem) {
      written.current = { owner: urlOwner, system: urlSystem };
      setText({ owner: urlOwner, system: urlSystem });
    }
  }, [urlOwner, urlSystem]);

  useDebounce(
    () => {
      const owner = text.owner.trim();
      const system = text.system.trim();
      const current = written.current;
      if (current.owner === owner && current.system === system) return;
      written.current = { owner, system };
      write({
        [names.owner]: owner ? [owner] : [],
        [names.system]: system ? [system] : [],
      });
    },
    FILTER_DEBOUNCE_MS,
    [text.owner, text.system],
  );

  const changeInputs = useCallback(
    (change: Partial<ReportFilterInputs<T>>) => {
      if (change.types) write({ [names.type]: change.types });
      if (change.owner !== undefined || change.system !== undefined) {
        setText(previous => ({
          owner: change.owner ?? previous.owner,
          system: change.system ?? previous.system,
        }));
      }
    },
    [write, names],
  );

  const inputs = useMemo<ReportFilterInputs<T>>(
    () => ({ types: urlTypes, owner: text.owner, system: text.system }),
    [urlTypes, text],
  );
  const filters = useMemo<ReportFilterValues<T>>(
    () => ({
      types: urlTypes.length ? urlTypes : undefined,
      owner: urlOwner || undefined,
      system: urlSystem || undefined,
    }),
    [urlTypes, urlOwner, urlSystem],
  );

  return { filters, inputs, changeInputs };
}
