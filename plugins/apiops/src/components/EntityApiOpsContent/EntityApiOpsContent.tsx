import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { apiopsTranslationRef } from '../../translation';

function OwnershipCard(props: { entity: Entity }) {
  const { entity } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const owners = getEntityRelations(entity, RELATION_OWNED_BY);
  const declaredOwner = entity.spec?.owner;
  const lifecycle = entity.spec?.lifecycle;

  return (
    <InfoCard title={t('entityContent.ownershipCard.title')}>
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <Typography variant="overline" component="h3">
            {t('entityContent.ownershipCard.owner')}
          </Typography>
          {owners.length > 0 ? (
            <EntityRefLinks entityRefs={owners} defaultKind="group" />
          ) : (
            <Typography>{t('entityContent.ownershipCard.noOwner')}</Typography>
          )}
          {typeof declaredOwner === 'string' && (
            <Typography variant="body2" color="textSecondary">
              {t('entityContent.ownershipCard.declaredOwner')}:{' '}
              <code>{declaredOwner}</code>
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} sm={6}>
          <Typography variant="overline" component="h3">
            {t('entityContent.ownershipCard.lifecycle')}
          </Typography>
          {typeof lifecycle === 'string' ? (
            <Chip label={lifecycle} size="small" />
          ) : (
            <Typography>
              {t('entityContent.ownershipCard.noLifecycle')}
            </Typography>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}

/**
 * The APIOps tab of an API entity page.
 *
 * @public
 */
export function EntityApiOpsContent() {
  const { entity } = useEntity();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <OwnershipCard entity={entity} />
      </Grid>
    </Grid>
  );
}
