import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  Assessment,
  CriterionAnswer,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { useAssessmentHistory, useStationLabels } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import { Timestamp } from '../EntityApiOpsCommon';
import { answerChanges, answerCounts } from './assessmentChanges';

const PAGE_SIZE = 10;

const useStyles = makeStyles(theme => ({
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    position: 'relative',
    paddingLeft: theme.spacing(4),
    paddingBottom: theme.spacing(3),
    // The line of the timeline, from this record's dot to the next one.
    '&::before': {
      content: '""',
      position: 'absolute',
      left: 7,
      top: 18,
      bottom: 0,
      width: 2,
      backgroundColor: theme.palette.divider,
    },
    '&:last-child::before': {
      display: 'none',
    },
  },
  dot: {
    position: 'absolute',
    left: 0,
    top: 4,
    width: 16,
    height: 16,
    boxSizing: 'border-box',
    borderRadius: '50%',
    border: `3px solid ${theme.palette.primary.main}`,
    backgroundColor: theme.palette.background.paper,
  },
  dotLatest: {
    backgroundColor: theme.palette.primary.main,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1),
  },
  station: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  meta: {
    color: theme.palette.text.secondary,
  },
  changes: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  answer: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  note: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/** Who recorded an assessment: a link for a user, the subject for a service. */
function AssessedBy(props: { assessedBy: string }) {
  const { assessedBy } = props;
  let isUser = false;
  try {
    isUser =
      parseEntityRef(assessedBy).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    isUser = false;
  }
  return isUser ? (
    <EntityRefLink entityRef={assessedBy} defaultKind="user" />
  ) : (
    <code>{assessedBy}</code>
  );
}

function HistoryItem(props: {
  assessment: Assessment;
  /** The record before this one, if loaded. */
  previous?: Assessment;
  /** Whether this is the first assessment ever recorded. */
  first: boolean;
  latest: boolean;
  method: MethodModel;
}) {
  const { assessment, previous, first, latest, method } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const {
    label: stationTitle,
    stageLabel,
    criterionLabel,
  } = useStationLabels(method);
  const stage = method.stations.find(
    station => station.id === assessment.station,
  )?.lifecycleStage;
  const answerLabel = (answer?: CriterionAnswer) =>
    answer
      ? t(`entityContent.assessment.answers.${answer}`)
      : t('entityContent.history.unanswered');

  let changes;
  if (previous) {
    const changed = answerChanges(
      previous,
      assessment,
      method.criteria.map(criterion => criterion.id),
    );
    changes =
      changed.length === 0 ? (
        <Typography variant="body2">
          {t('entityContent.history.noChanges')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            {t('entityContent.history.changes', { count: changed.length })}
          </Typography>
          <ul className={classes.changes}>
            {changed.map(change => (
              <Typography
                component="li"
                variant="body2"
                key={change.criterionId}
              >
                {criterionLabel(change.criterionId)}{' '}
                <span className={classes.answer}>
                  {answerLabel(change.from)} → {answerLabel(change.to)}
                </span>
              </Typography>
            ))}
          </ul>
        </>
      );
  } else if (first) {
    const counts = answerCounts(assessment);
    changes = (
      <Typography variant="body2">
        {t('entityContent.history.firstAssessment', {
          met: String(counts.met),
          notMet: String(counts.notMet),
          unknown: String(counts.unknown),
        })}
      </Typography>
    );
  } else {
    changes = (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.history.compareUnavailable')}
      </Typography>
    );
  }

  return (
    <li className={classes.item}>
      <span
        className={`${classes.dot} ${latest ? classes.dotLatest : ''}`}
        aria-hidden
      />
      <div className={classes.header}>
        <Typography
          variant="body1"
          component="span"
          className={classes.station}
        >
          {stationTitle(assessment.station)}
        </Typography>
        {stage && (
          <Typography variant="caption" className={classes.meta}>
            {stageLabel(stage)}
          </Typography>
        )}
      </div>
      <Typography variant="body2" className={classes.meta}>
        <Timestamp time={assessment.createdAt} />{' '}
        {t('entityContent.history.by')}{' '}
        <AssessedBy assessedBy={assessment.assessedBy} />
      </Typography>
      {previous && previous.station !== assessment.station && (
        <Typography variant="body2">
          {t('entityContent.history.moved', {
            from: stationTitle(previous.station),
            to: stationTitle(assessment.station),
          })}
        </Typography>
      )}
      {changes}
      {assessment.note && (
        <Typography
          component="blockquote"
          variant="body2"
          className={classes.note}
        >
          {assessment.note}
        </Typography>
      )}
    </li>
  );
}

/**
 * The assessment history of an API as a timeline, newest first: who, when,
 * the station, and which answers changed since the record before.
 */
export function AssessmentHistory(props: {
  entityRef: string;
  method: MethodModel;
  /** A new value reloads the history from the newest record. */
  reloadKey?: unknown;
}) {
  const { entityRef, method, reloadKey } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { items, loading, error, hasMore, loadMore } = useAssessmentHistory(
    entityRef,
    { pageSize: PAGE_SIZE, reloadKey },
  );

  let content;
  if (items.length === 0 && loading) {
    content = <Progress />;
  } else if (items.length === 0 && error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (items.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.history.empty')}
      </Typography>
    );
  } else {
    content = (
      <>
        <ol
          className={classes.timeline}
          aria-label={t('entityContent.history.listLabel')}
        >
          {items.map((assessment, index) => (
            <HistoryItem
              key={assessment.id}
              assessment={assessment}
              previous={items[index + 1]}
              first={index === items.length - 1 && !hasMore}
              latest={index === 0}
              method={method}
            />
          ))}
        </ol>
        {error && (
          <Alert severity="error">
            {t('entityContent.history.loadError', { message: error.message })}
          </Alert>
        )}
        {hasMore && (
          <Button variant="outlined" onClick={loadMore} disabled={loading}>
            {loading
              ? t('entityContent.history.loading')
              : t('entityContent.history.loadMore')}
          </Button>
        )}
      </>
    );
  }

  return (
    <InfoCard title={t('entityContent.history.title')} className={focus.within}>
      {content}
    </InfoCard>
  );
}
