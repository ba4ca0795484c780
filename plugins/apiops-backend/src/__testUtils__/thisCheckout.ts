import { overridePackagePathResolution } from '@backstage/backend-plugin-api/testUtils';
import path from 'node:path';

// As in ../setupTests.ts, for the replica processes of replicas.test.ts:
// `resolvePackagePath` finds this package through the node_modules of
// @backstage/backend-plugin-api, which where node_modules is shared by
// several checkouts (git worktrees) is another checkout; the replicas run
// this checkout's migrations. Imported before anything that reads them.
overridePackagePathResolution({
  packageName: '@apiops-backstage/plugin-apiops-backend',
  path: path.resolve(__dirname, '../..'),
});
