import { useCallback, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  FRAGMENTATION_TYPES,
  FragmentationCluster,
  FragmentationType,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import {
  ReportTableMessage,
  ReportToolbar,
  useReportPages,
} from '../ReportTable';
import { useDismissals } from '../FragmentationDismissal';
import { ClusterRows } from './ClusterRows';
import {
  FRAGMENTATION_COLUMNS,
  useFragmentationTableStyles,
} from './useFragmentationTableStyles';

/** Clusters per page. */
export const FRAGMENTATION_PAGE_SIZE = 10;

/**
 * The prefix of the filters of the fragmentation clusters in the page URL:
 * `clusterType`, `clusterOwner`, `clusterSystem`.
 */
export const FRAGMENTATION_URL_PREFIX = 'cluster';

/** The name of the downloaded CSV file. */
export const FRAGMENTATION_CSV_FILENAME = 'apiops-fragmentation.csv';

/**
 * The fragmentation clusters of the latest snapshot: filterable by type and
 * by the owner or system of any member, paged on the server, downloadable as
 * CSV with the same filters. Each cluster opens to show its APIs side by
 * side with the operations they share.
 */
export function FragmentationTable(props: {
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
  /**
   * Only the clusters with an API of this owner (a group counts with its
   * child groups): the owner filter is then fixed and not offered.
   */
  owner?: string;
  /** The prefix of the filters in the page URL; `cluster` by default. */
  urlPrefix?: string;
  /** Shown when no cluster matches and no filter is set. */
  emptyMessage?: string;
}) {
  const { refreshKey = 0, owner } = props;
  const classes = useFragmentationTableStyles();
  const focus = useFocusRingStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);

  const report = useReportPages<FragmentationType, FragmentationCluster>({
    refreshKey,
    pageSize: FRAGMENTATION_PAGE_SIZE,
    urlPrefix: props.urlPrefix ?? FRAGMENTATION_URL_PREFIX,
    types: FRAGMENTATION_TYPES,
    fetchPage: ({ types, ...filters }, page) =>
      apiopsApi.listFragmentation(
        { ...filters, ...(owner ? { owner } : {}), type: types?.[0] },
        page,
      ),
    fetchCsv: ({ types, ...filters }) =>
      apiopsApi.downloadFragmentationCsv({
        ...filters,
        ...(owner ? { owner } : {}),
        type: types?.[0],
      }),
    csvFilename: FRAGMENTATION_CSV_FILENAME,
  });
  const { filtered } = report;
  const { value, loading, error, pageIndex, next, previous } = report.page;
  const items = value?.items ?? [];
  const dismissals = useDismissals();

  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setExpanded(open => {
      const nextExpanded = new Set(open);
      if (!nextExpanded.delete(id)) {
        nextExpanded.add(id);
      }
      return nextExpanded;
    });
  }, []);

  let body;
  if (!value && loading) {
    body = (
      <TableRow>
        <TableCell
          colSpan={FRAGMENTATION_COLUMNS}
          className={classes.statusCell}
        >
          <ReportTableMessage inset={false}>
            {t('fragmentation.table.loading')}
          </ReportTableMessage>
        </TableCell>
      </TableRow>
    );
  } else if (items.length === 0) {
    body = (
      <TableRow>
        <TableCell
          colSpan={FRAGMENTATION_COLUMNS}
          className={classes.statusCell}
        >
          <ReportTableMessage inset={false}>
            {filtered
              ? t('fragmentation.table.empty')
              : props.emptyMessage ?? t('fragmentation.table.emptyCatalog')}
          </ReportTableMessage>
        </TableCell>
      </TableRow>
    );
  } else {
    body = items.map((cluster, index) => (
      <ClusterRows
        key={cluster.id}
        cluster={cluster}
        striped={index % 2 === 0}
        open={expanded.has(cluster.id)}
        onToggle={toggle}
        dismissal={dismissals.dismissalOf(cluster)}
        onDismissalChange={dismissal =>
          dismissals.setDismissal(cluster.id, dismissal)
        }
      />
    ));
  }

  return (
    <>
      <ReportToolbar
        idPrefix="apiops-fragmentation"
        types={FRAGMENTATION_TYPES}
        labels={{
          type: t('fragmentation.table.typeFilter'),
          anyType: t('fragmentation.table.anyType'),
          typeOption: type => t(`fragmentation.types.${type}`),
          owner: t('fragmentation.table.ownerFilter'),
          system: t('fragmentation.table.systemFilter'),
          refHelp: example => t('fragmentation.table.refHelp', { example }),
          download: t('fragmentation.table.download'),
          downloadError: message =>
            t('fragmentation.table.downloadError', { message }),
        }}
        report={report}
        hide={owner ? ['owner'] : undefined}
      />
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <Paper className={`${classes.paper} ${focus.within}`}>
          {loading && value && (
            <LinearProgress
              className={classes.progress}
              aria-label={t('fragmentation.table.loading')}
            />
          )}
          <div className={classes.scroller}>
            <Table
              size="small"
              className={classes.table}
              aria-label={t('fragmentation.table.tableLabel')}
              aria-busy={loading}
            >
              <TableHead className={classes.head}>
                <TableRow>
                  <TableCell className={classes.toggleCell}>
                    <span className={classes.visuallyHidden}>
                      {t('fragmentation.table.columns.compare')}
                    </span>
                  </TableCell>
                  <TableCell>
                    {t('fragmentation.table.columns.cluster')}
                  </TableCell>
                  <TableCell className={classes.apisColumn}>
                    {t('fragmentation.table.columns.apis')}
                  </TableCell>
                  <TableCell align="right" className={classes.shared}>
                    {t('fragmentation.table.columns.shared')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>{body}</TableBody>
            </Table>
          </div>
          {(next || previous) && (
            <div className={classes.pager}>
              <Typography variant="body2">
                {t('page.pageNumber', { page: String(pageIndex + 1) })}
              </Typography>
              <IconButton
                size="small"
                aria-label={t('fragmentation.table.previousPage')}
                disabled={!previous}
                onClick={previous}
              >
                <ChevronLeftIcon />
              </IconButton>
              <IconButton
                size="small"
                aria-label={t('fragmentation.table.nextPage')}
                disabled={!next}
                onClick={next}
              >
                <ChevronRightIcon />
              </IconButton>
            </div>
          )}
        </Paper>
      )}
    </>
  );
}
