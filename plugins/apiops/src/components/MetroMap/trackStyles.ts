import { CSSProperties } from 'react';
import {
  LANE,
  LANE_GAP,
  LOOP_SIZE,
  PILL_PADDING,
  ROW_HEIGHT,
} from './useMetroMapStyles';

/** How the map is drawn: its direction and the size of its tracks. */
export interface TrackGeometry {
  /** Top to bottom (narrow), else left to right. */
  vertical: boolean;
  /** Across the track band: the lanes of all rows and the pill's padding. */
  thickness: number;
  /** Half a station's share of the line, in %. */
  half: number;
}

/** The geometry of a map of `stationCount` stations with `rows` lanes. */
export function trackGeometry(
  vertical: boolean,
  rows: number,
  stationCount: number,
): TrackGeometry {
  const band = Math.max(rows, 1) * (LANE + LANE_GAP) - LANE_GAP;
  return {
    vertical,
    thickness: band + 2 * PILL_PADDING,
    half: 100 / (2 * stationCount),
  };
}

/** A stretch of track along the line, from `start`% to `end`% of a station. */
export function laneStyle(
  geometry: TrackGeometry,
  row: number,
  color: string | undefined,
  start: number,
  end: number,
): CSSProperties {
  const across = PILL_PADDING + row * (LANE + LANE_GAP);
  const background = color ?? 'currentColor';
  if (geometry.vertical) {
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
}

/** The pill of a station, larger for the API's station. */
export function pillStyle(
  geometry: TrackGeometry,
  current: boolean,
): CSSProperties {
  const length = current ? 28 : 20;
  return geometry.vertical
    ? {
        left: 0,
        width: geometry.thickness,
        top: ROW_HEIGHT / 2 - length / 2,
        height: length,
        borderRadius: length / 2,
      }
    : {
        top: 0,
        height: geometry.thickness,
        left: `calc(50% - ${length / 2}px)`,
        width: length,
        borderRadius: length / 2,
      };
}

/** The loop from the last station back to the first, dashed without a line. */
export function loopTrackStyle(
  geometry: TrackGeometry,
  loopColor: string | undefined,
): CSSProperties {
  const { half } = geometry;
  return {
    borderColor: loopColor,
    borderStyle: loopColor ? 'solid' : 'dashed',
    ...(geometry.vertical
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
}
