import type {
  ApiChangeEvent,
  ApiChangeHistory,
  ApiVersionFamily,
  ChangeCounts,
} from '@apiops-backstage/plugin-apiops-common';

/** Counts of every class, zero unless given. */
export function counts(given: Partial<ChangeCounts> = {}): ChangeCounts {
  return {
    breaking: 0,
    'non-breaking': 0,
    deprecated: 0,
    annotation: 0,
    unclassified: 0,
    ...given,
  };
}

/**
 * A breaking change of the payments API without a new major version: a
 * removed operation and a new required parameter, an added optional field,
 * consumed by two components.
 */
export function breakingEvent(
  overrides: Partial<ApiChangeEvent> = {},
): ApiChangeEvent {
  return {
    id: 'evt-2',
    entityRef: 'api:default/payments-api',
    title: 'Payments API',
    owner: 'group:default/payments-team',
    system: 'system:default/payments',
    snapshotId: 'snap-7',
    detectedAt: '2026-12-05T10:00:00.000Z',
    fromHash: 'aaa',
    toHash: 'bbb',
    fromVersion: '1.2.0',
    toVersion: '1.3.0',
    counts: counts({ breaking: 2, 'non-breaking': 1 }),
    // Not in the order of severity: the list orders them.
    changes: [
      {
        class: 'non-breaking',
        action: 'add',
        path: '$.components.schemas.Payment.properties.note',
        description: 'Optional property note added',
        after: '{ type: string }',
      },
      {
        class: 'breaking',
        action: 'remove',
        path: "$.paths['/refunds'].post",
        operation: 'POST /refunds',
        description: 'Operation removed',
        before: 'POST /refunds',
      },
      {
        class: 'breaking',
        action: 'replace',
        path: "$.paths['/payments'].get.parameters[0].required",
        operation: 'GET /payments',
        description: 'Parameter currency became required',
        before: 'false',
        after: 'true',
      },
    ],
    changeCount: 3,
    consumers: [
      {
        entityRef: 'component:default/checkout-web',
        title: 'Checkout Web',
        system: 'system:default/storefront',
        owner: 'group:default/web-team',
      },
      {
        entityRef: 'component:default/billing-batch',
        owner: 'group:default/billing-team',
      },
    ],
    ...overrides,
  };
}

/** A non-breaking change (an annotation) of the payments API, older. */
export function annotationEvent(
  overrides: Partial<ApiChangeEvent> = {},
): ApiChangeEvent {
  return {
    ...breakingEvent(),
    id: 'evt-1',
    snapshotId: 'snap-5',
    detectedAt: '2026-11-20T10:00:00.000Z',
    fromHash: '999',
    toHash: 'aaa',
    fromVersion: '1.2.0',
    toVersion: '1.2.0',
    counts: counts({ annotation: 1 }),
    changes: [
      {
        class: 'annotation',
        action: 'replace',
        path: '$.info.description',
        description: 'Description changed',
        before: 'Payments',
        after: 'Payments and refunds',
      },
    ],
    changeCount: 1,
    ...overrides,
  };
}

/** The snapshot the history comes from. */
export const snapshot = {
  id: 'snap-7',
  computedAt: '2026-12-05T10:00:00.000Z',
  stale: false,
};

/** A history of the payments API: its first page. */
export function history(
  overrides: Partial<ApiChangeHistory> = {},
): ApiChangeHistory {
  return {
    items: [breakingEvent()],
    baselineAt: '2026-11-01T08:00:00.000Z',
    deprecations: [],
    snapshot,
    ...overrides,
  } as ApiChangeHistory;
}

/** The payments family: v1 and v2, with their comparison. */
export function paymentsFamily(): ApiVersionFamily {
  return {
    members: [
      {
        entityRef: 'api:default/payments-api',
        title: 'Payments API',
        major: 1,
        version: '1.3.0',
        lifecycle: 'production',
        owner: 'group:default/payments-team',
      },
      {
        entityRef: 'api:default/payments-api-v2',
        title: 'Payments API v2',
        major: 2,
        version: '2.0.0',
        lifecycle: 'experimental',
        owner: 'group:default/payments-team',
      },
    ],
    comparisons: [
      {
        from: {
          entityRef: 'api:default/payments-api',
          title: 'Payments API',
          major: 1,
          version: '1.3.0',
        },
        to: {
          entityRef: 'api:default/payments-api-v2',
          title: 'Payments API v2',
          major: 2,
          version: '2.0.0',
        },
        counts: counts({ breaking: 1, 'non-breaking': 1 }),
        changes: [
          {
            class: 'non-breaking',
            action: 'add',
            path: "$.paths['/payouts']",
            operation: 'GET /payouts',
            description: 'Operation added',
            after: 'GET /payouts',
          },
          {
            class: 'breaking',
            action: 'rename',
            path: '$.components.schemas.Payment.properties.amount',
            operation: 'POST /payments',
            description: 'Property amount renamed to total',
            before: 'amount: number',
            after: 'total: Money',
          },
        ],
        changeCount: 2,
      },
    ],
  };
}
