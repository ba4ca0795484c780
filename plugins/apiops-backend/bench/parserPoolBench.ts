/**
 * What the definition parser pool costs the main thread per definition
 * (docs/benchmarks.md, "One message per parser batch"): the example
 * catalog's definitions, over and over, through a pool of two threads in
 * the snapshot's pages of 100, with the wall time, the main thread's CPU
 * and the process's CPU.
 *
 * Run from the repository root:
 * `node --require @backstage/cli/config/nodeTransform.cjs plugins/apiops-backend/bench/parserPoolBench.ts [definitions]`
 */
import { loadExampleEntities } from '../src/__fixtures__/exampleCatalog';
import { DefinitionParserPool } from '../src/fragmentation/DefinitionParserPool';
import { API_PAGE_SIZE } from '../src/snapshot/SnapshotService';

async function main() {
  const count = Number(process.argv[2] ?? 20_000);
  const definitions = loadExampleEntities().flatMap(entity =>
    entity.kind === 'API' && typeof entity.spec?.definition === 'string'
      ? [{ type: String(entity.spec.type), definition: entity.spec.definition }]
      : [],
  );
  const items = Array.from(
    { length: count },
    (_, i) => definitions[i % definitions.length],
  );
  const pool = DefinitionParserPool.create({ threads: 2 });
  try {
    // The threads start and load their modules.
    await pool.extract(items.slice(0, API_PAGE_SIZE));
    const wall = performance.now();
    const mainThread = process.threadCpuUsage();
    const all = process.cpuUsage();
    for (let i = 0; i < items.length; i += API_PAGE_SIZE) {
      await pool.extract(items.slice(i, i + API_PAGE_SIZE));
    }
    const mainUsed = process.threadCpuUsage(mainThread);
    const allUsed = process.cpuUsage(all);
    const seconds = (usage: NodeJS.CpuUsage) =>
      ((usage.user + usage.system) / 1e6).toFixed(2);
    process.stdout.write(
      `${count} definitions (${definitions.length} distinct): ${(
        (performance.now() - wall) /
        1000
      ).toFixed(2)} s wall, main thread ${seconds(
        mainUsed,
      )} s CPU, process ${seconds(allUsed)} s CPU\n`,
    );
  } finally {
    await pool.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
