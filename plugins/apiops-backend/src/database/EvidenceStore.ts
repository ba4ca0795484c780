import type {
  DefinitionEvidence,
  EntityRefKey,
  GovernanceFinding,
  LintReportRow,
  LintTeamRow,
  ReportPage,
  SeverityCounts,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * How long a failed check (a check that stopped, timed out or could not
 * start, or an API whose own ruleset could not be read) is kept before the
 * definition is checked again.
 *
 * @internal
 */
export const EVIDENCE_RETRY_MS = 24 * 60 * 60 * 1000;

/**
 * The evidence of one provider about one definition, as stored.
 *
 * @internal
 */
export interface StoredEvidence {
  providerId: string;
  key: string;
  evidence: DefinitionEvidence;
  counts: SeverityCounts;
  /** When it was checked (ISO 8601). */
  checkedAt: string;
  /** Past its expiry: it still counts, and the definition is queued again. */
  expired: boolean;
}

/**
 * What the snapshot reads of the evidence of a definition: the governance
 * findings it adds to an API, not the whole evidence.
 *
 * @internal
 */
export interface EvidenceSummary {
  findings: GovernanceFinding[];
  expired: boolean;
}

/**
 * One row of the evidence index: which definition (evidence key) one API has
 * for one provider in the latest snapshot, and whether it waits to be checked.
 *
 * @internal
 */
export interface EvidenceIndexRow {
  providerId: string;
  /** Lower-case entity ref (an entity ref key). */
  entityRef: string;
  key: string;
  title?: string;
  ownerRef?: string;
  systemRef?: string;
  /** Since when it waits in the backlog (epoch ms); undefined: its evidence is there. */
  queuedAt?: number;
}

/**
 * Filters of `GET /reports/lint`.
 *
 * @internal
 */
export interface LintReportQuery {
  providerIds?: string[];
  /** Owner refs, any of them (see {@link EvidenceStore.ownerRefsOf}). */
  owners?: EntityRefKey[];
  system?: EntityRefKey;
  /** APIs with at least one finding of this severity. */
  severity?: 'error' | 'warning' | 'info';
  /** APIs with findings of this rule. */
  rule?: string;
  state?: 'checked' | 'queued';
  limit: number;
  cursor?: string;
}

/**
 * Where the evidence of the definition evidence providers is kept: the
 * evidence by provider and key (of the definition and the provider's
 * settings), and the index of the latest snapshot's APIs per provider, which
 * is also the backlog.
 *
 * @internal
 */
export interface EvidenceStore {
  /** The governance findings of the evidence of these keys, by `providerId\0key`. */
  getSummaries(
    entries: ReadonlyArray<{ providerId: string; key: string }>,
  ): Promise<Map<string, EvidenceSummary>>;

  /** The whole evidence of one key. */
  get(providerId: string, key: string): Promise<StoredEvidence | undefined>;

  /**
   * Keeps the evidence of a key (replacing any), and takes the index rows of
   * `entityRefs` out of the backlog where they still have that key. The
   * rows are named rather than found by key: an index on the key would make
   * every snapshot's index write land at random places of a B-tree.
   */
  put(
    providerId: string,
    key: string,
    evidence: DefinitionEvidence,
    options: {
      checkedAt: Date;
      expiresAt?: Date;
      findings: GovernanceFinding[];
      entityRefs: readonly string[];
    },
  ): Promise<void>;

  /**
   * Takes the index rows of `entityRefs` out of the backlog where they still
   * have `key`: its evidence is there already (another API shares the
   * definition).
   */
  dequeue(
    providerId: string,
    key: string,
    entityRefs: readonly string[],
  ): Promise<void>;

  /** The index rows of these APIs, for every provider. */
  getIndexRows(entityRefs: readonly string[]): Promise<EvidenceIndexRow[]>;

  /** Writes index rows (insert or replace) and deletes others. */
  writeIndex(
    upserts: readonly EvidenceIndexRow[],
    deletes: ReadonlyArray<{ providerId: string; entityRef: string }>,
  ): Promise<void>;

  /**
   * Deletes the index rows of APIs that the current snapshot results do
   * not have, and of providers not in `providerIds`. Returns how many.
   */
  pruneIndex(providerIds: readonly string[]): Promise<number>;

  /**
   * Deletes the evidence no API of the index uses that was checked before
   * `checkedBefore`, and the evidence of providers not in `providerIds`.
   */
  pruneEvidence(options: {
    checkedBefore: Date;
    providerIds: readonly string[];
  }): Promise<number>;

  /** The APIs waiting in a provider's backlog, the longest waiting first, after `after`. */
  listQueued(
    providerId: string,
    options: { limit: number; after?: { queuedAt: number; entityRef: string } },
  ): Promise<EvidenceIndexRow[]>;

  /** Per provider: the APIs of the index and those in the backlog. */
  getCoverage(): Promise<
    Array<{ providerId: string; total: number; queued: number }>
  >;

  /** A page of the lint report. */
  listReport(query: LintReportQuery): Promise<ReportPage<LintReportRow>>;

  /**
   * The owner refs an owner filter stands for: the owner and, for a group,
   * its descendant groups that own APIs in the latest snapshot.
   */
  ownerRefsOf(owner: EntityRefKey): Promise<EntityRefKey[]>;

  /** Lint and audit counts per owner of the index, for these owners (all when undefined). */
  listTeams(
    providerId: string,
    options: { owners?: readonly string[]; auditProviderId?: string },
  ): Promise<LintTeamRow[]>;
}
