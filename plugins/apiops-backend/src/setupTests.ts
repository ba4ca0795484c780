import { overridePackagePathResolution } from '@backstage/backend-plugin-api/testUtils';
import path from 'node:path';

// `resolvePackagePath` finds this package through the node_modules of the
// package that calls it (@backstage/backend-plugin-api). Where node_modules
// is shared by several checkouts of the repository (git worktrees), that is
// another checkout; the tests read this checkout's migrations and examples.
overridePackagePathResolution({
  packageName: '@apiops-backstage/plugin-apiops-backend',
  path: path.resolve(__dirname, '..'),
});
