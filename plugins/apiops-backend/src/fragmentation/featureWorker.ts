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

/** A batch of definitions sent to a worker. @internal */
export interface FeatureWorkerRequest {
  id: number;
  items: Array<{ type: string; definition: unknown }>;
}

/** The features of a batch, in the order of its items. @internal */
export interface FeatureWorkerResponse {
  id: number;
  results: DefinitionFeaturesResult[];
}

function serve(port: NonNullable<typeof parentPort>) {
  port.on('message', (request: FeatureWorkerRequest) => {
    const response: FeatureWorkerResponse = {
      id: request.id,
      results: request.items.map(item =>
        extractDefinitionFeatures(item.type, item.definition),
      ),
    };
    port.postMessage(response);
  });
}

// Loaded in a thread of the pool: answer its requests. Anywhere else
// (the main thread, other workers) loading this module does nothing.
if (!isMainThread && parentPort && workerData?.role === FEATURE_WORKER_ROLE) {
  serve(parentPort);
}
