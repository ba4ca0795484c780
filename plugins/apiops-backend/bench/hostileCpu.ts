/**
 * CPU of the feature extraction on the hostile definitions of issue 11.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/apiops-backend/bench/hostileCpu.ts
 */
import { extractDefinitionFeatures } from '../src/fragmentation/extractDefinitionFeatures';
import * as hostile from '../src/fragmentation/__testUtils__/hostileDefinitions';

const cases: Array<[string, string, string]> = [
  [
    '40 KB of `?` then a newline in a server URL',
    'openapi',
    hostile.manyQuestionMarks(40_000),
  ],
  ['16k servers × 16k paths', 'openapi', hostile.serversTimesPaths(16_000)],
  [
    'aliased $ref, 20k segments × 10k uses',
    'openapi',
    hostile.aliasedRef(20_000, 10_000),
  ],
  [
    '40 KB of unclosed `{` (server, path)',
    'openapi',
    hostile.unclosedBraces(40_000),
  ],
  [
    '40 KB of unclosed `{` (channel)',
    'asyncapi',
    hostile.unclosedChannelBraces(40_000),
  ],
  ['billion laughs', 'openapi', hostile.billionLaughs()],
  ['cyclic $ref', 'openapi', hostile.cyclicRef()],
  ['GraphQL, 1M tokens', 'graphql', hostile.hugeGraphql(1_000_000)],
  ['proto nested 10k deep', 'grpc', hostile.deepProto(10_000)],
];

for (const [name, type, text] of cases) {
  const before = process.cpuUsage();
  const result = extractDefinitionFeatures(type, text);
  const used = process.cpuUsage(before);
  const ms = (used.user + used.system) / 1000;
  const outcome = result.problem
    ? `problem: ${result.problem.slice(0, 70)}`
    : `${result.features?.operations.length} operations`;
  process.stdout.write(
    `${name.padEnd(44)} ${(text.length / 1024).toFixed(0).padStart(6)} KB ${ms
      .toFixed(0)
      .padStart(7)} ms  ${outcome}\n`,
  );
}
