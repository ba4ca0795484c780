import { tryEntityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { z } from 'zod';
import { shown, flag } from './configSchemas';

/** `apiops.notifications`, read. */
export interface NotificationsConfig {
  enabled: boolean;
  /** The group told about APIs with no valid owner (a lower-case ref). */
  platformTeam?: string;
}

/** `apiops.notifications`. */
export const notificationsSchema = z
  .object({
    enabled: flag.default(true),
    platformTeam: z
      .string({
        errorMap: (_issue, ctx) => ({
          message: `must be a group ref such as group:default/platform-team, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const key = tryEntityRefKey(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        });
        if (!key || !key.startsWith('group:')) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be a group ref such as group:default/platform-team, got ${shown(
              value,
            )}`,
          });
          return z.NEVER;
        }
        return key as string;
      }),
  })
  .strict();

/** `apiops.notifications`, parsed, as the notifications take it. */
export function readNotificationsConfig(
  notifications: z.output<typeof notificationsSchema>,
): NotificationsConfig {
  return {
    enabled: notifications.enabled,
    ...(notifications.platformTeam
      ? { platformTeam: notifications.platformTeam }
      : {}),
  };
}
