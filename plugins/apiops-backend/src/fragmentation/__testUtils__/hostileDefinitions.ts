/**
 * Hostile API definitions (issue 11): texts that used to cost seconds of
 * CPU each, or that a parser must refuse. The unit tests assert their
 * results; `bench/hostileCpu.ts` measures their CPU.
 */

/** A server URL of many `?` followed by a newline (a regex that backtracked). */
export function manyQuestionMarks(count: number): string {
  return JSON.stringify({
    openapi: '3.0.0',
    info: { title: 'q', version: '1' },
    servers: [{ url: `https://h.example/v1/${'?'.repeat(count)}\nx` }],
    paths: { '/v1/items': { get: {} } },
  });
}

/** Many versioned servers and many paths without operations. */
export function serversTimesPaths(count: number): string {
  const lines = [
    'openapi: 3.0.0',
    'info: {title: s, version: "1"}',
    'servers:',
  ];
  for (let i = 0; i < count; i += 1) {
    lines.push(`- url: /s${i}/v1`);
  }
  lines.push('paths:');
  for (let i = 0; i < count; i += 1) {
    lines.push(`  /p${i}: {}`);
  }
  return lines.join('\n');
}

/** One long local `$ref` reused through a YAML alias by every path. */
export function aliasedRef(segments: number, uses: number): string {
  const lines = [
    'openapi: 3.0.0',
    'info: {title: r, version: "1"}',
    `x-item: &item {$ref: "#/${'a/'.repeat(segments)}b"}`,
    'paths:',
  ];
  for (let i = 0; i < uses; i += 1) {
    lines.push(`  /p${i}: *item`);
  }
  return lines.join('\n');
}

/** Unclosed `{` in a server URL, a path and a channel. */
export function unclosedBraces(count: number): string {
  const braces = '{'.repeat(count);
  return JSON.stringify({
    openapi: '3.0.0',
    info: { title: 'b', version: '1' },
    servers: [{ url: `/v1/${braces}` }],
    paths: { [`/v1/${braces}`]: { get: {} } },
  });
}

/** An AsyncAPI channel of unclosed `{`. */
export function unclosedChannelBraces(count: number): string {
  return JSON.stringify({
    asyncapi: '2.6.0',
    info: { title: 'c', version: '1' },
    channels: { [`a.${'{'.repeat(count)}`]: { publish: {} } },
  });
}

/** "Billion laughs": aliases of aliases. */
export function billionLaughs(): string {
  const lines = [
    'openapi: 3.0.0',
    'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  for (let i = 1; i < 10; i += 1) {
    const prev = `*a${i - 1}`;
    lines.push(`a${i}: &a${i} [${Array(10).fill(prev).join(',')}]`);
  }
  lines.push('paths: {}');
  return lines.join('\n');
}

/** A `$ref` cycle. */
export function cyclicRef(): string {
  return [
    'openapi: 3.0.0',
    'info: {title: c, version: "1"}',
    'components: {pathItems: {a: {$ref: "#/components/pathItems/b"}, b: {$ref: "#/components/pathItems/a"}}}',
    'paths:',
    '  /a: {$ref: "#/components/pathItems/a"}',
    'x-self: &self {next: *self}',
  ].join('\n');
}

/** A GraphQL document of about `tokens` tokens. */
export function hugeGraphql(tokens: number): string {
  const fields: string[] = [];
  for (let i = 0; i < tokens / 3; i += 1) {
    fields.push(`f${i}: Int`);
  }
  return `type Query {\n${fields.join('\n')}\n}`;
}

/** A proto with `depth` nested messages. */
export function deepProto(depth: number): string {
  return `syntax = "proto3";\npackage p.v1;\n${'message M { '.repeat(
    depth,
  )}${'} '.repeat(depth)}\nservice S { rpc Get (M) returns (M); }`;
}

/**
 * A valid OpenAPI document of at least `bytes` bytes (one path after
 * another), generated rather than committed: 20 MB is four times the size
 * cap, and would take seconds to parse.
 */
export function hugeOpenApi(bytes: number): string {
  const lines = ['openapi: 3.0.0', 'info: {title: h, version: "1"}', 'paths:'];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const line = `  /items${i}/{id}: {get: {responses: {'200': {description: ok}}}}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
