import { isMainThread, parentPort, workerData } from 'node:worker_threads';
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
 * `start + i` of the pool's batch. @internal
 */
export interface FeatureWorkerRequest {
  id: number;
  start: number;
  items: Array<{ type: string; definition: unknown }>;
}

/**
 * The features of one definition of a batch, sent as soon as it is done, so
 * that the pool knows which definition a thread was on when it stalled or
 * stopped. @internal
 */
export interface FeatureWorkerResponse {
  id: number;
  index: number;
  result: DefinitionFeaturesResult;
}

/** Sent once by a thread that has loaded and can take batches. @internal */
export interface FeatureWorkerReady {
  ready: true;
}

function serve(port: NonNullable<typeof parentPort>) {
  port.on('message', (request: FeatureWorkerRequest) => {
    request.items.forEach((item, i) => {
      const response: FeatureWorkerResponse = {
        id: request.id,
        index: request.start + i,
        result: extractDefinitionFeatures(item.type, item.definition),
      };
      port.postMessage(response);
    });
  });
  const ready: FeatureWorkerReady = { ready: true };
  port.postMessage(ready);
}

// Loaded in a thread of the pool: answer its requests. Anywhere else
// (the main thread, other workers) loading this module does nothing.
if (!isMainThread && parentPort && workerData?.role === FEATURE_WORKER_ROLE) {
  serve(parentPort);
}
