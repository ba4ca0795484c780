import path from 'node:path';
import { overridePackagePathResolution } from '@backstage/backend-plugin-api/testUtils';

// The APIOps backend's migrations of the package this module is tested
// with, not those of another copy that `resolvePackagePath` may find
// through a shared node_modules (a git worktree, say).
overridePackagePathResolution({
  packageName: '@apiops-backstage/plugin-apiops-backend',
  path: path.dirname(
    require.resolve('@apiops-backstage/plugin-apiops-backend/package.json'),
  ),
});
