import type { FragmentationClusterMember } from '@apiops-backstage/plugin-apiops-common';
import type { FragmentationApi } from './types';

/**
 * What a cluster shows of one API; fields without a value are left out.
 *
 * @internal
 */
export function toClusterMember(
  api: FragmentationApi,
): FragmentationClusterMember {
  const member: FragmentationClusterMember = { entityRef: api.entityRef };
  if (api.title) {
    member.title = api.title;
  }
  if (api.owner) {
    member.owner = api.owner;
  }
  if (api.system) {
    member.system = api.system;
  }
  if (api.versionKey) {
    member.version = api.versionKey;
  }
  if (api.lifecycle) {
    member.lifecycle = api.lifecycle;
  }
  return member;
}

/**
 * Refs joined for a message: `a, b and c`, at most `max` of them named.
 *
 * @internal
 */
export function listRefs(refs: readonly string[], max = 5): string {
  const named = refs.slice(0, max);
  const rest = refs.length - named.length;
  if (rest > 0) {
    return `${named.join(', ')} and ${rest} more`;
  }
  if (named.length <= 1) {
    return named.join('');
  }
  return `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/**
 * Orders strings by code unit (entity refs are ASCII): deterministic and much
 * cheaper than `localeCompare` on hundreds of thousands of refs.
 *
 * @internal
 */
export function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/**
 * A score or figure as the detectors report it: three decimals.
 *
 * @internal
 */
export function roundScore(value: number): number {
  return Math.round(value * 1000) / 1000;
}
