import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ApiStatus } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import {
  GovernanceStatusText,
  SeverityStatus,
  Timestamp,
} from '../EntityApiOpsCommon';
import { FindingsList } from './FindingsList';

const useStyles = makeStyles(theme => ({
  status: {
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The governance status of an API and its findings with their fixes. The
 * status route evaluates the rules when asked (`computedAt`), with the
 * current entity and assessment, and with the ownership checks and catalog
 * relations the snapshot (`snapshotAt`) or a refresh of the API
 * (`refreshedAt`) stored: the subheader says both.
 */
export function GovernancePanel(props: {
  governance: ApiStatus['governance'];
  /** When the status was computed. */
  computedAt?: string;
  snapshotAt?: string;
  /** When a refresh of the API stored its inputs, after the snapshot. */
  refreshedAt?: string;
  /** Governance was withheld: the user may not read report data. */
  withheld?: boolean;
}) {
  const { governance, computedAt, snapshotAt, refreshedAt, withheld } = props;
  const checkedAt = refreshedAt ?? snapshotAt;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);

  return (
    <InfoCard
      className={focus.within}
      title={t('entityContent.governance.title')}
      subheader={
        // One element: the subheader lays its children out as flex items,
        // which would eat the space before the time.
        governance && checkedAt ? (
          <span>
            {t(
              refreshedAt
                ? 'entityContent.governance.evaluatedNowRefreshed'
                : 'entityContent.governance.evaluatedNow',
              {
                time: (
                  <Timestamp
                    time={computedAt ?? new Date().toISOString()}
                    variant="relative"
                  />
                ),
                checked: <Timestamp time={checkedAt} variant="relative" />,
              },
            )}
          </span>
        ) : undefined
      }
      variant="gridItem"
    >
      {governance ? (
        <>
          <Typography
            variant="subtitle1"
            component="p"
            className={classes.status}
          >
            <GovernanceStatusText status={governance.status} />
          </Typography>
          {governance.findings.length === 0 ? (
            <Typography variant="body2">
              <SeverityStatus severity="ok">
                {t('entityContent.governance.noFindings')}
              </SeverityStatus>
            </Typography>
          ) : (
            <FindingsList findings={governance.findings} />
          )}
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {withheld
            ? t('entityContent.governance.withheld')
            : t('entityContent.governance.notInSnapshot')}
        </Typography>
      )}
    </InfoCard>
  );
}
