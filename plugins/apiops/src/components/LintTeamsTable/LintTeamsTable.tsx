import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  EvidenceCoverage,
  LintTeamRow,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { ReportColumn, ReportTable } from '../ReportTable';

/**
 * How far the definition evidence has got, as a sentence per provider:
 * "Spectral lint: 143,000 of 200,000 APIs checked; 57,000 queued".
 */
export function EvidenceCoverageText(props: { coverage: EvidenceCoverage[] }) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <>
      {props.coverage.map(row => (
        <Typography key={row.providerId} variant="body2" color="textSecondary">
          {row.queued > 0
            ? t('lintTeams.coverageQueued', {
                title: row.title,
                checked: row.checked.toLocaleString(),
                total: row.total.toLocaleString(),
                queued: row.queued.toLocaleString(),
              })
            : t('lintTeams.coverage', {
                title: row.title,
                checked: row.checked.toLocaleString(),
                total: row.total.toLocaleString(),
              })}
        </Typography>
      ))}
    </>
  );
}

/**
 * Lint and audit counts per team (the groups owning APIs directly): APIs,
 * linted and queued, errors and warnings, APIs with errors, audit gaps;
 * for one group and its descendants with `owner`, with how far the backlog
 * has got.
 */
export function LintTeamsTable(props: {
  /** A group: its row and those of its descendant groups. */
  owner?: string;
  /** Changes whenever the counts should be fetched again. */
  refreshKey?: number;
}) {
  const { owner, refreshKey = 0 } = props;
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { value, loading, error } = useAsync(async () => {
    const [teams, report] = await Promise.all([
      apiopsApi.listLintTeams({ owner }),
      apiopsApi.listLint({ owner }, { limit: 1 }),
    ]);
    return { teams: teams.items, coverage: report.coverage };
  }, [apiopsApi, owner, refreshKey]);

  const columns = useMemo<ReportColumn<LintTeamRow>[]>(
    () => [
      {
        title: t('lintTeams.columns.team'),
        field: 'groupRef',
        cellStyle: { minWidth: 160 },
        render: row => (
          <EntityRefLink entityRef={row.groupRef} defaultKind="group" />
        ),
      },
      { title: t('lintTeams.columns.apis'), field: 'apis', type: 'numeric' },
      {
        title: t('lintTeams.columns.checked'),
        field: 'checked',
        type: 'numeric',
        fold: true,
      },
      {
        title: t('lintTeams.columns.queued'),
        field: 'queued',
        type: 'numeric',
        fold: true,
      },
      {
        title: t('lintTeams.columns.errors'),
        type: 'numeric',
        customSort: (a, b) => a.counts.error - b.counts.error,
        defaultSort: 'desc',
        render: row => row.counts.error.toLocaleString(),
      },
      {
        title: t('lintTeams.columns.warnings'),
        type: 'numeric',
        customSort: (a, b) => a.counts.warning - b.counts.warning,
        render: row => row.counts.warning.toLocaleString(),
      },
      {
        title: t('lintTeams.columns.apisWithErrors'),
        field: 'apisWithErrors',
        type: 'numeric',
        fold: true,
      },
      {
        title: t('lintTeams.columns.auditGaps'),
        type: 'numeric',
        customSort: (a, b) => a.audit.gap - b.audit.gap,
        render: row => row.audit.gap.toLocaleString(),
      },
      {
        title: t('lintTeams.columns.auditPassed'),
        type: 'numeric',
        fold: true,
        customSort: (a, b) => a.audit.pass - b.audit.pass,
        render: row => row.audit.pass.toLocaleString(),
      },
    ],
    [t],
  );

  return (
    <>
      {value && <EvidenceCoverageText coverage={value.coverage} />}
      <ReportTable<LintTeamRow>
        title={t('lintTeams.title')}
        columns={columns}
        rows={value?.teams ?? []}
        loading={loading}
        error={error}
        emptyMessage={t('lintTeams.empty')}
        paging={{ type: 'local', pageSize: 10, pageSizeOptions: [10, 25, 50] }}
        options={{ draggable: false, thirdSortClick: false }}
      />
    </>
  );
}
