import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/lowerThreadPriority';
import {
  extractDefinitionFeatures,
  type DefinitionFeaturesResult,
} from './extractDefinitionFeatures';

/**
 * The module a {@link DefinitionParserPool} worker thread loads: this file,
 * whether it runs from TypeScript sources or from the built package.
 *
 * @internal
 */
export const FEATURE_WORKER_FILE = __filename;

/** Marks a worker thread started by the pool (in `workerData.role`). */
export const FEATURE_WORKER_ROLE = 'apiops-definition-parser';

/**
 * A batch of definitions sent to a worker: `items[i]` is the definition at
 * `start + i` of the pool's batch; those at the indices in `skip` are not
 * parsed (the pool has their result already). @internal
 */
export interface FeatureWorkerRequest {
  id: number;
  start: number;
  items: Array<{ type: string; definition: unknown }>;
  skip?: number[];
}

/**
 * The features of a batch's definitions, `results[i]` for the one at
 * `start + i` (null for one skipped), sent once the batch is done: one
 * message per batch, not per definition, since each message costs the
 * main thread as much as the features of a few definitions. @internal
 */
export interface FeatureWorkerResponse {
  id: number;
  start: number;
  results: Array<DefinitionFeaturesResult | null>;
}

/** Sent once by a thread that has loaded and can take batches. @internal */
export interface FeatureWorkerReady {
  ready: true;
}

/**
 * What a thread is on, shared with the pool (`workerData.progress`, one
 * Int32): the index in the pool's batch of the definition it parses, set
 * before it starts on it, so that the pool knows which definition stalled
 * or stopped a thread without a message per definition. @internal
 */
export function progressOf(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 1);
}

function serve(port: NonNullable<typeof parentPort>, progress: Int32Array) {
  port.on('message', (request: FeatureWorkerRequest) => {
    const skip = new Set(request.skip);
    const response: FeatureWorkerResponse = {
      id: request.id,
      start: request.start,
      results: request.items.map((item, i) => {
        const index = request.start + i;
        if (skip.has(index)) return null;
        Atomics.store(progress, 0, index);
        return extractDefinitionFeatures(item.type, item.definition);
      }),
    };
    port.postMessage(response);
  });
  const ready: FeatureWorkerReady = { ready: true };
  port.postMessage(ready);
}

// Loaded in a thread of the pool: in the background (a lower priority than
// the main thread), answer its requests. Anywhere else
// (the main thread, other workers) loading this module does nothing.
if (!isMainThread && parentPort && workerData?.role === FEATURE_WORKER_ROLE) {
  lowerThreadPriority();
  serve(parentPort, progressOf(workerData.progress));
}
