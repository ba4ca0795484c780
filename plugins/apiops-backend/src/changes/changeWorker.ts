import type { DefinitionEvidence } from '@apiops-backstage/plugin-apiops-common';
import type {
  DefinitionEvidenceRequest,
  DefinitionEvidenceWorker,
} from '@apiops-backstage/plugin-apiops-node';
import { describeDefinition, diffDefinitions } from './diffDefinitions';
import type { DefinitionDiff, DefinitionFacts } from './types';

/**
 * The module the change detection's worker threads load (through the
 * evidence worker pool, which runs any module exporting
 * `createDefinitionEvidenceWorker`): this file, from the TypeScript sources
 * or the built package.
 *
 * @internal
 */
export const CHANGE_WORKER_FILE = __filename;

/** What the change detection asks of a thread. @internal */
export interface ChangeWorkerInput {
  /** The previous definition; none: describe the definition only. */
  before?: string;
  maxChanges: number;
  ignoreVersionSegments?: boolean;
}

/** The answer, carried in the evidence the pool returns. @internal */
export type ChangeWorkerAnswer = DefinitionEvidence & {
  diff?: DefinitionDiff;
  facts?: DefinitionFacts;
};

/**
 * Compares (or describes) definitions on a worker thread.
 *
 * @internal
 */
export function createDefinitionEvidenceWorker(): DefinitionEvidenceWorker {
  return {
    check(request: DefinitionEvidenceRequest): ChangeWorkerAnswer {
      const input = (request.input ?? {
        maxChanges: 0,
      }) as unknown as ChangeWorkerInput;
      if (input.before === undefined) {
        return {
          findings: [],
          facts: describeDefinition(request.type, request.definition),
        };
      }
      return {
        findings: [],
        diff: diffDefinitions(request.type, input.before, request.definition, {
          maxChanges: input.maxChanges,
          ignoreVersionSegments: input.ignoreVersionSegments,
        }),
      };
    },
  };
}
