import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ApiEvidence } from '@apiops-backstage/plugin-apiops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apiopsApiRef } from '../api';

/**
 * What lint and the method's audit checklist found in one API's definition.
 * The last answer stays in `evidence` while it reloads.
 */
export function useApiEvidence(entityRef: string): {
  evidence?: ApiEvidence;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const apiopsApi = useApi(apiopsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => apiopsApi.getEvidence(parseEntityRef(entityRef)),
    [apiopsApi, entityRef],
  );
  return { evidence: value, loading, error, retry };
}
