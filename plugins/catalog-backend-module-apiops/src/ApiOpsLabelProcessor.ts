import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  isApiEntity,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { ApiOpsLabelValues } from './ApiOpsLabelCache';

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
 * labels of API entities from the APIOps results held in memory; other
 * entities, and APIs the results do not know, pass unchanged. It never
 * fails the processing of an entity.
 *
 * @internal
 */
export class ApiOpsLabelProcessor implements CatalogProcessor {
  constructor(private readonly labels: ApiOpsLabelLookup) {}

  getProcessorName(): string {
    return 'ApiOpsLabelProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isApiEntity(entity)) {
      return entity;
    }
    const ref = tryEntityRefKey(entity);
    if (!ref) {
      return entity;
    }
    await this.labels.waitForFirstRead(FIRST_READ_WAIT_MS);
    const values = this.labels.get(ref);
    if (!values) {
      return entity;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        labels: { ...entity.metadata.labels, ...values },
      },
    };
  }
}
