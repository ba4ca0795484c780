import type {
  ApiChangeEvent,
  ChangeClass,
  EntityRefKey,
  GovernanceFinding,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import type { DefinitionFacts } from '../changes/types';

/**
 * The definition an API had at the latest snapshot that compared it.
 *
 * @internal
 */
export interface ChangeHead {
  entityRef: EntityRefKey;
  definitionHash: string;
  /** When the change detection first saw the API. */
  baselineAt: string;
  /** When its latest change was found. */
  changedAt?: string;
  /** The findings of the change that led to this definition. */
  findings: GovernanceFinding[];
}

/**
 * A definition kept to compare the next one against.
 *
 * @internal
 */
export interface StoredDefinition {
  hash: string;
  type: string;
  text: string;
  facts: DefinitionFacts;
}

/**
 * A change event to store (the store gives it its id).
 *
 * @internal
 */
export type NewChangeEvent = Omit<ApiChangeEvent, 'id'>;

/**
 * A query of the change events.
 *
 * @internal
 */
export interface ChangeEventQuery {
  entityRef?: EntityRefKey;
  /** The owners (a group and its descendants); none: any. */
  owners?: EntityRefKey[];
  system?: EntityRefKey;
  class?: ChangeClass;
  since?: Date;
  snapshotId?: string;
  limit: number;
  cursor?: string;
}

/**
 * Where the change detection keeps its definitions, heads and events.
 *
 * @internal
 */
export interface ChangeStore {
  getHeads(refs: readonly EntityRefKey[]): Promise<Map<string, ChangeHead>>;
  /** Definitions by hash, decompressed. */
  getDefinitions(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinition>>;
  /** The facts of definitions by hash (no text read). */
  getFacts(
    hashes: readonly string[],
  ): Promise<Map<string, StoredDefinition['facts']>>;
  /**
   * Writes in one transaction: the definitions (those stored already are
   * left), the heads (replaced), the events.
   */
  write(batch: {
    definitions: readonly StoredDefinition[];
    heads: readonly ChangeHead[];
    events: readonly NewChangeEvent[];
  }): Promise<void>;
  /** Change events, newest first. */
  listEvents(query: ChangeEventQuery): Promise<ReportPage<ApiChangeEvent>>;
  /**
   * Drops the heads of APIs not in the current snapshot's results, then the
   * definitions no head refers to. Resolves to the definitions dropped.
   */
  prune(): Promise<number>;
  /**
   * Drops the events found before `before`, and those beyond the newest
   * `maxPerApi` of an API. Resolves to how many went.
   */
  purgeEvents(options: { before: Date; maxPerApi: number }): Promise<number>;
  /** The owner refs an owner filter stands for (a group and its descendants). */
  ownerRefsOf(owner: EntityRefKey): Promise<EntityRefKey[]>;
  /** Definitions stored: count, characters and compressed bytes. */
  getStorage(): Promise<{
    definitions: number;
    textLength: number;
    storedBytes: number;
    events: number;
  }>;
}
