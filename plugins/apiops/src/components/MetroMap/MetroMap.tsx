import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { MethodModel } from '@apiops-backstage/plugin-apiops-common';
import useMeasure from 'react-use/esm/useMeasure';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import { useStationLabels } from '../../hooks';
import { metroLineColors } from '../colors';
import { metroLayout } from './metroLayout';
import { MetroLegend } from './MetroLegend';
import { MetroLoop, MetroLoopCaption } from './MetroLoop';
import { MetroStation } from './MetroStation';
import { trackGeometry } from './trackStyles';
import { MIN_STATION_WIDTH, useMetroMapStyles } from './useMetroMapStyles';

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
  const classes = useMetroMapStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { stageLabel } = useStationLabels(method);
  const [measureRef, { width }] = useMeasure<HTMLDivElement>();
  const { stations } = method;
  const theme = useTheme();
  const layout = useMemo(() => {
    const colors = metroLineColors(method.lines, theme);
    const lines = method.lines.map(line => ({
      ...line,
      color: colors.get(line.id),
    }));
    return metroLayout(method.stations, lines);
  }, [method, theme]);
  if (stations.length === 0) {
    return null;
  }

  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;
  const hasCurrent = stations.some(station => station.id === stationId);
  // Unmeasured (width 0, e.g. before layout) counts as wide.
  const vertical = width > 0 && width < stations.length * MIN_STATION_WIDTH;
  const geometry = trackGeometry(vertical, layout.rows, stations.length);
  const hasLoop = stations.length > 2;
  const loopText = t('entityContent.metroMap.loopBack', {
    station: stations[0].title,
  });

  return (
    <div
      ref={measureRef}
      className={focus.within}
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
          {stations.map((station, index) => (
            <MetroStation
              key={station.id}
              station={station}
              index={index}
              layout={layout}
              geometry={geometry}
              current={station.id === stationId}
              hasCurrent={hasCurrent}
              stageLabel={stageLabel}
            />
          ))}
        </ol>
        {hasLoop && (
          <MetroLoop
            geometry={geometry}
            color={layout.loopLines[0]?.color}
            text={loopText}
          />
        )}
      </div>
      {vertical && hasLoop && <MetroLoopCaption text={loopText} />}
      {layout.lines.length > 0 && <MetroLegend lines={layout.lines} />}
    </div>
  );
}
