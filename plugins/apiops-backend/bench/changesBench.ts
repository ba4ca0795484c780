/**
 * The cost of the change detection per definition (docs/benchmarks.md,
 * "Change detection"): for every OpenAPI definition of the example catalog,
 * one operation removed and a required parameter added, then
 *
 * - the comparison in process (parse both, diff, classify, locate), median
 *   of 5 after 2 warm-up runs;
 * - the same through the worker pool (one thread), as a snapshot runs it;
 * - the description of a first sight (the baseline);
 * - the stored size: the definition deflated, as apiops_change_definitions
 *   keeps it.
 *
 * Run from the repository root:
 * `node --require @backstage/cli/config/nodeTransform.cjs plugins/apiops-backend/bench/changesBench.ts`
 */
import { deflateSync } from 'node:zlib';
import { stringify, parse } from 'yaml';
import { loadExampleEntities } from '../src/__fixtures__/exampleCatalog';
import { ChangeDiffer } from '../src/changes/ChangeDiffer';
import {
  describeDefinition,
  diffDefinitions,
} from '../src/changes/diffDefinitions';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(fn: () => unknown, runs = 5): number {
  fn();
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** One operation removed and a required query parameter added. */
function edited(text: string): string | undefined {
  let doc;
  try {
    doc = parse(text);
  } catch {
    return undefined; // the example's definition that does not parse
  }
  const paths = Object.keys(doc.paths ?? {});
  if (paths.length < 2) return undefined;
  delete doc.paths[paths[paths.length - 1]];
  const item = doc.paths[paths[0]];
  const method = Object.keys(item).find(k =>
    ['get', 'post', 'put', 'patch', 'delete'].includes(k),
  );
  if (!method) return undefined;
  item[method].parameters = [
    ...(item[method].parameters ?? []),
    { name: 'tenant', in: 'query', required: true, schema: { type: 'string' } },
  ];
  return stringify(doc);
}

async function main() {
  const rows: Array<{
    name: string;
    chars: number;
    stored: number;
    diffMs: number;
    describeMs: number;
    breaking: number;
  }> = [];
  const pairs: Array<[string, string]> = [];
  for (const entity of loadExampleEntities()) {
    if (entity.kind !== 'API' || entity.spec?.type !== 'openapi') continue;
    const text = String(entity.spec.definition);
    const after = edited(text);
    if (!after) continue;
    pairs.push([text, after]);
    const diff = diffDefinitions('openapi', text, after, { maxChanges: 200 });
    rows.push({
      name: entity.metadata.name,
      chars: text.length,
      stored: deflateSync(Buffer.from(text)).length,
      diffMs: timed(() =>
        diffDefinitions('openapi', text, after, { maxChanges: 200 }),
      ),
      describeMs: timed(() => describeDefinition('openapi', text)),
      breaking: diff.counts.breaking,
    });
  }
  const differ = ChangeDiffer.create({ threads: 1, timeoutMs: 60_000 });
  // The thread's start, then each pair through it: a first pass on a new
  // thread, and a second once its code is compiled (as in a snapshot that
  // compares hundreds).
  await differ.diff('openapi', pairs[0][0], pairs[0][1], { maxChanges: 200 });
  const pass = async () => {
    const started = Date.now();
    for (const [before, after] of pairs) {
      await differ.diff('openapi', before, after, { maxChanges: 200 });
    }
    return (Date.now() - started) / pairs.length;
  };
  const perPairOnThread = await pass();
  const perPairOnWarmThread = await pass();
  await differ.close();

  const sum = (k: 'chars' | 'stored') => rows.reduce((a, r) => a + r[k], 0);
  const largest = [...rows].sort((a, b) => b.chars - a.chars)[0];
  process.stdout.write(
    `${JSON.stringify(
      {
        definitions: rows.length,
        medianChars: median(rows.map(r => r.chars)),
        medianDiffMs: +median(rows.map(r => r.diffMs)).toFixed(1),
        maxDiffMs: +Math.max(...rows.map(r => r.diffMs)).toFixed(1),
        largest: {
          name: largest.name,
          chars: largest.chars,
          diffMs: +largest.diffMs.toFixed(1),
        },
        medianDescribeMs: +median(rows.map(r => r.describeMs)).toFixed(1),
        perPairOnOneThreadMs: +perPairOnThread.toFixed(1),
        perPairOnWarmThreadMs: +perPairOnWarmThread.toFixed(1),
        everyEditBreaking: rows.every(r => r.breaking >= 2),
        storedBytesPerApi: Math.round(sum('stored') / rows.length),
        compression: +(sum('stored') / sum('chars')).toFixed(3),
      },
      null,
      2,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
