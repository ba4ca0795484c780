import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import express from 'express';

/**
 * The credentials of a request, users' and services' (a 401 for others),
 * as the routes read them.
 */
export type CredentialsOf = (
  req: express.Request,
) => Promise<
  BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
>;
