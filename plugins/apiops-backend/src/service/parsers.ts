import { InputError } from '@backstage/errors';
import {
  FRAGMENTATION_TYPES,
  FragmentationType,
  OWNER_GAP_TYPES,
  OwnerGapType,
} from '@apiops-backstage/plugin-apiops-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ASSESSMENT_PAGE_MAX_LIMIT } from '../database/AssessmentStore';
import { REPORT_PAGE_MAX_LIMIT } from '../database/SnapshotStore';

const NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i;

/**
 * The entity named by `/entities/:kind/:namespace/:name/...`, as a
 * lower-case entity ref. Only API entities have a lifecycle here.
 *
 * @internal
 */
export function parseApiEntityParams(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  const { kind = '', namespace = '', name = '' } = params;
  if (kind.toLocaleLowerCase('en-US') !== 'api') {
    throw new InputError(
      `kind: '${kind}' is not supported; APIOps lifecycles are kept for entities of kind API`,
    );
  }
  if (!NAME.test(namespace)) {
    throw new InputError(`namespace: '${namespace}' is not a valid namespace`);
  }
  if (!NAME.test(name)) {
    throw new InputError(`name: '${name}' is not a valid entity name`);
  }
  return `api:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The group named by `/reports/teams/:namespace/:name/...`, as a lower-case
 * entity ref.
 *
 * @internal
 */
export function parseGroupParams(params: {
  namespace?: string;
  name?: string;
}): string {
  const { namespace = '', name = '' } = params;
  if (!NAME.test(namespace)) {
    throw new InputError(`namespace: '${namespace}' is not a valid namespace`);
  }
  if (!NAME.test(name)) {
    throw new InputError(`name: '${name}' is not a valid entity name`);
  }
  return `group:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * `?limit=&cursor=` of a list route.
 *
 * @internal
 */
export function parsePageQuery(
  query: Record<string, unknown>,
  options: { defaultLimit: number; maxLimit: number } = {
    defaultLimit: 20,
    maxLimit: ASSESSMENT_PAGE_MAX_LIMIT,
  },
): { limit: number; cursor?: string } {
  const { limit, cursor } = query;
  const { defaultLimit, maxLimit } = options;
  let parsedLimit = defaultLimit;
  if (limit !== undefined) {
    parsedLimit =
      typeof limit === 'string' && /^\d{1,6}$/.test(limit) ? Number(limit) : 0;
    if (parsedLimit < 1 || parsedLimit > maxLimit) {
      throw new InputError(
        `limit: must be a whole number from 1 to ${maxLimit}`,
      );
    }
  }
  if (cursor !== undefined && (typeof cursor !== 'string' || !cursor)) {
    throw new InputError('cursor: must be the nextCursor of a previous page');
  }
  return { limit: parsedLimit, cursor: cursor as string | undefined };
}

/**
 * `?locale=&cycle=` of `GET /method`.
 *
 * @internal
 */
export function parseMethodQuery(query: Record<string, unknown>): {
  locale?: string;
  cycle?: string;
} {
  const { locale, cycle } = query;
  if (
    locale !== undefined &&
    (typeof locale !== 'string' || locale.length > 35)
  ) {
    throw new InputError('locale: must be a language tag such as en or fi-FI');
  }
  if (cycle !== undefined && (typeof cycle !== 'string' || !cycle)) {
    throw new InputError('cycle: must be a cycle id');
  }
  return { locale, cycle };
}

/**
 * `?type=&owner=&system=&limit=&cursor=&format=` of `GET /reports/ownership`.
 * Owner and system may be short refs (`team-a`, `payments`).
 *
 * @internal
 */
export function parseOwnershipReportQuery(query: Record<string, unknown>): {
  type?: OwnerGapType;
  owner?: string;
  system?: string;
  limit: number;
  cursor?: string;
  format: 'json' | 'csv';
} {
  const { type, owner, system, format = 'json' } = query;
  if (type !== undefined && !OWNER_GAP_TYPES.includes(type as OwnerGapType)) {
    throw new InputError(`type: must be one of ${OWNER_GAP_TYPES.join(', ')}`);
  }
  return {
    type: type as OwnerGapType | undefined,
    owner: optionalRef(owner, 'owner', 'group'),
    system: optionalRef(system, 'system', 'system'),
    format: parseFormat(format),
    ...parsePageQuery(query, {
      defaultLimit: 100,
      maxLimit: REPORT_PAGE_MAX_LIMIT,
    }),
  };
}

/**
 * `?type=&owner=&system=&limit=&cursor=&format=` of
 * `GET /reports/fragmentation`.
 *
 * @internal
 */
export function parseFragmentationReportQuery(query: Record<string, unknown>): {
  type?: FragmentationType;
  owner?: string;
  system?: string;
  limit: number;
  cursor?: string;
  format: 'json' | 'csv';
} {
  const { type, owner, system, format = 'json' } = query;
  if (
    type !== undefined &&
    !FRAGMENTATION_TYPES.includes(type as FragmentationType)
  ) {
    throw new InputError(
      `type: must be one of ${FRAGMENTATION_TYPES.join(', ')}`,
    );
  }
  return {
    type: type as FragmentationType | undefined,
    owner: optionalRef(owner, 'owner', 'group'),
    system: optionalRef(system, 'system', 'system'),
    format: parseFormat(format),
    ...parsePageQuery(query, {
      defaultLimit: 100,
      maxLimit: REPORT_PAGE_MAX_LIMIT,
    }),
  };
}

/**
 * `?limit=&cursor=` of `GET /reports/teams`.
 *
 * @internal
 */
export function parseTeamsReportQuery(query: Record<string, unknown>) {
  return parsePageQuery(query, {
    defaultLimit: 100,
    maxLimit: REPORT_PAGE_MAX_LIMIT,
  });
}

function parseFormat(format: unknown): 'json' | 'csv' {
  if (format !== 'json' && format !== 'csv') {
    throw new InputError('format: must be json or csv');
  }
  return format;
}

function optionalRef(
  value: unknown,
  field: string,
  defaultKind: string,
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !value || value.length > 255) {
    throw new InputError(`${field}: must be an entity ref`);
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`${field}: '${value}' is not an entity ref`);
  }
}
