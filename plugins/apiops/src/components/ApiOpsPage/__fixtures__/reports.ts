import type {
  ApiSnapshotResult,
  MethodModel,
  OwnershipGapRow,
  ReportSummary,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import type { ApiOpsApi } from '../../../api';
import { clusters } from '../../FragmentationPanel/__fixtures__/clusters';

const counts = {
  apis: 48,
  byStation: {
    unassessed: 42,
    'api-design': 3,
    'api-delivery': 1,
    'api-publishing': 1,
    'monitoring-and-improving': 1,
  },
  byStatus: { compliant: 32, attention: 11, 'non-compliant': 5 },
  byGapType: {
    'owner-missing': 2,
    'owner-unresolved': 1,
    'owner-not-group': 1,
    'owner-group-empty': 1,
    'owner-orphaned': 1,
    'owner-mismatch': 1,
  },
  byFindingType: { 'valid-owner': 7 },
  unowned: 3,
  gaps: 7,
};

/** Fragmentation clusters by type, as of the second snapshot. */
export const byFragmentationType = {
  duplicate: 2,
  overlap: 1,
  'version-sprawl': 1,
  'style-inconsistency': 1,
};

/**
 * The summary of a catalog after two snapshots; the first was taken before
 * fragmentation was detected.
 */
export function summaryFixture(
  overrides: Partial<ReportSummary> = {},
): ReportSummary {
  return {
    ...counts,
    byFragmentationType,
    snapshot: {
      id: '2',
      computedAt: '2026-11-26T14:11:52.323Z',
      stale: false,
      lastRun: {
        id: '2',
        status: 'succeeded',
        startedAt: '2026-11-26T14:11:51.578Z',
        finishedAt: '2026-11-26T14:11:52.323Z',
      },
    },
    trend: [
      {
        ...counts,
        apis: 40,
        snapshotId: '1',
        computedAt: '2026-11-25T14:00:00.000Z',
      },
      {
        ...counts,
        byFragmentationType,
        snapshotId: '2',
        computedAt: '2026-11-26T14:11:52.323Z',
      },
    ],
    ...overrides,
  };
}

/** The summary before any snapshot has run. */
export function emptySummaryFixture(): ReportSummary {
  return {
    apis: 0,
    byStation: {},
    byStatus: {},
    byGapType: {},
    byFindingType: {},
    unowned: 0,
    gaps: 0,
    snapshot: { stale: true, staleReason: 'No snapshot has been taken yet' },
    trend: [],
  };
}

export const gapRows: OwnershipGapRow[] = [
  {
    entityRef: 'api:default/mainframe-gateway-api',
    title: 'Mainframe Gateway API',
    owner: 'group:default/legacy-integration-team',
    declaredOwner: 'legacy-integration-team',
    system: 'system:default/core-accounts',
    type: 'owner-orphaned',
    severity: 'warning',
    message: 'The owner group:default/legacy-integration-team is orphaned.',
  },
  {
    entityRef: 'api:default/atm-cash-forecast-api',
    title: 'ATM Cash Forecast API',
    declaredOwner: 'unknown',
    system: 'system:default/data-platform',
    type: 'owner-missing',
    severity: 'error',
    message: 'The owner "unknown" is a placeholder, not a real owner.',
  },
  {
    entityRef: 'api:default/fx-rates-api',
    title: 'FX Rates API',
    owner: 'group:default/treasury-ops',
    declaredOwner: 'group:default/treasury-ops',
    system: 'system:default/market-data',
    type: 'owner-unresolved',
    severity: 'error',
    message: 'The owner group:default/treasury-ops matches no entity.',
  },
];

export const teams: TeamRollup[] = [
  {
    groupRef: 'group:default/kestrel-bank',
    title: 'Kestrel Bank',
    apis: 44,
    byStation: { unassessed: 38, 'api-design': 3, 'api-delivery': 3 },
    byStatus: { compliant: 32, attention: 10, 'non-compliant': 2 },
    gaps: 3,
    findings: 13,
  },
  {
    groupRef: 'group:default/retail-banking',
    title: 'Retail Banking',
    apis: 16,
    byStation: { unassessed: 14, 'api-design': 2 },
    byStatus: { compliant: 10, attention: 5, 'non-compliant': 1 },
    gaps: 2,
    findings: 7,
  },
  {
    groupRef: 'group:default/accounts-team',
    title: 'Accounts Team',
    apis: 7,
    byStation: { unassessed: 6, 'api-design': 1 },
    byStatus: { compliant: 3, attention: 4 },
    gaps: 5,
    findings: 5,
  },
];

export const teamApis: ApiSnapshotResult[] = [
  {
    entityRef: 'api:default/accounts-api',
    title: 'Accounts API',
    system: 'system:default/core-accounts',
    lifecycle: 'production',
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
    governance: {
      status: 'attention',
      findings: [
        {
          ruleId: 'lifecycle-station-consistency',
          severity: 'warning',
          message: 'spec.lifecycle is production but the API is at design',
        },
      ],
    },
  },
  {
    entityRef: 'api:default/branch-atm-locator-api',
    title: 'Branch and ATM Locator API',
    station: {
      id: 'unassessed',
      source: 'none',
      cycle: 'api-productization-cycle',
    },
    owner: {
      ref: 'group:default/branch-network-team',
      declared: 'branch-network-team',
      resolved: true,
      kind: 'group',
      memberCount: 0,
      gaps: [
        {
          type: 'owner-group-empty',
          severity: 'error',
          message:
            'The owner group:default/branch-network-team has no members.',
        },
      ],
    },
    governance: {
      status: 'non-compliant',
      findings: [
        { ruleId: 'valid-owner', severity: 'error', message: 'No members' },
      ],
    },
  },
];

/** The method, reduced to what the page uses: station ids and titles. */
export const methodFixture = {
  locale: 'en',
  cycle: 'api-productization-cycle',
  stations: [
    ['api-product-strategy', 'API Product Strategy'],
    ['api-consumer-experience', 'API Consumer Experience'],
    ['api-platform-architecture', 'API Platform Architecture'],
    ['api-design', 'API Design'],
    ['api-delivery', 'API Delivery'],
    ['api-audit', 'API Audit'],
    ['api-publishing', 'API Publishing'],
    ['monitoring-and-improving', 'API Monitoring & Improvement'],
  ].map(([id, title]) => ({ id, title })),
} as unknown as MethodModel;

/** An ApiOpsApi whose every method is a jest mock answering the fixtures. */
export function mockApiOpsApi(
  overrides: Partial<jest.Mocked<ApiOpsApi>> = {},
): jest.Mocked<ApiOpsApi> {
  return {
    getMethod: jest.fn().mockResolvedValue(methodFixture),
    getStatus: jest.fn(),
    listAssessments: jest.fn(),
    recordAssessment: jest.fn(),
    getSummary: jest.fn().mockResolvedValue(summaryFixture()),
    listApis: jest.fn().mockResolvedValue({ items: teamApis }),
    downloadApisCsv: jest
      .fn()
      .mockResolvedValue(new Blob(['entityRef\n'], { type: 'text/csv' })),
    listOwnershipGaps: jest.fn().mockResolvedValue({ items: gapRows }),
    downloadOwnershipGapsCsv: jest
      .fn()
      .mockResolvedValue(new Blob(['entityRef\n'], { type: 'text/csv' })),
    listFragmentation: jest.fn().mockResolvedValue({ items: clusters }),
    downloadFragmentationCsv: jest
      .fn()
      .mockResolvedValue(new Blob(['clusterId\n'], { type: 'text/csv' })),
    listClusterMembers: jest.fn(),
    dismissFragmentationCluster: jest.fn(),
    undoFragmentationDismissal: jest.fn(),
    listTeams: jest.fn().mockResolvedValue({ items: teams }),
    listTeamApis: jest.fn().mockResolvedValue({
      team: teams[1],
      items: teamApis,
      snapshot: summaryFixture().snapshot,
    }),
    triggerSnapshot: jest.fn(),
    refreshApi: jest.fn(),
    getEvidence: jest.fn(),
    importAuditChecklist: jest.fn(),
    listLint: jest.fn(),
    downloadLintCsv: jest.fn(),
    listLintTeams: jest.fn().mockResolvedValue({ items: [] }),
    listApiChanges: jest
      .fn()
      .mockResolvedValue({ items: [], deprecations: [] }),
    getApiVersions: jest
      .fn()
      .mockResolvedValue({ members: [], comparisons: [] }),
    listChanges: jest.fn().mockResolvedValue({ items: [] }),
    downloadChangesCsv: jest
      .fn()
      .mockResolvedValue(new Blob(['entityRef\n'], { type: 'text/csv' })),
    ...overrides,
  };
}
