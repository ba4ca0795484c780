import { makeStyles } from '@material-ui/core/styles';
import { visuallyHidden } from '../EntityApiOpsCommon';

/** The columns of the fragmentation table. */
export const FRAGMENTATION_COLUMNS = 4;

/** The classes of the fragmentation table and its rows. */
export const useFragmentationTableStyles = makeStyles(theme => ({
  /** Greyed parts of a dismissed cluster's row (its dismissal stays clear). */
  dimmed: {
    opacity: 0.55,
  },
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
