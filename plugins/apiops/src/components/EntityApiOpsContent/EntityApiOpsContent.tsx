import { useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useApiStatus, useMethodModel } from '../../hooks';
import { AssessmentForm } from '../AssessmentForm';
import { AssessmentHistory } from '../AssessmentHistory';
import { GovernancePanel } from '../FindingsList';
import { FragmentationPanel } from '../FragmentationPanel';
import { OwnerPanel } from '../OwnerPanel';
import { StationCard } from './StationCard';

/**
 * The APIOps tab of an API entity page: where the API stands on the cycle's
 * metro map, who owns it, whether it is governed, which other APIs it
 * duplicates or overlaps, the assessment form and the assessment history.
 *
 * @public
 */
export function EntityApiOpsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { method, error: methodError } = useMethodModel();
  const { status, error: statusError, retry } = useApiStatus(entityRef);
  const [historyKey, setHistoryKey] = useState(0);

  const onRecorded = useCallback(() => {
    retry();
    setHistoryKey(key => key + 1);
  }, [retry]);

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

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <StationCard method={method} status={status} />
      </Grid>
      <Grid item xs={12} md={5}>
        <OwnerPanel owner={status.owner} withheld={withheld} />
      </Grid>
      <Grid item xs={12} md={7}>
        <GovernancePanel
          governance={status.governance}
          snapshotAt={status.snapshotAt}
          withheld={withheld}
        />
      </Grid>
      <Grid item xs={12}>
        <FragmentationPanel
          entityRef={entityRef}
          fragmentation={status.fragmentation}
          withheld={withheld}
        />
      </Grid>
      <Grid item xs={12} lg={7}>
        <AssessmentForm
          entityRef={entityRef}
          method={method}
          latestAssessment={status.latestAssessment}
          stationId={status.station.id}
          onRecorded={onRecorded}
        />
      </Grid>
      <Grid item xs={12} lg={5}>
        <AssessmentHistory
          entityRef={entityRef}
          method={method}
          reloadKey={historyKey}
        />
      </Grid>
    </Grid>
  );
}
