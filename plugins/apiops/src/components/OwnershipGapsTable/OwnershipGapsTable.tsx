import { useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  OWNER_GAP_TYPES,
  OwnerGapType,
  OwnershipGapRow,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import {
  ReportColumn,
  ReportTable,
  ReportToolbar,
  useReportPages,
} from '../ReportTable';
import { GapChip } from './GapChip';

/** Rows per page of the ownership gaps. */
export const OWNERSHIP_GAPS_PAGE_SIZE = 20;

/**
 * The prefix of the filters of the ownership gaps in the page URL:
 * `gapType` (repeated), `gapOwner`, `gapSystem`.
 */
export const OWNERSHIP_GAPS_URL_PREFIX = 'gap';

/** The name of the downloaded CSV file. */
export const OWNERSHIP_GAPS_CSV_FILENAME = 'apiops-ownership-gaps.csv';

const useStyles = makeStyles(theme => ({
  message: {
    marginTop: theme.spacing(0.75),
  },
}));

/**
 * Whether the row's owner is an entity of the catalog. The row does not say
 * so itself: a missing or unresolved owner has a gap of that type.
 */
function ownerResolved(row: OwnershipGapRow): boolean {
  return (
    Boolean(row.owner) &&
    row.type !== 'owner-unresolved' &&
    row.type !== 'owner-missing'
  );
}

/**
 * The ownership gaps of the latest snapshot: filterable by gap type, owner
 * and system, paged on the server, and downloadable as CSV with the same
 * filters.
 */
export function OwnershipGapsTable(props: {
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
}) {
  const { refreshKey = 0 } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);

  const report = useReportPages<OwnerGapType, OwnershipGapRow>({
    urlPrefix: OWNERSHIP_GAPS_URL_PREFIX,
    types: OWNER_GAP_TYPES,
    refreshKey,
    pageSize: OWNERSHIP_GAPS_PAGE_SIZE,
    fetchPage: ({ types, ...filters }, page) =>
      apiopsApi.listOwnershipGaps({ ...filters, type: types }, page),
    fetchCsv: ({ types, ...filters }) =>
      apiopsApi.downloadOwnershipGapsCsv({ ...filters, type: types }),
    csvFilename: OWNERSHIP_GAPS_CSV_FILENAME,
  });
  const { value, loading, error, pageIndex, next, previous } = report.page;

  // Stable columns: Material Table resets its state when they change.
  const columns = useMemo<ReportColumn<OwnershipGapRow>[]>(
    () => [
      {
        title: t('page.gaps.columns.api'),
        field: 'title',
        width: '20%',
        cellStyle: { minWidth: 160 },
        render: row => (
          <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
        ),
      },
      {
        title: t('page.gaps.columns.owner'),
        fold: true,
        field: 'owner',
        width: '18%',
        cellStyle: { minWidth: 160, overflowWrap: 'anywhere' },
        render: row => {
          if (row.owner && ownerResolved(row)) {
            return <EntityRefLink entityRef={row.owner} defaultKind="group" />;
          }
          if (row.declaredOwner) {
            return <code>{row.declaredOwner}</code>;
          }
          return (
            <Typography variant="body2" color="textSecondary">
              {t('page.gaps.noOwner')}
            </Typography>
          );
        },
      },
      {
        title: t('page.gaps.columns.system'),
        fold: true,
        field: 'system',
        width: '16%',
        cellStyle: { minWidth: 160 },
        render: row =>
          row.system ? (
            <EntityRefLink entityRef={row.system} defaultKind="system" />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('page.gaps.noSystem')}
            </Typography>
          ),
      },
      {
        title: t('page.gaps.columns.type'),
        field: 'type',
        width: '46%',
        cellStyle: { minWidth: 260 },
        render: row => (
          <>
            <GapChip type={row.type} severity={row.severity} />
            <Typography variant="body2" className={classes.message}>
              {row.message}
            </Typography>
          </>
        ),
      },
    ],
    [t, classes],
  );

  return (
    <>
      <ReportToolbar
        idPrefix="apiops-gap"
        types={OWNER_GAP_TYPES}
        multiple
        labels={{
          type: t('page.gaps.typeFilter'),
          anyType: t('page.gaps.anyType'),
          typeOption: gapType => t(`page.gapTypes.${gapType}`),
          owner: t('page.gaps.ownerFilter'),
          system: t('page.gaps.systemFilter'),
          refHelp: example => t('page.gaps.refHelp', { example }),
          download: t('page.gaps.download'),
          downloadError: message => t('page.gaps.downloadError', { message }),
        }}
        report={report}
      />
      <ReportTable<OwnershipGapRow>
        columns={columns}
        rows={value?.items ?? []}
        loading={loading}
        error={error}
        emptyMessage={t('page.gaps.empty')}
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
