import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  FINDING_SEVERITIES,
  type ProviderEvidence,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { SeverityText, Timestamp } from '../EntityApiOpsCommon';
import { useFocusRingStyles } from '../focusRing';

const useStyles = makeStyles(theme => ({
  state: {
    marginBottom: theme.spacing(2),
  },
  group: {
    marginTop: theme.spacing(2),
  },
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
  },
  finding: {
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  where: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
}));

/**
 * What a linter found in an API's definition, grouped by severity (worst
 * first): each finding's rule (linked to its documentation), message, JSON
 * path and line; whether the definition is linted or waits in the backlog.
 */
export function LintFindingsPanel(props: { provider: ProviderEvidence }) {
  const { provider } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);

  let state;
  if (provider.state === 'not-applicable') {
    state = t('entityContent.lint.notApplicable');
  } else if (provider.state === 'queued') {
    state = provider.checkedAt
      ? t('entityContent.lint.queuedWithOlder')
      : t('entityContent.lint.queued');
  } else if (provider.checkedAt) {
    state = (
      <span>
        {t('entityContent.lint.checkedAt', {
          time: <Timestamp time={provider.checkedAt} variant="relative" />,
        })}
        {' · '}
        {t('entityContent.lint.counts', {
          error: String(provider.counts.error),
          warning: String(provider.counts.warning),
          info: String(provider.counts.info),
        })}
      </span>
    );
  }

  return (
    <InfoCard
      className={focus.within}
      title={t('entityContent.lint.title')}
      subheader={t('entityContent.lint.subheader', { title: provider.title })}
      variant="gridItem"
    >
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.state}
      >
        {state}
      </Typography>
      {provider.problem && (
        <Typography variant="body2" paragraph>
          {t('entityContent.lint.problem', { problem: provider.problem })}
        </Typography>
      )}
      {provider.state === 'checked' && provider.findings.length === 0 && (
        <Typography variant="body2">
          {t('entityContent.lint.noFindings')}
        </Typography>
      )}
      {FINDING_SEVERITIES.map(severity => {
        const findings = provider.findings.filter(f => f.severity === severity);
        if (findings.length === 0) return null;
        const severityLabel = t(
          `entityContent.governance.severity.${severity}`,
        );
        return (
          <section key={severity} className={classes.group}>
            <Typography variant="subtitle2" component="h3">
              <SeverityText severity={severity} /> ({String(findings.length)})
            </Typography>
            <ul
              className={classes.list}
              aria-label={t('entityContent.lint.findingsLabel', {
                severity: severityLabel,
              })}
            >
              {findings.map((finding, index) => (
                <li
                  key={`${finding.ruleId}:${finding.path ?? ''}:${index}`}
                  className={classes.finding}
                >
                  <Typography variant="body2">{finding.message}</Typography>
                  <Typography
                    variant="caption"
                    component="div"
                    className={classes.where}
                  >
                    <span>
                      {t('entityContent.lint.rule')}:{' '}
                      {finding.documentationUrl ? (
                        <Link
                          to={finding.documentationUrl}
                          aria-label={t('entityContent.lint.ruleDocs', {
                            rule: finding.ruleId,
                          })}
                        >
                          <code>{finding.ruleId}</code>
                        </Link>
                      ) : (
                        <code>{finding.ruleId}</code>
                      )}
                    </span>
                    {finding.path && (
                      <span>
                        {t('entityContent.lint.path')}:{' '}
                        <code>{finding.path}</code>
                        {finding.line !== undefined &&
                          ` (${t('entityContent.lint.line', {
                            line: String(finding.line),
                          })})`}
                      </span>
                    )}
                  </Typography>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {provider.findingCount > provider.findings.length && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.group}
        >
          {t('entityContent.lint.more', {
            shown: String(provider.findings.length),
            total: String(provider.findingCount),
          })}
        </Typography>
      )}
    </InfoCard>
  );
}
