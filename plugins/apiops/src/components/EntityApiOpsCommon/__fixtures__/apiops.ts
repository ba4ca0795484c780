import type {
  ApiStatus,
  Assessment,
  MethodModel,
  MethodResource,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The method as the backend serves it (`GET /method`, English, the API
 * productization cycle of apiops-cycles-method-data 4.2.1), without the
 * long texts the components do not show.
 */
export const methodModel: MethodModel = {
  locale: 'en',
  cycle: 'api-productization-cycle',
  dataVersion: '4.2.1',
  cycles: [
    {
      id: 'api-productization-cycle',
      title: 'API Productization Cycle',
      description: '',
      entryCriteria: [],
      exitCriteria: [],
    },
  ],
  stations: [
    {
      id: 'api-product-strategy',
      lifecycleStage: 'strategy',
      title: 'API Product Strategy',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'metrics-feedback-available',
        'business-goals-defined',
        'market-research-done',
        'stakeholder-approval',
      ],
      stakeholders: [],
      lines: [
        'business-opportunities-line',
        'platform-architecture-line',
        'operating-model-line',
      ],
      expectedEvidenceTags: [],
      resources: [],
    },
    {
      id: 'api-consumer-experience',
      lifecycleStage: 'strategy',
      title: 'API Consumer Experience',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'api-opportunity-documented',
        'api-reusability',
        'hide-backend-discrepancies',
        'value-prop-validated',
        'consumer-segments-identified',
        'api-roadmap-defined',
      ],
      stakeholders: [],
      lines: ['platform-architecture-line'],
      expectedEvidenceTags: [],
      resources: [],
    },
    {
      id: 'api-platform-architecture',
      lifecycleStage: 'architecture',
      title: 'API Platform Architecture',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'api-reusability',
        'hide-backend-discrepancies',
        'value-prop-validated',
        'consumer-segments-identified',
        'api-roadmap-defined',
      ],
      stakeholders: [],
      lines: ['platform-architecture-line', 'api-design-line'],
      expectedEvidenceTags: [],
      resources: [],
    },
    {
      id: 'api-design',
      lifecycleStage: 'design',
      title: 'API Design',
      description: '',
      outcomes: [],
      steps: [
        'Define core entities, their attributes, and relationships to create a shared conceptual understanding across APIs.',
        'Use the Interaction Canvas to define how consumers will interact with the API, ensuring it meets their needs and expectations.',
      ],
      criteria: [
        'architecture-patterns-validated',
        'hide-backend-discrepancies',
        'design-reflects-business-value',
        'api-consistency',
      ],
      stakeholders: [],
      lines: ['api-design-line'],
      expectedEvidenceTags: [],
      resources: [
        'domainCanvas',
        'interactionCanvas',
        'restCanvas',
        'eventCanvas',
        'graphqlCanvas',
        'api-design-principles',
      ],
    },
    {
      id: 'api-delivery',
      lifecycleStage: 'delivery',
      title: 'API Delivery',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'architecture-patterns-validated',
        'hide-backend-discrepancies',
        'design-reflects-business-value',
        'api-consistency',
      ],
      stakeholders: [],
      lines: ['api-design-line', 'delivery-line'],
      expectedEvidenceTags: [],
      resources: ['api-development-best-practices', 'apiops-CI-CD-for-apis'],
    },
    {
      id: 'api-audit',
      lifecycleStage: 'publishing',
      title: 'API Audit',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'architecture-patterns-validated',
        'design-reflects-business-value',
        'api-description-available',
        'api-consistency',
        'api-contract-tested',
      ],
      stakeholders: [],
      lines: ['api-design-line', 'publishing-and-adoption-line'],
      expectedEvidenceTags: [],
      resources: [],
    },
    {
      id: 'api-publishing',
      lifecycleStage: 'publishing',
      title: 'API Publishing',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'audit-passed',
        'audit-reports-shared',
        'api-ready-for-publishing',
        'api-documentation-ready',
      ],
      stakeholders: [],
      lines: ['publishing-and-adoption-line'],
      expectedEvidenceTags: [],
      resources: [],
    },
    {
      id: 'monitoring-and-improving',
      lifecycleStage: 'improving',
      title: 'API Monitoring & Improvement',
      description: '',
      outcomes: [],
      steps: [],
      criteria: [
        'api-documentation-ready',
        'consumer-support-ready',
        'legal-compliance-clear',
      ],
      stakeholders: [],
      lines: ['business-opportunities-line', 'publishing-and-adoption-line'],
      expectedEvidenceTags: [],
      resources: [],
    },
  ],
  criteria: [
    {
      id: 'metrics-feedback-available',
      label:
        'Relevant market signals, feedback, or operational insights are available to guide this capability opportunity.',
    },
    {
      id: 'business-goals-defined',
      label: 'Business goals are defined.',
    },
    {
      id: 'market-research-done',
      label: 'Market research identifies capability opportunities.',
    },
    {
      id: 'stakeholder-approval',
      label:
        'Relevant stakeholders agree this capability opportunity is worth exploring and prioritizing.',
    },
    {
      id: 'api-opportunity-documented',
      label: 'Capability opportunity is identified and documented.',
    },
    {
      id: 'api-reusability',
      label:
        'The capability addresses a clear business need and is reusable by its intended consumers.',
    },
    {
      id: 'hide-backend-discrepancies',
      label:
        'The selected interface provides an appropriate abstraction for consumers.',
    },
    {
      id: 'value-prop-validated',
      label:
        'The capability value proposition has been validated with business and consumer stakeholders.',
    },
    {
      id: 'consumer-segments-identified',
      label: 'Consumer segments are identified.',
    },
    {
      id: 'api-roadmap-defined',
      label: 'A high-level implementation roadmap is defined.',
    },
    {
      id: 'architecture-patterns-validated',
      label:
        'The chosen architecture, platform, and implementation style have been validated with the relevant architecture, security, and platform stakeholders.',
    },
    {
      id: 'design-reflects-business-value',
      label:
        'The interface design and exposed capabilities trace back to business value and consumer needs.',
    },
    {
      id: 'api-consistency',
      label:
        'The interface design follows agreed design standards and conventions.',
    },
    {
      id: 'api-description-available',
      label:
        'The interface and its capabilities are documented clearly enough for review, audit, and onboarding.',
    },
    {
      id: 'api-contract-tested',
      label:
        'The interface contract has been validated and tested against functional and non-functional requirements.',
    },
    {
      id: 'audit-passed',
      label:
        'The solution passes quality, security, compliance, and readiness checks.',
    },
    {
      id: 'audit-reports-shared',
      label:
        'Audit findings and remediation decisions are shared with the relevant stakeholders.',
    },
    {
      id: 'api-ready-for-publishing',
      label:
        'The capability is ready to be published or released through the selected delivery mechanism.',
    },
    {
      id: 'api-documentation-ready',
      label:
        'Consumer-facing documentation and onboarding materials are ready.',
    },
    {
      id: 'consumer-support-ready',
      label:
        'Consumer onboarding, support, and communication processes are ready.',
    },
    {
      id: 'legal-compliance-clear',
      label:
        'Legal, privacy, and compliance requirements for publishing or release are defined and understood.',
    },
  ],
  lines: [
    {
      id: 'business-opportunities-line',
      title: 'Business Opportunities Line',
      description: '',
      color: '#26b309',
      stations: [
        'monitoring-and-improving',
        'api-product-strategy',
        'user-experience',
        'market-insights',
        'business-goals',
        'competitive-analysis',
        'ecosystem-vision',
      ],
    },
    {
      id: 'platform-architecture-line',
      title: 'Platform Architecture Line',
      description: '',
      color: '#933469',
      stations: [
        'api-product-strategy',
        'api-consumer-experience',
        'api-platform-architecture',
        'scalable-infrastructure',
        'legal-and-compliance',
        'security-and-privacy',
        'design-standards',
        'vendor-management',
      ],
    },
    {
      id: 'api-design-line',
      title: 'Design Line',
      description: '',
      color: '#db9b0c',
      stations: [
        'api-platform-architecture',
        'api-design',
        'api-delivery',
        'api-audit',
      ],
    },
    {
      id: 'delivery-line',
      title: 'Delivery Line',
      description: '',
      color: '#db9b0c',
      stations: [
        'api-delivery',
        'contract-design',
        'development',
        'ci-cd',
        'test-automation',
        'release-management',
      ],
    },
    {
      id: 'publishing-and-adoption-line',
      title: 'Publishing and Adoption Line',
      description: '',
      color: '#17C6E9',
      stations: [
        'api-audit',
        'api-publishing',
        'monitoring-and-improving',
        'service-agreements',
        'api-consumer-adoption',
        'api-promotion',
        'partner-integration',
      ],
    },
    {
      id: 'operating-model-line',
      title: 'Operating Model Line',
      description: '',
      color: '#1a3987',
      stations: [
        'api-product-strategy',
        'api-mindset',
        'roles-and-responsibilities',
        'upskilling',
        'operating-guidelines',
        'portfolio-management',
        'budget-and-resource-management',
      ],
    },
  ],
  subStations: [],
  stakeholders: [],
  resources: [
    canvas('domainCanvas', 'Domain Canvas'),
    canvas('interactionCanvas', 'Interaction Canvas'),
    canvas('restCanvas', 'REST Canvas', { apiStyle: 'rest' }),
    canvas('eventCanvas', 'Event Canvas', { apiStyle: 'event' }),
    canvas('graphqlCanvas', 'GraphQL Canvas', {
      apiStyle: 'graphql',
      draft: true,
    }),
    {
      id: 'api-design-principles',
      category: 'guideline',
      title: 'API Design Principles',
      description:
        'A concise guide to API usability, discoverability, and consistency grounded in shared design rules and real consumer needs.',
      draft: false,
    },
    {
      id: 'api-development-best-practices',
      category: 'guideline',
      title: 'API Development Best Practices',
      description:
        'Implementation guidance for turning a validated API interface contract into a consistent, maintainable API codebase.',
      draft: true,
    },
    {
      id: 'apiops-CI-CD-for-apis',
      category: 'guideline',
      title: 'APIOps CI/CD For APIs',
      description:
        'Deployment guidance that integrates API lifecycle tasks into continuous integration and delivery.',
      draft: true,
    },
  ],
};

/** A canvas resource of {@link methodModel}, with its CanvasCreator link. */
function canvas(
  id: string,
  title: string,
  extra: Partial<MethodResource> = {},
): MethodResource {
  return {
    id,
    category: 'canvas',
    title,
    description: `The ${title}.`,
    canvas: id,
    canvasCreatorUrl: `https://canvascreator.apiopscycles.com/?canvas=${id}&locale=en`,
    draft: false,
    ...extra,
  };
}

/** The criteria of a station of {@link methodModel}. */
export function criteriaOf(stationId: string): string[] {
  return methodModel.stations.find(station => station.id === stationId)!
    .criteria;
}

/**
 * Answers that place an API at `stationId`: every criterion of the stations
 * before it met, the rest unknown.
 */
export function answersAt(stationId: string): Assessment['answers'] {
  const index = methodModel.stations.findIndex(s => s.id === stationId);
  const met = new Set(
    methodModel.stations.slice(0, index).flatMap(station => station.criteria),
  );
  return Object.fromEntries(
    methodModel.criteria.map(({ id }) => [id, met.has(id) ? 'met' : 'unknown']),
  );
}

/** An assessment of the accounts API. */
export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: '1',
    entityRef: 'api:default/accounts-api',
    cycle: 'api-productization-cycle',
    station: 'api-design',
    answers: answersAt('api-design'),
    evidence: {},
    notes: {},
    assessedBy: 'user:default/ada.lindqvist',
    createdAt: '2026-11-26T14:03:12.518Z',
    ...overrides,
  };
}

/** The status of the accounts API at `api-design`, as the backend answers it. */
export function apiStatus(overrides: Partial<ApiStatus> = {}): ApiStatus {
  return {
    entityRef: 'api:default/accounts-api',
    station: {
      id: 'api-design',
      source: 'assessment',
      cycle: 'api-productization-cycle',
      lifecycleStage: 'design',
    },
    owner: {
      ref: 'group:default/accounts-team',
      declared: 'accounts-team',
      resolved: true,
      kind: 'group',
      title: 'Accounts Team',
      memberCount: 2,
      gaps: [],
    },
    lifecycle: 'production',
    governance: { status: 'compliant', findings: [] },
    latestAssessment: assessment(),
    computedAt: '2026-11-26T14:19:48.315Z',
    snapshotAt: '2026-11-26T14:11:52.323Z',
    ...overrides,
  };
}
