import { makeStyles, Theme } from '@material-ui/core/styles';
import { visuallyHidden } from '../EntityApiOpsCommon';

export const LANE = 5;
export const LANE_GAP = 3;
export const PILL_PADDING = 6;
/** Below this width per station, the map is drawn top to bottom. */
export const MIN_STATION_WIDTH = 88;
export const LOOP_SIZE = 30;
/** Height of a station in the top-to-bottom map. */
export const ROW_HEIGHT = 56;

/** The classes of the metro map and its parts. */
export const useMetroMapStyles = makeStyles((theme: Theme) => ({
  map: {
    display: 'flex',
    flexDirection: 'column',
  },
  mapVertical: {
    flexDirection: 'row',
  },
  stations: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    alignItems: 'start',
    flex: 1,
    minWidth: 0,
  },
  station: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    minWidth: 0,
  },
  stationVertical: {
    flexDirection: 'row',
    alignItems: 'stretch',
    textAlign: 'left',
    height: ROW_HEIGHT,
  },
  track: {
    position: 'relative',
    flexShrink: 0,
  },
  lane: {
    position: 'absolute',
  },
  pill: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: `3px solid ${theme.palette.text.primary}`,
    backgroundColor: theme.palette.background.paper,
  },
  pillCurrent: {
    borderColor: theme.palette.background.paper,
    backgroundColor: theme.palette.primary.main,
    boxShadow: `0 0 0 3px ${theme.palette.primary.main}`,
  },
  pillMuted: {
    borderColor: theme.palette.text.disabled,
  },
  label: {
    padding: theme.spacing(1, 0.5, 0),
    overflowWrap: 'break-word',
    hyphens: 'auto',
    minWidth: 0,
  },
  labelVertical: {
    alignSelf: 'center',
    padding: theme.spacing(0, 0, 0, 1.5),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
    lineHeight: 1.3,
  },
  titleCurrent: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  stage: {
    display: 'block',
    color: theme.palette.text.secondary,
  },
  here: {
    display: 'inline-block',
    marginTop: theme.spacing(0.5),
    padding: theme.spacing(0, 1),
    borderRadius: 10,
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  hereVertical: {
    marginTop: 0,
    marginLeft: theme.spacing(1),
  },
  loop: {
    order: -1,
    position: 'relative',
    flexShrink: 0,
  },
  loopTrack: {
    position: 'absolute',
  },
  loopLabel: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0, 1),
    backgroundColor: theme.palette.background.paper,
    color: theme.palette.text.secondary,
  },
  loopLabelHorizontal: {
    position: 'absolute',
    top: 0,
    left: '50%',
    transform: 'translateX(-50%)',
    maxWidth: '80%',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    lineHeight: `${LOOP_SIZE}px`,
  },
  loopLabelVertical: {
    marginTop: theme.spacing(1),
    paddingLeft: 0,
  },
  legend: {
    listStyle: 'none',
    margin: theme.spacing(2, 0, 0),
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
  },
  legendItem: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  swatch: {
    display: 'inline-block',
    width: 24,
    height: LANE,
    borderRadius: LANE / 2,
  },
  visuallyHidden,
}));
