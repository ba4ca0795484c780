import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Configuration of the APIOps plugins. Every key is optional and read by
   * the backend only; `src/config/` validates them at start-up and refuses
   * unknown keys.
   */
  apiops?: {
    /** The catalog-wide snapshot. */
    snapshot?: {
      /**
       * How often to take a snapshot: a duration or a cron expression.
       * Default: every 30 minutes (and once shortly after start-up).
       */
      frequency?:
        | HumanDuration
        | { cron: string }
        | { trigger: 'manual' }
        | string;
      /** How long a snapshot may run. Default: 10 minutes. */
      timeout?: HumanDuration | string;
      /** Delay of the first snapshot after start-up. Default: 10 seconds. */
      initialDelay?: HumanDuration | string;
      /** Days of snapshot summaries kept for the trends. Default: 90. */
      retentionDays?: number;
      /**
       * Worker threads that parse API definitions during a snapshot, beside
       * the thread that reads the catalog. Only definitions not seen since
       * the backend started are parsed. 0 parses them on the main thread,
       * for debugging: one definition at a time between the backend's
       * requests, without a deadline, and none larger than 256 KB (those
       * get the finding "not analysed"). Default: the number of cores, at
       * most 4.
       */
      parserThreads?: number;
      /**
       * How long a batch of definitions may take on a parser thread. Past it,
       * the thread is stopped: the definition it was on gets the finding
       * "analysis timed out" (kept while the definition is unchanged) and the
       * rest of the batch is analysed at the next snapshot. Default: 1 minute.
       */
      parserBatchTimeout?: HumanDuration | string;
      /**
       * Most definitions whose fragmentation features are kept in the
       * database, so that a restarted backend or another replica does not
       * parse again the definitions already parsed. The daily purge drops
       * those not used within retentionDays, then the least recently used
       * beyond this number. 0 keeps features in memory only (and the purge
       * empties the table). Default: 500000.
       */
      maxStoredDefinitions?: number;
    };
    /** Ownership checks. */
    ownership?: {
      /**
       * Owner names that mean "nobody" (compared case-insensitively on the
       * name part of the ref). Default: unknown, tbd, none, n/a, na, todo,
       * nobody, -, unassigned.
       */
      placeholders?: string[];
    };
    /**
     * Fragmentation detection (see docs/decisions/0004-fragmentation.md).
     * Unknown keys stop the backend at start-up.
     */
    fragmentation?: {
      /** Jaccard similarity of operations from which two APIs are duplicates, in (0, 1]. Default 0.8. */
      duplicateJaccard?: number;
      /** Shared operations needed for a duplicate. Default 1 (minEvidence decides). */
      duplicateMinOperations?: number;
      /** Share of the smaller API contained in the larger one for an overlap, in (0, 1]. Default 0.8. */
      overlapContainment?: number;
      /** Operations the smaller API needs for an overlap. Default 1 (minEvidence decides). */
      overlapMinOperations?: number;
      /** Least weighted evidence for a duplicate or overlap (1 per operation only the two APIs have, less for common ones, twice with matching shapes). Default 3. */
      minEvidence?: number;
      /** Fewest APIs sharing one interface for a family. Default 3. */
      familyMinApis?: number;
      /** Least evidence of a family's interface (1 per operation with the same shapes in every member, 0.5 without shapes). Default 2. */
      familyMinEvidence?: number;
      /** Share of the APIs from which a signature is too common to compare on, in (0, 1]. Default 0.01. */
      stopListShare?: number;
      /** ...but only when it is found in at least this many APIs. Default 20. */
      stopListMinApis?: number;
      /** Signatures always ignored. Default: `GET /health`, `GET /healthz`, `GET /metrics` and the like. */
      stopSignatures?: string[];
      /**
       * Longest posting list of the inverted index probed for candidates;
       * APIs beyond it are left to MinHash/LSH. Default 1000.
       */
      maxPostingSize?: number;
      /** MinHash/LSH bands (bands × rows at most 1024). Default 16. */
      lshBands?: number;
      /** MinHash/LSH rows per band. Default 4. */
      lshRows?: number;
      /** LSH buckets with more APIs than this are skipped. Default 100. */
      maxBucketSize?: number;
      /** Live versions of one API allowed before it is version sprawl. Default 2. */
      maxLiveVersions?: number;
      /** Lifecycles of versions that no longer count as live. Default: deprecated, retired, sunset, decommissioned. */
      retiredLifecycles?: string[];
      /** Where style inconsistencies are looked for. Default [system]. */
      styleScopes?: Array<'system' | 'domain'>;
      /**
       * Share, in (0, 1], of a scope's REST APIs with a clear path casing (or
       * versioning scheme) that the most common one needs to be the scope's
       * convention; the APIs that break it are style inconsistencies. Default 0.5.
       */
      styleConventionShare?: number;
      /** Most shared operations listed per cluster. Default 50. */
      maxSharedOperations?: number;
    };
    /**
     * Notifications to the owners of APIs after each snapshot, through
     * Backstage's notifications service (docs/campaigns.md). They need
     * `@backstage/plugin-notifications-backend` in the backend; without it,
     * set `enabled: false`, or each snapshot logs that they could not be
     * sent.
     */
    notifications?: {
      /** Whether to tell owners anything. Default: true. */
      enabled?: boolean;
      /**
       * The group told about APIs with no valid owner (none, a placeholder,
       * a person, a group that does not exist or has no members), e.g.
       * `group:default/platform-team`. Without it, nobody is told about
       * them.
       */
      platformTeam?: string;
    };
    /**
     * The definition evidence: the method's audit checklist on OpenAPI
     * definitions and what modules add (the lint module's Spectral). Only
     * changed definitions are checked, by a task of its own, in the
     * background of the snapshot (docs/reliability.md, "Definition
     * evidence").
     */
    evidence?: {
      /** How often the backlog task runs. Default: every 10 minutes. */
      frequency?:
        | HumanDuration
        | { cron: string }
        | { trigger: 'manual' }
        | string;
      /** How long a run of the task may take. Default: 15 minutes. */
      timeout?: HumanDuration | string;
      /** Delay of the first run after start-up. Default: 1 minute. */
      initialDelay?: HumanDuration | string;
      /**
       * Time a run takes definitions from the backlog; the rest waits for
       * the next run, and the coverage says how far it got. Default: 5
       * minutes.
       */
      budget?: HumanDuration | string;
      /** Worker threads checking definitions. Default: 1. */
      threads?: number;
      /**
       * Time one definition may take on a thread; past it the thread is
       * stopped and the API gets one finding (tried again after a day).
       * Default: 30 seconds.
       */
      definitionTimeout?: HumanDuration | string;
      /** Heap of a worker thread, in MB. Default: 512. */
      maxHeapMb?: number;
      /** Whether the method's audit checklist is evaluated. Default: true. */
      audit?: boolean;
    };
    /**
     * The change detection of each snapshot: every API whose definition
     * changed is compared with its previous definition (docs/changes.md).
     */
    changes?: {
      /** Whether the snapshots detect changes. Default: true. */
      enabled?: boolean;
      /** Worker threads comparing definitions. Default: 1. */
      threads?: number;
      /**
       * Time one comparison may take on a thread; past it the change is
       * recorded with a problem. Default: 20 seconds.
       */
      definitionTimeout?: HumanDuration | string;
      /**
       * Time a snapshot compares definitions for; the rest is compared by
       * the next snapshot. At most a third of `apiops.snapshot.timeout`.
       * Default: 5 minutes.
       */
      budget?: HumanDuration | string;
      /** Heap of a worker thread, in MB. Default: 512. */
      maxHeapMb?: number;
      /** Changes kept per change event (all are counted). Default: 200. */
      maxChangesPerEvent?: number;
      /** Change events kept per API, besides the retention. Default: 200. */
      maxEventsPerApi?: number;
      /**
       * What a major version change of `info.version` is, for the rule
       * `breaking-change-without-major-version`: `semver` (the first
       * number grows; the second for 0.x), `any-change`, or `off` (no
       * check). Default: semver.
       */
      versionSemantics?: 'semver' | 'any-change' | 'off';
      /** Severity of each change rule, or `off`. */
      rules?: {
        'breaking-change-without-major-version'?:
          | 'error'
          | 'warning'
          | 'info'
          | 'off';
        'operation-removed-without-deprecation'?:
          | 'error'
          | 'warning'
          | 'info'
          | 'off';
        'sunset-passed-with-consumers'?: 'error' | 'warning' | 'info' | 'off';
      };
    };
    /** Governance rules. */
    governance?: {
      /** Per rule id: disable it, change its severity, or set its options. */
      rules?: {
        [ruleId: string]: {
          enabled?: boolean;
          severity?: 'error' | 'warning' | 'info';
          /** Options of the rule, see docs/rules.md. */
          options?: { [name: string]: unknown };
        };
      };
    };
  };
}
