import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ApiStatus } from '@apiops-backstage/plugin-apiops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apiopsApiRef } from '../api';

/**
 * The APIOps status of one entity (station, owner, governance). `retry`
 * reloads it; the last status stays in `status` while it reloads.
 */
export function useApiStatus(entityRef: string): {
  status?: ApiStatus;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const apiopsApi = useApi(apiopsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => apiopsApi.getStatus(parseEntityRef(entityRef)),
    [apiopsApi, entityRef],
  );
  return { status: value, loading, error, retry };
}
