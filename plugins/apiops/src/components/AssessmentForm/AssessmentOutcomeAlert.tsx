import { useEffect, useRef } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { apiopsTranslationRef } from '../../translation';
import { focusRing } from '../focusRing';
import { AssessmentOutcome } from './assessmentOutcome';

const useStyles = makeStyles(theme => ({
  alert: {
    '&:focus': focusRing(theme),
  },
}));

/**
 * What came of the last submission: an error, or the station recorded. A
 * new outcome takes the focus (the submit button, disabled while the form
 * is sent, loses it), except invalid evidence, where the first wrong field
 * has it.
 */
export function AssessmentOutcomeAlert(props: {
  outcome?: AssessmentOutcome;
  stationTitle: (id: string) => string;
}) {
  const { outcome, stationTitle } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // An invalid field or an unconfirmed backward move takes the focus
    // itself; every other outcome brings the focus here.
    if (
      outcome &&
      outcome.type !== 'invalid' &&
      outcome.type !== 'unconfirmed'
    ) {
      ref.current?.focus();
    }
  }, [outcome]);

  let text: string;
  switch (outcome?.type) {
    case 'invalid':
      text = t('entityContent.assessment.invalid');
      break;
    case 'unconfirmed':
      text = t('entityContent.assessment.unconfirmed');
      break;
    case 'rejected':
      text = t('entityContent.assessment.rejected', {
        message: outcome.message,
      });
      break;
    case 'failed':
      text = t('entityContent.assessment.failed', {
        message: outcome.message,
      });
      break;
    case 'recorded':
      text = t('entityContent.assessment.recorded', {
        station: stationTitle(outcome.station),
      });
      break;
    default:
      return null;
  }
  const recorded = outcome.type === 'recorded';
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      className={classes.alert}
      severity={recorded ? 'success' : 'error'}
      role={recorded ? 'status' : 'alert'}
    >
      {text}
    </Alert>
  );
}
