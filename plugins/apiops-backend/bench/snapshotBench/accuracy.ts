/**
 * The detection scored against the planted truth: the clusters read back
 * from the store, and the detection alone on the catalog's features.
 */

import { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import {
  API_FIELDS,
  SnapshotService,
} from '../../src/snapshot/SnapshotService';
import {
  detectFragmentationWithStats,
  extractFeatures,
  FeatureCache,
  FragmentationApi,
} from '../../src/fragmentation';
import { plantedTruth } from '../../src/__testUtils__/catalogGenerator';
import { score, scoreClusters } from '../../src/__testUtils__/accuracy';
import { Clock, now, since, gc, percentile, round } from './measuring';
import { newCounters, catalogPages } from './fakeCatalog';
import { Context } from './services';

async function readAll<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
  } while (cursor);
  return items;
}

export async function accuracy(ctx: Context) {
  const truth = plantedTruth(ctx.plan);
  const clusters = await readAll<FragmentationCluster>(cursor =>
    ctx.store.listFragmentation({ limit: 1000, cursor }),
  );
  const gaps = await readAll(cursor =>
    ctx.store.listOwnershipGaps({ limit: 1000, cursor }),
  );
  return {
    ...scoreClusters(truth, clusters),
    ownershipGaps: score(
      truth.gaps,
      new Set(
        gaps.map(
          gap => `${gap.entityRef.toLocaleLowerCase('en-US')} ${gap.type}`,
        ),
      ),
    ),
  };
}

// ---------------------------------------------------------------------------
// Detection alone, on the features of the catalog

export async function detectionAlone(ctx: Context, service: SnapshotService) {
  // The service's own cache (warm after a run): no definition is parsed again.
  const cache = (service as unknown as { definitions: { cache: FeatureCache } })
    .definitions.cache;
  const features: FragmentationApi[] = [];
  for (const page of catalogPages(
    ctx.files,
    ['API'],
    API_FIELDS,
    newCounters(),
  )) {
    for (const entity of page)
      features.push(extractFeatures(entity, { cache }).features);
  }
  gc();
  const times: Clock[] = [];
  let stats: unknown;
  for (let i = 0; i < 3; i++) {
    const start = now();
    stats = detectFragmentationWithStats(features).stats;
    times.push(since(start));
  }
  const middle = (key: keyof Clock) =>
    percentile(
      times.map(t => t[key]),
      50,
    );
  return { wall: round(middle('wall')), cpu: round(middle('cpu')), stats };
}
