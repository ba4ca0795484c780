import { useCallback } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { CampaignWithProgress } from '@apiops-backstage/plugin-apiops-common';
import { CampaignsApi, apiopsCampaignsApiRef } from '../../api';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { useCursorPages } from '../CursorPagination';
import { CampaignsTable } from './CampaignsTable';
import { useCampaignLink } from './useCampaignLink';

const PAGE_SIZE = 10;

/**
 * The campaigns of a team on its Group tab: those with APIs of the group
 * (or of its child groups) in scope, with the team's own progress and what
 * it has left, each a link to the team's view of the campaign.
 */
export function GroupCampaigns(props: { groupRef: string }) {
  // Nothing in an app without the campaigns client.
  const api = useApiHolder().get(apiopsCampaignsApiRef);
  return api ? <TeamCampaigns api={api} groupRef={props.groupRef} /> : null;
}

function TeamCampaigns(props: { api: CampaignsApi; groupRef: string }) {
  const { api, groupRef } = props;
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const campaignLink = useCampaignLink();
  const page = useCursorPages<CampaignWithProgress>(groupRef, cursor =>
    api.listCampaigns({ team: groupRef, limit: PAGE_SIZE, cursor }),
  );
  const linkOf = useCallback(
    (campaign: CampaignWithProgress) => campaignLink(campaign.id, groupRef),
    [campaignLink, groupRef],
  );
  return (
    <InfoCard title={t('groupTab.title')} subheader={t('groupTab.subheader')}>
      <CampaignsTable
        campaigns={page.value?.items ?? []}
        loading={page.loading}
        error={page.error}
        linkOf={linkOf}
        forTeam
        emptyMessage={t('groupTab.empty')}
        paging={{
          type: 'cursor',
          next: page.next,
          previous: page.previous,
          pageLabel: String(page.pageIndex + 1),
        }}
      />
    </InfoCard>
  );
}
