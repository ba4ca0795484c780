import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { DefinitionEvidence } from '@apiops-backstage/plugin-apiops-common';

/**
 * A value that can cross to a worker thread: JSON.
 *
 * @public
 */
export type EvidenceJsonValue =
  | string
  | number
  | boolean
  | null
  | EvidenceJsonValue[]
  | { [key: string]: EvidenceJsonValue };

/**
 * What a provider prepares for one API on the main thread before its
 * definition goes to a worker thread: an input for the worker (the API's own
 * ruleset, say), or why the API cannot be checked (which becomes one finding
 * of the API).
 *
 * @public
 */
export type DefinitionEvidencePreparation =
  | {
      input?: EvidenceJsonValue;
      /**
       * Check the definition again after this long although it did not
       * change (the input may have: the API's own ruleset file, say).
       */
      recheckAfterMs?: number;
      problem?: undefined;
    }
  | { problem: string; input?: undefined; recheckAfterMs?: undefined };

/**
 * A source of evidence about API definitions that is too costly for a
 * governance rule: a linter, say. The APIOps backend runs it in the
 * background, never on its main thread:
 *
 * - the snapshot looks up the evidence of each API's definition by hash (of
 *   the definition, the provider's `version` and the API's `variantOf`), adds
 *   its findings to the API's governance findings, and queues the
 *   definitions with no evidence yet;
 * - a scheduled task of its own works through the queue with a time budget
 *   per run, on worker threads that load `worker.module`, with a deadline
 *   per definition: a definition that stalls or crashes its thread becomes
 *   one finding of its API;
 * - the evidence is kept in the database by that hash, so a definition is
 *   checked once, whatever the restarts and replicas.
 *
 * @public
 */
export interface DefinitionEvidenceProvider {
  /** Unique, kebab-case, e.g. `lint`; prefixes the rule ids of its findings. */
  id: string;
  /** For people, e.g. `Spectral lint`. */
  title: string;
  /**
   * Changes whenever the evidence of an unchanged definition would change
   * (the engine's version, the content of the catalog's ruleset): evidence
   * of another version is checked again.
   */
  version: string;
  /** Whether the provider checks this API's definition (by `spec.type`, say). */
  appliesTo(entity: Entity): boolean;
  /**
   * What besides the definition decides this API's evidence, with no I/O
   * (the annotation naming the API's own ruleset and the API's location,
   * say); part of the key the evidence is kept by. Undefined: nothing.
   */
  variantOf?(entity: Entity): string | undefined;
  /**
   * Reads what the worker needs for this API besides its definition (the
   * file its variant names, say), on the main thread, I/O only. Called only
   * when the definition is to be checked. A problem becomes one finding of
   * the API and is tried again after a while.
   */
  prepare?(entity: Entity): Promise<DefinitionEvidencePreparation>;
  /** What a worker thread loads to check definitions. */
  worker: {
    /**
     * Absolute path of a module that exports
     * {@link CreateDefinitionEvidenceWorker} as
     * `createDefinitionEvidenceWorker` (typically `require.resolve` of a
     * file of the module, or its `__filename`).
     */
    module: string;
    /** Given to `createDefinitionEvidenceWorker`, once per thread. */
    options?: EvidenceJsonValue;
  };
}

/**
 * One definition for a provider's worker to check.
 *
 * @public
 */
export interface DefinitionEvidenceRequest {
  /** `spec.type` of the API, lower case. */
  type: string;
  /** `spec.definition` of the API. */
  definition: string;
  /** What the provider's `prepare` returned for the API. */
  input?: EvidenceJsonValue;
}

/**
 * The checker a worker thread holds for a provider.
 *
 * @public
 */
export interface DefinitionEvidenceWorker {
  /**
   * Checks one definition. May take long and throw: the backend stops a
   * thread past the deadline, and a throw becomes one finding of the API.
   */
  check(
    request: DefinitionEvidenceRequest,
  ): Promise<DefinitionEvidence> | DefinitionEvidence;
}

/**
 * What a provider's worker module exports as
 * `createDefinitionEvidenceWorker`: called once per worker thread with the
 * provider's `worker.options`. A throw here (a ruleset that does not load,
 * say) becomes the problem of every definition the thread is given.
 *
 * @public
 */
export type CreateDefinitionEvidenceWorker = (
  options: EvidenceJsonValue | undefined,
) => Promise<DefinitionEvidenceWorker> | DefinitionEvidenceWorker;

/**
 * Lets backend modules add definition evidence providers (linters) to the
 * APIOps backend plugin.
 *
 * @public
 */
export interface ApiOpsEvidenceExtensionPoint {
  /** Adds providers; a provider id that is already registered fails the start-up. */
  addProviders(...providers: DefinitionEvidenceProvider[]): void;
}

/**
 * The extension point for definition evidence providers of the APIOps
 * backend plugin.
 *
 * @public
 */
export const apiopsEvidenceExtensionPoint =
  createExtensionPoint<ApiOpsEvidenceExtensionPoint>({
    id: 'apiops.evidence',
  });
