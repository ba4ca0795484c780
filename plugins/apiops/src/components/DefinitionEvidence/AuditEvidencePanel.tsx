import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  ApiAuditEvidence,
  AuditItemStatus,
  FindingSeverity,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { SeverityStatus, Timestamp } from '../EntityApiOpsCommon';
import { useFocusRingStyles } from '../focusRing';

const useStyles = makeStyles(theme => ({
  state: {
    marginBottom: theme.spacing(2),
  },
  criteria: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  criterion: {
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1.5),
  },
  items: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  details: {
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
}));

const STATUS_ICON: Record<AuditItemStatus, FindingSeverity | 'ok'> = {
  pass: 'ok',
  partial: 'warning',
  gap: 'error',
  na: 'info',
};

/** An audit status with its icon. */
export function AuditStatusText(props: { status: AuditItemStatus }) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <SeverityStatus severity={STATUS_ICON[props.status]}>
      {t(`entityContent.audit.status.${props.status}`)}
    </SeverityStatus>
  );
}

/**
 * The machine-checkable items of the method's audit checklist evaluated on
 * the API's definition, per station criterion they evidence: the worst
 * status of its items, the answer the evidence suggests, and each item with
 * why and what was found wrong.
 */
export function AuditEvidencePanel(props: {
  audit: ApiAuditEvidence;
  criterionLabel: (criterionId: string) => string;
}) {
  const { audit, criterionLabel } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const items = new Map(audit.items.map(item => [item.itemId, item]));

  let state;
  if (audit.state === 'not-applicable') {
    state = t('entityContent.audit.notApplicable');
  } else if (audit.state === 'queued' && !audit.checkedAt) {
    state = t('entityContent.audit.queued');
  } else if (audit.checkedAt) {
    state = (
      <span>
        {t('entityContent.audit.checkedAt', {
          time: <Timestamp time={audit.checkedAt} variant="relative" />,
        })}
        {' · '}
        {t('entityContent.audit.counts', {
          pass: String(audit.counts.pass),
          partial: String(audit.counts.partial),
          gap: String(audit.counts.gap),
          na: String(audit.counts.na),
        })}
        {audit.profile &&
          ` · ${t('entityContent.audit.profile', { profile: audit.profile })}`}
      </span>
    );
  }

  const criteria = audit.criteria.filter(c => c.status !== 'na');
  return (
    <InfoCard
      className={focus.within}
      title={t('entityContent.audit.title')}
      subheader={t('entityContent.audit.subheader')}
    >
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.state}
      >
        {state}
      </Typography>
      {criteria.length > 0 && (
        <ul
          className={classes.criteria}
          aria-label={t('entityContent.audit.criteriaLabel')}
        >
          {criteria.map(criterion => (
            <li key={criterion.criterionId} className={classes.criterion}>
              <div className={classes.header}>
                <Typography variant="body2" component="span">
                  <strong>{criterionLabel(criterion.criterionId)}</strong>
                </Typography>
                <Typography variant="body2" component="span">
                  <AuditStatusText status={criterion.status} />
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {t('entityContent.audit.suggests', {
                    answer: t(
                      `entityContent.assessment.answers.${criterion.suggestedAnswer}`,
                    ),
                  })}
                </Typography>
              </div>
              <ul className={classes.items}>
                {criterion.items.map(({ itemId, status }) => {
                  const item = items.get(itemId);
                  return (
                    <li key={itemId}>
                      <Typography variant="body2" component="span">
                        {item?.label ?? itemId}:{' '}
                      </Typography>
                      <Typography variant="body2" component="span">
                        <AuditStatusText status={status} />
                      </Typography>
                      {item?.reason && (
                        <Typography
                          variant="caption"
                          component="div"
                          className={classes.details}
                        >
                          {item.reason}
                          {item.details && item.details.length > 0 && (
                            <>
                              {': '}
                              {item.details.slice(0, 5).join(', ')}
                              {(item.detailCount ?? item.details.length) > 5 &&
                                ` ${t('entityContent.audit.more', {
                                  n: String(
                                    (item.detailCount ?? item.details.length) -
                                      5,
                                  ),
                                })}`}
                            </>
                          )}
                        </Typography>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
