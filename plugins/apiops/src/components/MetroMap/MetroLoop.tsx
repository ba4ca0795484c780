import Typography from '@material-ui/core/Typography';
import LoopIcon from '@material-ui/icons/Loop';
import { loopTrackStyle, TrackGeometry } from './trackStyles';
import { LOOP_SIZE, useMetroMapStyles } from './useMetroMapStyles';

/**
 * The loop from the last station back to the first, beside the stations:
 * its track, and its label under it where the map is drawn left to right
 * (for screen readers only where it is drawn top to bottom, see
 * {@link MetroLoopCaption}).
 */
export function MetroLoop(props: {
  geometry: TrackGeometry;
  /** The colour of the line closing the loop, if one does. */
  color?: string;
  text: string;
}) {
  const { geometry, color, text } = props;
  const { vertical } = geometry;
  const classes = useMetroMapStyles();
  return (
    <div
      className={classes.loop}
      style={vertical ? { width: LOOP_SIZE } : { height: LOOP_SIZE }}
    >
      <span
        className={classes.loopTrack}
        style={loopTrackStyle(geometry, color)}
        aria-hidden
      />
      {!vertical && (
        <Typography
          variant="caption"
          className={`${classes.loopLabel} ${classes.loopLabelHorizontal}`}
        >
          <LoopIcon fontSize="inherit" aria-hidden />
          {text}
        </Typography>
      )}
      {vertical && <span className={classes.visuallyHidden}>{text}</span>}
    </div>
  );
}

/** The loop's label under a map drawn top to bottom (hidden from screen readers). */
export function MetroLoopCaption(props: { text: string }) {
  const classes = useMetroMapStyles();
  return (
    <Typography
      variant="caption"
      component="p"
      className={`${classes.loopLabel} ${classes.loopLabelVertical}`}
      aria-hidden
    >
      <LoopIcon fontSize="inherit" />
      {props.text}
    </Typography>
  );
}
