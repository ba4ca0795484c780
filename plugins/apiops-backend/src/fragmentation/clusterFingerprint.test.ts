import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import {
  clusterFingerprint,
  withClusterFingerprints,
} from './clusterFingerprint';

const hashes = new Map<string, string | undefined>([
  ['api:default/a', 'hash-a'],
  ['api:default/b', 'hash-b'],
  ['api:default/c', undefined],
]);

describe('clusterFingerprint', () => {
  const of = (refs: string[], map = hashes) =>
    clusterFingerprint(refs, ref => map.get(ref));

  it('is a SHA-256 that does not depend on the order or case of the refs', () => {
    const fingerprint = of(['api:default/a', 'api:default/b']);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(of(['api:default/b', 'API:default/A'])).toBe(fingerprint);
  });

  it('changes when a member changes its definition', () => {
    const before = of(['api:default/a', 'api:default/b']);
    const changed = new Map(hashes).set('api:default/b', 'hash-b2');
    expect(of(['api:default/a', 'api:default/b'], changed)).not.toBe(before);
  });

  it('changes when a member gains or loses its definition', () => {
    const before = of(['api:default/a', 'api:default/c']);
    const gained = new Map(hashes).set('api:default/c', 'hash-c');
    expect(of(['api:default/a', 'api:default/c'], gained)).not.toBe(before);
  });

  it('changes with the members', () => {
    expect(of(['api:default/a', 'api:default/b'])).not.toBe(
      of(['api:default/a', 'api:default/c']),
    );
  });
});

describe('withClusterFingerprints', () => {
  it('sets the fingerprint of every cluster from its members', () => {
    const cluster = {
      id: 'duplicate-1',
      type: 'duplicate',
      members: [{ entityRef: 'api:default/a' }, { entityRef: 'api:default/b' }],
    } as FragmentationCluster;
    const [fingerprinted] = withClusterFingerprints([cluster], hashes);
    expect(fingerprinted).toEqual({
      ...cluster,
      fingerprint: clusterFingerprint(['api:default/a', 'api:default/b'], ref =>
        hashes.get(ref),
      ),
    });
    expect(cluster).not.toHaveProperty('fingerprint');
  });
});
