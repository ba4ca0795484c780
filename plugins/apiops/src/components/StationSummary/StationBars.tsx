import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { UNASSESSED_STATION } from '@apiops-backstage/plugin-apiops-common';
import type { StationLabels } from '../../hooks';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.25),
  },
  row: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  count: {
    fontVariantNumeric: 'tabular-nums',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  track: {
    height: theme.spacing(1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: {
    height: '100%',
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.primary.main,
  },
  unassessedBar: {
    backgroundColor: theme.palette.text.disabled,
  },
}));

/**
 * How many APIs stand at each station, as a list of bars in cycle order:
 * every core station (with zero when none), other stations, then
 * `unassessed`.
 */
export function StationBars(props: {
  byStation: Record<string, number>;
  stations: StationLabels;
}) {
  const { byStation, stations } = props;
  const classes = useStyles();
  const ids = stations.sort(
    new Set([...stations.order, ...Object.keys(byStation), UNASSESSED_STATION]),
  );
  const max = Math.max(1, ...ids.map(id => byStation[id] ?? 0));

  return (
    <ul className={classes.list}>
      {ids.map(id => {
        const count = byStation[id] ?? 0;
        return (
          <li key={id}>
            <div className={classes.row}>
              <Typography variant="body2">{stations.label(id)}</Typography>
              <Typography variant="body2" className={classes.count}>
                {count}
              </Typography>
            </div>
            <div className={classes.track} aria-hidden>
              <div
                className={`${classes.bar} ${
                  id === UNASSESSED_STATION ? classes.unassessedBar : ''
                }`}
                style={{ width: `${(count / max) * 100}%` }}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
