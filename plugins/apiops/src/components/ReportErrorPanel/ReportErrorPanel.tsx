import { ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import { apiopsTranslationRef } from '../../translation';

/**
 * Why a report could not be shown: for a `403` (the user is not allowed
 * `apiops.report.read`), a plain sentence naming the permission; for
 * anything else, the error as Backstage shows it.
 */
export function ReportErrorPanel(props: { error: Error }) {
  const { error } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  if ((error as { statusCode?: unknown }).statusCode === 403) {
    return <Alert severity="info">{t('reports.forbidden')}</Alert>;
  }
  return <ResponseErrorPanel error={error} />;
}
