import { isApiEntity } from './entities';

describe('isApiEntity', () => {
  const entity = (kind: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
  });

  it.each([
    ['API', true],
    ['api', true],
    ['Component', false],
    ['Group', false],
  ])('kind %s → %s', (kind, expected) => {
    expect(isApiEntity(entity(kind))).toBe(expected);
  });
});
