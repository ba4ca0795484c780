import type { Steps } from './EventLoopYielder';
import { mix32 } from './HashInterner';
import { UnionFind } from './UnionFind';

/** Pauses (see {@link Steps}) every 256 APIs. */
const PAUSE_EVERY_APIS = 255;
/**
 * Two interface parts merge when the APIs of the smaller are nearly all
 * (this share) APIs of the larger...
 */
const MERGE_CONTAINED = 0.8;
/** ...and the smaller has at least this share of the larger's APIs. */
const MERGE_SIZE_RATIO = 0.5;
/** Least share of a member's own operations that the interface is. */
const MIN_OWN_SHARE = 0.4;
/** Shapes of a signature across the APIs having it. */
const SHAPE_AGREES = 0;
const SHAPE_UNKNOWN = 1;
const SHAPE_DIFFERS = 2;
/** Most interface parts of one API compared with each other when merging. */
const MAX_PARTS_PER_API = 24;

/**
 * APIs implementing one shared interface.
 *
 * @internal
 */
export interface Family {
  /** The APIs, by index, ascending. */
  members: number[];
  /** Signature ids of the interface, ascending. */
  interfaceIds: number[];
  /** Interface operations with the same known shape in the members. */
  schemaMatches: number;
  /** See `familyMinEvidence`. */
  evidence: number;
}

/** What {@link findFamilies} reads: each API's signature ids and shapes. */
export interface FamilyInput {
  /** Where each API's ids start in `raw`; `rawStart[n]` is the total. */
  rawStart: Int32Array;
  /** Signature ids of each API, sorted and unique. */
  raw: Int32Array;
  /** The shape of each operation of `raw` (0: unknown). */
  rawShapes: Int32Array;
  /** 1 for signatures listed as infrastructure (never part of an interface). */
  listed: Uint8Array;
  /** Group id per API (versions of one API); a family spans two groups or more. */
  groups?: ArrayLike<number>;
}

/**
 * Finds families: three or more APIs implementing one shared interface. An
 * operation with its shape (or alone, where the definitions give no shape) is
 * a token; tokens that exactly the same APIs have are one part of an
 * interface (found by hashing each token's list of APIs, in one pass). Parts
 * whose APIs nearly coincide (≥ 90% of the smaller) are merged into one
 * A family needs `minApis` members and `minEvidence` evidence: 1 per
 * interface operation whose shape is the same in every API having it, 0.5
 * per operation without shapes, 0.25 per operation whose shapes differ,
 * each part counted by the share of the members it covers; an operation
 * with the same shape everywhere counts log2 of the number of members (one
 * operation implemented alike by twelve APIs says more than by three). Generic
 * operations (`GET /orders`) of unrelated APIs rarely come with exactly the
 * same APIs, and then with other shapes.
 *
 * The work is linear in the operations of all APIs, plus the pairs of parts
 * within one API (at most {@link MAX_PARTS_PER_API} each).
 *
 * @internal
 */
export function* findFamilies(
  input: FamilyInput,
  minApis: number,
  minEvidence: number,
): Steps<Family[]> {
  const { rawStart, raw, rawShapes, listed, groups } = input;
  const n = rawStart.length - 1;

  // Per signature: how many APIs have it, a hash of their list, and whether
  // its shapes agree (one known shape), are unknown, or differ.
  const tokenCount = listed.length;
  const frequency = new Int32Array(tokenCount);
  const hash1 = new Int32Array(tokenCount);
  const hash2 = new Int32Array(tokenCount);
  const firstShape = new Int32Array(tokenCount);
  const shapeState = new Uint8Array(tokenCount); // SHAPE_*
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    for (let p = rawStart[api]; p < rawStart[api + 1]; p++) {
      const token = raw[p];
      if (listed[token]) {
        continue;
      }
      frequency[token] += 1;
      hash1[token] = mix32(hash1[token] ^ (api + 1));
      hash2[token] = mix32(Math.imul(hash2[token] + api + 1, 0x9e3779b9));
      const shape = rawShapes[p];
      if (frequency[token] === 1) {
        firstShape[token] = shape;
        shapeState[token] = shape === 0 ? SHAPE_UNKNOWN : SHAPE_AGREES;
      } else if (shape !== firstShape[token]) {
        shapeState[token] = SHAPE_DIFFERS;
      }
    }
  }
  /** An API's operations that can be part of an interface. */
  const operationCount = (api: number) => {
    let count = 0;
    for (let p = rawStart[api]; p < rawStart[api + 1]; p++) {
      count += listed[raw[p]] ? 0 : 1;
    }
    return count;
  };
  /** Evidence per token by its shape state (agrees, unknown, differs). */
  const evidenceOfState = [1, 0.5, 0.25];
  const tokenEvidence = (token: number) => evidenceOfState[shapeState[token]];

  // Parts: tokens with the same list of (at least minApis) APIs, found by
  // the list's hashes and length (parts by their first hash, then compared).
  const partsByHash = new Map<number, number[]>();
  const partOfToken = new Int32Array(tokenCount).fill(-1);
  const partTokens: number[][] = [];
  for (let token = 0; token < tokenCount; token++) {
    if ((token & 0xffff) === 0) yield;
    if (frequency[token] < minApis) {
      continue;
    }
    const candidates = partsByHash.get(hash1[token]);
    let part = candidates?.find(other => {
      const first = partTokens[other][0];
      return (
        hash2[first] === hash2[token] && frequency[first] === frequency[token]
      );
    });
    if (part === undefined) {
      part = partTokens.length;
      partTokens.push([]);
      if (candidates) {
        candidates.push(part);
      } else {
        partsByHash.set(hash1[token], [part]);
      }
    }
    partOfToken[token] = part;
    partTokens[part].push(token);
  }
  if (partTokens.length === 0) {
    return [];
  }

  // The APIs of each part, and the parts each API has.
  const partApis: number[][] = partTokens.map(() => []);
  const partsOfApi = new Map<number, number[]>();
  for (let api = 0; api < n; api++) {
    if ((api & PAUSE_EVERY_APIS) === 0) yield;
    let parts: number[] | undefined;
    for (let p = rawStart[api]; p < rawStart[api + 1]; p++) {
      const part = listed[raw[p]] ? -1 : partOfToken[raw[p]];
      if (part >= 0 && partApis[part].at(-1) !== api) {
        partApis[part].push(api);
        (parts ??= []).push(part);
      }
    }
    if (parts && parts.length > 1) {
      partsOfApi.set(api, parts.slice(0, MAX_PARTS_PER_API));
    }
  }

  // Merge parts whose APIs nearly coincide.
  const shared = new Map<number, number>();
  const partCount = partTokens.length;
  for (const parts of partsOfApi.values()) {
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const key =
          Math.min(parts[i], parts[j]) * partCount +
          Math.max(parts[i], parts[j]);
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  yield;
  const merged = new UnionFind(partCount);
  for (const [key, count] of shared) {
    const a = Math.floor(key / partCount);
    const b = key % partCount;
    const smaller = Math.min(partApis[a].length, partApis[b].length);
    const larger = Math.max(partApis[a].length, partApis[b].length);
    if (
      count >= MERGE_CONTAINED * smaller &&
      smaller >= MERGE_SIZE_RATIO * larger
    ) {
      merged.union(a, b);
    }
  }
  const partsOfFamily = new Map<number, number[]>();
  for (let part = 0; part < partCount; part++) {
    const root = merged.find(part);
    const parts = partsOfFamily.get(root) ?? [];
    parts.push(part);
    partsOfFamily.set(root, parts);
  }

  const families: Family[] = [];
  for (const parts of partsOfFamily.values()) {
    yield;
    const apis = new Set<number>();
    for (const part of parts) {
      for (const api of partApis[part]) {
        apis.add(api);
      }
    }
    if (apis.size < minApis) {
      continue;
    }
    // The interface: the parts that at least half of the APIs have; the
    // members: the APIs having at least half of the interface.
    const interfaceParts = parts.filter(
      part => 2 * partApis[part].length >= apis.size,
    );
    const interfaceSize = interfaceParts.reduce(
      (sum, part) => sum + partTokens[part].length,
      0,
    );
    const held = new Map<number, number>();
    for (const part of interfaceParts) {
      for (const api of partApis[part]) {
        held.set(api, (held.get(api) ?? 0) + partTokens[part].length);
      }
    }
    // ...and 40% of whose own operations are the interface: one shared
    // sub-resource among many APIs' own operations is no family.
    const members = [...held.entries()]
      .filter(
        ([api, count]) =>
          2 * count >= interfaceSize &&
          count >= MIN_OWN_SHARE * operationCount(api),
      )
      .map(([api]) => api)
      .sort((a, b) => a - b);
    if (members.length < minApis) {
      continue;
    }
    if (groups && members.every(api => groups[api] === groups[members[0]])) {
      continue; // versions of one API: version sprawl's concern
    }
    let evidence = 0;
    let schemaMatches = 0;
    const interfaceIds: number[] = [];
    for (const part of interfaceParts) {
      const coverage = Math.min(1, partApis[part].length / members.length);
      for (const token of partTokens[part]) {
        // An operation with the same shape in many APIs says more than in
        // three: it counts log2 of the number of members.
        evidence +=
          tokenEvidence(token) *
          coverage *
          (shapeState[token] === SHAPE_AGREES ? Math.log2(members.length) : 1);
        interfaceIds.push(token);
        schemaMatches += shapeState[token] === SHAPE_AGREES ? 1 : 0;
      }
    }
    if (evidence < minEvidence - 1e-9) {
      continue;
    }
    families.push({
      members,
      interfaceIds: interfaceIds.sort((a, b) => a - b),
      schemaMatches,
      evidence: Math.round(evidence * 1000) / 1000,
    });
  }
  return families;
}
