import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ApiConsumer } from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  item: {
    padding: theme.spacing(0.25, 0),
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0, 1.5),
    color: theme.palette.text.secondary,
  },
}));

/**
 * The consumers of an API when a change was found (components and systems
 * with a `consumesApi` relation), each a link to its entity page by its
 * title, with its system and owner.
 */
export function ConsumerList(props: {
  consumers: readonly ApiConsumer[];
  headingLevel?: 'h4' | 'h5';
}) {
  const { consumers, headingLevel = 'h4' } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  return (
    <section>
      <Typography variant="subtitle2" component={headingLevel}>
        {t('apiTab.consumersTitle', { count: consumers.length })}
      </Typography>
      {consumers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('apiTab.noConsumers')}
        </Typography>
      ) : (
        <ul className={classes.list} aria-label={t('apiTab.consumersLabel')}>
          {consumers.map(consumer => (
            <li key={consumer.entityRef} className={classes.item}>
              <Typography variant="body2" component="span">
                <EntityRefLink entityRef={consumer.entityRef}>
                  {consumer.title}
                </EntityRefLink>
              </Typography>
              {(consumer.system || consumer.owner) && (
                <Typography
                  variant="caption"
                  component="div"
                  className={classes.facts}
                >
                  {consumer.system && (
                    <span>
                      {t('apiTab.consumerSystem')}:{' '}
                      <EntityRefLink
                        entityRef={consumer.system}
                        defaultKind="system"
                      />
                    </span>
                  )}
                  {consumer.owner && (
                    <span>
                      {t('apiTab.consumerOwner')}:{' '}
                      <EntityRefLink
                        entityRef={consumer.owner}
                        defaultKind="group"
                      />
                    </span>
                  )}
                </Typography>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
