import type {
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';

/** A version segment: `v1`, `V2`, `v2.1`, `v1beta1`, `v2-alpha`. */
const VERSION_SEGMENT = /^v\d+(?:\.\d+)*(?:[-_.]?(?:alpha|beta|rc)\d*)?$/i;
/** Leading segments that only carry an API mount point before a version. */
const MOUNT_SEGMENTS = new Set(['api', 'apis', 'rest']);
/** Paths of infrastructure endpoints, left out of style checks. */
const INFRASTRUCTURE_PATHS = new Set([
  '/health',
  '/healthz',
  '/health/live',
  '/health/ready',
  '/livez',
  '/readyz',
  '/ping',
  '/metrics',
]);
/**
 * Query keys that carry a version, never an operation (`?Version=2012-06-01`,
 * `?api-version=2023-01-01`).
 */
const VERSION_QUERY_KEYS = new Set(['version', 'apiversion', 'v']);
/** Longest discriminator kept in a signature (a hostile path stays short). */
const MAX_DISCRIMINATOR_CHARS = 200;
/** Words that do not distinguish one API name from another. */
const NAME_STOP_WORDS = new Set(['api', 'apis', 'service', 'services', 'svc']);

/** Whether a path or name segment is a version (`v1`, `v2.1`, `v1beta1`). */
export function isVersionSegment(segment: string): boolean {
  return VERSION_SEGMENT.test(segment);
}

/** The major number of a version such as `v2`, `2.1.0` or `v1beta1`. */
export function majorVersion(version: unknown): string | undefined {
  if (typeof version !== 'string' && typeof version !== 'number') {
    return undefined;
  }
  const match = /^\s*v?(\d+)/i.exec(String(version));
  return match ? String(Number(match[1])) : undefined;
}

/**
 * The path part of a server URL or base path, split in segments:
 * `https://api.example/payments/v1` → `['payments', 'v1']`.
 */
export function basePathSegments(url: string): string[] {
  const withoutOrigin = withoutQuery(
    url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''),
  );
  return withoutOrigin.split('/').filter(segment => segment !== '');
}

/**
 * A URL or path without its query and fragment: cut at the first `?` or
 * `#`. (Linear: `.replace(/[?#].*$/, '')` retried from every `?` of a text
 * with a newline after them, quadratic.)
 */
export function withoutQuery(text: string): string {
  const cut = text.search(/[?#]/);
  return cut < 0 ? text : text.slice(0, cut);
}

/**
 * Replaces each `{…}` of a text (a template parameter) by what `replace`
 * returns for the name between the braces. Linear: `/\{[^}]*\}/g` scanned
 * to the end of the text from every `{` without a `}` after it.
 */
export function replaceTemplateParameters(
  text: string,
  replace: (name: string, whole: string) => string,
): string {
  let result = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{', from);
    const close = open < 0 ? -1 : text.indexOf('}', open + 1);
    if (close < 0) {
      // No `}` after this `{`: none after any later `{` either.
      return result + text.slice(from);
    }
    result +=
      text.slice(from, open) +
      replace(text.slice(open + 1, close), text.slice(open, close + 1));
    from = close + 1;
  }
}

/**
 * What a path key's query or fragment says about the operation, normalized:
 * `/#Action=CreateLoadBalancer&Version=2012-06-01` → `action=createloadbalancer`,
 * `/#X-Amz-Target=AmazonSSM.ListDocuments` → `x-amz-target=listdocuments`
 * (the action without the service and version it is addressed to),
 * `/?method=getblock` → `method=getblock`, `/#getBlock` → `getblock`. Version
 * keys and templated values (`?page={page}`) are left out; the parts are
 * sorted. Empty when the key has no query or fragment. Query-protocol and
 * JSON-RPC style definitions put their operations there, on one endpoint.
 */
export function pathDiscriminator(rawPath: string): string {
  const cut = rawPath.search(/[?#]/);
  if (cut < 0) {
    return '';
  }
  const parts = new Set<string>();
  for (const raw of rawPath.slice(cut + 1).split(/[?#&;]/)) {
    const part = raw.trim().toLowerCase();
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    let value = equals < 0 ? '' : part.slice(equals + 1);
    if (key === 'x-amz-target') {
      // `AWSWAF_Regional_20161128.CreateRule`: the action, not the service
      // and version it is addressed to.
      value = value.slice(value.lastIndexOf('.') + 1);
    }
    if (
      part === '' ||
      VERSION_QUERY_KEYS.has(key.replace(/[^a-z0-9]/g, '')) ||
      value.includes('{')
    ) {
      continue;
    }
    parts.add(equals < 0 ? part : `${key}=${value}`);
  }
  return [...parts].sort().join('&').slice(0, MAX_DISCRIMINATOR_CHARS);
}

interface BasePathNode {
  children: Map<string, BasePathNode>;
  /** The position in the list of the first base path that ends here. */
  first?: number;
}

/**
 * Versioned base paths (server URLs' paths), as a tree of lower-case
 * segments: a path finds the base path it repeats in time linear in its own
 * segments, however many servers there are.
 */
export class BasePathIndex {
  private readonly root: BasePathNode = { children: new Map() };

  private constructor() {}

  static create(basePaths: readonly string[][]): BasePathIndex {
    const index = new BasePathIndex();
    basePaths.forEach((basePath, position) => {
      let node = index.root;
      for (const segment of basePath) {
        const key = segment.toLowerCase();
        let child = node.children.get(key);
        if (!child) {
          child = { children: new Map() };
          node.children.set(key, child);
        }
        node = child;
      }
      node.first ??= position;
    });
    return index;
  }

  /**
   * The number of leading segments that are a base path, leaving at least
   * one segment (0 when none); of several, the first in the list given.
   */
  prefixOf(segments: readonly string[]): number {
    let node = this.root;
    let best: { position: number; length: number } | undefined;
    for (let i = 0; i < segments.length - 1; i += 1) {
      const child = node.children.get(segments[i].toLowerCase());
      if (!child) {
        break;
      }
      node = child;
      if (node.first !== undefined && (!best || node.first < best.position)) {
        best = { position: node.first, length: i + 1 };
      }
    }
    return best?.length ?? 0;
  }
}

/** One REST path, taken apart for signatures and style. */
export interface NormalizedRestPath {
  /**
   * Lower-case, `{}` for parameters, without leading version or base path;
   * with the {@link pathDiscriminator} after a `?` when there is one
   * (`/?action=sendemail`).
   */
  path: string;
  /**
   * Whether the path has no static text (`/`, `/{}`; `/{}:cancel` has) and
   * no discriminator.
   */
  rootLike: boolean;
  /** Whether the path began with a version segment (`/v1/…`, `/api/v3/…`). */
  versioned: boolean;
  /** The static segments as written (for casing); none for infrastructure paths. */
  staticSegments: string[];
  /** Whether this is an infrastructure endpoint such as `/health`. */
  infrastructure: boolean;
}

/**
 * Normalizes a path of an OpenAPI `paths` object. The server base path is
 * never part of a signature: OpenAPI paths are relative to it. A path that
 * repeats a versioned base path (`/customers/v1/…` under server
 * `…/customers/v1`) has it removed too; an unversioned base path is not
 * stripped, as it may well be a resource (`/payments` under `…/payments`).
 */
export function normalizeRestPath(
  rawPath: string,
  versionedBasePaths: readonly string[][] | BasePathIndex,
): NormalizedRestPath {
  let segments = withoutQuery(rawPath.trim())
    .split('/')
    .filter(segment => segment !== '');
  const index =
    versionedBasePaths instanceof BasePathIndex
      ? versionedBasePaths
      : BasePathIndex.create(versionedBasePaths);
  const base = index.prefixOf(segments);
  if (base > 0) {
    segments = segments.slice(base);
  }
  let versioned = false;
  for (;;) {
    if (segments.length > 1 && isVersionSegment(segments[0])) {
      segments = segments.slice(1);
      versioned = true;
    } else if (
      segments.length > 2 &&
      MOUNT_SEGMENTS.has(segments[0].toLowerCase()) &&
      isVersionSegment(segments[1])
    ) {
      segments = segments.slice(2);
      versioned = true;
    } else {
      break;
    }
  }
  const plainPath = `/${segments
    .map(segment =>
      replaceTemplateParameters(segment, () => '{}').toLowerCase(),
    )
    .join('/')}`;
  const discriminator = pathDiscriminator(rawPath);
  const infrastructure =
    discriminator === '' && INFRASTRUCTURE_PATHS.has(plainPath);
  const staticSegments = segments.filter(
    segment => !segment.includes('{') && !isVersionSegment(segment),
  );
  // Static text beside a parameter names the operation as a static segment
  // does: the custom method of `/v1/{name}:verify` (Google's AIP-136).
  const hasStaticText = segments.some(
    segment =>
      !isVersionSegment(segment) &&
      /[a-z0-9]/i.test(replaceTemplateParameters(segment, () => '')),
  );
  return {
    path: discriminator === '' ? plainPath : `${plainPath}?${discriminator}`,
    rootLike: discriminator === '' && !hasStaticText,
    versioned,
    infrastructure,
    staticSegments: infrastructure ? [] : staticSegments,
  };
}

/**
 * The casing of one static path segment; undefined when it gives no signal
 * (a single lower-case word, digits, or symbols such as `$count`).
 */
export function segmentCasing(segment: string): PathCasing | undefined {
  if (/^[a-z0-9]+$/.test(segment) || /^[A-Z0-9_]+$/.test(segment)) {
    return undefined;
  }
  if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(segment)) {
    return 'kebab';
  }
  if (/^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(segment)) {
    return 'snake';
  }
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(segment)) {
    return 'camel';
  }
  if (/^(?:[A-Z][a-z0-9]+)+$/.test(segment)) {
    return 'pascal';
  }
  if (/^[A-Za-z0-9_-]+$/.test(segment)) {
    return 'mixed';
  }
  return undefined;
}

/**
 * The path casing of an API from the casings of its segments: the one
 * convention used, `mixed` for several, `lower` when no segment has more than
 * one word, undefined without static segments.
 */
export function pathCasingOf(
  casings: ReadonlySet<PathCasing>,
  hasStaticSegments: boolean,
): PathCasing | undefined {
  if (casings.size === 0) {
    return hasStaticSegments ? 'lower' : undefined;
  }
  if (casings.size > 1) {
    return 'mixed';
  }
  return casings.values().next().value;
}

/**
 * The versioning scheme of an API from how many of its (non-infrastructure)
 * paths are versioned and whether a server URL carries a version.
 */
export function versioningOf(
  versionedPaths: number,
  unversionedPaths: number,
  serverVersioned: boolean,
): VersioningScheme | undefined {
  if (versionedPaths + unversionedPaths === 0) {
    return undefined;
  }
  if (versionedPaths > 0 && unversionedPaths > 0) {
    return 'mixed';
  }
  if (versionedPaths > 0) {
    return 'path';
  }
  return serverVersioned ? 'server' : 'none';
}

/**
 * Normalizes an AsyncAPI channel name or address: lower-case, `{}` for
 * parameters, version tokens (`v1` between `/`, `.` or `:`) removed.
 */
export function normalizeChannel(channel: string): string {
  // ['', '/', 'v1', '/', 'users'] for '/v1/users': tokens at even indexes,
  // each preceded by its separator.
  const tokens = replaceTemplateParameters(channel.trim(), () => '{}')
    .toLowerCase()
    .split(/([/.:])/);
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    if (tokens[i] === '' || !isVersionSegment(tokens[i])) {
      kept.push(i === 0 ? tokens[i] : tokens[i - 1] + tokens[i]);
    }
  }
  const joined = kept.join('');
  // A leading version token (`v1.users`) leaves its separator behind.
  return tokens[0] !== '' && isVersionSegment(tokens[0])
    ? joined.slice(1)
    : joined;
}

/** Lower-case words of a name: camelCase, separators and spaces split. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(word => word !== '');
}

/** The version words at the end (or start) of a name, removed. */
function splitVersion(tokens: string[]): {
  tokens: string[];
  version?: string;
} {
  // `payments-api-v2-1` → ['payments', 'v2', '1'] after the stop words.
  let end = tokens.length;
  while (end > 0 && /^\d+$/.test(tokens[end - 1])) {
    end -= 1;
  }
  if (end > 1 && /^v\d+$/.test(tokens[end - 1])) {
    return {
      tokens: tokens.slice(0, end - 1),
      version: majorVersion(tokens[end - 1]),
    };
  }
  if (tokens.length > 1 && /^v\d+$/.test(tokens[0])) {
    return { tokens: tokens.slice(1), version: majorVersion(tokens[0]) };
  }
  return { tokens };
}

/**
 * The name key and the version in a name: `payments-api-v2` → `payments` and
 * `2`; `Customer Notifications API` → `customer-notifications`.
 */
export function nameKeyOf(name: string): { nameKey: string; version?: string } {
  const all = words(name);
  const { tokens, version } = splitVersion(
    all.filter(word => !NAME_STOP_WORDS.has(word)),
  );
  return {
    nameKey: tokens.length > 0 ? tokens.join('-') : all.join('-') || name,
    version,
  };
}
