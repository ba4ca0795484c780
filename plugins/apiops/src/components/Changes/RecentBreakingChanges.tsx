import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { apiopsApiRef } from '../../api';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { Timestamp } from '../EntityApiOpsCommon';
import { useApiOpsTabLink } from '../FragmentationPanel/FragmentationParts';
import { ReportErrorPanel } from '../ReportErrorPanel';

/** How many breaking changes the summary lists. */
export const RECENT_BREAKING_CHANGES = 5;

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5, 2),
    paddingLeft: 0,
    paddingRight: 0,
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0, 1.5),
    color: theme.palette.text.secondary,
  },
}));

/**
 * The latest breaking changes across the catalog for the summary of the
 * APIOps page: each API (a link to its APIOps tab), when the change was
 * found and how many consumers it affects; a link to the changes section.
 * Nothing where the backend has no change history (its 404: the change
 * detection is off).
 */
export function RecentBreakingChanges(props: {
  /** The changes section of the page. */
  allLink: string;
  refreshKey?: number;
}) {
  const { allLink, refreshKey = 0 } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const tabLink = useApiOpsTabLink();
  const { value, loading, error } = useAsync(
    () =>
      apiopsApi.listChanges(
        { class: 'breaking' },
        { limit: RECENT_BREAKING_CHANGES },
      ),
    [apiopsApi, refreshKey],
  );

  // No card where the backend has no change history (detection off).
  if ((error as { statusCode?: number } | undefined)?.statusCode === 404) {
    return null;
  }
  let body;
  if (error) {
    body = <ReportErrorPanel error={error} />;
  } else if (!value) {
    body = loading ? <Progress /> : null;
  } else if (value.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('report.recentEmpty')}
      </Typography>
    );
  } else {
    body = (
      <List dense disablePadding aria-label={t('report.recentTitle')}>
        {value.items.map(event => (
          <ListItem key={event.id} className={classes.item}>
            <Link to={tabLink(event.entityRef)}>
              {event.title || event.entityRef}
            </Link>
            <Typography
              variant="body2"
              component="span"
              className={classes.facts}
            >
              <Timestamp time={event.detectedAt} variant="relative" />
              <span>
                {t('report.consumerCount', {
                  count: event.consumers?.length ?? 0,
                })}
              </span>
            </Typography>
          </ListItem>
        ))}
      </List>
    );
  }

  return (
    <InfoCard
      title={t('report.recentTitle')}
      subheader={t('report.recentSubheader')}
      variant="fullHeight"
      deepLink={{ title: t('report.recentAll'), link: allLink }}
    >
      {body}
    </InfoCard>
  );
}
