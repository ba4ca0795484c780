import { CSSProperties, useMemo } from 'react';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import LoopIcon from '@material-ui/icons/Loop';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { MethodModel } from '@apiops-backstage/plugin-apiops-common';
import useMeasure from 'react-use/esm/useMeasure';
import { apiopsTranslationRef } from '../../translation';
import { useStationLabels, visuallyHidden } from '../EntityApiOpsCommon';
import { lineColorOn } from './lineColor';
import { metroLayout } from './metroLayout';

const LANE = 5;
const LANE_GAP = 3;
const PILL_PADDING = 6;
/** Below this width per station, the map is drawn top to bottom. */
const MIN_STATION_WIDTH = 88;
const LOOP_SIZE = 30;
/** Height of a station in the top-to-bottom map. */
const ROW_HEIGHT = 56;

const useStyles = makeStyles((theme: Theme) => ({
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

/**
 * The core stations of a cycle as a metro line, in cycle order, with the
 * method's metro lines as coloured tracks between the stations they join,
 * the loop from the last station back to the first, and the API's station
 * highlighted. Drawn left to right, or top to bottom where it is narrow.
 */
export function MetroMap(props: {
  method: MethodModel;
  /** The API's station id; `unassessed` or an unknown id highlights none. */
  stationId: string;
}) {
  const { method, stationId } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { stageLabel } = useStationLabels(method);
  const [measureRef, { width }] = useMeasure<HTMLDivElement>();
  const { stations } = method;
  const theme = useTheme();
  const isDark = theme.palette.type === 'dark';
  const paper = theme.palette.background.paper;
  const layout = useMemo(() => {
    const background = { color: paper, dark: isDark };
    const lines = method.lines.map(line => ({
      ...line,
      color: lineColorOn(line.color, background),
    }));
    return metroLayout(method.stations, lines);
  }, [method, paper, isDark]);
  if (stations.length === 0) {
    return null;
  }

  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;
  const hasCurrent = stations.some(station => station.id === stationId);
  // Unmeasured (width 0, e.g. before layout) counts as wide.
  const vertical = width > 0 && width < stations.length * MIN_STATION_WIDTH;

  const band = Math.max(layout.rows, 1) * (LANE + LANE_GAP) - LANE_GAP;
  const thickness = band + 2 * PILL_PADDING;
  const half = 100 / (2 * stations.length);
  const loopColor = layout.loopLines[0]?.color;

  /** A stretch of track along the line, from `start`% to `end`% of a station. */
  const laneStyle = (
    row: number,
    color: string | undefined,
    start: number,
    end: number,
  ): CSSProperties => {
    const across = PILL_PADDING + row * (LANE + LANE_GAP);
    const background = color ?? 'currentColor';
    if (vertical) {
      // Tracks meet at the pill, half a row down each station.
      const at = (percent: number) => {
        if (percent <= 0) return 0;
        if (percent >= 100) return ROW_HEIGHT;
        return (ROW_HEIGHT / 2) * (percent / 50);
      };
      return {
        left: across,
        width: LANE,
        top: at(start),
        height: at(end) - at(start),
        backgroundColor: background,
      };
    }
    return {
      top: across,
      height: LANE,
      left: `${start}%`,
      right: `${100 - end}%`,
      backgroundColor: background,
    };
  };

  const pillStyle = (current: boolean): CSSProperties => {
    const length = current ? 28 : 20;
    return vertical
      ? {
          left: 0,
          width: thickness,
          top: ROW_HEIGHT / 2 - length / 2,
          height: length,
          borderRadius: length / 2,
        }
      : {
          top: 0,
          height: thickness,
          left: `calc(50% - ${length / 2}px)`,
          width: length,
          borderRadius: length / 2,
        };
  };

  const loopTrackStyle: CSSProperties = {
    borderColor: loopColor,
    borderStyle: loopColor ? 'solid' : 'dashed',
    ...(vertical
      ? {
          top: ROW_HEIGHT / 2 - LANE / 2,
          bottom: ROW_HEIGHT / 2 - LANE / 2,
          left: LOOP_SIZE / 2,
          right: 0,
          borderWidth: `${LANE}px 0 ${LANE}px ${LANE}px`,
          borderTopLeftRadius: 12,
          borderBottomLeftRadius: 12,
        }
      : {
          top: LOOP_SIZE / 2,
          bottom: 0,
          left: `calc(${half}% - ${LANE / 2}px)`,
          right: `calc(${half}% - ${LANE / 2}px)`,
          borderWidth: `${LANE}px ${LANE}px 0`,
          borderTopLeftRadius: 12,
          borderTopRightRadius: 12,
        }),
  };
  const loopText = t('entityContent.metroMap.loopBack', {
    station: stations[0].title,
  });

  return (
    <div
      ref={measureRef}
      // A named region, for screen reader users to find the map by.
      role="region"
      aria-label={t('entityContent.metroMap.mapLabel', { cycle: cycleTitle })}
    >
      <div className={`${classes.map} ${vertical ? classes.mapVertical : ''}`}>
        <ol
          className={classes.stations}
          style={{
            gridTemplateColumns: vertical
              ? '1fr'
              : `repeat(${stations.length}, minmax(0, 1fr))`,
          }}
        >
          {stations.map((station, index) => {
            const current = station.id === stationId;
            return (
              <li
                key={station.id}
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
                    vertical
                      ? { width: thickness }
                      : { height: thickness, width: '100%' }
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
                        style={laneStyle(track.row, track.line.color, 0, 50)}
                      />
                    ))}
                  {layout.tracks
                    .filter(track => track.from === index)
                    .map(track => (
                      <span
                        key={`${track.line.id}:out`}
                        className={classes.lane}
                        data-line={track.line.id}
                        style={laneStyle(track.row, track.line.color, 50, 100)}
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
                          ...laneStyle(stub.row, stub.line.color, 50, 80),
                          borderRadius: LANE / 2,
                        }}
                      />
                    ))}
                  <span
                    className={`${classes.pill} ${
                      current ? classes.pillCurrent : ''
                    } ${hasCurrent ? '' : classes.pillMuted}`}
                    style={pillStyle(current)}
                  />
                </div>
                <div
                  className={`${classes.label} ${
                    vertical ? classes.labelVertical : ''
                  }`}
                >
                  <Typography
                    component="span"
                    variant="body2"
                    className={`${classes.title} ${
                      current ? classes.titleCurrent : ''
                    }`}
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
                    {stageLabel(station.lifecycleStage)}
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
          })}
        </ol>
        {stations.length > 2 && (
          <div
            className={classes.loop}
            style={vertical ? { width: LOOP_SIZE } : { height: LOOP_SIZE }}
          >
            <span
              className={classes.loopTrack}
              style={loopTrackStyle}
              aria-hidden
            />
            {!vertical && (
              <Typography
                variant="caption"
                className={`${classes.loopLabel} ${classes.loopLabelHorizontal}`}
              >
                <LoopIcon fontSize="inherit" aria-hidden />
                {loopText}
              </Typography>
            )}
            {vertical && (
              <span className={classes.visuallyHidden}>{loopText}</span>
            )}
          </div>
        )}
      </div>
      {vertical && stations.length > 2 && (
        <Typography
          variant="caption"
          component="p"
          className={`${classes.loopLabel} ${classes.loopLabelVertical}`}
          aria-hidden
        >
          <LoopIcon fontSize="inherit" />
          {loopText}
        </Typography>
      )}
      {layout.lines.length > 0 && (
        <>
          <Typography variant="srOnly" component="h3">
            {t('entityContent.metroMap.linesLabel')}
          </Typography>
          <ul className={classes.legend}>
            {layout.lines.map(({ line, stations: touched }) => {
              const names = touched.map(station => station.title).join(', ');
              return (
                <li key={line.id} className={classes.legendItem} title={names}>
                  <span
                    className={classes.swatch}
                    style={{ backgroundColor: line.color }}
                    aria-hidden
                  />
                  <Typography variant="caption" component="span">
                    {line.title}
                    <span className={classes.visuallyHidden}>
                      {': '}
                      {t('entityContent.metroMap.lineStations', {
                        stations: names,
                      })}
                    </span>
                  </Typography>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
