import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { StationLabels } from '../../hooks';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
  },
  item: {
    whiteSpace: 'nowrap',
  },
  count: {
    fontWeight: theme.typography.fontWeightBold as number,
    fontVariantNumeric: 'tabular-nums',
  },
}));

/**
 * A compact line of the stations where APIs stand, in cycle order, each
 * with its count; stations without APIs are left out.
 */
export function StationMiniSummary(props: {
  byStation: Record<string, number>;
  stations: StationLabels;
}) {
  const { byStation, stations } = props;
  const classes = useStyles();
  const ids = stations.sort(
    Object.keys(byStation).filter(id => (byStation[id] ?? 0) > 0),
  );
  if (ids.length === 0) {
    return null;
  }
  return (
    <ul className={classes.list}>
      {ids.map(id => (
        <Typography
          key={id}
          component="li"
          variant="body2"
          className={classes.item}
        >
          {stations.label(id)}{' '}
          <span className={classes.count}>{byStation[id]}</span>
        </Typography>
      ))}
    </ul>
  );
}
