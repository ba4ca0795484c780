import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ApiDeprecation } from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { useTimeFormat } from '../../time';
import { severityColor } from '../colors';

const useStyles = makeStyles(theme => ({
  section: {
    marginBottom: theme.spacing(2),
  },
  list: {
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1.5),
    padding: theme.spacing(0.75, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  sunset: {
    color: severityColor(theme, 'warning'),
  },
  pastSunset: {
    color: severityColor(theme, 'error'),
    fontWeight: theme.typography.fontWeightBold as number,
  },
  source: {
    color: theme.palette.text.secondary,
  },
}));

/**
 * A sunset date (an ISO 8601 date, a day in UTC) in the app's language;
 * as given when it is no date.
 */
function useSunsetDate() {
  const { locale } = useTimeFormat();
  return (date: string) => {
    const parsed = new Date(date);
    if (Number.isNaN(parsed.getTime())) return date;
    try {
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeZone: 'UTC',
      }).format(parsed);
    } catch {
      return date;
    }
  };
}

/**
 * What of an API is deprecated (the API itself or operations), with the
 * sunset dates; a sunset that has passed is said so in bold, in the error
 * colour.
 */
export function DeprecationList(props: {
  deprecations: readonly ApiDeprecation[];
}) {
  const { deprecations } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const dateOf = useSunsetDate();
  if (deprecations.length === 0) return null;
  return (
    <section className={classes.section}>
      <Typography variant="subtitle2" component="h3">
        {t('apiTab.deprecationsTitle')}
      </Typography>
      <ul className={classes.list} aria-label={t('apiTab.deprecationsLabel')}>
        {deprecations.map((deprecation, index) => {
          let sunset;
          if (!deprecation.sunset) {
            sunset = (
              <span className={classes.source}>{t('apiTab.noSunset')}</span>
            );
          } else if (deprecation.pastSunset) {
            sunset = (
              <span className={classes.pastSunset}>
                {t('apiTab.pastSunset', { date: dateOf(deprecation.sunset) })}
              </span>
            );
          } else {
            sunset = (
              <span className={classes.sunset}>
                {t('apiTab.sunset', { date: dateOf(deprecation.sunset) })}
              </span>
            );
          }
          return (
            <li
              key={`${deprecation.operation ?? ''}:${index}`}
              className={classes.item}
              data-past-sunset={deprecation.pastSunset || undefined}
            >
              <Typography variant="body2" component="span">
                {deprecation.operation ? (
                  <code>{deprecation.operation}</code>
                ) : (
                  t('apiTab.wholeApi')
                )}
              </Typography>
              <Typography variant="body2" component="span">
                {sunset}
              </Typography>
              <Typography
                variant="caption"
                component="span"
                className={classes.source}
              >
                {t(`apiTab.sources.${deprecation.source}`)}
              </Typography>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
