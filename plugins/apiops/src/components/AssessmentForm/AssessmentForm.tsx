import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ApiAuditEvidence,
  apiopsAssessmentCreatePermission,
  Assessment,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { AssessmentFormFields } from './AssessmentFormFields';

/**
 * The assessment form: every criterion of the cycle, grouped by station
 * (a criterion shared by stations is shown under each, with one answer),
 * pre-filled from the latest assessment. Users the permission policy does not
 * allow to record assessments get an explanation instead.
 */
export function AssessmentForm(props: {
  entityRef: string;
  method: MethodModel;
  latestAssessment?: Assessment;
  /** The API's current station (highlighted and expanded). */
  stationId: string;
  onRecorded: (assessment: Assessment) => void;
  /** The definition's audit evidence, which can pre-fill the criteria it evidences. */
  auditEvidence?: ApiAuditEvidence;
}) {
  const { entityRef, method, latestAssessment, stationId, onRecorded } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const permission = usePermission({
    permission: apiopsAssessmentCreatePermission,
    resourceRef: entityRef,
  });
  const [forbidden, setForbidden] = useState(false);
  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;

  let content;
  if (permission.loading) {
    content = (
      <Progress aria-label={t('entityContent.assessment.checkingPermission')} />
    );
  } else if (forbidden || (!permission.allowed && !permission.error)) {
    content = (
      <Alert severity="info">
        <AlertTitle>{t('entityContent.assessment.deniedTitle')}</AlertTitle>
        {t('entityContent.assessment.denied')}
      </Alert>
    );
  } else {
    content = (
      <AssessmentFormFields
        entityRef={entityRef}
        method={method}
        latestAssessment={latestAssessment}
        stationId={stationId}
        onRecorded={onRecorded}
        onForbidden={() => setForbidden(true)}
        auditEvidence={props.auditEvidence}
      />
    );
  }

  return (
    <InfoCard
      title={t('entityContent.assessment.title')}
      subheader={t('entityContent.assessment.subheader', {
        cycle: cycleTitle,
      })}
    >
      {content}
    </InfoCard>
  );
}
