import { InputError } from '@backstage/errors';
import express from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The parsed query of a request. */
export type Query = Record<string, unknown>;

/** A query parameter given at most once, as a string. */
export function queryString(query: Query, field: string): string | undefined {
  const value: unknown = query[field];
  if (typeof value === 'number') {
    return String(value);
  }
  if (value !== undefined && typeof value !== 'string') {
    throw new InputError(`${field}: must be given once, as a string`);
  }
  return value;
}

/** `?limit=&cursor=`; the services check the range. */
export function pageOf(query: Query): { limit?: number; cursor?: string } {
  const limit = queryString(query, 'limit');
  // Not a whole number: 0, which the services refuse naming `limit`.
  const parsed = limit !== undefined && /^\d{1,6}$/.test(limit) ? +limit : 0;
  return {
    limit: limit === undefined ? undefined : parsed,
    cursor: queryString(query, 'cursor'),
  };
}

/** A query parameter that may be repeated: each of its values, in order. */
export function queryStrings(
  query: Query,
  field: string,
): string[] | undefined {
  const value: unknown = query[field];
  if (value === undefined) {
    return undefined;
  }
  const values = Array.isArray(value) ? value : [value];
  if (!values.every(v => typeof v === 'string')) {
    throw new InputError(`${field}: must be strings`);
  }
  return values as string[];
}

/** `?type=&owner=&system=&limit=&cursor=` of a report. */
export function reportQueryOf(query: Query) {
  return {
    type: queryString(query, 'type'),
    owner: queryString(query, 'owner'),
    system: queryString(query, 'system'),
    ...pageOf(query),
  };
}

/** `?dismissed=` and the other filters of the fragmentation report. */
export function fragmentationQueryOf(query: Query) {
  return {
    ...reportQueryOf(query),
    dismissed: queryString(query, 'dismissed'),
  };
}

/** `?sort=&search=` and the page of a team's APIs. */
export function teamApiQueryOf(query: Query) {
  return {
    ...pageOf(query),
    sort: queryString(query, 'sort'),
    search: queryString(query, 'search'),
  };
}

/**
 * Streams CSV chunks to the response as they come, honouring backpressure.
 * The caller has already checked the permission and the query, so only a
 * failure after the first chunk can cut the file short (a store error, or a
 * newer snapshot replacing the results of the export): `pipeline` then
 * destroys the response, so the connection closes without the end of the
 * chunked body and the client sees an incomplete download, never a file
 * that looks whole. Do not catch the error to end the response instead.
 */
export async function sendCsv(
  res: express.Response,
  fileName: string,
  chunks: AsyncIterable<string>,
): Promise<void> {
  res.type('text/csv; charset=utf-8').attachment(fileName);
  await pipeline(Readable.from(chunks), res);
}

/** `?format=`: `json` (the default) or `csv`. */
export function formatOf(query: Query): 'json' | 'csv' {
  const format = queryString(query, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new InputError('format: must be json or csv');
  }
  return format;
}
