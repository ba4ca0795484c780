import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { Link } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamRollup } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { GovernanceStatusCounts } from '../GovernanceStatus';
import type { StationLabels } from '../../hooks';
import { ReportColumn, ReportTable } from '../ReportTable';
import { StationMiniSummary } from '../StationSummary';

/** The most teams fetched (the backend's largest page); sorted in the browser. */
export const TEAMS_LIMIT = 1000;

/** The path of the APIOps tab on group pages. */
const GROUP_TAB_PATH = 'apiops';

/**
 * The team rollup of the latest snapshot: every group that owns APIs itself
 * or through its child groups, sortable by title, APIs, gaps and findings;
 * a team's gaps link to their list when `gapsLink` says where.
 */
export function TeamsTable(props: {
  stations: StationLabels;
  /**
   * The list of a team's ownership gaps (the ownership report filtered by
   * the group, which includes its child groups); its count links there.
   */
  gapsLink?: (groupRef: string) => string;
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
}) {
  const { stations, gapsLink, refreshKey = 0 } = props;
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const entityLink = useEntityRefLink();
  const { value, loading, error } = useAsync(
    () => apiopsApi.listTeams({ limit: TEAMS_LIMIT }),
    [apiopsApi, refreshKey],
  );

  // Stable columns: Material Table resets its sorting when they change.
  const columns = useMemo<ReportColumn<TeamRollup>[]>(
    () => [
      {
        title: t('page.teams.columns.team'),
        field: 'title',
        cellStyle: { minWidth: 160 },
        customSort: (a, b) => a.title.localeCompare(b.title),
        render: team => (
          <Link to={`${entityLink(team.groupRef)}/${GROUP_TAB_PATH}`}>
            {team.title}
          </Link>
        ),
      },
      {
        title: t('page.teams.columns.apis'),
        field: 'apis',
        type: 'numeric',
        defaultSort: 'desc',
      },
      {
        title: t('page.teams.columns.stations'),
        fold: true,
        sorting: false,
        cellStyle: { minWidth: 200 },
        render: team => (
          <StationMiniSummary byStation={team.byStation} stations={stations} />
        ),
      },
      {
        title: t('page.teams.columns.status'),
        sorting: false,
        cellStyle: { minWidth: 150 },
        render: team => <GovernanceStatusCounts byStatus={team.byStatus} />,
      },
      {
        title: t('page.teams.columns.gaps'),
        fold: true,
        field: 'gaps',
        type: 'numeric',
        render: team =>
          gapsLink && team.gaps > 0 ? (
            <Link
              to={gapsLink(team.groupRef)}
              aria-label={t('page.teams.gapsLink', {
                gaps: team.gaps.toLocaleString(),
                team: team.title,
              })}
            >
              {team.gaps.toLocaleString()}
            </Link>
          ) : (
            team.gaps.toLocaleString()
          ),
      },
      {
        title: t('page.teams.columns.findings'),
        fold: true,
        field: 'findings',
        type: 'numeric',
      },
    ],
    [t, entityLink, stations, gapsLink],
  );

  return (
    <>
      <ReportTable<TeamRollup>
        columns={columns}
        rows={value?.items ?? []}
        loading={loading}
        error={error}
        emptyMessage={t('page.teams.empty')}
        paging={{
          type: 'local',
          pageSize: 10,
          pageSizeOptions: [10, 25, 50, 100],
        }}
        options={{
          // Dragging columns nests a second button in each sortable header.
          draggable: false,
          // Each click on a header flips its direction, never unsorts.
          thirdSortClick: false,
        }}
      />
      {!error && value?.nextCursor && (
        <Typography variant="caption" color="textSecondary">
          {t('page.teams.truncated', { limit: String(TEAMS_LIMIT) })}
        </Typography>
      )}
    </>
  );
}
