import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  FINDING_SEVERITIES,
  GovernanceFinding,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { SeverityText } from '../EntityApiOpsCommon';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  finding: {
    padding: theme.spacing(1.5, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
    '&:first-child': {
      borderTop: 'none',
      paddingTop: 0,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1.5),
  },
  rule: {
    color: theme.palette.text.secondary,
  },
  message: {
    marginTop: theme.spacing(0.5),
  },
  detail: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(0.5, 1.5),
    margin: theme.spacing(1, 0, 0),
    '& dt': {
      ...theme.typography.body2,
      fontWeight: theme.typography.fontWeightMedium as number,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      ...theme.typography.body2,
      margin: 0,
      overflowWrap: 'anywhere',
    },
  },
}));

function bySeverity(a: GovernanceFinding, b: GovernanceFinding): number {
  return (
    FINDING_SEVERITIES.indexOf(a.severity) -
    FINDING_SEVERITIES.indexOf(b.severity)
  );
}

/**
 * Governance findings, worst first, each with what is wrong, where, and how
 * to fix it.
 */
export function FindingsList(props: { findings: GovernanceFinding[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const findings = [...props.findings].sort(bySeverity);

  return (
    <ul
      className={classes.list}
      aria-label={t('entityContent.governance.findingsLabel')}
    >
      {findings.map((finding, index) => (
        <li
          key={`${finding.ruleId}:${finding.path ?? ''}:${index}`}
          className={classes.finding}
        >
          <div className={classes.header}>
            <Typography variant="body2" component="span">
              <SeverityText severity={finding.severity} />
            </Typography>
            <Typography variant="caption" className={classes.rule}>
              {t('entityContent.governance.rule')}:{' '}
              <code>{finding.ruleId}</code>
            </Typography>
          </div>
          <Typography variant="body2" className={classes.message}>
            {finding.message}
          </Typography>
          {(finding.path || finding.fix) && (
            <dl className={classes.detail}>
              {finding.path && (
                <>
                  <dt>{t('entityContent.governance.path')}</dt>
                  <dd>
                    <code>{finding.path}</code>
                  </dd>
                </>
              )}
              {finding.fix && (
                <>
                  <dt>{t('entityContent.governance.fix')}</dt>
                  <dd>{finding.fix}</dd>
                </>
              )}
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
