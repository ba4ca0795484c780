import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  appLanguageApiRef,
  useApi,
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { UNASSESSED_STATION } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import {
  DEFAULT_STATION_ORDER,
  humanizeStationId,
  sortStationIds,
} from './stationOrder';

/**
 * The stations of the cycle in use, as the page shows them.
 */
export interface StationLabels {
  /** The core station ids, in cycle order. */
  order: readonly string[];
  /** The station's title in the user's language (the method's own). */
  label(id: string): string;
  /** The given ids in cycle order, `unassessed` last. */
  sort(ids: Iterable<string>): string[];
}

/**
 * The titles and the order of the stations, from the method (`GET
 * /method`) in the app's language. Until the method has loaded, or if it
 * cannot be, station ids are made readable and the default cycle's order
 * is used.
 */
export function useStationLabels(): StationLabels {
  const apiopsApi = useApi(apiopsApiRef);
  const languageApi = useApiHolder().get(appLanguageApiRef);
  const language = languageApi?.getLanguage().language;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { value: method } = useAsync(
    async () => apiopsApi.getMethod({ locale: language }),
    [apiopsApi, language],
  );

  return useMemo(() => {
    const titles = new Map(
      (method?.stations ?? []).map(station => [station.id, station.title]),
    );
    const order = method?.stations.length
      ? method.stations.map(station => station.id)
      : DEFAULT_STATION_ORDER;
    return {
      order,
      label: (id: string) =>
        id === UNASSESSED_STATION
          ? t('page.stations.unassessed')
          : titles.get(id) ?? humanizeStationId(id),
      sort: (ids: Iterable<string>) => sortStationIds(ids, order),
    };
  }, [method, t]);
}
