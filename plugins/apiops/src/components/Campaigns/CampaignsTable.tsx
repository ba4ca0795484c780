import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CampaignWithProgress } from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { ReportColumn, ReportTable, ReportTablePaging } from '../ReportTable';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CampaignStateChip } from './CampaignStateChip';

/**
 * Campaigns in a table: title (a link to the campaign), state, how many
 * APIs meet the goal, due date and the teams overdue. With `forTeam`, the
 * progress is the team's (`campaign.team`).
 */
export function CampaignsTable(props: {
  campaigns: readonly CampaignWithProgress[];
  loading: boolean;
  error?: Error;
  paging: ReportTablePaging;
  linkOf: (campaign: CampaignWithProgress) => string;
  forTeam?: boolean;
  title?: string;
  emptyMessage: string;
}) {
  const { linkOf, forTeam } = props;
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const columns = useMemo<ReportColumn<CampaignWithProgress>[]>(
    () => [
      {
        title: t('columns.campaign'),
        field: 'title',
        cellStyle: { minWidth: 200 },
        render: campaign => <Link to={linkOf(campaign)}>{campaign.title}</Link>,
      },
      {
        title: t('columns.state'),
        render: campaign => (
          <CampaignStateChip state={campaign.progress.state} />
        ),
      },
      {
        title: t('columns.progress'),
        cellStyle: { minWidth: 180 },
        render: campaign => (
          <CampaignProgressBar
            counts={
              forTeam && campaign.team ? campaign.team : campaign.progress
            }
            pending={!campaign.progress.snapshotId}
          />
        ),
      },
      {
        title: t('columns.due'),
        field: 'dueDate',
        fold: true,
        render: campaign => (
          <Typography variant="body2" noWrap>
            {campaign.dueDate}
          </Typography>
        ),
      },
      forTeam
        ? {
            title: t('columns.remaining'),
            type: 'numeric',
            fold: true,
            render: campaign => campaign.team?.remaining ?? 0,
          }
        : {
            title: t('columns.overdueTeams'),
            type: 'numeric',
            fold: true,
            render: campaign => campaign.progress.overdueTeams,
          },
    ],
    [t, linkOf, forTeam],
  );
  return (
    <ReportTable<CampaignWithProgress>
      title={props.title}
      columns={columns}
      rows={props.campaigns}
      loading={props.loading}
      error={props.error}
      emptyMessage={props.emptyMessage}
      paging={props.paging}
      options={{ sorting: false }}
    />
  );
}
