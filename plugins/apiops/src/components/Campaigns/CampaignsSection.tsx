import { useCallback, useState } from 'react';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { useNavigate } from 'react-router-dom';
import { EmptyState } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CampaignWithProgress,
  apiopsCampaignManagePermission,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsApiRef } from '../../api';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { useCursorPages } from '../CursorPagination';
import { CampaignFormDialog } from './CampaignFormDialog';
import { CampaignsTable } from './CampaignsTable';

const PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The campaigns section of the APIOps page: every campaign with its state
 * and progress, each a link to its page, and, for those allowed
 * `apiops.campaign.manage`, a button to create one.
 */
export function CampaignsSection(props: {
  refreshKey: number;
  campaignPathOf: (id: string) => string;
}) {
  const { refreshKey, campaignPathOf } = props;
  const classes = useStyles();
  const api = useApi(apiopsCampaignsApiRef);
  const navigate = useNavigate();
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const { allowed } = usePermission({
    permission: apiopsCampaignManagePermission,
  });
  const [creating, setCreating] = useState(false);
  const page = useCursorPages<CampaignWithProgress>(
    String(refreshKey),
    cursor => api.listCampaigns({ limit: PAGE_SIZE, cursor }),
  );
  const linkOf = useCallback(
    (campaign: CampaignWithProgress) => campaignPathOf(campaign.id),
    [campaignPathOf],
  );

  const createButton = allowed && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      {t('section.create')}
    </Button>
  );
  const empty =
    !page.loading &&
    !page.error &&
    page.pageIndex === 0 &&
    page.value?.items.length === 0;

  return (
    <>
      <div className={classes.header}>
        <Typography variant="body2" color="textSecondary">
          {t('section.subtitle')}
        </Typography>
        {createButton}
      </div>
      {empty ? (
        <EmptyState
          missing="data"
          title={t('section.empty')}
          description={
            allowed
              ? t('section.emptyDescription')
              : `${t('section.emptyDescription')} ${t(
                  'section.emptyNoPermission',
                )}`
          }
        />
      ) : (
        <CampaignsTable
          campaigns={page.value?.items ?? []}
          loading={page.loading}
          error={page.error}
          linkOf={linkOf}
          emptyMessage={t('section.empty')}
          paging={{
            type: 'cursor',
            next: page.next,
            previous: page.previous,
            pageLabel: String(page.pageIndex + 1),
          }}
        />
      )}
      <CampaignFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={campaign => {
          setCreating(false);
          navigate(campaignPathOf(campaign.id));
        }}
      />
    </>
  );
}
