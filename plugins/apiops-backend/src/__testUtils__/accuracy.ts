/**
 * Scores detected fragmentation clusters against the planted truth of a
 * synthetic catalog: used by the benchmark (clusters read back from the
 * store) and by the plugin's own test of detection on a generated catalog.
 */
import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import type { PlantedTruth } from './catalogGenerator';

/** Precision and recall of one kind of finding. */
export interface Score {
  planted: number;
  detected: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** A few detections that were not planted. */
  falsePositives?: string[];
  /** A few planted cases that were not detected. */
  misses?: string[];
}

/** Scores a set of detected keys against the planted ones. */
export function score(
  planted: Set<string>,
  detected: Set<string>,
  sample = 3,
): Score {
  let hits = 0;
  const falsePositives: string[] = [];
  for (const key of detected) {
    if (planted.has(key)) hits += 1;
    else if (falsePositives.length < sample) falsePositives.push(key);
  }
  const misses: string[] = [];
  for (const key of planted) {
    if (!detected.has(key) && misses.length < sample) misses.push(key);
  }
  return {
    planted: planted.size,
    detected: detected.size,
    truePositives: hits,
    precision: detected.size === 0 ? 1 : hits / detected.size,
    recall: planted.size === 0 ? 1 : hits / planted.size,
    ...(falsePositives.length ? { falsePositives } : {}),
    ...(misses.length ? { misses } : {}),
  };
}

/** Every pair of a group of refs, as `a b` (lower case, sorted). */
export function pairsOf(refs: string[]): string[] {
  const sorted = [...refs].map(r => r.toLocaleLowerCase('en-US')).sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      pairs.push(`${sorted[i]} ${sorted[j]}`);
    }
  }
  return pairs;
}

/** A group of refs as one key (lower case, sorted). */
export function setKey(refs: string[]): string {
  return refs
    .map(r => r.toLocaleLowerCase('en-US'))
    .sort()
    .join(' ');
}

/** The fragmentation findings scored against the planted cases. */
export function scoreClusters(
  truth: PlantedTruth,
  clusters: readonly FragmentationCluster[],
) {
  const byType = (type: string) =>
    clusters
      .filter(c => c.type === type)
      .map(c => c.members.map(m => m.entityRef));
  const counts: Record<string, number> = {};
  for (const cluster of clusters) {
    counts[cluster.type] = (counts[cluster.type] ?? 0) + 1;
  }
  const duplicates = byType('duplicate');
  const sprawl = byType('version-sprawl');
  const quietMembers = new Set(truth.quietFamilies.flat());
  return {
    clusters: counts,
    duplicatePairs: score(
      new Set(truth.duplicateGroups.flatMap(pairsOf)),
      new Set(duplicates.flatMap(pairsOf)),
    ),
    duplicateGroups: score(
      new Set(truth.duplicateGroups.map(setKey)),
      new Set(duplicates.map(setKey)),
    ),
    versionSprawl: score(
      new Set(truth.sprawlFamilies.map(setKey)),
      new Set(sprawl.map(setKey)),
    ),
    /** Sprawl findings on families that have at most the allowed live versions. */
    quietFamiliesReported: sprawl.filter(members =>
      members.some(ref => quietMembers.has(ref.toLocaleLowerCase('en-US'))),
    ).length,
    overlaps: score(
      new Set(truth.overlapPairs.map(pair => setKey(pair))),
      new Set(byType('overlap').map(setKey)),
    ),
    nameCollisions: score(
      new Set(truth.collisionPairs.map(pair => setKey(pair))),
      new Set(byType('name-collision').map(setKey)),
    ),
  };
}
