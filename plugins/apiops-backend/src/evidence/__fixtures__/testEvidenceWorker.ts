import type { CreateDefinitionEvidenceWorker } from '@apiops-backstage/plugin-apiops-node';

/** A provider worker for tests: what it does depends on the definition's text. */
export const TEST_EVIDENCE_WORKER_FILE = __filename;

export const createDefinitionEvidenceWorker: CreateDefinitionEvidenceWorker =
  options => {
    if ((options as { failSetup?: boolean } | undefined)?.failSetup) {
      throw new Error('the test ruleset does not load');
    }
    return {
      async check({ definition, input }) {
        if (definition.includes('STALL')) {
          for (;;) {
            // holds the thread until the pool terminates it
          }
        }
        if (definition.includes('CRASH')) {
          process.exit(3);
        }
        if (definition.includes('THROW')) {
          throw new Error('the checker broke');
        }
        const findings = [];
        if (!definition.includes('operationId')) {
          findings.push({
            ruleId: 'operation-operationId',
            severity: 'warning' as const,
            message: 'Operation must have "operationId".',
            path: "$.paths['/a'].get",
          });
        }
        if (input !== undefined) {
          findings.push({
            ruleId: 'input',
            severity: 'info' as const,
            message: `input ${JSON.stringify(input)}`,
          });
        }
        return { findings };
      },
    };
  };
