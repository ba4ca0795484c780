import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The plugin's knex migrations, shared by its stores. */
export const migrationsDir = resolvePackagePath(
  '@apiops-backstage/plugin-apiops-backend',
  'migrations',
);
