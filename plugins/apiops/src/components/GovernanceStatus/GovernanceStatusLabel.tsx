import { makeStyles } from '@material-ui/core/styles';
import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { GovernanceStatus } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';

const INDICATORS = {
  compliant: StatusOK,
  attention: StatusWarning,
  'non-compliant': StatusError,
} as const;

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    whiteSpace: 'nowrap',
  },
});

/**
 * The governance status of one API, with Backstage's status icon. The text
 * stays outside the status component, which hides its children from
 * screen readers.
 */
export function GovernanceStatusLabel(props: { status: GovernanceStatus }) {
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const Indicator = INDICATORS[props.status] ?? StatusWarning;
  return (
    <span className={classes.root}>
      <Indicator />
      <span>{t(`page.status.${props.status}`)}</span>
    </span>
  );
}
