import type {
  ApiChange,
  ApiDeprecation,
  ChangeCounts,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * Something of a definition that is deprecated or has a sunset date, as a
 * definition says it (whether the date has passed is decided when it is
 * read).
 *
 * @internal
 */
export type DefinitionDeprecation = Omit<ApiDeprecation, 'pastSunset'>;

/**
 * What the change detection keeps of one definition: its version and what
 * it deprecates. Read once per definition (at the baseline, or with a diff).
 *
 * @internal
 */
export interface DefinitionFacts {
  /** `info.version` (OpenAPI, AsyncAPI), `package` version of gRPC, if any. */
  version?: string;
  deprecations: DefinitionDeprecation[];
  /** Why the definition could not be read. */
  problem?: string;
}

/**
 * The comparison of two definitions of an API.
 *
 * @internal
 */
export interface DefinitionDiff {
  /** Most severe first, at most the cap. */
  changes: ApiChange[];
  changeCount: number;
  counts: ChangeCounts;
  before: DefinitionFacts;
  after: DefinitionFacts;
  /**
   * The operations the change removes that the previous definition did not
   * mark deprecated (nor the API as a whole).
   */
  removedWithoutDeprecation: string[];
  /** Why the definitions could not be compared. */
  problem?: string;
}
