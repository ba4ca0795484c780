import type {
  CreateDefinitionEvidenceWorker,
  EvidenceJsonValue,
} from '@apiops-backstage/plugin-apiops-node';
import type {
  DefinitionLinter,
  DefinitionLinterOptions,
  RulesetSource,
} from './DefinitionLinter';

/**
 * The module the APIOps backend's worker threads load for the lint
 * provider: this file.
 */
export const LINT_WORKER_FILE = __filename;

/** What the provider gives its workers. */
export interface LintWorkerOptions extends DefinitionLinterOptions {
  /**
   * A module exporting `createDefinitionLinter(options)` (a
   * {@link DefinitionLinter}); absent: Spectral.
   */
  linterModule?: string;
}

/** What the provider prepares per API: its own ruleset, if it names one. */
export interface LintWorkerInput {
  ruleset?: RulesetSource;
}

/** Called once per worker thread: builds the linter (and the catalog's ruleset). */
export const createDefinitionEvidenceWorker: CreateDefinitionEvidenceWorker =
  async options => {
    const { linterModule, ...linterOptions } =
      options as unknown as LintWorkerOptions;
    let linter: DefinitionLinter;
    if (linterModule) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(linterModule) as {
        createDefinitionLinter(
          o: DefinitionLinterOptions,
        ): DefinitionLinter | Promise<DefinitionLinter>;
      };
      linter = await loaded.createDefinitionLinter(linterOptions);
    } else {
      // Loaded here, on the worker thread only: never on the main thread.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const {
        SpectralDefinitionLinter,
      } = require('./SpectralDefinitionLinter');
      linter = SpectralDefinitionLinter.create(linterOptions);
    }
    return {
      check: ({ type, definition, input }) =>
        linter.lint({
          type,
          definition,
          ruleset: (input as LintWorkerInput | undefined)?.ruleset,
        }),
    };
  };

/** The options as the worker gets them (JSON). */
export function toWorkerOptions(options: LintWorkerOptions): EvidenceJsonValue {
  return JSON.parse(JSON.stringify(options));
}
