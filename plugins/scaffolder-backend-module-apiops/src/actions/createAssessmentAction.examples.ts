import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createAssessmentActionExamples: TemplateExample[] = [
  {
    description:
      'Records the strategy criteria of an API registered by an earlier step',
    example: yaml.stringify({
      steps: [
        {
          id: 'assess',
          action: 'apiops:assessment:create',
          name: 'Record the strategy assessment',
          input: {
            entityRef: 'api:default/payments-api',
            answers: {
              'business-goals-defined': 'met',
              'market-research-done': 'met',
              'stakeholder-approval': 'not-met',
              'metrics-feedback-available': 'unknown',
            },
            evidence: {
              'business-goals-defined':
                'https://wiki.example.com/payments-api/goals',
            },
            note: 'First assessment, recorded when the API was created',
          },
        },
      ],
    }),
  },
  {
    description:
      'Records an assessment on another cycle, without waiting for the entity',
    example: yaml.stringify({
      steps: [
        {
          id: 'assess',
          action: 'apiops:assessment:create',
          name: 'Record the assessment',
          input: {
            entityRef: 'api:default/payments-api',
            cycle: 'integration-productization-cycle',
            answers: { 'business-goals-defined': 'met' },
            waitForEntity: false,
          },
        },
      ],
    }),
  },
];
