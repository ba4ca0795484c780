import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ApiConsumer,
  ApiSnapshotResult,
  EntityRefKey,
  GovernanceFinding,
  entityRefKey,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type {
  ChangeHead,
  ChangeStore,
  NewChangeEvent,
  StoredDefinition,
} from '../database/ChangeStore';
import type { ChangeDiffer } from './ChangeDiffer';
import {
  ChangeRuleSeverities,
  VersionSemantics,
  changeFindings,
  sunsetFindings,
} from './changeFindings';
import { emptyCounts } from './diffDefinitions';
import type { DefinitionDiff, DefinitionFacts } from './types';

/** Definitions gathered before they are written (their text is large). */
const FLUSH_DEFINITIONS = 200;

/** What one run of the change detection is told to do. @internal */
export interface ChangeRunSettings {
  maxChangesPerEvent: number;
  versionSemantics: VersionSemantics;
  severities?: ChangeRuleSeverities;
  /** When the run stops comparing (the rest waits for the next snapshot). */
  deadline: number;
  /**
   * Comparisons handed to the threads at a time (the rest wait here), so
   * that the deadline is checked before each one starts.
   */
  concurrency: number;
}

/** One API of a page, as the change detection found it. */
interface PageItemBase {
  entityRef: EntityRefKey;
  hash: string;
  type: string;
  head?: ChangeHead;
  /** The facts of the definition the findings go by. */
  facts?: DefinitionFacts;
  diff?: DefinitionDiff;
  problem?: string;
  /** The findings of the change that led to the current definition. */
  findings: GovernanceFinding[];
}

/**
 * `unchanged`: the same hash as before (nothing read); `deferred`: changed
 * or new but not compared in this run (budget, no thread), left for the
 * next one. Neither keeps the definition's text, so that a page waiting to
 * be evaluated holds only that of the definitions to write.
 */
interface PageItemNotWritten extends PageItemBase {
  state: 'unchanged' | 'deferred';
  text?: undefined;
}

/**
 * `baseline`: first sight; `changed`: compared. Both keep the definition's
 * text until `record` hands it to the store.
 */
interface PageItemWritten extends PageItemBase {
  state: 'baseline' | 'changed';
  text: string;
}

type PageItem = PageItemNotWritten | PageItemWritten;

function isWritten(item: PageItem | undefined): item is PageItemWritten {
  return item?.state === 'baseline' || item?.state === 'changed';
}

/** An item as it was read: its definition's text with it. */
type ReadItem = Pick<
  PageItemWritten,
  'entityRef' | 'hash' | 'type' | 'head' | 'text'
>;

/** The change detection's view of a page of the snapshot. @internal */
export interface ChangePage {
  items: Array<PageItem | undefined>;
}

/** What a run did, for the log. */
interface Tally {
  baseline: number;
  changed: number;
  breaking: number;
  deferred: number;
  stopped: number;
}

/**
 * The change detection of one snapshot run, beside the definition evidence:
 * per page, the APIs whose definition hash differs from the one stored are
 * compared on worker threads with the stored previous definition (an
 * unchanged hash costs one row read, no parse); first sights are the
 * baseline (stored, no event). The findings join the APIs' governance
 * findings; the new definitions, heads and events are written in the
 * background, in page order. A failure of the store is logged once and
 * costs the run its change detection, never the run.
 *
 * @internal
 */
export class ChangeRun {
  private writes: Promise<void> = Promise.resolve();
  /** Comparisons running, and those waiting for a slot. */
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private warned = false;
  private definitions: StoredDefinition[] = [];
  private heads: ChangeHead[] = [];
  private events: NewChangeEvent[] = [];
  private readonly tally: Tally = {
    baseline: 0,
    changed: 0,
    breaking: 0,
    deferred: 0,
    stopped: 0,
  };

  constructor(
    private readonly snapshotId: string,
    private readonly store: ChangeStore,
    private readonly differ: ChangeDiffer,
    private readonly settings: ChangeRunSettings,
    private readonly logger: LoggerService,
  ) {}

  /** Compares the page's changed definitions; reads nothing else of the unchanged. */
  async lookup(
    entities: readonly Entity[],
    hashes: ReadonlyArray<string | undefined>,
  ): Promise<ChangePage> {
    try {
      return await this.lookupPage(entities, hashes);
    } catch (error) {
      this.warn(error);
      return { items: entities.map(() => undefined) };
    }
  }

  private async lookupPage(
    entities: readonly Entity[],
    hashes: ReadonlyArray<string | undefined>,
  ): Promise<ChangePage> {
    const refs = entities.map(entity => entityRefKey(entity));
    const heads = await this.store.getHeads(refs);
    const known = [...heads.values()].map(head => head.definitionHash);
    const facts =
      known.length > 0 ? await this.store.getFacts(known) : new Map();
    const changedHashes = entities.flatMap((_, i) => {
      const head = heads.get(refs[i]);
      return head &&
        hashes[i] !== undefined &&
        head.definitionHash !== hashes[i]
        ? [head.definitionHash]
        : [];
    });
    const previous =
      changedHashes.length > 0 && Date.now() < this.settings.deadline
        ? await this.store.getDefinitions(changedHashes)
        : new Map<string, StoredDefinition>();
    const items = await Promise.all(
      entities.map(async (entity, i): Promise<PageItem | undefined> => {
        const hash = hashes[i];
        const text = entity.spec?.definition;
        if (hash === undefined || typeof text !== 'string') return undefined;
        const type = String(entity.spec?.type ?? '').toLocaleLowerCase('en-US');
        const head = heads.get(refs[i]);
        const base = { entityRef: refs[i], hash, type, head };
        const headFacts = head ? facts.get(head.definitionHash) : undefined;
        if (head && head.definitionHash === hash) {
          return {
            ...base,
            state: 'unchanged',
            facts: headFacts,
            findings: head.findings,
          };
        }
        const deferred: PageItem = {
          ...base,
          state: 'deferred',
          facts: headFacts,
          findings: head?.findings ?? [],
        };
        await this.acquire();
        try {
          if (Date.now() >= this.settings.deadline || this.differ.broken) {
            this.tally.deferred += 1;
            return deferred;
          }
          return await this.compare(
            { ...base, text },
            head,
            deferred,
            previous,
          );
        } finally {
          this.release();
        }
      }),
    );
    return { items };
  }

  /** Takes one of the comparison slots, waiting for one if need be. */
  private async acquire(): Promise<void> {
    if (this.active < Math.max(1, this.settings.concurrency)) {
      this.active += 1;
      return;
    }
    await new Promise<void>(resolve => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting comparison, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  /** A first sight described, or a changed definition compared. */
  private async compare(
    base: ReadItem,
    head: ChangeHead | undefined,
    deferred: PageItem,
    previous: Map<string, StoredDefinition>,
  ): Promise<PageItem> {
    const { type, text } = base;
    if (!head) {
      const described = await this.differ.describe(type, text);
      if (described.kind === 'unavailable') {
        this.tally.deferred += 1;
        return deferred;
      }
      this.tally.baseline += 1;
      return {
        ...base,
        state: 'baseline',
        facts:
          described.kind === 'done'
            ? described.value
            : { deprecations: [], problem: described.problem },
        findings: [],
      };
    }
    const before = previous.get(head.definitionHash);
    if (!before) {
      if (Date.now() >= this.settings.deadline) {
        this.tally.deferred += 1;
        return deferred;
      }
      return this.changedItem(base, {
        problem:
          'the previous definition is no longer stored, so the definitions could not be compared',
      });
    }
    const outcome = await this.differ.diff(before.type, before.text, text, {
      maxChanges: this.settings.maxChangesPerEvent,
    });
    if (outcome.kind === 'unavailable') {
      this.tally.deferred += 1;
      return deferred;
    }
    return this.changedItem(
      base,
      outcome.kind === 'done'
        ? { diff: outcome.value }
        : { problem: outcome.problem, before: before.facts },
    );
  }

  private changedItem(
    base: ReadItem,
    outcome: {
      diff?: DefinitionDiff;
      problem?: string;
      before?: DefinitionFacts;
    },
  ): PageItem {
    this.tally.changed += 1;
    const { diff } = outcome;
    const problem = outcome.problem ?? diff?.problem;
    if (problem) this.tally.stopped += 1;
    if (diff && diff.counts.breaking > 0) this.tally.breaking += 1;
    return {
      ...base,
      state: 'changed',
      diff,
      problem,
      facts: diff?.after ?? { deprecations: [] },
      findings:
        diff && !diff.problem
          ? changeFindings(diff, {
              semantics: this.settings.versionSemantics,
              severities: this.settings.severities,
            })
          : [],
    };
  }

  /** The change findings of the `i`th API of a page. */
  findingsOf(
    page: ChangePage | undefined,
    i: number,
    consumers: number,
    now: Date,
  ): GovernanceFinding[] {
    const item = page?.items[i];
    if (!item) return [];
    return [
      ...item.findings,
      ...sunsetFindings(
        item.facts?.deprecations ?? [],
        consumers,
        now,
        this.settings.severities,
      ),
    ];
  }

  /**
   * Records a page once its APIs are evaluated: the new definitions, the
   * heads and the change events (with the consumers), in the background.
   */
  record(
    page: ChangePage | undefined,
    results: readonly ApiSnapshotResult[],
    consumersOf: (i: number) => ApiConsumer[],
    now: Date,
  ): void {
    if (!page) return;
    page.items.forEach((item, i) => {
      if (!isWritten(item)) {
        return;
      }
      const result = results[i];
      this.definitions.push({
        hash: item.hash,
        type: item.type,
        text: item.text,
        facts: item.facts ?? { deprecations: [] },
      });
      const changedAt =
        item.state === 'changed' ? now.toISOString() : item.head?.changedAt;
      this.heads.push({
        entityRef: item.entityRef,
        definitionHash: item.hash,
        baselineAt: item.head?.baselineAt ?? now.toISOString(),
        ...(changedAt ? { changedAt } : {}),
        findings: item.findings,
      });
      if (item.state !== 'changed' || !item.head) return;
      const diff = item.diff;
      const owner = tryEntityRefKey(result?.owner.ref);
      const system = tryEntityRefKey(result?.system, { defaultKind: 'system' });
      const fromVersion = diff?.before.version;
      const toVersion = diff?.after.version;
      this.events.push({
        entityRef: item.entityRef,
        ...(result?.title ? { title: result.title } : {}),
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
        snapshotId: this.snapshotId,
        detectedAt: now.toISOString(),
        fromHash: item.head.definitionHash,
        toHash: item.hash,
        ...(fromVersion ? { fromVersion } : {}),
        ...(toVersion ? { toVersion } : {}),
        counts: diff && !diff.problem ? diff.counts : emptyCounts(),
        changes: diff && !diff.problem ? diff.changes : [],
        changeCount: diff && !diff.problem ? diff.changeCount : 0,
        consumers: consumersOf(i),
        ...(item.problem ? { problem: item.problem } : {}),
      });
    });
    if (this.definitions.length >= FLUSH_DEFINITIONS) this.flush();
  }

  private flush() {
    const batch = {
      definitions: this.definitions,
      heads: this.heads,
      events: this.events,
    };
    this.definitions = [];
    this.heads = [];
    this.events = [];
    if (batch.heads.length === 0) return;
    this.writes = this.writes.then(() =>
      this.store.write(batch).catch(error => this.warn(error)),
    );
  }

  /**
   * Ends a stored snapshot: writes what is gathered, drops the heads of
   * APIs gone and the definitions no API refers to, and logs what it did.
   */
  async complete(): Promise<void> {
    this.flush();
    await this.writes;
    await this.differ.close();
    try {
      const pruned = await this.store.prune();
      const { baseline, changed, breaking, deferred, stopped } = this.tally;
      if (baseline + changed + deferred + pruned > 0) {
        this.logger.info(
          `Change detection of snapshot ${
            this.snapshotId
          }: baselined ${baseline} API(s), found ${changed} changed definition(s) (${breaking} with breaking changes${
            stopped ? `, ${stopped} not comparable` : ''
          })${
            deferred
              ? `; ${deferred} left for the next snapshot (work budget)`
              : ''
          }; ${pruned} stored definition(s) no API refers to pruned`,
        );
      }
    } catch (error) {
      this.warn(error);
    }
  }

  /** Ends a failed run: the writes already started finish. */
  async abandon(): Promise<void> {
    this.flush();
    await this.writes;
    await this.differ.close();
  }

  private warn(error: unknown) {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Could not read or write the change history (${
        error instanceof Error ? error.message : String(error)
      }); this snapshot goes on without it`,
    );
  }
}
