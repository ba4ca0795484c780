import { useCallback, useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CampaignFailingApi,
  CampaignProgressPoint,
  CampaignTeamProgress,
  apiopsCampaignManagePermission,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsApiRef } from '../../api';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { useMethodModel, useStationLabels } from '../../hooks';
import { useTimeFormat } from '../../time';
import { severityColor } from '../colors';
import {
  CsvDownloadButton,
  CsvDownloadError,
  useCsvDownload,
} from '../CsvDownload';
import { useCursorPages } from '../CursorPagination';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { ReportColumn, ReportTable } from '../ReportTable';
import { TrendFigure } from '../TrendChart';
import { errorMessage } from '../AssessmentForm/assessmentOutcome';
import { CampaignFormDialog } from './CampaignFormDialog';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CampaignStateChip } from './CampaignStateChip';
import { useCampaignTexts } from './describeCondition';

const PAGE_SIZE = 25;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
  actions: {
    marginLeft: 'auto',
    display: 'flex',
    gap: theme.spacing(1),
  },
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  reasons: {
    margin: 0,
    paddingLeft: theme.spacing(2),
    '& li': { marginBottom: theme.spacing(0.5) },
  },
  fix: {
    color: theme.palette.text.secondary,
  },
  overdue: {
    color: severityColor(theme, 'error'),
    borderColor: severityColor(theme, 'error'),
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * The page of one campaign: its goal, scope and dates; its progress, or a
 * team's (`?team=` in the URL); the burn-up; the teams with the most APIs
 * remaining first; and what remains, the APIs not meeting the goal with
 * why and what to do (downloadable as CSV). Those allowed
 * `apiops.campaign.manage` can edit and delete it.
 */
export function CampaignDetail(props: {
  campaignId: string;
  refreshKey: number;
  /** The campaigns section, where "All campaigns" goes (and a deletion). */
  listPath: string;
}) {
  const { campaignId, refreshKey, listPath } = props;
  const classes = useStyles();
  const theme = useTheme();
  const api = useApi(apiopsCampaignsApiRef);
  const navigate = useNavigate();
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const texts = useCampaignTexts();
  const format = useTimeFormat();
  const { method } = useMethodModel();
  const stations = useStationLabels(method);
  const { allowed } = usePermission({
    permission: apiopsCampaignManagePermission,
  });
  const [params, setParams] = useSearchParams();
  const team = params.get('team') ?? undefined;
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const key = `${campaignId} ${team ?? ''} ${refreshKey} ${version}`;

  const report = useAsync(
    () => api.getCampaignProgress(campaignId, { team }),
    [api, campaignId, team, refreshKey, version],
  );
  const teams = useCursorPages<CampaignTeamProgress>(
    `${campaignId} ${refreshKey} ${version}`,
    cursor => api.listCampaignTeams(campaignId, { limit: PAGE_SIZE, cursor }),
  );
  const failing = useCursorPages<CampaignFailingApi>(key, cursor =>
    api.listCampaignFailures(campaignId, { team, limit: PAGE_SIZE, cursor }),
  );
  const csv = useCsvDownload(
    () => api.downloadCampaignFailuresCsv(campaignId, { team }),
    `apiops-campaign-${campaignId}-failing.csv`,
  );

  const teamLink = useCallback(
    (groupRef: string) => {
      const search = new URLSearchParams(params);
      search.set('team', groupRef);
      return `?${search.toString()}`;
    },
    [params],
  );
  const teamColumns = useMemo<ReportColumn<CampaignTeamProgress>[]>(
    () => [
      {
        title: t('columns.team'),
        field: 'title',
        cellStyle: { minWidth: 160 },
        render: row => <Link to={teamLink(row.groupRef)}>{row.title}</Link>,
      },
      {
        title: t('columns.progress'),
        cellStyle: { minWidth: 180 },
        render: row => <CampaignProgressBar counts={row} />,
      },
      {
        title: t('columns.remaining'),
        type: 'numeric',
        render: row =>
          row.overdue ? (
            <Chip
              size="small"
              variant="outlined"
              className={classes.overdue}
              label={`${row.remaining} · ${t('detail.overdue')}`}
            />
          ) : (
            row.remaining
          ),
      },
    ],
    [t, teamLink, classes],
  );
  const failingColumns = useMemo<ReportColumn<CampaignFailingApi>[]>(
    () => [
      {
        title: t('columns.api'),
        field: 'title',
        cellStyle: { minWidth: 160 },
        render: row => (
          <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
        ),
      },
      {
        title: t('columns.owner'),
        fold: true,
        render: row =>
          row.owner ? (
            <EntityRefLink entityRef={row.owner} defaultKind="group" />
          ) : (
            ''
          ),
      },
      {
        title: t('columns.why'),
        cellStyle: { minWidth: 280 },
        render: row => (
          <ul className={classes.reasons}>
            {row.reasons.map((reason, index) => (
              <li key={index}>
                <Typography variant="body2">{reason.message}</Typography>
                <Typography variant="body2" className={classes.fix}>
                  {reason.fix}
                </Typography>
              </li>
            ))}
          </ul>
        ),
      },
    ],
    [t, classes],
  );

  if (report.error) {
    return <ReportErrorPanel error={report.error} />;
  }
  if (!report.value) {
    return <Progress />;
  }
  const { campaign, points } = report.value;
  const { progress } = campaign;
  const counts = team && campaign.team ? campaign.team : progress;
  const scopeLines = texts.scope(campaign.scope);

  const remove = async () => {
    // eslint-disable-next-line no-alert
    if (!window.confirm(t('detail.deleteConfirm', { title: campaign.title }))) {
      return;
    }
    try {
      await api.deleteCampaign(campaign.id);
      navigate(listPath);
    } catch (e) {
      setDeleteError(t('detail.deleteError', { message: errorMessage(e) }));
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Link to={listPath}>
          <ArrowBackIcon fontSize="inherit" /> {t('detail.back')}
        </Link>
        <div className={classes.header}>
          <Typography variant="h5" component="h2">
            {campaign.title}
          </Typography>
          <CampaignStateChip state={progress.state} />
          <Typography variant="body2" color="textSecondary">
            {t('detail.dates', {
              start: campaign.startDate,
              due: campaign.dueDate,
            })}
          </Typography>
          {allowed && (
            <div className={classes.actions}>
              <Button startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </Button>
              <Button startIcon={<DeleteOutlineIcon />} onClick={remove}>
                {t('detail.delete')}
              </Button>
            </div>
          )}
        </div>
        {campaign.description && (
          <Typography variant="body1" paragraph>
            {campaign.description}
          </Typography>
        )}
        {deleteError && <Alert severity="error">{deleteError}</Alert>}
        {progress.outdated && progress.snapshotId && (
          <Alert severity="info">{t('progress.outdated')}</Alert>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('detail.goal')} variant="fullHeight">
          <ul className={classes.list}>
            {campaign.conditions.map((condition, index) => (
              <li key={index}>
                <Typography variant="body2">
                  {texts.condition(condition, stations.label)}
                </Typography>
              </li>
            ))}
          </ul>
          <Typography variant="subtitle2" component="h3">
            {t('detail.scope')}
          </Typography>
          <Typography variant="body2" component="div">
            {scopeLines.length ? (
              <ul className={classes.list}>
                {scopeLines.map(line => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              t('detail.allApis')
            )}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard
          title={
            team && campaign.team
              ? t('detail.burnUpTeam', { team: campaign.team.title })
              : t('detail.burnUp')
          }
          subheader={
            progress.computedAt
              ? t('progress.asOf', {
                  time: format.absolute(progress.computedAt),
                })
              : undefined
          }
          variant="fullHeight"
        >
          <CampaignProgressBar counts={counts} pending={!progress.snapshotId} />
          {!team &&
            progress.withoutTeam &&
            progress.withoutTeam.remaining > 0 && (
              <Typography variant="body2" color="textSecondary">
                {t('progress.withoutTeam', {
                  remaining: String(progress.withoutTeam.remaining),
                  inScope: String(progress.withoutTeam.inScope),
                })}
              </Typography>
            )}
          {points.length >= 2 ? (
            <TrendFigure<CampaignProgressPoint>
              title={t('detail.burnUp')}
              trend={points}
              stepped
              series={[
                {
                  key: 'met',
                  label: t('detail.met'),
                  color: severityColor(theme, 'ok'),
                  value: point => point.met,
                },
                {
                  key: 'inScope',
                  label: t('detail.inScope'),
                  color: theme.palette.text.secondary,
                  value: point => point.inScope,
                },
              ]}
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('detail.burnUpNotEnough')}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ReportTable<CampaignTeamProgress>
          title={t('detail.teams')}
          columns={teamColumns}
          rows={teams.value?.items ?? []}
          loading={teams.loading}
          error={teams.error}
          emptyMessage={t('detail.teamsEmpty')}
          paging={{
            type: 'cursor',
            next: teams.next,
            previous: teams.previous,
            pageLabel: String(teams.pageIndex + 1),
          }}
          options={{ sorting: false }}
        />
      </Grid>
      <Grid item xs={12}>
        <div className={classes.toolbar}>
          <Typography variant="h6" component="h3">
            {team && campaign.team
              ? t('detail.failingOfTeam', { team: campaign.team.title })
              : t('detail.failing')}
          </Typography>
          {team && (
            <Button
              size="small"
              onClick={() => {
                const search = new URLSearchParams(params);
                search.delete('team');
                setParams(search);
              }}
            >
              {t('detail.allTeams')}
            </Button>
          )}
          <CsvDownloadButton
            label={t('detail.download')}
            downloading={csv.downloading}
            onClick={csv.download}
          />
        </div>
        <CsvDownloadError
          error={csv.error}
          message={message => t('detail.downloadError', { message })}
          onClose={csv.clearError}
        />
        <ReportTable<CampaignFailingApi>
          columns={failingColumns}
          rows={failing.value?.items ?? []}
          loading={failing.loading}
          error={failing.error}
          emptyMessage={t('detail.failingEmpty')}
          paging={{
            type: 'cursor',
            next: failing.next,
            previous: failing.previous,
            pageLabel: String(failing.pageIndex + 1),
          }}
          options={{ sorting: false }}
        />
      </Grid>
      <CampaignFormDialog
        open={editing}
        campaign={campaign}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setVersion(v => v + 1);
        }}
      />
    </Grid>
  );
}
