import { ChangeEvent, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CHANGE_CLASSES,
  type ApiChangeEvent,
  type ChangeClass,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { apiopsTranslationRef } from '../../translation';
import { Timestamp } from '../EntityApiOpsCommon';
import { useApiOpsTabLink } from '../FragmentationPanel/FragmentationParts';
import {
  ReportColumn,
  ReportTable,
  ReportToolbar,
  useReportPages,
} from '../ReportTable';
import { ChangeClassChip } from './ChangeClassChip';
import { useVersionText } from './ChangeEventItem';
import { countedClasses } from './changeOrder';
import {
  ALL_CLASSES,
  CHANGE_CLASS_FILTERS,
  CHANGES_URL,
  ChangeClassFilter,
  changeReportQuery,
  DEFAULT_CHANGE_CLASS,
} from './changeReportUrl';

/** Rows per page of the changes report. */
export const CHANGES_PAGE_SIZE = 20;

/** The name of the downloaded CSV file. */
export const CHANGES_CSV_FILENAME = 'apiops-changes.csv';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  versions: {
    display: 'block',
    color: theme.palette.text.secondary,
  },
  since: {
    minWidth: 170,
  },
}));

/**
 * The change events across the catalog, newest first: the breaking ones by
 * default, filterable by class, the API's owner and system and a first day
 * (all kept in the page URL), each with its API, when it was found, its
 * changes by class and how many consumers it affects; paged on the server
 * and downloadable as CSV with the same filters.
 */
export function ChangesReport(props: {
  /** Changes whenever the reports should be fetched again. */
  refreshKey?: number;
}) {
  const { refreshKey = 0 } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const { t: tPage } = useTranslationRef(apiopsTranslationRef);
  const tabLink = useApiOpsTabLink();
  const versionText = useVersionText();

  const [params, setParams] = useSearchParams();
  const sinceParam = params.get(CHANGES_URL.since) ?? '';
  const sinceDay = DAY.test(sinceParam) ? sinceParam : '';
  const report = useReportPages<ChangeClassFilter, ApiChangeEvent>({
    urlPrefix: CHANGES_URL.prefix,
    urlTypeName: CHANGES_URL.typeName,
    types: CHANGE_CLASS_FILTERS,
    refreshKey,
    pageSize: CHANGES_PAGE_SIZE,
    toQuery: filters =>
      changeReportQuery({
        classFilter: filters.types?.[0],
        owner: filters.owner,
        system: filters.system,
        sinceDay,
      }),
    fetchPage: (query, page) => apiopsApi.listChanges(query, page),
    fetchCsv: query => apiopsApi.downloadChangesCsv(query),
    csvFilename: CHANGES_CSV_FILENAME,
  });
  const classFilter = report.filters.types?.[0] ?? DEFAULT_CHANGE_CLASS;

  const changeSince = useCallback(
    (day: string) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (DAY.test(day)) next.set(CHANGES_URL.since, day);
          else next.delete(CHANGES_URL.since);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // Stable columns: Material Table resets its state when they change.
  const columns = useMemo<ReportColumn<ApiChangeEvent>[]>(
    () => [
      {
        title: t('report.columns.api'),
        width: '26%',
        cellStyle: { minWidth: 180, overflowWrap: 'anywhere' },
        render: event => {
          const versions = versionText(event);
          return (
            <>
              <Link to={tabLink(event.entityRef)}>
                {event.title || event.entityRef}
              </Link>
              {versions && (
                <Typography variant="caption" className={classes.versions}>
                  {versions}
                </Typography>
              )}
            </>
          );
        },
      },
      {
        title: t('report.columns.detected'),
        fold: true,
        cellStyle: { minWidth: 140 },
        render: event => (
          <Timestamp time={event.detectedAt} variant="relative" />
        ),
      },
      {
        title: t('report.columns.changes'),
        cellStyle: { minWidth: 170 },
        render: event => (
          <div className={classes.chips}>
            {countedClasses(event.counts).map(({ changeClass, count }) => (
              <ChangeClassChip
                key={changeClass}
                changeClass={changeClass}
                count={count}
              />
            ))}
          </div>
        ),
      },
      {
        title: t('report.columns.consumers'),
        type: 'numeric',
        cellStyle: { minWidth: 90 },
        // The column's title names the number for assistive technology.
        render: event => event.consumers?.length ?? 0,
      },
      {
        title: t('report.columns.owner'),
        fold: true,
        cellStyle: { minWidth: 150, overflowWrap: 'anywhere' },
        render: event =>
          event.owner ? (
            <EntityRefLink entityRef={event.owner} defaultKind="group" />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('report.noOwner')}
            </Typography>
          ),
      },
      {
        title: t('report.columns.system'),
        fold: true,
        cellStyle: { minWidth: 150 },
        render: event =>
          event.system ? (
            <EntityRefLink entityRef={event.system} defaultKind="system" />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {t('report.noSystem')}
            </Typography>
          ),
      },
    ],
    [t, classes, tabLink, versionText],
  );

  const { value, loading, error, pageIndex, next, previous } = report.page;
  return (
    <>
      <ReportToolbar<ChangeClass>
        idPrefix="apiops-change"
        types={CHANGE_CLASSES}
        labels={{
          type: t('report.classFilter'),
          anyType: t('report.anyClass'),
          typeOption: changeClass => t(`classes.${changeClass}`),
          owner: t('report.ownerFilter'),
          system: t('report.systemFilter'),
          refHelp: example => t('report.refHelp', { example }),
          download: t('report.download'),
          downloadError: message => t('report.downloadError', { message }),
        }}
        report={{
          csv: report.csv,
          inputs: {
            ...report.inputs,
            types: classFilter === ALL_CLASSES ? [] : [classFilter],
          },
          changeInputs: change =>
            report.changeInputs({
              ...change,
              // No class picked: every class (the default is breaking).
              types:
                change.types &&
                (change.types.length ? change.types : [ALL_CLASSES]),
            }),
        }}
      >
        <TextField
          id="apiops-change-since"
          className={classes.since}
          type="date"
          variant="outlined"
          size="small"
          label={t('report.sinceFilter')}
          value={sinceDay}
          InputLabelProps={{ shrink: true }}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            changeSince(event.target.value)
          }
        />
      </ReportToolbar>
      <ReportTable<ApiChangeEvent>
        columns={columns}
        rows={value?.items ?? []}
        loading={loading}
        error={error}
        emptyMessage={t('report.empty')}
        rowId={event => event.id}
        paging={{
          type: 'cursor',
          next,
          previous,
          pageLabel: tPage('page.pageNumber', { page: String(pageIndex + 1) }),
        }}
        options={{ sorting: false }}
      />
    </>
  );
}
