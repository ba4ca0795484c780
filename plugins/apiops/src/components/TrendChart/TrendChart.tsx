import { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useMeasure from 'react-use/esm/useMeasure';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GOVERNANCE_STATUSES,
  ReportSummary,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { severityColor } from '../colors';
import { useGovernanceStatusColors } from '../GovernanceStatus';
import { countFragmentation } from '../FragmentationTable/fragmentationCounts';
import { useTimeFormat } from '../../time';

const CHART_HEIGHT = 240;

const useStyles = makeStyles(theme => ({
  figure: {
    margin: 0,
  },
  caption: {
    marginBottom: theme.spacing(1),
  },
  chart: {
    width: '100%',
    height: CHART_HEIGHT,
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

type TrendPoint = ReportSummary['trend'][number];

/** A point of a trend: one snapshot. */
interface SnapshotPoint {
  snapshotId: string;
  computedAt: string;
}

/**
 * One series of a {@link TrendFigure}: its name, colour and value at each
 * snapshot.
 */
export interface TrendSeries<P extends SnapshotPoint> {
  key: string;
  label: string;
  color: string;
  value: (point: P) => number;
}

/**
 * A chart of some series over the snapshots, in the theme's colours, with
 * the same numbers as a table for assistive technology. `stepped` draws
 * each value until the next point (points where the values changed, as a
 * campaign's burn-up keeps them).
 */
export function TrendFigure<P extends SnapshotPoint>(props: {
  title: string;
  trend: P[];
  series: TrendSeries<P>[];
  stacked?: boolean;
  stepped?: boolean;
}) {
  const { title, trend, series, stacked, stepped } = props;
  const classes = useStyles();
  const theme = useTheme();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  const format = useTimeFormat();

  const data = trend.map(point => ({
    time: new Date(point.computedAt).getTime(),
    ...Object.fromEntries(series.map(s => [s.key, s.value(point)])),
  }));
  const span = data.length ? data[data.length - 1].time - data[0].time : 0;
  const axis = {
    stroke: theme.palette.text.secondary,
    tick: { fill: theme.palette.text.secondary, fontSize: 12 },
  };
  const common = {
    width,
    height: CHART_HEIGHT,
    data,
    margin: { top: 8, right: 16, bottom: 0, left: -16 },
  };
  const children: ReactNode[] = [
    <CartesianGrid
      key="grid"
      stroke={theme.palette.divider}
      strokeDasharray="3 3"
    />,
    <XAxis
      key="x"
      dataKey="time"
      type="number"
      scale="time"
      domain={['dataMin', 'dataMax']}
      tickFormatter={(time: number) => format.tick(time, span)}
      minTickGap={24}
      {...axis}
    />,
    <YAxis key="y" allowDecimals={false} {...axis} />,
    <Tooltip
      key="tooltip"
      labelFormatter={(time: number) => format.absolute(time)}
      contentStyle={{
        backgroundColor: theme.palette.background.paper,
        borderColor: theme.palette.divider,
        color: theme.palette.text.primary,
      }}
      labelStyle={{ color: theme.palette.text.primary }}
    />,
    <Legend
      key="legend"
      formatter={(value: string) => (
        <span style={{ color: theme.palette.text.primary }}>{value}</span>
      )}
    />,
  ];

  return (
    <figure className={classes.figure}>
      <Typography
        component="figcaption"
        variant="subtitle2"
        className={classes.caption}
      >
        {title}
      </Typography>
      <div ref={ref} className={classes.chart} aria-hidden>
        {width > 0 &&
          (stacked ? (
            <AreaChart {...common}>
              {children}
              {series.map(s => (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stackId="status"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.35}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          ) : (
            <LineChart {...common}>
              {children}
              {series.map(s => (
                <Line
                  key={s.key}
                  type={stepped ? 'stepAfter' : 'monotone'}
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={trend.length <= 30}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          ))}
      </div>
      <div className={classes.visuallyHidden}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('page.trend.snapshot')}</th>
              {series.map(s => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.map(point => (
              <tr key={point.snapshotId}>
                <th scope="row">{format.absolute(point.computedAt)}</th>
                {series.map(s => (
                  <td key={s.key}>{s.value(point)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The trends over the snapshots kept in the history: APIs by governance
 * status, ownership gaps with unowned APIs, and fragmentation clusters.
 */
export function TrendChart(props: { trend: ReportSummary['trend'] }) {
  const { trend } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const theme = useTheme();
  const colors = useGovernanceStatusColors();
  const format = useTimeFormat();

  if (trend.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('page.trend.notEnough', {
          time: trend[0] ? format.absolute(trend[0].computedAt) : '—',
        })}
      </Typography>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <TrendFigure<TrendPoint>
          title={t('page.trend.statusTitle')}
          trend={trend}
          stacked
          series={GOVERNANCE_STATUSES.map(status => ({
            key: status,
            label: t(`page.status.${status}`),
            color: colors[status],
            value: point => point.byStatus[status] ?? 0,
          }))}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <TrendFigure<TrendPoint>
          title={t('page.trend.gapsTitle')}
          trend={trend}
          series={[
            {
              key: 'gaps',
              label: t('page.trend.gapsSeries'),
              color: theme.palette.primary.main,
              value: point => point.gaps,
            },
            {
              key: 'unowned',
              label: t('page.trend.unownedSeries'),
              color: colors['non-compliant'],
              value: point => point.unowned,
            },
          ]}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <TrendFigure<TrendPoint>
          title={t('fragmentation.trend.title')}
          trend={trend}
          series={[
            {
              key: 'fragmentation',
              label: t('fragmentation.trend.series'),
              color: severityColor(theme, 'warning'),
              value: countFragmentation,
            },
          ]}
        />
      </Grid>
    </Grid>
  );
}
