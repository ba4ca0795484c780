import { useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ApiSnapshotResult,
  GOVERNANCE_STATUSES,
  GovernanceStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import type { StationLabels } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { GovernanceStatusLabel } from '../GovernanceStatus';
import { GapChip } from '../OwnershipGapsTable';
import {
  ReportColumn,
  ReportTable,
  ReportToolbar,
  useReportPages,
} from '../ReportTable';

/** Rows per page of the APIs. */
export const APIS_PAGE_SIZE = 20;

/**
 * The filters of the APIs in the page URL: `apiStatus` (governance status,
 * repeated for several), `apiOwner`, `apiSystem`.
 */
export const APIS_URL = { prefix: 'api', typeName: 'Status' } as const;

/** The name of the downloaded CSV file. */
export const APIS_CSV_FILENAME = 'apiops-apis.csv';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
}));

/**
 * Every API of the latest snapshot with its station, owner and governance:
 * filterable by governance status (several), owner and system, paged on the
 * server, and downloadable as CSV with the same filters. The list behind
 * the summary's API and governance tiles.
 */
export function ApisTable(props: {
  stations: StationLabels;
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
}) {
  const { stations, refreshKey = 0 } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);

  const report = useReportPages<GovernanceStatus, ApiSnapshotResult>({
    urlPrefix: APIS_URL.prefix,
    urlTypeName: APIS_URL.typeName,
    types: GOVERNANCE_STATUSES,
    refreshKey,
    pageSize: APIS_PAGE_SIZE,
    fetchPage: ({ types, ...filters }, page) =>
      apiopsApi.listApis({ ...filters, governance: types }, page),
    fetchCsv: ({ types, ...filters }) =>
      apiopsApi.downloadApisCsv({ ...filters, governance: types }),
    csvFilename: APIS_CSV_FILENAME,
  });
  const { value, loading, error, pageIndex, next, previous } = report.page;

  // Stable columns: Material Table resets its state when they change.
  const columns = useMemo<ReportColumn<ApiSnapshotResult>[]>(
    () => [
      {
        title: t('page.apis.columns.api'),
        field: 'title',
        width: '22%',
        cellStyle: { minWidth: 160 },
        render: api => (
          <EntityRefLink entityRef={api.entityRef}>{api.title}</EntityRefLink>
        ),
      },
      {
        title: t('page.apis.columns.owner'),
        fold: true,
        width: '18%',
        cellStyle: { minWidth: 150, overflowWrap: 'anywhere' },
        render: api => {
          if (api.owner.ref && api.owner.resolved) {
            return (
              <EntityRefLink entityRef={api.owner.ref} defaultKind="group" />
            );
          }
          if (api.owner.declared) {
            return <code>{api.owner.declared}</code>;
          }
          return (
            <Typography variant="body2" color="textSecondary">
              {t('page.gaps.noOwner')}
            </Typography>
          );
        },
      },
      {
        title: t('page.apis.columns.station'),
        fold: true,
        cellStyle: { minWidth: 130 },
        render: api => stations.label(api.station.id),
      },
      {
        title: t('page.apis.columns.status'),
        cellStyle: { minWidth: 130 },
        render: api => <GovernanceStatusLabel status={api.governance.status} />,
      },
      {
        title: t('page.apis.columns.findings'),
        fold: true,
        type: 'numeric',
        render: api => api.governance.findings.length,
      },
      {
        title: t('page.apis.columns.gaps'),
        fold: true,
        cellStyle: { minWidth: 170 },
        render: api =>
          api.owner.gaps.length > 0 ? (
            <div className={classes.chips}>
              {api.owner.gaps.map(gap => (
                <GapChip
                  key={gap.type}
                  type={gap.type}
                  severity={gap.severity}
                  message={gap.message}
                />
              ))}
            </div>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('page.apis.noGaps')}
            </Typography>
          ),
      },
    ],
    [t, classes, stations],
  );

  return (
    <>
      <ReportToolbar
        idPrefix="apiops-api"
        types={GOVERNANCE_STATUSES}
        multiple
        labels={{
          type: t('page.apis.statusFilter'),
          anyType: t('page.apis.anyStatus'),
          typeOption: status => t(`page.status.${status}`),
          owner: t('page.gaps.ownerFilter'),
          system: t('page.gaps.systemFilter'),
          refHelp: example => t('page.gaps.refHelp', { example }),
          download: t('page.gaps.download'),
          downloadError: message => t('page.gaps.downloadError', { message }),
        }}
        report={report}
      />
      <ReportTable<ApiSnapshotResult>
        columns={columns}
        rows={value?.items ?? []}
        loading={loading}
        error={error}
        emptyMessage={t('page.apis.empty')}
        paging={{
          type: 'cursor',
          next,
          previous,
          pageLabel: t('page.pageNumber', { page: String(pageIndex + 1) }),
        }}
        options={{ sorting: false }}
      />
    </>
  );
}
