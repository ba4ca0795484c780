import { useCallback, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

const FILTER_DEBOUNCE_MS = 400;

/** The filters of a report as the user enters them: text as typed. */
export interface ReportFilterInputs<T extends string> {
  type?: T;
  owner: string;
  system: string;
}

/** The filters of a report to query with: trimmed, unset when empty. */
export interface ReportFilterValues<T extends string> {
  type?: T;
  owner?: string;
  system?: string;
}

function textFilter(value: string): string | undefined {
  return value.trim() || undefined;
}

/**
 * The state of the filters of a report: the inputs for `ReportFilters`, and
 * the filters to query with. A type applies at once; owner and system once
 * the user stops typing.
 */
export function useReportFilters<T extends string>() {
  const [inputs, setInputs] = useState<ReportFilterInputs<T>>({
    owner: '',
    system: '',
  });
  const changeInputs = useCallback(
    (change: Partial<ReportFilterInputs<T>>) =>
      setInputs(previous => ({ ...previous, ...change })),
    [],
  );

  const { type, owner, system } = inputs;
  const [typed, setTyped] = useState({ owner: '', system: '' });
  useDebounce(
    () =>
      setTyped(previous =>
        previous.owner === owner && previous.system === system
          ? previous
          : { owner, system },
      ),
    FILTER_DEBOUNCE_MS,
    [owner, system],
  );
  const filters = useMemo<ReportFilterValues<T>>(
    () => ({
      type,
      owner: textFilter(typed.owner),
      system: textFilter(typed.system),
    }),
    [type, typed],
  );

  return { filters, inputs, changeInputs };
}
