import { useApi } from '@backstage/frontend-plugin-api';
import type { MethodModel } from '@apiops-backstage/plugin-apiops-common';
import useAsync from 'react-use/esm/useAsync';
import { apiopsApiRef } from '../api';
import { useAppLocale } from './useAppLocale';

/**
 * The method (stations, criteria, metro lines) of the backend's cycle, with
 * its texts in the app's language where the method has them.
 */
export function useMethodModel(): {
  method?: MethodModel;
  loading: boolean;
  error?: Error;
} {
  const apiopsApi = useApi(apiopsApiRef);
  const locale = useAppLocale();
  const { value, loading, error } = useAsync(
    () => apiopsApi.getMethod({ locale }),
    [apiopsApi, locale],
  );
  return { method: value, loading, error };
}
