import { useCallback, useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  FragmentationType,
  ReportSummary,
  SnapshotInfo,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { APIS_URL, ApisTable } from '../ApisTable';
import { apiopsTranslationRef } from '../../translation';
import {
  FRAGMENTATION_URL_PREFIX,
  FragmentationKpis,
  FragmentationTable,
} from '../FragmentationTable';
import {
  OWNERSHIP_GAPS_URL_PREFIX,
  OwnershipGapsTable,
} from '../OwnershipGapsTable';
import { reportFilterSearch } from '../ReportFilters';
import { StationBars } from '../StationSummary';
import { useMethodModel, useStationLabels } from '../../hooks';
import { SummaryKpis } from '../SummaryKpis';
import { TeamsTable } from '../TeamsTable';
import { LintTeamsTable } from '../LintTeamsTable';
import { TrendChart } from '../TrendChart';
import { useTimeFormat } from '../../time';
import { SnapshotRunState, useSnapshotRun } from './useSnapshotRun';
import {
  API_OPS_SECTIONS,
  ApiOpsSection,
  useApiOpsSection,
} from './useApiOpsSection';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { CampaignDetail, CampaignsSection } from '../Campaigns';
import { SnapshotFreshness } from '../Freshness';
import { ChangesReport, RecentBreakingChanges } from '../Changes';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { useContentRoot } from '../ContentRoot';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1, 2),
  },
  alert: {
    marginBottom: theme.spacing(3),
  },
  section: {
    marginBottom: theme.spacing(1.5),
  },
  kpiRow: {
    marginTop: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  tabs: {
    marginBottom: theme.spacing(3),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

/** The gap types of an unowned API (the summary's `unowned`). */
const UNOWNED_GAP_TYPES = ['owner-missing', 'owner-unresolved'] as const;

function RunSnapshotButton(props: {
  running: boolean;
  onClick: () => void;
  variant?: 'contained' | 'outlined';
}) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Button
      variant={props.variant ?? 'outlined'}
      color="primary"
      disabled={props.running}
      onClick={props.onClick}
      startIcon={
        props.running ? <CircularProgress size={16} /> : <RefreshIcon />
      }
    >
      {props.running ? t('page.snapshot.running') : t('page.snapshot.run')}
    </Button>
  );
}

function SnapshotRunAlert(props: {
  state: SnapshotRunState;
  onClose: () => void;
}) {
  const { state, onClose } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  switch (state.status) {
    case 'running':
      return (
        <Alert severity="info" className={classes.alert}>
          {t('page.snapshot.started')}
        </Alert>
      );
    case 'done':
      return (
        <Alert severity="success" className={classes.alert} onClose={onClose}>
          {t('page.snapshot.done')}
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="error" className={classes.alert} onClose={onClose}>
          {t('page.snapshot.failed', { error: state.error ?? '' })}
        </Alert>
      );
    case 'forbidden':
      return (
        <Alert severity="warning" className={classes.alert} onClose={onClose}>
          {t('page.snapshot.forbidden')}
        </Alert>
      );
    case 'error':
      return (
        <Alert severity="error" className={classes.alert} onClose={onClose}>
          {t('page.snapshot.error', { message: state.message })}
        </Alert>
      );
    case 'timeout':
      return (
        <Alert severity="info" className={classes.alert} onClose={onClose}>
          {t('page.snapshot.timeout')}
        </Alert>
      );
    default:
      return null;
  }
}

/**
 * The heading of a section of the page, with when its data was computed
 * (the snapshot, the refreshes of one API since, the next snapshot).
 */
function SectionTitle(props: { children: string; snapshot: SnapshotInfo }) {
  const classes = useStyles();
  return (
    <div className={classes.section}>
      <Typography variant="h5" component="h2">
        {props.children}
      </Typography>
      <SnapshotFreshness snapshot={props.snapshot} />
    </div>
  );
}

/** The links between the sections of the page, as tabs. */
function SectionTabs(props: {
  section: ApiOpsSection;
  pathOf: (section: ApiOpsSection) => string;
}) {
  const { section, pathOf } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Tabs
      component="nav"
      aria-label={t('page.sections.label')}
      value={section}
      indicatorColor="primary"
      textColor="primary"
      variant="scrollable"
      scrollButtons="auto"
      className={classes.tabs}
    >
      {API_OPS_SECTIONS.map(name => (
        <Tab
          key={name}
          value={name}
          label={t(`page.sections.${name}`)}
          component={Link}
          to={pathOf(name)}
          aria-current={name === section ? 'page' : undefined}
        />
      ))}
    </Tabs>
  );
}

function Reports(props: { summary: ReportSummary; refreshKey: number }) {
  const { summary, refreshKey } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { t: tChanges } = useTranslationRef(apiopsChangesTranslationRef);
  const { method } = useMethodModel();
  const stations = useStationLabels(method);
  const { section, pathOf, campaignId, campaignPathOf } = useApiOpsSection();
  // The fragmentation section, filtered to a type or not.
  const clustersOf = (type?: FragmentationType) =>
    pathOf(
      'fragmentation',
      reportFilterSearch(FRAGMENTATION_URL_PREFIX, {
        types: type ? [type] : undefined,
      }),
    );

  let body;
  switch (section) {
    case 'apis':
      body = (
        <Grid item xs={12} component="section">
          <SectionTitle snapshot={summary.snapshot}>
            {t('page.apis.title')}
          </SectionTitle>
          <Typography variant="body2" color="textSecondary" paragraph>
            {t('page.apis.subtitle')}
          </Typography>
          <ApisTable stations={stations} refreshKey={refreshKey} />
        </Grid>
      );
      break;
    case 'ownership':
      body = (
        <Grid item xs={12} component="section">
          <SectionTitle snapshot={summary.snapshot}>
            {t('page.gaps.title')}
          </SectionTitle>
          <OwnershipGapsTable refreshKey={refreshKey} />
        </Grid>
      );
      break;
    case 'fragmentation':
      body = (
        <Grid item xs={12} component="section">
          <SectionTitle snapshot={summary.snapshot}>
            {t('fragmentation.table.title')}
          </SectionTitle>
          <Typography variant="body2" color="textSecondary" paragraph>
            {t('fragmentation.table.subtitle')}
          </Typography>
          <div className={classes.kpiRow}>
            <FragmentationKpis counts={summary} linkOf={clustersOf} />
          </div>
          <FragmentationTable refreshKey={refreshKey} />
        </Grid>
      );
      break;
    case 'changes':
      body = (
        <Grid item xs={12} component="section">
          <SectionTitle snapshot={summary.snapshot}>
            {tChanges('report.title')}
          </SectionTitle>
          <Typography variant="body2" color="textSecondary" paragraph>
            {tChanges('report.subtitle')}
          </Typography>
          <ChangesReport refreshKey={refreshKey} />
        </Grid>
      );
      break;
    case 'teams':
      body = (
        <Grid item xs={12} component="section">
          <SectionTitle snapshot={summary.snapshot}>
            {t('page.teams.title')}
          </SectionTitle>
          <Typography variant="body2" color="textSecondary" paragraph>
            {t('page.teams.subtitle')}
          </Typography>
          <TeamsTable
            stations={stations}
            refreshKey={refreshKey}
            gapsLink={groupRef =>
              pathOf(
                'ownership',
                reportFilterSearch(OWNERSHIP_GAPS_URL_PREFIX, {
                  owner: groupRef,
                }),
              )
            }
          />
          <div className={classes.kpiRow}>
            <LintTeamsTable refreshKey={refreshKey} />
          </div>
        </Grid>
      );
      break;
    case 'campaigns':
      body = (
        <Grid item xs={12} component="section">
          {campaignId ? (
            <CampaignDetail
              campaignId={campaignId}
              refreshKey={refreshKey}
              listPath={pathOf('campaigns')}
            />
          ) : (
            <>
              <SectionTitle snapshot={summary.snapshot}>
                {t('page.sections.campaigns')}
              </SectionTitle>
              <CampaignsSection
                refreshKey={refreshKey}
                campaignPathOf={campaignPathOf}
              />
            </>
          )}
        </Grid>
      );
      break;
    default:
      body = (
        <>
          <Grid item xs={12} component="section">
            <SectionTitle snapshot={summary.snapshot}>
              {t('page.summary.title')}
            </SectionTitle>
            <SummaryKpis
              counts={summary}
              links={{
                apis: pathOf('apis'),
                status: status =>
                  pathOf(
                    'apis',
                    reportFilterSearch(
                      APIS_URL.prefix,
                      { types: [status] },
                      APIS_URL.typeName,
                    ),
                  ),
                unowned: pathOf(
                  'ownership',
                  reportFilterSearch(OWNERSHIP_GAPS_URL_PREFIX, {
                    types: [...UNOWNED_GAP_TYPES],
                  }),
                ),
                gaps: pathOf('ownership'),
              }}
            />
            <div className={classes.kpiRow}>
              <FragmentationKpis counts={summary} linkOf={clustersOf} />
            </div>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard
              title={t('page.summary.stationsTitle')}
              subheader={t('page.summary.stationsSubheader')}
              variant="fullHeight"
            >
              <StationBars byStation={summary.byStation} stations={stations} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title={t('page.trend.title')} variant="fullHeight">
              <TrendChart trend={summary.trend} />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <RecentBreakingChanges
              allLink={pathOf('changes')}
              refreshKey={refreshKey}
            />
          </Grid>
        </>
      );
  }

  return (
    <>
      <SectionTabs section={section} pathOf={pathOf} />
      <Grid container spacing={3}>
        {body}
      </Grid>
    </>
  );
}

/**
 * The APIOps page without Backstage's page header, in sections with their
 * own paths under the page's (`summary`, the default: the key figures,
 * each a link to its list, and the trends; `apis`: every API with its
 * station, owner and governance; `ownership`: the ownership gaps;
 * `fragmentation`; `changes`: the changes of the APIs' definitions, breaking
 * first; `teams`: the team rollup), and a way to run a snapshot
 * now. The page of the new frontend system,
 * whose plugin header is the app's.
 *
 * @public
 */
export function ApiOpsPageContent(props: {
  /** How often the summary is polled while a snapshot runs, in ms. */
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  const root = useContentRoot();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const format = useTimeFormat();
  const [refreshKey, setRefreshKey] = useState(0);
  const {
    value: summary,
    loading,
    error,
  } = useAsync(() => apiopsApi.getSummary(), [apiopsApi, refreshKey]);
  const refresh = useCallback(() => setRefreshKey(key => key + 1), []);
  const snapshotRun = useSnapshotRun({
    summary,
    onFinished: refresh,
    pollIntervalMs: props.pollIntervalMs,
  });
  const running = snapshotRun.state.status === 'running';
  const snapshot = summary?.snapshot;

  let body;
  if (error && !summary) {
    body = <ReportErrorPanel error={error} />;
  } else if (!summary || !snapshot) {
    body = loading ? <Progress /> : null;
  } else if (!snapshot.id) {
    body = (
      <EmptyState
        missing="data"
        title={t('page.snapshot.emptyTitle')}
        description={t('page.snapshot.emptyDescription')}
        action={
          <RunSnapshotButton
            variant="contained"
            running={running}
            onClick={snapshotRun.run}
          />
        }
      />
    );
  } else {
    body = <Reports summary={summary} refreshKey={refreshKey} />;
  }

  return (
    <Content {...root}>
      <ContentHeader title={t('page.contentTitle')}>
        <div className={classes.actions}>
          {snapshot?.computedAt && (
            <Typography variant="body2" color="textSecondary">
              {t('page.asOf', { time: format.absolute(snapshot.computedAt) })}
            </Typography>
          )}
          {snapshot?.id && (
            <RunSnapshotButton running={running} onClick={snapshotRun.run} />
          )}
          <SupportButton>{t('page.support')}</SupportButton>
        </div>
      </ContentHeader>
      <SnapshotRunAlert
        state={snapshotRun.state}
        onClose={snapshotRun.dismiss}
      />
      {snapshot?.stale &&
        (snapshot.id || snapshot.lastRun?.status === 'failed') && (
          <div className={classes.alert}>
            <WarningPanel
              defaultExpanded
              title={t('page.snapshot.staleTitle')}
              message={snapshot.staleReason ?? t('page.snapshot.staleReason')}
            />
          </div>
        )}
      {body}
    </Content>
  );
}
