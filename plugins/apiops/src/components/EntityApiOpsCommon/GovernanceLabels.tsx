import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  FindingSeverity,
  GovernanceStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { SeverityIcon } from './SeverityIcon';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'baseline',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * The icon of how bad something is (`SeverityIcon`), followed by a text
 * that says it.
 */
export function SeverityStatus(props: {
  severity: FindingSeverity | 'ok';
  children: ReactNode;
}) {
  const { severity, children } = props;
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <SeverityIcon tone={severity} />
      <span>{children}</span>
    </span>
  );
}

const STATUS_SEVERITY: Record<GovernanceStatus, FindingSeverity | 'ok'> = {
  compliant: 'ok',
  attention: 'warning',
  'non-compliant': 'error',
};

/** The governance status of an API with its status icon. */
export function GovernanceStatusText(props: { status: GovernanceStatus }) {
  const { status } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <SeverityStatus severity={STATUS_SEVERITY[status] ?? 'info'}>
      {t(`entityContent.governance.status.${status}`)}
    </SeverityStatus>
  );
}

/** The severity of a finding or gap with its status icon. */
export function SeverityText(props: { severity: FindingSeverity }) {
  const { severity } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <SeverityStatus severity={severity}>
      {t(`entityContent.governance.severity.${severity}`)}
    </SeverityStatus>
  );
}
