import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  APIOPS_LABELS,
  isApiEntity,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { ApiOpsLabelValues } from './ApiOpsLabelCache';

const LABEL_KEYS: readonly string[] = Object.values(APIOPS_LABELS);

/** How long processing waits for the first read of the labels, at most. */
const FIRST_READ_WAIT_MS = 10_000;

/** Where the processor finds the labels of an API. */
export interface ApiOpsLabelLookup {
  /** The labels of an API by its lower-case ref; undefined when unknown. */
  get(entityRefKey: string): ApiOpsLabelValues | undefined;
  /** Resolves once a first read was tried, or after the time given. */
  waitForFirstRead(timeoutMs: number): Promise<void>;
}

/**
 * Sets the `apiops/station`, `apiops/governance` and `apiops/ownership-gap`
 * labels of API entities from the APIOps results held in memory. Those labels
 * are the module's alone: whatever an entity's source declares under them is
 * dropped, on every kind, so that nobody can put an entity at a station by
 * registering it with the label. It never fails the processing of an entity.
 *
 * @internal
 */
export class ApiOpsLabelProcessor implements CatalogProcessor {
  constructor(private readonly labels: ApiOpsLabelLookup) {}

  getProcessorName(): string {
    return 'ApiOpsLabelProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    const values = isApiEntity(entity)
      ? await this.valuesOf(entity)
      : undefined;
    const declared = entity.metadata.labels ?? {};
    const declaresOwn = LABEL_KEYS.some(key => key in declared);
    if (!values && !declaresOwn) {
      return entity;
    }
    const labels = Object.fromEntries(
      Object.entries(declared).filter(([key]) => !LABEL_KEYS.includes(key)),
    );
    Object.assign(labels, values);
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        labels: Object.keys(labels).length > 0 ? labels : undefined,
      },
    };
  }

  private async valuesOf(entity: Entity) {
    const ref = tryEntityRefKey(entity);
    if (!ref) {
      return undefined;
    }
    await this.labels.waitForFirstRead(FIRST_READ_WAIT_MS);
    return this.labels.get(ref);
  }
}
