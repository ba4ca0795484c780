import { InputError } from '@backstage/errors';
import { ASSESSMENT_PAGE_MAX_LIMIT } from '../database/AssessmentStore';

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
 * `?limit=&cursor=` of a list route.
 *
 * @internal
 */
export function parsePageQuery(
  query: Record<string, unknown>,
  defaultLimit = 20,
): { limit: number; cursor?: string } {
  const { limit, cursor } = query;
  let parsedLimit = defaultLimit;
  if (limit !== undefined) {
    if (typeof limit !== 'string' || !/^\d+$/.test(limit)) {
      throw new InputError(
        `limit: must be a whole number from 1 to ${ASSESSMENT_PAGE_MAX_LIMIT}`,
      );
    }
    parsedLimit = Number(limit);
    if (parsedLimit < 1 || parsedLimit > ASSESSMENT_PAGE_MAX_LIMIT) {
      throw new InputError(
        `limit: must be a whole number from 1 to ${ASSESSMENT_PAGE_MAX_LIMIT}`,
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
