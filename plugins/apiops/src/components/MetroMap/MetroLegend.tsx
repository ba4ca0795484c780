import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { apiopsTranslationRef } from '../../translation';
import { MetroLayout } from './metroLayout';
import { useMetroMapStyles } from './useMetroMapStyles';

/** The legend of the metro lines: each line's colour, title and stations. */
export function MetroLegend(props: { lines: MetroLayout['lines'] }) {
  const classes = useMetroMapStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <>
      <Typography variant="srOnly" component="h3">
        {t('entityContent.metroMap.linesLabel')}
      </Typography>
      <ul className={classes.legend}>
        {props.lines.map(({ line, stations: touched }) => {
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
  );
}
