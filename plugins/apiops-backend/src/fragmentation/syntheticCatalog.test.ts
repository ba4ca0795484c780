import {
  apiEntity,
  createPlan,
  plantedTruth,
} from '../__testUtils__/catalogGenerator';
import { scoreClusters } from '../__testUtils__/accuracy';
import { detectFragmentation } from './detectFragmentation';
import { extractFeatures } from './extractFeatures';

jest.setTimeout(60_000);

/**
 * Detection on a catalog of the benchmark's generator: realistic OpenAPI,
 * AsyncAPI and GraphQL definitions with planted duplicates, overlaps,
 * version families and name collisions, and shared and common endpoints
 * everywhere else. Every planted case is found, and nothing else.
 */
describe.each([42, 7])(
  'fragmentation of a generated catalog (seed %p)',
  seed => {
    const plan = createPlan({ apis: 2000, seed });
    const features = Array.from(
      { length: plan.apis },
      (_, api) => extractFeatures(apiEntity(plan, api)).features,
    );
    const scores = scoreClusters(
      plantedTruth(plan),
      detectFragmentation(features),
    );

    it.each([
      'duplicatePairs',
      'duplicateGroups',
      'versionSprawl',
      'overlaps',
      'nameCollisions',
    ] as const)('finds exactly the planted %s', kind => {
      expect(scores[kind]).toMatchObject({ precision: 1, recall: 1 });
      expect(scores[kind].planted).toBeGreaterThan(0);
    });

    it('reports no family that has only the allowed live versions', () => {
      expect(scores.quietFamiliesReported).toBe(0);
    });
  },
);
