import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import { apiopsTranslationRef } from '../../translation';
import { AssessmentOutcome } from './assessmentOutcome';

/** What came of the last submission: an error, or the station recorded. */
export function AssessmentOutcomeAlert(props: {
  outcome?: AssessmentOutcome;
  stationTitle: (id: string) => string;
}) {
  const { outcome, stationTitle } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  switch (outcome?.type) {
    case 'invalid':
      return (
        <Alert severity="error" role="alert">
          {t('entityContent.assessment.invalid')}
        </Alert>
      );
    case 'unconfirmed':
      return (
        <Alert severity="error" role="alert">
          {t('entityContent.assessment.unconfirmed')}
        </Alert>
      );
    case 'rejected':
      return (
        <Alert severity="error" role="alert">
          {t('entityContent.assessment.rejected', {
            message: outcome.message,
          })}
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="error" role="alert">
          {t('entityContent.assessment.failed', {
            message: outcome.message,
          })}
        </Alert>
      );
    case 'recorded':
      return (
        <Alert severity="success" role="status">
          {t('entityContent.assessment.recorded', {
            station: stationTitle(outcome.station),
          })}
        </Alert>
      );
    default:
      return null;
  }
}
