import { Fragment, ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { SnapshotInfo } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { Timestamp } from '../EntityApiOpsCommon';

/**
 * When the next scheduled snapshot starts, in words: in how long, or that
 * it is due; nothing when the schedule gives no time (cron, manual).
 */
export function NextSnapshot(props: {
  /** `nextRunAt` of the snapshot info (ISO 8601). */
  at?: string;
}) {
  const { at } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (!at) {
    return null;
  }
  return Date.parse(at) <= Date.now() ? (
    <>{t('freshness.nextSnapshotDue')}</>
  ) : (
    <>
      {t('freshness.nextSnapshot', {
        time: <Timestamp time={at} variant="relative" />,
      })}
    </>
  );
}

/**
 * One line saying when the data of a section of reports was computed: the
 * snapshot it comes from, the latest refresh of one API applied since
 * (`refreshedAt`, of the section's own data when given, else of the whole
 * results), and when the next snapshot is expected.
 */
export function SnapshotFreshness(props: {
  snapshot?: SnapshotInfo;
  /**
   * The latest refresh of one API that changed this section's data: a time,
   * or `false` for data no refresh changes (fragmentation) or that none
   * changed; by default the latest refresh of the whole results.
   */
  refreshedAt?: string | false;
  className?: string;
}) {
  const { snapshot, className } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const refreshedAt =
    props.refreshedAt === undefined
      ? snapshot?.lastRefreshAt
      : props.refreshedAt || undefined;
  const parts: ReactNode[] = [];
  if (snapshot?.computedAt) {
    parts.push(
      t('freshness.snapshotTaken', {
        time: <Timestamp time={snapshot.computedAt} variant="relative" />,
      }),
    );
  } else {
    parts.push(t('freshness.noSnapshot'));
  }
  if (refreshedAt) {
    parts.push(
      t('freshness.refreshedSince', {
        time: <Timestamp time={refreshedAt} variant="relative" />,
      }),
    );
  }
  if (snapshot?.nextRunAt) {
    parts.push(<NextSnapshot at={snapshot.nextRunAt} />);
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      className={className}
      data-testid="apiops-freshness"
    >
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && ' · '}
          {part}
        </Fragment>
      ))}
    </Typography>
  );
}
