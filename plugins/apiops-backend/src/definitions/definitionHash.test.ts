import { createHash } from 'node:crypto';
import { definitionHash } from './definitionHash';

/** The key as every release so far has written it: stored keys must stay valid. */
function storedKeyOf(type: string, definition: string): string {
  return createHash('sha256')
    .update(type.toLocaleLowerCase('en-US'))
    .update('\0')
    .update(definition)
    .digest('base64');
}

describe('definitionHash', () => {
  it.each([
    ['openapi', 'openapi: 3.0.0\ninfo: {title: A, version: "1"}\n'],
    ['OpenAPI', '{"openapi":"3.1.0"}'],
    [
      'asyncapi',
      'asyncapi: 3.0.0\ninfo:\n  title: Zahlungsströme — 支払い 🚀\n',
    ],
    ['graphql', ''],
    ['grpc', 'x'.repeat(200_000)],
  ])('keys %s definitions as the stored keys do', (type, definition) => {
    expect(definitionHash(type, definition)).toBe(
      storedKeyOf(type, definition),
    );
  });

  it('is the same for the same type in another case, and differs by type', () => {
    expect(definitionHash('OPENAPI', 'a: 1')).toBe(
      definitionHash('openapi', 'a: 1'),
    );
    expect(definitionHash('asyncapi', 'a: 1')).not.toBe(
      definitionHash('openapi', 'a: 1'),
    );
  });

  it('has none for a definition that is not text', () => {
    expect(definitionHash('openapi', undefined)).toBeUndefined();
    expect(definitionHash('openapi', { openapi: '3.0.0' })).toBeUndefined();
  });
});
