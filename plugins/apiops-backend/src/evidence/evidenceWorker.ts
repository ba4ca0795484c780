import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../threads/lowerThreadPriority';
import type { DefinitionEvidence } from '@apiops-backstage/plugin-apiops-common';
import type {
  CreateDefinitionEvidenceWorker,
  DefinitionEvidenceRequest,
  DefinitionEvidenceWorker,
  EvidenceJsonValue,
} from '@apiops-backstage/plugin-apiops-node';

/**
 * The module an {@link EvidenceWorkerPool} thread loads: this file, from the
 * TypeScript sources or the built package.
 *
 * @internal
 */
export const EVIDENCE_WORKER_FILE = __filename;

/** Marks a worker thread started by the pool (in `workerData.role`). */
export const EVIDENCE_WORKER_ROLE = 'apiops-evidence-checker';

/** One definition for a provider's checker. @internal */
export interface EvidenceWorkerRequest {
  id: number;
  provider: { id: string; module: string; options?: EvidenceJsonValue };
  request: DefinitionEvidenceRequest;
}

/** The answer to one request. @internal */
export type EvidenceWorkerResponse =
  | { id: number; evidence: DefinitionEvidence }
  | {
      id: number;
      error: string;
      /** The provider's checker could not be created (not this definition's fault). */
      setup?: boolean;
    };

/** Sent once by a thread that has loaded. @internal */
export interface EvidenceWorkerReady {
  ready: true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function serve(port: NonNullable<typeof parentPort>) {
  /** Each provider's checker, created on first use, once per thread. */
  const checkers = new Map<string, Promise<DefinitionEvidenceWorker>>();

  const checkerOf = (provider: EvidenceWorkerRequest['provider']) => {
    let checker = checkers.get(provider.id);
    if (!checker) {
      checker = (async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const loaded = require(provider.module) as {
          createDefinitionEvidenceWorker?: CreateDefinitionEvidenceWorker;
        };
        if (typeof loaded.createDefinitionEvidenceWorker !== 'function') {
          throw new Error(
            `${provider.module} does not export createDefinitionEvidenceWorker`,
          );
        }
        return loaded.createDefinitionEvidenceWorker(provider.options);
      })();
      checkers.set(provider.id, checker);
    }
    return checker;
  };

  port.on('message', async (message: EvidenceWorkerRequest) => {
    let checker: DefinitionEvidenceWorker;
    try {
      checker = await checkerOf(message.provider);
    } catch (error) {
      const response: EvidenceWorkerResponse = {
        id: message.id,
        error: messageOf(error),
        setup: true,
      };
      port.postMessage(response);
      return;
    }
    let response: EvidenceWorkerResponse;
    try {
      response = {
        id: message.id,
        evidence: await checker.check(message.request),
      };
    } catch (error) {
      response = { id: message.id, error: messageOf(error) };
    }
    port.postMessage(response);
  });
  const ready: EvidenceWorkerReady = { ready: true };
  port.postMessage(ready);
}

// Loaded in a thread of the pool: in the background (a lower priority than
// the main thread), answer its requests. Anywhere else
// loading this module does nothing.
if (!isMainThread && parentPort && workerData?.role === EVIDENCE_WORKER_ROLE) {
  lowerThreadPriority();
  serve(parentPort);
}
