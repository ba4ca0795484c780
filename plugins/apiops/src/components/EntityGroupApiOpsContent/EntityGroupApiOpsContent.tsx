import { useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
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
  type TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { useCursorPages } from '../CursorPagination';
import {
  GovernanceStatusLabel,
  useGovernanceStatusColors,
} from '../GovernanceStatus';
import { GapChip } from '../OwnershipGapsTable';
import { ReportColumn, ReportTable } from '../ReportTable';
import { StationMiniSummary } from '../StationSummary';
import { StationLabels, useMethodModel, useStationLabels } from '../../hooks';
import { KpiTile } from '../SummaryKpis';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { LintTeamsTable } from '../LintTeamsTable';

/** Rows per page of the group's APIs. */
export const GROUP_APIS_PAGE_SIZE = 50;

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
}));

function TeamCounts(props: { team: TeamRollup; stations: StationLabels }) {
  const { team, stations } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const colors = useGovernanceStatusColors();

  return (
    <section>
      <Typography variant="h5" component="h2" className={classes.heading}>
        {t('groupContent.countsTitle', { group: team.title })}
      </Typography>
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.subheading}
      >
        {t('groupContent.countsSubheader')}
      </Typography>
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

/**
 * The APIOps tab of a group's entity page: the APIs the group owns itself
 * or through its child groups, where each stands, and its gaps.
 *
 * @public
 */
export function EntityGroupApiOpsContent() {
  const { entity } = useEntity();
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { method } = useMethodModel();
  const stations = useStationLabels(method);
  const group = getCompoundEntityRef(entity);
  const { value, loading, error, pageIndex, next, previous } = useCursorPages(
    stringifyEntityRef(group),
    cursor =>
      apiopsApi.listTeamApis(group, { limit: GROUP_APIS_PAGE_SIZE, cursor }),
  );

  // Stable columns: Material Table resets its state when they change.
  const columns = useMemo<ReportColumn<ApiSnapshotResult>[]>(
    () => [
      {
        title: t('groupContent.columns.api'),
        field: 'title',
        cellStyle: { minWidth: 160 },
        render: api => (
          <EntityRefLink entityRef={api.entityRef}>{api.title}</EntityRefLink>
        ),
      },
      {
        title: t('groupContent.columns.owner'),
        fold: true,
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
        cellStyle: { minWidth: 130 },
        render: api => stations.label(api.station.id),
      },
      {
        title: t('groupContent.columns.status'),
        render: api => <GovernanceStatusLabel status={api.governance.status} />,
      },
      {
        title: t('groupContent.columns.gaps'),
        fold: true,
        cellStyle: { minWidth: 170 },
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
        fold: true,
        type: 'numeric',
        render: api => api.governance.findings.length,
      },
    ],
    [t, classes, stations],
  );

  if (error) {
    return <ReportErrorPanel error={error} />;
  }
  if (!value) {
    return loading ? <Progress /> : null;
  }
  if (pageIndex === 0 && !loading && value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('groupContent.emptyTitle')}
        description={t('groupContent.emptyDescription')}
      />
    );
  }

  return (
    <Grid container spacing={3}>
      {value.team && (
        <Grid item xs={12}>
          <TeamCounts team={value.team} stations={stations} />
        </Grid>
      )}
      <Grid item xs={12}>
        <ReportTable<ApiSnapshotResult>
          title={t('groupContent.tableTitle')}
          columns={columns}
          rows={value.items}
          loading={loading}
          emptyMessage={t('groupContent.emptyTitle')}
          paging={{
            type: 'cursor',
            next,
            previous,
            pageLabel: t('page.pageNumber', { page: String(pageIndex + 1) }),
          }}
          options={{ sorting: false }}
        />
      </Grid>
      <Grid item xs={12}>
        <LintTeamsTable owner={stringifyEntityRef(group)} />
      </Grid>
    </Grid>
  );
}
