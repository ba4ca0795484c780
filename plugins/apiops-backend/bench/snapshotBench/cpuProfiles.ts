/**
 * CPU profiles of single snapshots (`--cpu-prof`): written to
 * `bench/dist/profiles` and summarized by self time, per function (named by
 * the plugin's source files, through the bundle's source map) and per
 * category.
 */

import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { round } from './measuring';

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** What a function's self time is spent on, by where it lives. */
function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)')
    return 'idle / program';
  if (url.includes('/node_modules/js-yaml/')) return 'YAML parsing (js-yaml)';
  if (url.includes('/node_modules/yaml/')) return 'YAML parsing (yaml)';
  if (
    url.includes('/node_modules/graphql/') ||
    url.includes('/node_modules/protobufjs/')
  ) {
    return 'GraphQL / proto parsing';
  }
  if (
    /extractDefinitionFeatures|normalization|extractFeatures|FeatureCache/.test(
      url,
    )
  ) {
    return 'feature extraction (plugin code)';
  }
  if (
    /findSimilarPairs|detectFragmentation|detectNameFindings|detectStyleInconsistency|UnionFind|clusterId|toClusterMember/.test(
      url,
    )
  ) {
    return 'fragmentation detection';
  }
  if (/node_modules\/(knex|better-sqlite3)|database\//.test(url))
    return 'database (knex, SQLite)';
  if (
    /apiops-common\/src\/(governance|ownership)|governance\/|lifecycle\//.test(
      url,
    )
  ) {
    return 'governance, ownership, station';
  }
  if (/catalog-model/.test(url)) return 'entity refs (catalog-model)';
  if (/src\/(snapshot|method)\//.test(url))
    return 'snapshot service (plugin code)';
  if (/bench\/snapshotBench|__testUtils__\/catalogGenerator/.test(url))
    return 'fake catalog (reading pages)';
  if (url === '' && /^(stringify|parse|JSON)/.test(functionName))
    return 'JSON (catalog round trip, rows)';
  if (url === '' && /digest|update|createHash|Hash/.test(functionName))
    return 'hashing (SHA-256)';
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The source file of each position of this (bundled) script, from its
 * inline source map: the profile names the bundle, the report names the
 * plugin's files. Returns `(line, column) → source path` (0-based).
 */
function sourceLookup(): (
  line: number,
  column: number,
) => { source: string; line: number } | undefined {
  let map: { sources: string[]; mappings: string } | undefined;
  try {
    const text = fs.readFileSync(__filename, 'utf8');
    const marker = 'sourceMappingURL=data:application/json;base64,';
    const at = text.lastIndexOf(marker);
    if (at < 0) return () => undefined;
    map = JSON.parse(
      Buffer.from(text.slice(at + marker.length).trim(), 'base64').toString(
        'utf8',
      ),
    );
  } catch {
    return () => undefined;
  }
  const { sources, mappings } = map!;
  // Per generated line: [column, source index, source line] segments.
  const lines: Array<Array<[number, number, number]>> = [];
  let source = 0;
  let sourceLine = 0;
  let segments: Array<[number, number, number]> = [];
  let column = 0;
  let field = 0;
  let value = 0;
  let shift = 0;
  const flushSegment = () => {
    if (field > 2) segments.push([column, source, sourceLine]);
    field = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const c = mappings[i];
    if (c === undefined || c === ';' || c === ',') {
      flushSegment();
      if (c !== ',') {
        lines.push(segments);
        segments = [];
        column = 0;
      }
      continue;
    }
    const digit = BASE64.indexOf(c);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    const decoded = value & 1 ? -(value >>> 1) : value >>> 1;
    value = 0;
    shift = 0;
    if (field === 0) column += decoded;
    if (field === 1) source += decoded;
    if (field === 2) sourceLine += decoded;
    field += 1;
  }
  return (line, col) => {
    const row = lines[line];
    if (!row || row.length === 0) return undefined;
    let found = row[0];
    for (const segment of row) {
      if (segment[0] > col) break;
      found = segment;
    }
    return { source: sources[found[1]], line: found[2] };
  };
}

export function summarizeProfile(profile: CpuProfile) {
  const lookup = sourceLookup();
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const selfTime = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });
  const functions = new Map<string, number>();
  const categories = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const original = byId.get(id)!.callFrame;
    const source =
      original.url.endsWith(path.basename(__filename)) &&
      lookup(original.lineNumber, original.columnNumber);
    const frame = source
      ? {
          ...original,
          url: path.resolve(__dirname, source.source),
          lineNumber: source.line,
        }
      : original;
    const file = frame.url
      .replace(/^.*\/plugins\//, 'plugins/')
      .replace(/^.*\/node_modules\//, 'node_modules/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${
      frame.lineNumber + 1
    }`;
    functions.set(key, (functions.get(key) ?? 0) + time);
    const category = categoryOf(frame);
    categories.set(category, (categories.get(category) ?? 0) + time);
  }
  const share = (entries: Map<string, number>, count: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => ({
        name,
        ms: Math.round(time / 1000),
        share: round((100 * time) / total, 1),
      }));
  return {
    totalMs: Math.round(total / 1000),
    categories: share(categories, 20),
    functions: share(functions, 25),
  };
}

export async function profiled<T>(
  name: string,
  enabled: boolean,
  task: () => Promise<T>,
) {
  if (!enabled) return { value: await task(), profile: undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const value = await task();
  const { profile } = (await session.post('Profiler.stop')) as {
    profile: CpuProfile;
  };
  session.disconnect();
  const directory = path.join(__dirname, 'profiles');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(
    path.join(directory, `${name}.cpuprofile`),
    JSON.stringify(profile),
  );
  return { value, profile: summarizeProfile(profile) };
}
