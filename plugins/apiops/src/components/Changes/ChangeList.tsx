import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ApiChange } from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { ChangeClassChip } from './ChangeClassChip';
import { groupByClass } from './changeOrder';

const useStyles = makeStyles(theme => ({
  group: {
    marginTop: theme.spacing(1.5),
  },
  list: {
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
  },
  change: {
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  what: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1),
  },
  path: {
    marginTop: theme.spacing(0.25),
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
  values: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(0.5),
  },
  value: {
    margin: 0,
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      margin: 0,
      fontFamily: 'monospace',
      fontSize: theme.typography.body2.fontSize,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
    },
  },
}));

/** The value before or after a change, or a dash when there is none. */
function Value(props: { label: string; value?: string }) {
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (
    <dl className={classes.value}>
      <dt>{props.label}</dt>
      <dd>{props.value ?? t('change.none')}</dd>
    </dl>
  );
}

/**
 * The changes of a definition, grouped by class, breaking first: each
 * change's operation, what changed, its JSON path, and the value before
 * and after side by side; how many more there are when the list is capped.
 */
export function ChangeList(props: {
  changes: readonly ApiChange[];
  /** How many changes in all, when more than `changes`. */
  total?: number;
  /** The level of the groups' headings. */
  headingLevel?: 'h3' | 'h4' | 'h5';
}) {
  const { changes, total, headingLevel = 'h4' } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (
    <>
      {groupByClass(changes).map(({ changeClass, changes: ofClass }) => (
        <section key={changeClass} className={classes.group}>
          <Typography variant="subtitle2" component={headingLevel}>
            <ChangeClassChip changeClass={changeClass} />
          </Typography>
          <ul
            className={classes.list}
            aria-label={t('change.groupLabel', {
              class: t(`classes.${changeClass}`),
            })}
          >
            {ofClass.map((change, index) => (
              <li key={`${change.path}:${index}`} className={classes.change}>
                <div className={classes.what}>
                  <Typography variant="body2" component="span">
                    <strong>{t(`actions.${change.action}`)}</strong>
                  </Typography>
                  {change.operation && (
                    <Typography variant="body2" component="span">
                      <code>{change.operation}</code>
                    </Typography>
                  )}
                  <Typography variant="body2" component="span">
                    {change.description}
                  </Typography>
                </div>
                <Typography
                  variant="caption"
                  component="div"
                  className={classes.path}
                >
                  {t('change.path')}: <code>{change.path}</code>
                </Typography>
                {(change.before !== undefined ||
                  change.after !== undefined) && (
                  <div className={classes.values}>
                    <Value label={t('change.before')} value={change.before} />
                    <Value label={t('change.after')} value={change.after} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {total !== undefined && total > changes.length && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.group}
        >
          {t('change.more', {
            shown: String(changes.length),
            total: String(total),
          })}
        </Typography>
      )}
    </>
  );
}
