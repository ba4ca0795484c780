import fs from 'node:fs/promises';
import path from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isChildPath } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { RulesetSource } from '../linter/DefinitionLinter';
import { MAX_RULESET_CHARS } from '../ruleset/parseRuleset';

/**
 * The annotation of an API that names its own lint ruleset: a file next to
 * its `catalog-info.yaml`, e.g. `apiops/lint-ruleset: ./.spectral.yaml`.
 *
 * @public
 */
export const LINT_RULESET_ANNOTATION = 'apiops/lint-ruleset';

/** A ruleset file: YAML or JSON. */
const RULESET_FILE = /\.(ya?ml|json)$/i;

/**
 * What reading an API's own ruleset gives.
 *
 * @public
 */
export type ApiRulesetResult =
  | { ruleset?: RulesetSource; problem?: undefined }
  | { problem: string; ruleset?: undefined };

/**
 * The relative path an annotation names, as segments, or why it is refused:
 * only a plain relative path inside the API's location is read (no URL, no
 * absolute path, no `..`, no encoded characters).
 */
export function checkRelativePath(value: string): string[] | string {
  const text = value.trim();
  const refuse = (why: string) =>
    `${LINT_RULESET_ANNOTATION}: ${JSON.stringify(
      value.slice(0, 200),
    )} ${why}; name a YAML or JSON file of the API's own location, e.g. ./.spectral.yaml`;
  if (text === '' || text.length > 500) return refuse('is empty or too long');
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return refuse('is a URL');
  if (/^[/\\~]/.test(text)) return refuse('is an absolute path');
  // eslint-disable-next-line no-control-regex
  if (/[\\%?#\u0000-\u001f]/.test(text)) {
    return refuse(
      'has characters a plain path does not have (\\ % ? # or control characters)',
    );
  }
  const segments = text.split('/').filter(s => s !== '' && s !== '.');
  if (segments.some(s => s === '..')) {
    return refuse('leaves the location (..)');
  }
  if (
    segments.length === 0 ||
    !RULESET_FILE.test(segments[segments.length - 1])
  ) {
    return refuse('is not a .yaml, .yml or .json file');
  }
  return segments;
}

/**
 * Reads the lint ruleset an API names in {@link LINT_RULESET_ANNOTATION},
 * from the API's own location (`backstage.io/managed-by-location`): a
 * `file:` location from the disk, a `url:` location through the backend's
 * URL readers (the integrations the catalog reads it with). Only files in
 * the location's directory or below are read: the path is checked as text,
 * then the resolved file (through symbolic links for `file:`) or URL must
 * still be inside it. Runs on the main thread (I/O only) when the API's
 * definition is to be linted.
 *
 * @public
 */
export class ApiRulesetReader {
  private constructor(private readonly urlReader?: UrlReaderService) {}

  static create(options: { urlReader?: UrlReaderService }): ApiRulesetReader {
    return new ApiRulesetReader(options.urlReader);
  }

  /** What decides the API's ruleset, with no I/O: the annotation and the location. */
  variantOf(entity: Entity): string | undefined {
    const value = entity.metadata.annotations?.[LINT_RULESET_ANNOTATION];
    if (typeof value !== 'string') return undefined;
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
    return `${value}\0${location}`;
  }

  /** The API's own ruleset; none when it names none; a problem when it cannot be read. */
  async read(entity: Entity): Promise<ApiRulesetResult> {
    const value = entity.metadata.annotations?.[LINT_RULESET_ANNOTATION];
    if (typeof value !== 'string') return {};
    const segments = checkRelativePath(value);
    if (typeof segments === 'string') return { problem: segments };
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location) {
      return {
        problem: `${LINT_RULESET_ANNOTATION}: the API has no ${ANNOTATION_LOCATION} annotation, so there is no location to read ${value} from`,
      };
    }
    let ref: { type: string; target: string };
    try {
      ref = parseLocationRef(location);
    } catch {
      return {
        problem: `${LINT_RULESET_ANNOTATION}: the API's location ${location} is not a location ref`,
      };
    }
    const relative = segments.join('/');
    try {
      let text: string | undefined;
      if (ref.type === 'file') {
        text = await this.readFile(ref.target, relative);
      } else if (ref.type === 'url') {
        text = await this.readUrl(ref.target, relative);
      }
      if (text === undefined) {
        return {
          problem: `${LINT_RULESET_ANNOTATION}: rulesets are read from file: and url: locations only, not ${ref.type}:`,
        };
      }
      if (text.length > MAX_RULESET_CHARS) {
        return {
          problem: `${LINT_RULESET_ANNOTATION}: ${relative} is larger than ${
            MAX_RULESET_CHARS / 1024
          } KB`,
        };
      }
      return {
        ruleset: {
          text,
          source: `${relative} (${LINT_RULESET_ANNOTATION} of the API)`,
        },
      };
    } catch (error) {
      return {
        problem: `${LINT_RULESET_ANNOTATION}: ${relative} could not be read from the API's location: ${
          error instanceof Error ? error.message : String(error)
        }`,
      };
    }
  }

  private async readFile(target: string, relative: string): Promise<string> {
    const directory = path.dirname(target);
    const file = path.resolve(directory, relative);
    if (!isChildPath(directory, file)) {
      throw new Error('the path leaves the location');
    }
    // Through symbolic links too.
    const [realDirectory, realFile] = await Promise.all([
      fs.realpath(directory),
      fs.realpath(file),
    ]);
    if (!isChildPath(realDirectory, realFile)) {
      throw new Error('the file is a link that leaves the location');
    }
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) throw new Error('not a file');
    if (stat.size > MAX_RULESET_CHARS * 4) {
      throw new Error(`larger than ${MAX_RULESET_CHARS / 1024} KB`);
    }
    return fs.readFile(realFile, 'utf8');
  }

  private async readUrl(target: string, relative: string): Promise<string> {
    if (!this.urlReader) {
      throw new Error('the backend has no URL reader');
    }
    const base = new URL(target);
    const url = new URL(relative, base);
    const directory = base.pathname.slice(
      0,
      base.pathname.lastIndexOf('/') + 1,
    );
    if (url.origin !== base.origin || !url.pathname.startsWith(directory)) {
      throw new Error('the path leaves the location');
    }
    const response = await this.urlReader.readUrl(url.toString());
    const buffer = await response.buffer();
    if (buffer.length > MAX_RULESET_CHARS * 4) {
      throw new Error(`larger than ${MAX_RULESET_CHARS / 1024} KB`);
    }
    return buffer.toString('utf8');
  }
}
