import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { MethodStation } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { MetroLayout } from './metroLayout';
import { laneStyle, pillStyle, TrackGeometry } from './trackStyles';
import { LANE, useMetroMapStyles } from './useMetroMapStyles';

/**
 * One station of the metro map: its stretch of every line's track, its
 * pill, its title and lifecycle stage, and "you are here" on the API's
 * station.
 */
export function MetroStation(props: {
  station: MethodStation;
  index: number;
  layout: MetroLayout;
  geometry: TrackGeometry;
  /** This is the API's station. */
  current: boolean;
  /** The API stands at one of the map's stations. */
  hasCurrent: boolean;
  stageLabel: (stage: string) => string;
}) {
  const { station, index, layout, geometry, current, hasCurrent } = props;
  const { vertical, thickness } = geometry;
  const classes = useMetroMapStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <li
      className={`${classes.station} ${
        vertical ? classes.stationVertical : ''
      }`}
      aria-current={current ? 'step' : undefined}
      data-station={station.id}
      title={vertical ? station.title : undefined}
    >
      <div
        className={classes.track}
        style={
          vertical ? { width: thickness } : { height: thickness, width: '100%' }
        }
        aria-hidden
      >
        {layout.tracks
          .filter(track => track.from === index - 1)
          .map(track => (
            <span
              key={`${track.line.id}:in`}
              className={classes.lane}
              data-line={track.line.id}
              style={laneStyle(geometry, track.row, track.line.color, 0, 50)}
            />
          ))}
        {layout.tracks
          .filter(track => track.from === index)
          .map(track => (
            <span
              key={`${track.line.id}:out`}
              className={classes.lane}
              data-line={track.line.id}
              style={laneStyle(geometry, track.row, track.line.color, 50, 100)}
            />
          ))}
        {layout.stubs
          .filter(stub => stub.station === index)
          .map(stub => (
            <span
              key={`${stub.line.id}:stub`}
              className={classes.lane}
              data-line={stub.line.id}
              style={{
                ...laneStyle(geometry, stub.row, stub.line.color, 50, 80),
                borderRadius: LANE / 2,
              }}
            />
          ))}
        <span
          className={`${classes.pill} ${current ? classes.pillCurrent : ''} ${
            hasCurrent ? '' : classes.pillMuted
          }`}
          style={pillStyle(geometry, current)}
        />
      </div>
      <div
        className={`${classes.label} ${vertical ? classes.labelVertical : ''}`}
      >
        <Typography
          component="span"
          variant="body2"
          className={`${classes.title} ${current ? classes.titleCurrent : ''}`}
          style={{ display: vertical ? 'inline' : 'block' }}
        >
          {station.title}
        </Typography>
        {current && vertical && (
          <Typography
            component="span"
            variant="caption"
            className={`${classes.here} ${classes.hereVertical}`}
            aria-hidden
          >
            {t('entityContent.metroMap.here')}
          </Typography>
        )}
        <Typography
          component="span"
          variant="caption"
          className={classes.stage}
        >
          {props.stageLabel(station.lifecycleStage)}
        </Typography>
        {current && !vertical && (
          <Typography
            component="span"
            variant="caption"
            className={classes.here}
            aria-hidden
          >
            {t('entityContent.metroMap.here')}
          </Typography>
        )}
        {current && (
          <span className={classes.visuallyHidden}>
            {' '}
            ({t('entityContent.metroMap.currentStation')})
          </span>
        )}
      </div>
    </li>
  );
}
