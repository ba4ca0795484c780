import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  APIOPS_LABELS,
  APIOPS_PLUGIN_ID,
  ApiLabelGroup,
  apiLabelsSchema,
} from '@apiops-backstage/plugin-apiops-common';

/** How long one read of the labels may take. */
const FETCH_TIMEOUT_MS = 60_000;

/** The labels of one API: `apiops/*` key → value. */
export type ApiOpsLabelValues = Readonly<Record<string, string>>;

/** What one refresh of the cache found. */
export interface ApiOpsLabelRefresh {
  /** Whether the plugin answered something new (not a 304). */
  updated: boolean;
  /**
   * The refs (lower case) whose labels differ from the previous answer;
   * empty on the first answer and when nothing changed.
   */
  changed: string[];
}

interface CachedLabels {
  /** Identifies the combination of values: equal keys, equal labels. */
  key: string;
  labels: ApiOpsLabelValues;
}

/**
 * The APIOps labels of every API, in memory: read in bulk from the APIOps
 * backend plugin (`GET /api/apiops/reports/labels`) with the catalog's own
 * service credentials, and revalidated with the `ETag` of the previous
 * answer, so an unchanged answer costs a 304. One read at a time. When the
 * plugin cannot be reached or answers an error, the last answer is kept and
 * a warning is logged once until it answers again.
 *
 * @internal
 */
export class ApiOpsLabelCache {
  private byRef: Map<string, CachedLabels> | undefined;
  private etag: string | undefined;
  private inFlight: Promise<ApiOpsLabelRefresh> | undefined;
  private failing = false;
  private attempted = false;
  private firstAttemptDone = false;
  private readonly firstAttempt: Promise<void>;
  private settleFirstAttempt: () => void = () => {};

  private constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
    private readonly logger: LoggerService,
    private readonly fetch: typeof globalThis.fetch,
  ) {
    this.firstAttempt = new Promise(resolve => {
      this.settleFirstAttempt = resolve;
    });
  }

  static create(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    logger: LoggerService;
    /** The global `fetch` unless given. */
    fetch?: typeof globalThis.fetch;
  }): ApiOpsLabelCache {
    return new ApiOpsLabelCache(
      options.auth,
      options.discovery,
      options.logger,
      options.fetch ?? globalThis.fetch,
    );
  }

  /** The labels of an API by its lower-case ref; undefined when unknown. */
  get(entityRefKey: string): ApiOpsLabelValues | undefined {
    return this.byRef?.get(entityRefKey)?.labels;
  }

  /** Whether an answer has been read (it may be old). */
  get loaded(): boolean {
    return this.byRef !== undefined;
  }

  /**
   * Resolves once the first read has succeeded or failed, or after the
   * time given, whichever comes first; starts the read if none has. At
   * once after that: later reads are the schedule's.
   */
  async waitForFirstRead(timeoutMs: number): Promise<void> {
    if (this.firstAttemptDone) {
      return;
    }
    if (!this.attempted) {
      this.refresh();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.firstAttempt,
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * Reads the labels again, unless a read is under way (then its outcome).
   * Never rejects: a failure keeps the previous labels.
   */
  refresh(): Promise<ApiOpsLabelRefresh> {
    if (!this.inFlight) {
      this.attempted = true;
      this.inFlight = this.read()
        .catch(error => {
          if (!this.failing) {
            this.failing = true;
            this.logger.warn(
              `Could not read the APIOps labels from the ${APIOPS_PLUGIN_ID} plugin; ${
                this.byRef
                  ? 'keeping the labels read before'
                  : 'API entities stay without APIOps labels'
              } until it answers: ${error}`,
            );
          }
          return { updated: false, changed: [] };
        })
        .finally(() => {
          this.inFlight = undefined;
          this.firstAttemptDone = true;
          this.settleFirstAttempt();
        });
    }
    return this.inFlight;
  }

  private async read(): Promise<ApiOpsLabelRefresh> {
    const baseUrl = await this.discovery.getBaseUrl(APIOPS_PLUGIN_ID);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: APIOPS_PLUGIN_ID,
    });
    const response = await this.fetch(`${baseUrl}/reports/labels`, {
      headers: {
        authorization: `Bearer ${token}`,
        ...(this.etag && this.byRef ? { 'if-none-match': this.etag } : {}),
      },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (response.status === 304 && this.byRef) {
      this.recovered();
      return { updated: false, changed: [] };
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const parsed = apiLabelsSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(
        `unexpected answer: ${parsed.error.issues
          .slice(0, 3)
          .map(issue => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    const next = new Map<string, CachedLabels>();
    for (const group of parsed.data.groups) {
      const cached = cachedLabelsOf(group);
      for (const ref of group.entityRefs) {
        next.set(ref.toLocaleLowerCase('en-US'), cached);
      }
    }
    const previous = this.byRef;
    this.byRef = next;
    this.etag = response.headers.get('etag') ?? undefined;
    this.recovered();
    return {
      updated: true,
      changed: previous ? changedRefs(previous, next) : [],
    };
  }

  private recovered() {
    if (this.failing) {
      this.failing = false;
      this.logger.info(`Reading the APIOps labels again`);
    }
  }
}

/** The labels of a group, leaving out any value that is no valid label. */
function cachedLabelsOf(group: ApiLabelGroup): CachedLabels {
  const labels: Record<string, string> = {};
  const values: Array<[string, string | undefined]> = [
    [APIOPS_LABELS.station, group.station],
    [APIOPS_LABELS.governance, group.governance],
    [APIOPS_LABELS.ownershipGap, group.ownershipGap],
  ];
  for (const [key, value] of values) {
    if (value && KubernetesValidatorFunctions.isValidLabelValue(value)) {
      labels[key] = value;
    }
  }
  return {
    key: values.map(([, value]) => value ?? '').join('\u0000'),
    labels: Object.freeze(labels),
  };
}

/** The refs whose labels differ, or that are in one map only. */
function changedRefs(
  before: Map<string, CachedLabels>,
  after: Map<string, CachedLabels>,
): string[] {
  const changed: string[] = [];
  for (const [ref, labels] of after) {
    if (before.get(ref)?.key !== labels.key) {
      changed.push(ref);
    }
  }
  for (const ref of before.keys()) {
    if (!after.has(ref)) {
      changed.push(ref);
    }
  }
  return changed;
}
