import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';

/**
 * Fragmentation clusters as the backend answers them for the example
 * catalog: one of each type.
 */
export const duplicateCluster: FragmentationCluster = {
  id: 'duplicate-11abe183339c3bf8ce5fc578',
  type: 'duplicate',
  members: [
    {
      entityRef: 'api:default/client-directory-api',
      title: 'Client Directory',
      owner: 'group:default/kyc-team',
      system: 'system:default/kyc-platform',
      version: '2',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:default/customer-profile-api',
      title: 'Customer Profile API',
      owner: 'group:default/customer-team',
      system: 'system:default/customer-hub',
      version: '1',
      lifecycle: 'production',
    },
  ],
  score: 0.909,
  sharedOperations: [
    'DELETE /customers/{}',
    'GET /customers',
    'GET /customers/{}',
    'GET /customers/{}/addresses',
    'GET /customers/{}/contact-preferences',
    'PATCH /customers/{}',
    'POST /customers',
    'POST /customers/{}/addresses',
    'PUT /customers/{}/addresses/{}',
    'PUT /customers/{}/contact-preferences',
  ],
  sharedOperationCount: 10,
  details: {
    operationCounts: {
      'api:default/client-directory-api': 11,
      'api:default/customer-profile-api': 10,
    },
    minJaccard: 0.909,
    maxJaccard: 0.909,
    pairs: [
      {
        from: 'api:default/client-directory-api',
        to: 'api:default/customer-profile-api',
        sharedOperations: 10,
        schemaMatches: 7,
        jaccard: 0.909,
        containment: 1,
        evidence: 17,
      },
    ],
    genericOperations: ['GET /customers'],
  },
  message:
    'api:default/client-directory-api and api:default/customer-profile-api share 10 of their 11 operations (Jaccard 0.91): they look like duplicates. Merge them or retire one.',
};

export const overlapCluster: FragmentationCluster = {
  id: 'overlap-4de41c4eab20e8c99b4cd78c',
  type: 'overlap',
  members: [
    {
      entityRef: 'api:default/card-management-api',
      title: 'Card Management API',
      owner: 'group:default/cards-team',
      system: 'system:default/card-platform',
      version: '1',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:default/card-status-api',
      title: 'Card Status API',
      owner: 'group:default/cards-team',
      system: 'system:default/card-platform',
      version: '1',
      lifecycle: 'production',
    },
  ],
  score: 1,
  sharedOperations: [
    'GET /cards/{}/status',
    'POST /cards/{}/activation',
    'POST /cards/{}/freeze',
    'POST /cards/{}/unfreeze',
  ],
  sharedOperationCount: 4,
  details: {
    container: 'api:default/card-management-api',
    contained: ['api:default/card-status-api'],
    operationCounts: {
      'api:default/card-management-api': 14,
      'api:default/card-status-api': 4,
    },
    containment: 1,
    jaccard: 0.286,
    pairs: [
      {
        from: 'api:default/card-status-api',
        to: 'api:default/card-management-api',
        sharedOperations: 4,
        schemaMatches: 4,
        jaccard: 0.286,
        containment: 1,
        evidence: 8,
      },
    ],
    genericOperations: [],
  },
  message:
    '4 of the 4 operations of api:default/card-status-api (100%) are also in api:default/card-management-api. Consider whether consumers need both.',
};

/** A family of three APIs implementing one interface of two operations. */
export const familyCluster: FragmentationCluster = {
  id: 'family-0d5c5b1f0a3c1e2d4b6a7f80',
  type: 'family',
  members: ['north', 'south', 'west'].map(region => ({
    entityRef: `api:default/tax-statements-${region}-api`,
    title: `Tax Statements ${region} API`,
    owner: 'group:default/tax-team',
    system: 'system:default/tax-platform',
    lifecycle: 'production',
  })),
  score: 1,
  sharedOperations: ['GET /statements/{}', 'POST /statements/search'],
  sharedOperationCount: 2,
  details: {
    operationCounts: {
      'api:default/tax-statements-north-api': 2,
      'api:default/tax-statements-south-api': 2,
      'api:default/tax-statements-west-api': 3,
    },
    interfaceOperationCount: 2,
    schemaMatches: 2,
    evidence: 2,
    owners: ['group:default/tax-team'],
  },
  message:
    '3 APIs implement one interface of 2 operations (2 with the same request and response shapes): api:default/tax-statements-north-api, api:default/tax-statements-south-api and api:default/tax-statements-west-api. Keep the interface one shared contract (a definition the members reference), so that it changes in one place.',
};

export const versionSprawlCluster: FragmentationCluster = {
  id: 'version-sprawl-2fcde84f3848daee62b6f713',
  type: 'version-sprawl',
  members: [1, 2, 3].map(version => ({
    entityRef: `api:default/payments-api-v${version}`,
    title: `Payments API v${version}`,
    owner: 'group:default/payments-team',
    system: 'system:default/payments-hub',
    version: String(version),
    lifecycle: 'production',
  })),
  score: 1,
  sharedOperations: [],
  sharedOperationCount: 0,
  details: {
    nameKey: 'payments',
    liveVersions: ['1', '2', '3'],
    maxLiveVersions: 2,
    retiredMembers: [],
  },
  message:
    'api:default/payments-api-v1, api:default/payments-api-v2 and api:default/payments-api-v3 are 3 live major versions (v1, v2, v3) of one API, more than the 2 expected. Deprecate the versions consumers should move away from.',
};

export const nameCollisionCluster: FragmentationCluster = {
  id: 'name-collision-e7a7e93a5f4e371750abab06',
  type: 'name-collision',
  members: [
    {
      entityRef: 'api:default/notifications-api',
      title: 'Customer Notifications API',
      owner: 'group:default/channels-team',
      system: 'system:default/notification-platform',
      version: '2',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:partner/notifications-api',
      title: 'Partner Notifications API',
      owner: 'group:default/open-banking-team',
      system: 'system:default/partner-portal',
      version: '1',
      lifecycle: 'production',
    },
  ],
  score: 1,
  sharedOperations: [],
  sharedOperationCount: 0,
  details: {
    nameKey: 'notifications',
    owners: ['group:default/channels-team', 'group:default/open-banking-team'],
    systems: [
      'system:default/notification-platform',
      'system:default/partner-portal',
    ],
  },
  message:
    'api:default/notifications-api and api:partner/notifications-api share the name "notifications" but have different owners and systems. Rename one so that consumers can tell them apart.',
};

/**
 * Three APIs of system:recurring-payments that break its conventions:
 * kebab-case paths (8 of the 10 APIs with a clear casing) and the version in
 * the path (10 of 11).
 */
export const styleCluster: FragmentationCluster = {
  id: 'style-inconsistency-4f6f9c9a22ecc81470ecbb9d',
  type: 'style-inconsistency',
  members: [
    {
      entityRef: 'api:default/payment-mandates-api',
      title: 'Payment Mandates API',
      owner: 'group:default/payments-team',
      system: 'system:default/recurring-payments',
      version: '2',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:default/scheduled-payments-api',
      title: 'Scheduled Payments API',
      owner: 'group:default/payments-team',
      system: 'system:default/recurring-payments',
      version: '2',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:default/standing-orders-api',
      title: 'Standing Orders API',
      owner: 'group:default/payments-team',
      system: 'system:default/recurring-payments',
      version: '1',
      lifecycle: 'production',
    },
  ],
  score: 0.273,
  sharedOperations: [],
  sharedOperationCount: 0,
  scope: 'system:default/recurring-payments',
  details: {
    scopeKind: 'system',
    pathCasing: {
      camel: ['api:default/scheduled-payments-api'],
      snake: ['api:default/payment-mandates-api'],
      mixed: ['api:default/standing-orders-api'],
    },
    versioning: {
      none: ['api:default/scheduled-payments-api'],
    },
    conventions: {
      pathCasing: {
        convention: 'kebab',
        followerCount: 8,
        apiCount: 10,
        styleCounts: { kebab: 8, camel: 1, snake: 1, mixed: 1 },
      },
      versioning: {
        convention: 'path',
        followerCount: 10,
        apiCount: 11,
        styleCounts: { path: 10, none: 1 },
      },
    },
  },
  message:
    'Rename the paths of api:default/scheduled-payments-api (camelCase) and api:default/payment-mandates-api (snake_case) to kebab-case, the convention of 8 of the 10 REST APIs of system:default/recurring-payments. api:default/standing-orders-api mixes path casings in its own paths: use kebab-case throughout. Put the major version of api:default/scheduled-payments-api (no version) in the path (/v1/…), the convention of 10 of the 11 REST APIs of system:default/recurring-payments.',
};

/** One cluster of each type, in the order of the report. */
export const clusters: FragmentationCluster[] = [
  duplicateCluster,
  overlapCluster,
  versionSprawlCluster,
  nameCollisionCluster,
  styleCluster,
];

/**
 * A duplicate of three APIs sharing more operations than listed: 14 listed
 * of 63 shared in all.
 */
export const largeDuplicateCluster: FragmentationCluster = {
  id: 'duplicate-large',
  type: 'duplicate',
  members: [
    {
      entityRef: 'api:default/accounts-api',
      title: 'Accounts API',
      owner: 'group:default/accounts-team',
      system: 'system:default/core-accounts',
      version: '1',
      lifecycle: 'production',
    },
    {
      entityRef: 'api:default/ledger-accounts-api',
      title: 'Ledger Accounts API',
      owner: 'group:default/ledger-team',
      system: 'system:default/ledger',
      lifecycle: 'experimental',
    },
    {
      entityRef: 'api:default/legacy-accounts-api',
      title: 'Legacy Accounts API',
      owner: 'group:default/legacy-integration-team',
      version: '3',
    },
  ],
  score: 0.84,
  sharedOperations: Array.from(
    { length: 14 },
    (_, index) => `GET /accounts/{}/resource-${index + 1}`,
  ),
  sharedOperationCount: 63,
  details: {
    operationCounts: {
      'api:default/accounts-api': 70,
      'api:default/ledger-accounts-api': 66,
      'api:default/legacy-accounts-api': 75,
    },
    minJaccard: 0.84,
    maxJaccard: 0.9,
    pairs: [
      {
        from: 'api:default/accounts-api',
        to: 'api:default/ledger-accounts-api',
        sharedOperations: 63,
        schemaMatches: 40,
        jaccard: 0.9,
        containment: 0.955,
        evidence: 96.5,
      },
      {
        from: 'api:default/accounts-api',
        to: 'api:default/legacy-accounts-api',
        sharedOperations: 63,
        schemaMatches: 12,
        jaccard: 0.84,
        containment: 0.9,
        evidence: 70.25,
      },
    ],
    genericOperations: [],
  },
  message:
    'api:default/accounts-api, api:default/ledger-accounts-api and api:default/legacy-accounts-api share most of their operations: they look like duplicates.',
};

/** The members of {@link largeStyleCluster}: 40 APIs of one system. */
export const largeStyleMembers = Array.from({ length: 40 }, (_, index) => {
  const name = `wallet-${String(index + 1).padStart(2, '0')}-api`;
  return {
    entityRef: `api:default/${name}`,
    title: `Wallet ${String(index + 1).padStart(2, '0')} API`,
    owner: 'group:default/wallet-team',
    system: 'system:default/wallet',
  };
});

/**
 * A style inconsistency of 40 outliers as the backend returns it: the first
 * 25 members (CLUSTER_MEMBERS_MAX) and the count of them all; 200 of the 240
 * APIs of system:wallet use kebab-case paths.
 */
export const largeStyleCluster: FragmentationCluster = {
  id: 'style-inconsistency-0123456789abcdef01234567',
  type: 'style-inconsistency',
  members: largeStyleMembers.slice(0, 25),
  memberCount: 40,
  score: 0.167,
  sharedOperations: [],
  sharedOperationCount: 0,
  scope: 'system:default/wallet',
  details: {
    scopeKind: 'system',
    pathCasing: {
      camel: largeStyleMembers.slice(0, 20).map(member => member.entityRef),
      snake: largeStyleMembers.slice(20, 25).map(member => member.entityRef),
    },
    versioning: {},
    conventions: {
      pathCasing: {
        convention: 'kebab',
        followerCount: 200,
        apiCount: 240,
        styleCounts: { kebab: 200, camel: 20, snake: 20 },
      },
      versioning: {
        convention: 'server',
        followerCount: 240,
        apiCount: 240,
        styleCounts: { server: 240 },
      },
    },
  },
  message:
    'Rename the paths of api:default/wallet-01-api, api:default/wallet-02-api, api:default/wallet-03-api and 17 more (camelCase) and api:default/wallet-21-api, api:default/wallet-22-api, api:default/wallet-23-api and 17 more (snake_case) to kebab-case, the convention of 200 of the 240 REST APIs of system:default/wallet.',
};
