export interface Config {
  apiops?: {
    /**
     * The lint module (`@apiops-backstage/plugin-apiops-backend-module-lint`):
     * Spectral on every OpenAPI and AsyncAPI definition. When and how much is
     * linted is `apiops.evidence` of the APIOps backend (a backlog task with a
     * time budget, worker threads, a deadline per definition).
     */
    lint?: {
      /**
       * A Spectral ruleset file (YAML or JSON) for the whole catalog, relative
       * to the backend's working directory. It may extend `spectral:oas`,
       * `spectral:asyncapi` and `spectral:owasp` only and use Spectral's core
       * functions only: the portal lints offline and runs no code from a
       * ruleset. Read and checked at start-up: one that does not parse stops
       * the backend, naming the line. Default: `spectral:oas` and
       * `spectral:asyncapi` (their recommended rules).
       */
      ruleset?: string;
      /** Adds the OWASP API security ruleset. Default: false. */
      owasp?: boolean;
      /**
       * Whether an API may name its own ruleset (a file of its own location)
       * in the `apiops/lint-ruleset` annotation, layered over the catalog's.
       * Default: true.
       */
      apiRulesets?: boolean;
      /** Most findings kept per definition, worst first. Default: 500. */
      maxFindings?: number;
    };
  };
}
