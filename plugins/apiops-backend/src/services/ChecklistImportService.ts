import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuditChecklistImport,
  AuditChecklistImportError,
  AuditChecklistItem,
  DEFAULT_METHOD_CYCLE,
  EntityRefKey,
  apiopsAssessmentCreatePermission,
  mapAuditChecklistReport,
  parseAuditChecklistReport,
} from '@apiops-backstage/plugin-apiops-common';
import { MethodCatalog } from '../method';
import { findMethodDataPackageRoot } from '../method/loadMethodData';
import { getEntityOrThrow } from './getEntityOrThrow';
import { requirePermission } from './requirePermission';

/** Names the checklist the plugin knows, with the package's version. */
function checklistName(): string {
  try {
    const manifest = JSON.parse(
      readFileSync(
        path.join(findMethodDataPackageRoot(), 'package.json'),
        'utf8',
      ),
    ) as { version?: string };
    return `the audit checklist of apiops-cycles-method-data ${manifest.version}`;
  } catch {
    return 'the audit checklist this plugin knows';
  }
}

/**
 * Reads the audit report the method's own tool writes
 * (`npm run audit:design` of a create-apiops project) and maps it to the
 * criteria of an API's assessment, for the assessment form to pre-fill.
 * Nothing is stored: the person answers and submits the assessment, which
 * records the import in its notes.
 *
 * @internal
 */
export class ChecklistImportService {
  private readonly checklistName = checklistName();

  private constructor(
    private readonly catalog: CatalogService,
    private readonly method: MethodCatalog,
    private readonly permissions: PermissionsService,
    private readonly checklist: ReadonlyArray<AuditChecklistItem>,
  ) {}

  static create(options: {
    catalog: CatalogService;
    method: MethodCatalog;
    permissions: PermissionsService;
    /** The method's audit checklist (`loadAuditChecklist()`). */
    checklist: ReadonlyArray<AuditChecklistItem>;
  }): ChecklistImportService {
    return new ChecklistImportService(
      options.catalog,
      options.method,
      options.permissions,
      options.checklist,
    );
  }

  /**
   * Checks the report (400 naming the field at fault), the cycle, that the
   * entity exists and that the caller may assess it
   * (`apiops.assessment.create` on the entity, as recording would), and
   * maps the report to the criteria of the cycle.
   */
  async map(
    entityRef: EntityRefKey,
    body: unknown,
    options: { cycle?: string },
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<AuditChecklistImport> {
    const parsed = parseAuditChecklistReport(body);
    if (!parsed.ok) {
      throw new InputError(parsed.message);
    }
    const cycle = options.cycle ?? DEFAULT_METHOD_CYCLE;
    if (!this.method.hasCycle(cycle)) {
      throw new InputError(
        `cycle: unknown cycle '${cycle}'; known cycles are ${this.method
          .listCycles()
          .join(', ')}`,
      );
    }

    const entity = await getEntityOrThrow(this.catalog, entityRef, credentials);
    const resourceRef = stringifyEntityRef(entity);
    await requirePermission(
      this.permissions,
      credentials,
      { permission: apiopsAssessmentCreatePermission, resourceRef },
      `You may not record assessments of ${resourceRef}`,
    );

    try {
      return mapAuditChecklistReport(parsed.value, {
        checklist: this.checklist,
        cycleCriteria: this.method.criterionIds(cycle),
        checklistName: this.checklistName,
      });
    } catch (error) {
      if (error instanceof AuditChecklistImportError) {
        throw new InputError(error.message);
      }
      throw error;
    }
  }
}
