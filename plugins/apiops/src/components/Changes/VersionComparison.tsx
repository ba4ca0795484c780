import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CHANGE_CLASSES,
  type ApiVersionComparison,
  type ApiVersionFamily,
  type ApiVersionMember,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { ChangeClassChip } from './ChangeClassChip';
import { countedClasses } from './changeOrder';

const useStyles = makeStyles(theme => ({
  comparison: {
    '& + &': {
      marginTop: theme.spacing(4),
    },
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
    marginBottom: theme.spacing(1),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  note: {
    margin: theme.spacing(1, 0),
  },
  scroll: {
    overflowX: 'auto',
  },
  table: {
    tableLayout: 'fixed',
    minWidth: 640,
    '& th, & td': {
      verticalAlign: 'top',
    },
  },
  classCell: { width: '14%' },
  changeCell: { width: '30%', overflowWrap: 'anywhere' },
  valueCell: {
    width: '28%',
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  path: {
    display: 'block',
    marginTop: theme.spacing(0.25),
    color: theme.palette.text.secondary,
  },
}));

/** How a member of a family is named: its major version and title or ref. */
export function useMemberLabel() {
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (member: ApiVersionMember) =>
    member.version
      ? `${t('versions.major', { major: String(member.major) })} (${
          member.version
        })`
      : t('versions.major', { major: String(member.major) });
}

/**
 * The differences between two consecutive live versions of a family, side
 * by side: what a consumer of the older must change to move to the newer
 * (the breaking changes, first), then every other difference, each with
 * its class, operation and path, and the value in either version.
 */
export function VersionComparisonPair(props: {
  comparison: ApiVersionComparison;
}) {
  const { comparison } = props;
  const { from, to } = comparison;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const labelOf = useMemberLabel();
  const fromLabel = labelOf(from);
  const toLabel = labelOf(to);
  const changes = [...comparison.changes].sort(
    (a, b) => CHANGE_CLASSES.indexOf(a.class) - CHANGE_CLASSES.indexOf(b.class),
  );
  const breaking = comparison.counts?.breaking ?? 0;
  const pairLabel = t('versions.pair', { from: fromLabel, to: toLabel });

  let summary;
  if (comparison.problem) {
    summary = (
      <Alert severity="info" className={classes.note}>
        {t('versions.problem', { problem: comparison.problem })}
      </Alert>
    );
  } else if (comparison.changeCount === 0) {
    summary = (
      <Typography variant="body2" className={classes.note}>
        {t('versions.noDifference')}
      </Typography>
    );
  } else if (breaking > 0) {
    summary = (
      <Alert severity="warning" className={classes.note}>
        {t('versions.migrate', {
          from: fromLabel,
          to: toLabel,
          count: breaking,
        })}
      </Alert>
    );
  } else {
    summary = (
      <Typography variant="body2" className={classes.note}>
        {t('versions.migrateNone', { from: fromLabel, to: toLabel })}
      </Typography>
    );
  }

  return (
    <section
      className={classes.comparison}
      aria-label={t('versions.pairLabel', { from: fromLabel, to: toLabel })}
    >
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          {pairLabel}
        </Typography>
        <Typography variant="body2" component="span">
          <EntityRefLink entityRef={from.entityRef}>{from.title}</EntityRefLink>
          {' → '}
          <EntityRefLink entityRef={to.entityRef}>{to.title}</EntityRefLink>
        </Typography>
        <div className={classes.chips}>
          {countedClasses(comparison.counts).map(({ changeClass, count }) => (
            <ChangeClassChip
              key={changeClass}
              changeClass={changeClass}
              count={count}
            />
          ))}
        </div>
      </div>
      {summary}
      {changes.length > 0 && (
        <div className={classes.scroll}>
          <Table size="small" className={classes.table}>
            <TableHead>
              <TableRow>
                <TableCell className={classes.classCell}>
                  {t('versions.columns.class')}
                </TableCell>
                <TableCell className={classes.changeCell}>
                  {t('versions.columns.change')}
                </TableCell>
                <TableCell className={classes.valueCell}>
                  {t('versions.columns.before', { version: fromLabel })}
                </TableCell>
                <TableCell className={classes.valueCell}>
                  {t('versions.columns.after', { version: toLabel })}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changes.map((change, index) => (
                <TableRow key={`${change.path}:${index}`}>
                  <TableCell className={classes.classCell}>
                    <ChangeClassChip changeClass={change.class} />
                  </TableCell>
                  <TableCell className={classes.changeCell}>
                    <Typography variant="body2">
                      {change.operation && (
                        <>
                          <code>{change.operation}</code>{' '}
                        </>
                      )}
                      {change.description}
                    </Typography>
                    <Typography variant="caption" className={classes.path}>
                      <code>{change.path}</code>
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.valueCell}>
                    {change.before ?? t('change.none')}
                  </TableCell>
                  <TableCell className={classes.valueCell}>
                    {change.after ?? t('change.none')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {comparison.changeCount > comparison.changes.length && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.note}
        >
          {t('change.more', {
            shown: String(comparison.changes.length),
            total: String(comparison.changeCount),
          })}
        </Typography>
      )}
    </section>
  );
}

/**
 * The comparison of each pair of consecutive live versions of a family,
 * oldest first.
 */
export function VersionComparison(props: { family: ApiVersionFamily }) {
  return (
    <>
      {props.family.comparisons.map(comparison => (
        <VersionComparisonPair
          key={`${comparison.from.entityRef}>${comparison.to.entityRef}`}
          comparison={comparison}
        />
      ))}
    </>
  );
}
