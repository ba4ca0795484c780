import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { GovernanceStatus } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { GOVERNANCE_STATUS_TONES } from '../colors';
import { SeverityIcon } from '../EntityApiOpsCommon';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    whiteSpace: 'nowrap',
  },
});

/**
 * The governance status of one API, with the icon of its severity (the
 * text says the status, so the icon is decoration).
 */
export function GovernanceStatusLabel(props: { status: GovernanceStatus }) {
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <span className={classes.root}>
      <SeverityIcon tone={GOVERNANCE_STATUS_TONES[props.status] ?? 'warning'} />
      <span>{t(`page.status.${props.status}`)}</span>
    </span>
  );
}
