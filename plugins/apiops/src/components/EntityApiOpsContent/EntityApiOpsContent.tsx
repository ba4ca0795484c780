import { useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ApiCampaigns } from '../Campaigns';
import { ApiChanges, ApiVersions } from '../Changes';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  APIOPS_CYCLE_ANNOTATION,
  apiStyleOf,
  UNASSESSED_STATION,
  type Assessment,
} from '@apiops-backstage/plugin-apiops-common';
import {
  useApiEvidence,
  useApiMethodModel,
  useApiStatus,
  useStationLabels,
} from '../../hooks';
import { ApiReportsCard } from '../ApiRefresh';
import { DefinitionEvidenceSection } from './DefinitionEvidenceSection';
import { AssessmentForm } from '../AssessmentForm';
import { AssessmentHistory } from '../AssessmentHistory';
import { GovernancePanel } from '../FindingsList';
import { FragmentationPanel } from '../FragmentationPanel';
import { OwnerPanel } from '../OwnerPanel';
import { apiopsTranslationRef } from '../../translation';
import { StationCard } from './StationCard';
import { StationGuide } from './StationGuide';
import { useContentRoot } from '../ContentRoot';

/**
 * The APIOps tab of an API entity page, in the API's own cycle (its
 * `apiops/cycle` annotation, else the default cycle): where the API stands on
 * the cycle's metro map, who owns it, whether it is governed, which other APIs
 * it duplicates or overlaps, the changes of its definition (and how its
 * versions differ, for an API of a version family), the method's steps and resources for its station
 * and the next one, what the reports show of it and since when (with a
 * refresh for the platform team), the assessment form and the assessment
 * history.
 *
 * @public
 */
export function EntityApiOpsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const root = useContentRoot();
  const {
    method,
    unknownCycle,
    error: methodError,
  } = useApiMethodModel(entity);
  const { status, error: statusError, retry } = useApiStatus(entityRef);
  const evidence = useApiEvidence(entityRef);
  const { criterionLabel } = useStationLabels(method);
  const [historyKey, setHistoryKey] = useState(0);
  // When an assessment was recorded here: the reports show it later.
  const [recordedAt, setRecordedAt] = useState<string>();

  const onRecorded = useCallback(
    (assessment: Assessment) => {
      retry();
      setHistoryKey(key => key + 1);
      setRecordedAt(assessment.createdAt);
    },
    [retry],
  );

  // The last answers stay on screen while a newer one loads.
  if (methodError && !method) {
    return <ResponseErrorPanel error={methodError} />;
  }
  if (statusError && !status) {
    return <ResponseErrorPanel error={statusError} />;
  }
  if (!method || !status) {
    return <Progress />;
  }
  // Report data the user may not read: the panels say so, not "not yet in
  // a snapshot".
  const withheld = status.reportData === 'withheld';
  // A station of another cycle than the one shown is no station of it.
  const stationId =
    status.station.cycle === method.cycle
      ? status.station.id
      : UNASSESSED_STATION;
  const cycleTitle =
    method.cycles.find(c => c.id === method.cycle)?.title ?? method.cycle;

  return (
    <Grid container spacing={3} alignItems="stretch" {...root}>
      {unknownCycle && (
        <Grid item xs={12}>
          <Alert severity="warning">
            <AlertTitle>
              {t('entityContent.unknownCycleTitle', { cycle: unknownCycle })}
            </AlertTitle>
            {t('entityContent.unknownCycle', {
              annotation: APIOPS_CYCLE_ANNOTATION,
              cycle: unknownCycle,
              fallback: cycleTitle,
            })}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <StationCard method={method} status={status} />
      </Grid>
      <Grid item xs={12} md={5}>
        <OwnerPanel
          owner={status.owner}
          withheld={withheld}
          snapshotAt={status.snapshotAt}
          refreshedAt={status.refreshedAt}
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <GovernancePanel
          governance={status.governance}
          computedAt={status.computedAt}
          snapshotAt={status.snapshotAt}
          refreshedAt={status.refreshedAt}
          withheld={withheld}
        />
      </Grid>
      <DefinitionEvidenceSection part="lint" evidence={evidence} />
      <Grid item xs={12}>
        <ApiChanges entityRef={entityRef} />
      </Grid>
      <ApiVersions entityRef={entityRef} gridItem />
      <Grid item xs={12}>
        <FragmentationPanel
          entityRef={entityRef}
          fragmentation={status.fragmentation}
          withheld={withheld}
          snapshotAt={status.snapshotAt}
        />
      </Grid>
      <Grid item xs={12}>
        <ApiReportsCard
          entityRef={entityRef}
          status={status}
          recordedAt={recordedAt}
          onRefreshed={retry}
        />
      </Grid>
      <Grid item xs={12}>
        <StationGuide
          method={method}
          stationId={stationId}
          apiStyle={apiStyleOf(
            typeof entity.spec?.type === 'string'
              ? entity.spec.type
              : undefined,
          )}
        />
        <ApiCampaigns entityRef={entityRef} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <AssessmentForm
          entityRef={entityRef}
          method={method}
          latestAssessment={status.latestAssessment}
          stationId={stationId}
          onRecorded={onRecorded}
          auditEvidence={evidence.evidence?.audit}
        />
      </Grid>
      <Grid item xs={12} lg={5}>
        <Grid container spacing={3} direction="column">
          <DefinitionEvidenceSection
            part="audit"
            evidence={evidence}
            criterionLabel={criterionLabel}
          />
          <Grid item>
            <AssessmentHistory
              entityRef={entityRef}
              method={method}
              reloadKey={historyKey}
            />
          </Grid>
        </Grid>
      </Grid>
    </Grid>
  );
}
