import { useApi } from '@backstage/frontend-plugin-api';
import type { MethodModel } from '@apiops-backstage/plugin-apiops-common';
import useAsync from 'react-use/esm/useAsync';
import { apiopsApiRef } from '../api';
import { useAppLocale } from './useAppLocale';

/**
 * The method (stations, criteria, metro lines) of a cycle (the backend's
 * default cycle unless `cycle` names one), with its texts in the app's
 * language where the method has them. A cycle the backend does not know
 * (its 400) falls back to the default cycle, and `unknownCycle` says so.
 */
export function useMethodModel(options: { cycle?: string } = {}): {
  method?: MethodModel;
  /** The cycle asked for, when the backend did not know it. */
  unknownCycle?: string;
  loading: boolean;
  error?: Error;
} {
  const { cycle } = options;
  const apiopsApi = useApi(apiopsApiRef);
  const locale = useAppLocale();
  const { value, loading, error } = useAsync(async () => {
    if (!cycle) {
      return { method: await apiopsApi.getMethod({ locale }) };
    }
    try {
      return { method: await apiopsApi.getMethod({ locale, cycle }) };
    } catch (e) {
      if ((e as { statusCode?: unknown })?.statusCode !== 400) throw e;
      return {
        method: await apiopsApi.getMethod({ locale }),
        unknownCycle: cycle,
      };
    }
  }, [apiopsApi, locale, cycle]);
  return {
    method: value?.method,
    unknownCycle: value?.unknownCycle,
    loading,
    error,
  };
}
