import { ChangeEvent, useCallback, useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  GOVERNANCE_STATUSES,
  type ApiSnapshotResult,
  type SnapshotInfo,
  type TeamApiSort,
  type TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { useCursorPages } from '../CursorPagination';
import { FragmentationTable } from '../FragmentationTable';
import { SnapshotFreshness } from '../Freshness';
import {
  GovernanceStatusLabel,
  useGovernanceStatusColors,
} from '../GovernanceStatus';
import { GapChip } from '../OwnershipGapsTable';
import { ReportColumn, ReportTable } from '../ReportTable';
import { StationMiniSummary } from '../StationSummary';
import { StationLabels, useMethodModel, useStationLabels } from '../../hooks';
import { KpiTile } from '../SummaryKpis';
import { GroupCampaigns } from '../Campaigns';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { useTeamApiQuery } from './useTeamApiQuery';
import { LintTeamsTable } from '../LintTeamsTable';
import { useContentRoot } from '../ContentRoot';

/** Rows per page of the group's APIs. */
export const GROUP_APIS_PAGE_SIZE = 50;

/** The prefix of the group's fragmentation filters in the page URL. */
export const GROUP_FRAGMENTATION_URL_PREFIX = 'groupCluster';

const useStyles = makeStyles(theme => ({
  heading: {
    marginBottom: theme.spacing(0.5),
  },
  subheading: {
    marginBottom: theme.spacing(2),
  },
  stations: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  search: {
    minWidth: 220,
    maxWidth: 360,
    width: '100%',
    marginBottom: theme.spacing(2),
  },
}));

function TeamCounts(props: {
  team: TeamRollup;
  stations: StationLabels;
  snapshot?: SnapshotInfo;
}) {
  const { team, stations, snapshot } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const colors = useGovernanceStatusColors();

  return (
    <section>
      <Typography variant="h5" component="h2" className={classes.heading}>
        {t('groupContent.countsTitle', { group: team.title })}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('groupContent.countsSubheader')}
      </Typography>
      <SnapshotFreshness
        snapshot={snapshot}
        refreshedAt={team.refreshedAt ?? false}
        className={classes.subheading}
      />
      <Grid container spacing={2}>
        <Grid item xs={6} sm={4} lg={2}>
          <KpiTile label={t('groupContent.apis')} value={team.apis} />
        </Grid>
        {GOVERNANCE_STATUSES.map(status => (
          <Grid key={status} item xs={6} sm={4} lg={2}>
            <KpiTile
              label={t(`page.status.${status}`)}
              value={team.byStatus[status] ?? 0}
              accent={colors[status]}
            />
          </Grid>
        ))}
        <Grid item xs={6} sm={4} lg={2}>
          <KpiTile label={t('groupContent.gaps')} value={team.gaps} />
        </Grid>
        <Grid item xs={6} sm={4} lg={2}>
          <KpiTile label={t('groupContent.findings')} value={team.findings} />
        </Grid>
      </Grid>
      <div className={classes.stations}>
        <Typography variant="body2" color="textSecondary" component="span">
          {t('groupContent.byStation')}
        </Typography>
        <StationMiniSummary byStation={team.byStation} stations={stations} />
      </div>
    </section>
  );
}

/** The order a sortable column stands for, by its `field`. */
const SORT_OF_FIELD: Record<string, TeamApiSort> = {
  title: 'title',
  'owner.gaps.length': 'gaps',
  'governance.findings.length': 'findings',
};

/** A row's id: its entity ref, stable across pages and refreshes. */
const rowIdOf = (api: ApiSnapshotResult) => api.entityRef;

/**
 * The APIOps tab of a group's entity page: the APIs the group owns itself
 * or through its child groups, where each stands and its gaps, as the
 * catalog's tables show entities: sorted on the server by the title shown
 * (or by gaps or findings, a click on their header), searchable by title or
 * name, paged, each row with its entity ref as id, the order and the search
 * in the URL. Then the fragmentation clusters with at least one of those
 * APIs. Each part says when its data was computed.
 *
 * @public
 */
export function EntityGroupApiOpsContent() {
  const { entity } = useEntity();
  const root = useContentRoot();
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { method } = useMethodModel();
  const stations = useStationLabels(method);
  const group = getCompoundEntityRef(entity);
  const groupRef = stringifyEntityRef(group);
  const query = useTeamApiQuery();
  const { sort, setSort, search } = query;
  const { value, loading, error, pageIndex, next, previous } = useCursorPages(
    JSON.stringify([groupRef, sort, search]),
    cursor =>
      apiopsApi.listTeamApis(group, {
        limit: GROUP_APIS_PAGE_SIZE,
        cursor,
        ...(sort === 'title' ? {} : { sort }),
        ...(search ? { search } : {}),
      }),
  );

  // Rebuilt when the order changes, so that the header shows it; Material
  // Table keeps the server's order (`customSort` leaves rows in place).
  const columns = useMemo<ReportColumn<ApiSnapshotResult>[]>(() => {
    const descending = sort.startsWith('-');
    const sortedBy = (key: TeamApiSort) =>
      sort === key || sort === `-${key}`
        ? { defaultSort: descending ? ('desc' as const) : ('asc' as const) }
        : {};
    const serverSorted = { customSort: () => 0 };
    return [
      {
        title: t('groupContent.columns.api'),
        field: 'title',
        cellStyle: { minWidth: 160 },
        ...serverSorted,
        ...sortedBy('title'),
        render: api => (
          <EntityRefLink entityRef={api.entityRef}>{api.title}</EntityRefLink>
        ),
      },
      {
        title: t('groupContent.columns.owner'),
        fold: true,
        sorting: false,
        cellStyle: { minWidth: 150 },
        render: api =>
          api.owner.ref && api.owner.resolved ? (
            <EntityRefLink entityRef={api.owner.ref} defaultKind="group" />
          ) : (
            <code>{api.owner.declared ?? ''}</code>
          ),
      },
      {
        title: t('groupContent.columns.station'),
        sorting: false,
        cellStyle: { minWidth: 130 },
        render: api => stations.label(api.station.id),
      },
      {
        title: t('groupContent.columns.status'),
        sorting: false,
        render: api => <GovernanceStatusLabel status={api.governance.status} />,
      },
      {
        title: t('groupContent.columns.gaps'),
        field: 'owner.gaps.length',
        fold: true,
        cellStyle: { minWidth: 170 },
        ...serverSorted,
        ...sortedBy('gaps'),
        render: api =>
          api.owner.gaps.length > 0 ? (
            <div className={classes.chips}>
              {api.owner.gaps.map(gap => (
                <GapChip
                  key={gap.type}
                  type={gap.type}
                  severity={gap.severity}
                  message={gap.message}
                />
              ))}
            </div>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('groupContent.noGaps')}
            </Typography>
          ),
      },
      {
        title: t('groupContent.columns.findings'),
        field: 'governance.findings.length',
        fold: true,
        type: 'numeric',
        ...serverSorted,
        ...sortedBy('findings'),
        render: api => api.governance.findings.length,
      },
    ];
  }, [t, classes, stations, sort]);

  const onOrderChange = useCallback(
    (
      column: ReportColumn<ApiSnapshotResult> | undefined,
      direction: 'asc' | 'desc',
    ) => {
      const key = SORT_OF_FIELD[String(column?.field)];
      if (key) setSort(direction === 'desc' ? (`-${key}` as TeamApiSort) : key);
    },
    [setSort],
  );

  if (error) {
    return <ReportErrorPanel error={error} />;
  }
  if (!value) {
    return loading ? <Progress /> : null;
  }
  // No team row: the group owns no API (the backend's 404).
  if (!value.team && value.items.length === 0 && !loading) {
    return (
      <EmptyState
        missing="data"
        title={t('groupContent.emptyTitle')}
        description={t('groupContent.emptyDescription')}
      />
    );
  }

  return (
    <Grid container spacing={3} {...root}>
      {value.team && (
        <Grid item xs={12}>
          <TeamCounts
            team={value.team}
            stations={stations}
            snapshot={value.snapshot}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <GroupCampaigns groupRef={stringifyEntityRef(group)} />
      </Grid>
      <Grid item xs={12} component="section">
        <TextField
          id="apiops-group-api-search"
          className={classes.search}
          variant="outlined"
          size="small"
          type="search"
          label={t('groupContent.search')}
          helperText={t('groupContent.searchHelp')}
          value={query.text}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            query.setText(event.target.value)
          }
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
        <ReportTable<ApiSnapshotResult>
          title={t('groupContent.tableTitle')}
          columns={columns}
          rows={value.items}
          rowId={rowIdOf}
          loading={loading}
          emptyMessage={
            search
              ? t('groupContent.noMatch', { search })
              : t('groupContent.emptyTitle')
          }
          paging={{
            type: 'cursor',
            next,
            previous,
            pageLabel: t('page.pageNumber', { page: String(pageIndex + 1) }),
          }}
          options={{
            sorting: true,
            // Each click on a header flips its direction, never unsorts.
            thirdSortClick: false,
            // Dragging columns nests a second button in each sortable header.
            draggable: false,
          }}
          onOrderChange={onOrderChange}
        />
      </Grid>
      <Grid item xs={12} component="section">
        <Typography variant="h5" component="h2" className={classes.heading}>
          {t('groupContent.fragmentationTitle')}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('groupContent.fragmentationSubtitle')}
        </Typography>
        <SnapshotFreshness
          snapshot={value.snapshot}
          refreshedAt={false}
          className={classes.subheading}
        />
        <FragmentationTable
          key={groupRef}
          owner={groupRef}
          urlPrefix={GROUP_FRAGMENTATION_URL_PREFIX}
          emptyMessage={t('groupContent.fragmentationEmpty')}
        />
      </Grid>
      <Grid item xs={12}>
        <LintTeamsTable owner={stringifyEntityRef(group)} />
      </Grid>
    </Grid>
  );
}
