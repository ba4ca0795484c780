import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission policy whether it allows the request. For the services
 * that narrow an answer instead of refusing it.
 *
 * @internal
 */
export async function isAllowed(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission; resourceRef?: undefined }
    | { permission: ResourcePermission; resourceRef: string },
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [request as { permission: BasicPermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/**
 * Asks the permission policy, and throws a NotAllowedError (403) unless it
 * allows. The one place the services turn a decision into an error.
 *
 * @internal
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission; resourceRef?: undefined }
    | { permission: ResourcePermission; resourceRef: string },
  message = `Not allowed: ${request.permission.name}`,
): Promise<void> {
  if (!(await isAllowed(permissions, credentials, request))) {
    throw new NotAllowedError(message);
  }
}
