import path from 'node:path';
import { overridePackagePathResolution } from '@backstage/backend-plugin-api/testUtils';

// The tests use the migrations of this package as it is checked out, not
// those of another copy of it that `resolvePackagePath` may find through a
// shared node_modules (a git worktree whose node_modules links to the main
// checkout's, say).
overridePackagePathResolution({
  packageName: '@apiops-backstage/plugin-apiops-backend',
  path: path.resolve(__dirname, '..'),
});
