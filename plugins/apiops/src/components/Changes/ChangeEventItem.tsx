import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ApiChangeEvent } from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { Timestamp } from '../EntityApiOpsCommon';
import { ChangeClassChip } from './ChangeClassChip';
import { ChangeList } from './ChangeList';
import { ConsumerList } from './ConsumerList';
import { countedClasses } from './changeOrder';

const useStyles = makeStyles(theme => ({
  event: {
    position: 'relative',
    padding: theme.spacing(1.5, 0, 2, 2.5),
    borderLeft: `2px solid ${theme.palette.divider}`,
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -6,
      top: theme.spacing(2),
      width: 10,
      height: 10,
      borderRadius: '50%',
      backgroundColor: theme.palette.text.secondary,
    },
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  note: {
    marginTop: theme.spacing(1),
  },
  consumers: {
    marginTop: theme.spacing(1.5),
  },
}));

/** The versions of the definitions an event compares, in words. */
export function useVersionText() {
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (event: { fromVersion?: string; toVersion?: string }) => {
    if (!event.fromVersion && !event.toVersion) return undefined;
    if (event.fromVersion === event.toVersion) {
      return t('apiTab.versionSame', { version: event.fromVersion ?? '' });
    }
    return t('apiTab.version', {
      from: event.fromVersion ?? t('apiTab.noVersion'),
      to: event.toVersion ?? t('apiTab.noVersion'),
    });
  };
}

/**
 * One change event of an API's timeline: when the snapshot found it, the
 * versions compared, how many changes of each class, the changes (breaking
 * first) and, for a breaking event, the consumers it affects. Whether the
 * version should have changed is the backend's governance finding (its
 * version rules are configured there), shown in the Governance card.
 */
export function ChangeEventItem(props: { event: ApiChangeEvent }) {
  const { event } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const versionText = useVersionText();
  const versions = versionText(event);
  const breaking = (event.counts?.breaking ?? 0) > 0;
  return (
    <li className={classes.event} data-event-id={event.id}>
      <div className={classes.heading}>
        <Typography variant="subtitle1" component="h3">
          {t('apiTab.detected', {
            time: <Timestamp time={event.detectedAt} />,
          })}
        </Typography>
        {versions && (
          <Typography variant="body2" color="textSecondary">
            {versions}
          </Typography>
        )}
        <div className={classes.chips}>
          {countedClasses(event.counts).map(({ changeClass, count }) => (
            <ChangeClassChip
              key={changeClass}
              changeClass={changeClass}
              count={count}
            />
          ))}
        </div>
      </div>
      {event.problem && (
        <Alert severity="info" className={classes.note}>
          {t('apiTab.problem', { problem: event.problem })}
        </Alert>
      )}
      {!event.problem && event.changeCount === 0 && (
        <Typography variant="body2" className={classes.note}>
          {t('apiTab.noChanges')}
        </Typography>
      )}
      <ChangeList changes={event.changes} total={event.changeCount} />
      {breaking && (
        <div className={classes.consumers}>
          <ConsumerList consumers={event.consumers ?? []} />
        </div>
      )}
    </li>
  );
}
