import { useCallback, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  FRAGMENTATION_TYPES,
  FragmentationCluster,
  FragmentationType,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import {
  CsvDownloadButton,
  CsvDownloadError,
  useCsvDownload,
} from '../CsvDownload';
import { useCursorPages } from '../CursorPagination';
import { visuallyHidden } from '../EntityApiOpsCommon';
import {
  ClusterScope,
  ClusterScore,
  FragmentationTypeChip,
  MemberLink,
  memberName,
} from '../FragmentationPanel';
import { ReportFilters, useReportFilters } from '../ReportFilters';
import { ClusterComparison } from './ClusterComparison';

/** Clusters per page. */
export const FRAGMENTATION_PAGE_SIZE = 10;

/** The name of the downloaded CSV file. */
export const FRAGMENTATION_CSV_FILENAME = 'apiops-fragmentation.csv';

const COLUMNS = 4;

const useStyles = makeStyles(theme => ({
  paper: {
    position: 'relative',
  },
  progress: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
  },
  scroller: {
    overflowX: 'auto',
  },
  table: {
    minWidth: 420,
    '& td': {
      verticalAlign: 'top',
      wordBreak: 'normal',
    },
  },
  head: {
    '& th': {
      ...theme.typography.caption,
      fontWeight: theme.typography.fontWeightBold as number,
      color: theme.palette.text.secondary,
      textTransform: 'uppercase',
      wordBreak: 'normal',
      verticalAlign: 'bottom',
    },
  },
  visuallyHidden,
  // On narrow screens the APIs move from their own column into the cluster's.
  apisColumn: {
    minWidth: 160,
    [theme.breakpoints.down('sm')]: {
      display: 'none',
    },
  },
  inlineApis: {
    display: 'none',
    marginTop: theme.spacing(1),
    [theme.breakpoints.down('sm')]: {
      display: 'block',
    },
  },
  inlineApisLabel: {
    color: theme.palette.text.secondary,
  },
  toggleCell: {
    width: 56,
    paddingRight: 0,
  },
  expandIcon: {
    transition: theme.transitions.create('transform', {
      duration: theme.transitions.duration.shortest,
    }),
  },
  expanded: {
    transform: 'rotate(180deg)',
  },
  clusterCell: {
    minWidth: 240,
    [theme.breakpoints.up('md')]: {
      width: '55%',
    },
  },
  clusterHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
  },
  message: {
    marginTop: theme.spacing(0.75),
    overflowWrap: 'anywhere',
  },
  members: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li + li': {
      marginTop: theme.spacing(0.5),
    },
  },
  inlineMembers: {
    display: 'inline',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li': {
      display: 'inline',
    },
    '& > li + li::before': {
      content: '", "',
    },
  },
  shared: {
    width: 112,
    fontVariantNumeric: 'tabular-nums',
  },
  // Stripes per cluster, its comparison included (Backstage's theme stripes
  // every other table row, which the comparison rows would upset).
  stripe: {
    '&&': {
      backgroundColor: theme.palette.background.default,
    },
  },
  plain: {
    '&&': {
      backgroundColor: theme.palette.background.paper,
    },
  },
  // Takes the width of the row without widening the table: wide
  // comparisons scroll inside.
  detail: {
    width: 0,
    minWidth: '100%',
  },
  detailCell: {
    padding: theme.spacing(0, 2, 2, 9),
    [theme.breakpoints.down('sm')]: {
      paddingLeft: theme.spacing(2),
    },
  },
  statusCell: {
    padding: theme.spacing(2),
  },
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
}));

function ClusterRows(props: {
  cluster: FragmentationCluster;
  striped: boolean;
  open: boolean;
  onToggle: (id: string) => void;
}) {
  const { cluster, striped, open, onToggle } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const detailId = `apiops-fragmentation-${cluster.id}`;
  const rowClass = striped ? classes.stripe : classes.plain;

  return (
    <>
      <TableRow className={rowClass}>
        <TableCell className={classes.toggleCell}>
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={t('fragmentation.table.compare', {
              apis: cluster.members.map(memberName).join(', '),
            })}
            onClick={() => onToggle(cluster.id)}
          >
            <ExpandMoreIcon
              className={`${classes.expandIcon} ${
                open ? classes.expanded : ''
              }`}
            />
          </IconButton>
        </TableCell>
        <TableCell className={classes.clusterCell}>
          <div className={classes.clusterHeader}>
            <FragmentationTypeChip type={cluster.type} />
            <ClusterScore cluster={cluster} />
            <ClusterScope cluster={cluster} />
          </div>
          <Typography variant="body2" className={classes.message}>
            {cluster.message}
          </Typography>
          <Typography variant="body2" className={classes.inlineApis}>
            <span className={classes.inlineApisLabel}>
              {t('fragmentation.table.columns.apis')}:
            </span>{' '}
            <ul className={classes.inlineMembers}>
              {cluster.members.map(member => (
                <li key={member.entityRef}>
                  <MemberLink member={member} />
                </li>
              ))}
            </ul>
          </Typography>
        </TableCell>
        <TableCell className={classes.apisColumn}>
          <ul className={classes.members}>
            {cluster.members.map(member => (
              <li key={member.entityRef}>
                <Typography variant="body2" component="span">
                  <MemberLink member={member} />
                </Typography>
              </li>
            ))}
          </ul>
        </TableCell>
        <TableCell align="right" className={classes.shared}>
          {cluster.sharedOperationCount > 0 ? (
            cluster.sharedOperationCount.toLocaleString()
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('fragmentation.table.noShared')}
            </Typography>
          )}
        </TableCell>
      </TableRow>
      <TableRow id={detailId} hidden={!open} className={rowClass}>
        {open && (
          <TableCell colSpan={COLUMNS} className={classes.detailCell}>
            <div className={classes.detail}>
              <ClusterComparison cluster={cluster} />
            </div>
          </TableCell>
        )}
      </TableRow>
    </>
  );
}

/**
 * The fragmentation clusters of the latest snapshot: filterable by type and
 * by the owner or system of any member, paged on the server, downloadable as
 * CSV with the same filters. Each cluster opens to show its APIs side by
 * side with the operations they share.
 */
export function FragmentationTable(props: {
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
}) {
  const { refreshKey = 0 } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);

  const { filters, inputs, changeInputs } =
    useReportFilters<FragmentationType>();
  const filtered = Boolean(filters.type || filters.owner || filters.system);

  const { value, loading, error, pageIndex, next, previous } = useCursorPages(
    JSON.stringify([filters, refreshKey]),
    cursor =>
      apiopsApi.listFragmentation(filters, {
        limit: FRAGMENTATION_PAGE_SIZE,
        cursor,
      }),
  );
  const items = value?.items ?? [];

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

  const csv = useCsvDownload(
    () => apiopsApi.downloadFragmentationCsv(filters),
    FRAGMENTATION_CSV_FILENAME,
  );

  let body;
  if (!value && loading) {
    body = (
      <TableRow>
        <TableCell colSpan={COLUMNS} className={classes.statusCell}>
          <Typography variant="body2" color="textSecondary">
            {t('fragmentation.table.loading')}
          </Typography>
        </TableCell>
      </TableRow>
    );
  } else if (items.length === 0) {
    body = (
      <TableRow>
        <TableCell colSpan={COLUMNS} className={classes.statusCell}>
          <Typography variant="body2" color="textSecondary">
            {filtered
              ? t('fragmentation.table.empty')
              : t('fragmentation.table.emptyCatalog')}
          </Typography>
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
      />
    ));
  }

  return (
    <>
      <ReportFilters
        idPrefix="apiops-fragmentation"
        types={FRAGMENTATION_TYPES}
        labels={{
          type: t('fragmentation.table.typeFilter'),
          anyType: t('fragmentation.table.anyType'),
          typeOption: type => t(`fragmentation.types.${type}`),
          owner: t('fragmentation.table.ownerFilter'),
          system: t('fragmentation.table.systemFilter'),
          refHelp: example => t('fragmentation.table.refHelp', { example }),
        }}
        value={inputs}
        onChange={changeInputs}
      >
        <CsvDownloadButton
          label={t('fragmentation.table.download')}
          downloading={csv.downloading}
          onClick={csv.download}
        />
      </ReportFilters>
      <CsvDownloadError
        error={csv.error}
        message={message => t('fragmentation.table.downloadError', { message })}
        onClose={csv.clearError}
      />
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <Paper className={classes.paper}>
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
