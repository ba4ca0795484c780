import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the APIOps plugins. */
  apiops?: {
    /** The catalog-wide snapshot. */
    snapshot?: {
      /**
       * How often to take a snapshot: a duration or a cron expression.
       * Default: every 30 minutes (and once shortly after start-up).
       */
      frequency?: HumanDuration | { cron: string } | string;
      /** How long a snapshot may run. Default: 10 minutes. */
      timeout?: HumanDuration | string;
      /** Delay of the first snapshot after start-up. Default: 10 seconds. */
      initialDelay?: HumanDuration | string;
      /** Days of snapshot summaries kept for the trends. Default: 90. */
      retentionDays?: number;
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
