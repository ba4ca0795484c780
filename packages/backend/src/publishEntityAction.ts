import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import {
  Entity,
  entitySchemaValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogService,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';

const validateEntity = entitySchemaValidator();

/**
 * The example portal's way to register a new entity without any SCM: the
 * action `portal:entity:publish` writes the entity as a YAML file into a
 * local directory that the catalog reads through a `file` location with a
 * glob target (`<directory>/*.yaml`), then asks the catalog to refresh that
 * location so the new file is ingested at once instead of at the next
 * processing round. The entity comes from the catalog's own ingestion, like
 * any entity of a repository. The user who runs the template needs
 * `catalog.entity.create`, as to register a location.
 *
 * Example only: a real portal publishes to a repository and registers it
 * with `catalog:register`.
 */
export function createPublishEntityAction(options: {
  directory: string;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
}) {
  const { directory, catalog, auth, permissions } = options;
  const locationRef = stringifyEntityRef(
    locationSpecToLocationEntity({
      location: { type: 'file', target: path.join(directory, '*.yaml') },
    }),
  );

  return createTemplateAction({
    id: 'portal:entity:publish',
    description:
      'Example portal only: writes an entity file into the directory the catalog reads (examplePortal.entitiesDirectory) and refreshes that location, so the catalog ingests the entity',
    supportsDryRun: true,
    schema: {
      input: {
        entity: z =>
          z
            .record(z.string(), z.any())
            .describe('The entity to publish, as in catalog-info.yaml'),
      },
      output: {
        entityRef: z => z.string().describe('The published entity'),
        filePath: z => z.string().describe('The file written'),
      },
    },
    async handler(ctx) {
      let entity: Entity;
      try {
        entity = validateEntity(ctx.input.entity);
      } catch (error) {
        throw new InputError(`entity: ${(error as Error).message}`);
      }
      const entityRef = stringifyEntityRef(entity);
      const fileName = `${entityRef.replace(/[:/]/g, '-')}.yaml`;
      const filePath = path.join(directory, fileName);

      const [decision] = await permissions.authorize(
        [{ permission: catalogEntityCreatePermission }],
        { credentials: await ctx.getInitiatorCredentials() },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not add entities to the catalog (${catalogEntityCreatePermission.name})`,
        );
      }

      const credentials = await auth.getOwnServiceCredentials();
      if (await catalog.getEntityByRef(entityRef, { credentials })) {
        throw new ConflictError(
          `entity: ${entityRef} is already in the catalog`,
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would write ${entityRef} to ${filePath}`);
        ctx.output('entityRef', entityRef);
        ctx.output('filePath', filePath);
        return;
      }

      await fs.mkdir(directory, { recursive: true });
      try {
        await fs.writeFile(filePath, yaml.stringify(entity), { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new ConflictError(
            `entity: ${entityRef} was already published (${filePath})`,
          );
        }
        throw error;
      }
      // The location is invisible in the catalog while no file matches its
      // glob (its processing fails), but a refresh still reaches it.
      await catalog.refreshEntity(locationRef, { credentials });
      ctx.logger.info(
        `Wrote ${filePath}; the catalog ingests ${entityRef} from it`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('filePath', filePath);
    },
  });
}
