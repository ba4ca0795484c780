import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { fragmentationClusterSchema } from '@apiops-backstage/plugin-apiops-common';
import { parseAllDocuments } from 'yaml';
import { detectFragmentation } from './detectFragmentation';
import { extractFeatures } from './extractFeatures';
import type { ExtractFeaturesResult } from './types';

/** The example organization; its README lists the planted cases. */
const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

function loadExampleApis(): Entity[] {
  const dir = path.join(EXAMPLES_DIR, 'apis');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
        document => {
          if (document.errors.length > 0) {
            throw new Error(`${file}: ${document.errors[0].message}`);
          }
          return document.toJS() as Entity;
        },
      ),
    );
}

describe('fragmentation of the example catalog', () => {
  const results = new Map<string, ExtractFeaturesResult>(
    loadExampleApis().map(entity => {
      const result = extractFeatures(entity);
      return [result.features.entityRef, result];
    }),
  );
  const clusters = detectFragmentation(
    [...results.values()].map(result => result.features),
  );

  /** Similarity as the README computes it (`GET /health` ignored). */
  function similarity(a: string, b: string) {
    const ops = (ref: string) =>
      new Set(
        results
          .get(ref)!
          .features.operations.filter(op => op !== 'GET /health'),
      );
    const [setA, setB] = [ops(`api:default/${a}`), ops(`api:default/${b}`)];
    const shared = [...setA].filter(op => setB.has(op)).length;
    return {
      jaccard:
        Math.round((1000 * shared) / (setA.size + setB.size - shared)) / 1000,
      containment:
        Math.round((1000 * shared) / Math.min(setA.size, setB.size)) / 1000,
    };
  }

  it('reads every definition but the one planted broken', () => {
    expect(results.size).toBe(48);
    const problems = [...results.entries()]
      .filter(([, result]) => result.problem)
      .map(([ref]) => ref);
    expect(problems).toEqual(['api:default/reporting-datasets-api']);
  });

  it('normalizes operations to the figures of the README', () => {
    expect(similarity('customer-profile-api', 'client-directory-api')).toEqual({
      jaccard: 0.909,
      containment: 1,
    });
    expect(similarity('card-status-api', 'card-management-api')).toEqual({
      jaccard: 0.286,
      containment: 1,
    });
    expect(similarity('payments-api-v1', 'payments-api-v2').jaccard).toBe(0.4);
    expect(similarity('payments-api-v2', 'payments-api-v3').jaccard).toBe(0.7);
    expect(similarity('payments-api-v1', 'payments-api-v3').jaccard).toBe(0.25);
    expect(similarity('statements-api-v1', 'statements-api-v2').jaccard).toBe(
      0.222,
    );
    expect(similarity('accounts-api', 'ob-account-information-api')).toEqual({
      jaccard: 0.2,
      containment: 0.375,
    });
  });

  it('finds exactly the planted clusters', () => {
    expect(
      clusters.map(cluster => ({
        type: cluster.type,
        members: cluster.members.map(member => member.entityRef),
        score: cluster.score,
        scope:
          cluster.type === 'style-inconsistency' ? cluster.scope : undefined,
      })),
    ).toEqual([
      {
        type: 'duplicate',
        members: [
          'api:default/client-directory-api',
          'api:default/customer-profile-api',
        ],
        score: 0.909,
        scope: undefined,
      },
      {
        type: 'overlap',
        members: [
          'api:default/card-management-api',
          'api:default/card-status-api',
        ],
        score: 1,
        scope: undefined,
      },
      {
        type: 'version-sprawl',
        members: [
          'api:default/payments-api-v1',
          'api:default/payments-api-v2',
          'api:default/payments-api-v3',
        ],
        score: 1,
        scope: undefined,
      },
      {
        type: 'name-collision',
        members: [
          'api:default/notifications-api',
          'api:partner/notifications-api',
        ],
        score: 1,
        scope: undefined,
      },
      {
        type: 'style-inconsistency',
        members: ['api:default/scheduled-payments-api'],
        score: 0.333,
        scope: 'system:default/recurring-payments',
      },
    ]);
  });

  it('gives each planted cluster its figures', () => {
    const [duplicate, overlap, sprawl, collision, style] = clusters;
    expect(duplicate.sharedOperationCount).toBe(10);
    expect(duplicate.members.map(m => [m.owner, m.system])).toEqual([
      ['group:default/kyc-team', 'system:default/kyc-platform'],
      ['group:default/customer-team', 'system:default/customer-hub'],
    ]);
    expect(overlap.sharedOperations).toEqual([
      'GET /cards/{}/status',
      'POST /cards/{}/activation',
      'POST /cards/{}/freeze',
      'POST /cards/{}/unfreeze',
    ]);
    expect(overlap.details).toMatchObject({
      container: 'api:default/card-management-api',
      contained: ['api:default/card-status-api'],
      jaccard: 0.286,
      pairs: [
        {
          from: 'api:default/card-status-api',
          to: 'api:default/card-management-api',
          sharedOperations: 4,
          containment: 1,
        },
      ],
    });
    // The evidence of the planted pairs is well over minEvidence.
    expect(
      overlap.type === 'overlap' && overlap.details.pairs[0].evidence,
    ).toBeGreaterThanOrEqual(4);
    expect(duplicate.type === 'duplicate' && duplicate.details.pairs).toEqual([
      expect.objectContaining({
        sharedOperations: 10,
        jaccard: 0.909,
        evidence: expect.any(Number),
      }),
    ]);
    expect(sprawl.members.map(m => [m.version, m.lifecycle])).toEqual([
      ['1', 'production'],
      ['2', 'production'],
      ['3', 'production'],
    ]);
    expect(collision.sharedOperationCount).toBe(0);
    expect(collision.members.map(m => [m.owner, m.system])).toEqual([
      ['group:default/channels-team', 'system:default/notification-platform'],
      ['group:default/open-banking-team', 'system:default/partner-portal'],
    ]);
    // Three casings, one API each: no convention, the split reported. Two
    // of three put the version in the path: scheduled-payments breaks it.
    expect(style.details).toEqual({
      scopeKind: 'system',
      pathCasing: {},
      versioning: { none: ['api:default/scheduled-payments-api'] },
      conventions: {
        pathCasing: {
          followerCount: 0,
          apiCount: 3,
          styleCounts: { kebab: 1, camel: 1, snake: 1 },
        },
        versioning: {
          convention: 'path',
          followerCount: 2,
          apiCount: 3,
          styleCounts: { path: 2, none: 1 },
        },
      },
    });
    expect(style.message).toBe(
      'Put the major version of api:default/scheduled-payments-api ' +
        '(no version) in the path (/v1/…), the convention of 2 of the 3 ' +
        'REST APIs of system:default/recurring-payments. The REST APIs of ' +
        'system:default/recurring-payments have no path casing convention ' +
        '(kebab-case 1, camelCase 1, snake_case 1): agree on one.',
    );
  });

  it('leaves out the near miss, the deprecated version and GET /health', () => {
    const refsInClusters = new Set(
      clusters.flatMap(cluster => cluster.members.map(m => m.entityRef)),
    );
    // The README's clean APIs, and the deprecated statements v1.
    for (const clean of [
      'accounts-api',
      'transactions-api',
      'statements-api-v1',
      'statements-api-v2',
      'account-events',
      'card-authorisation-events',
      'card-tokenization',
      'loan-applications-api',
      'credit-decision',
      'payment-events',
      'ob-account-information-api',
      'ob-payment-initiation-api',
      'ob-funds-confirmation-api',
      'kyc-verification-api',
      'customer-authentication-api',
      'fraud-scoring',
      'fraud-alerts',
      'mobile-banking-graph',
      'loyalty-rewards-graph',
      'customer-360-graph',
      'audit-log-api',
      'feature-flags-api',
    ]) {
      expect(refsInClusters).not.toContain(`api:default/${clean}`);
    }
    expect(clusters.flatMap(cluster => cluster.sharedOperations)).not.toContain(
      'GET /health',
    );
  });

  it('writes clusters as the shared schema describes them, details typed per type', () => {
    expect(new Set(clusters.map(cluster => cluster.type)).size).toBe(5);
    for (const cluster of clusters) {
      // Parsing drops what the schema does not know: nothing is dropped.
      expect(fragmentationClusterSchema.parse(cluster)).toEqual(cluster);
    }
  });

  it('keeps cluster ids stable', () => {
    const again = detectFragmentation(
      [...results.values()].reverse().map(result => result.features),
    );
    expect(again.map(cluster => cluster.id)).toEqual(
      clusters.map(cluster => cluster.id),
    );
  });
});
