import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the APIOps page, in both frontend systems.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'apiops' });
