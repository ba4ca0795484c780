import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z as sharedZod } from 'zod';

/** The zod that the actions registry passes to the schema factories. */
export type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['output']
>[0];

/** An object schema as the actions registry types it, with its output type. */
type RegistryObject<T> = ReturnType<Zod['object']> & { _output: T };

/**
 * A shared response schema of `-common` as an output schema of an action.
 * `-common` builds its schemas with its own copy of zod, the registry types
 * them with the zod v3 API of another copy; both are zod v3 at run time (the
 * registry only calls `safeParse` and converts them to JSON Schema), so only
 * the type needs bridging.
 */
export function shared<S extends sharedZod.ZodTypeAny>(
  schema: S,
): RegistryObject<sharedZod.infer<S>> {
  return schema as unknown as RegistryObject<sharedZod.infer<S>>;
}

/**
 * The paging input of a list action: `limit`, the number of items of a page
 * (at most 100, `defaultLimit` when absent), and `cursor`, the `nextCursor`
 * of the previous page. `describeCursor: false` keeps the input schema of the
 * actions whose cursor has never had a description as their clients know it.
 */
export function pageInput(
  z: Zod,
  defaultLimit: number,
  options: { describeCursor?: boolean } = {},
) {
  const cursor = z.string().optional();
  return {
    limit: z.number().int().min(1).max(100).default(defaultLimit),
    cursor:
      options.describeCursor === false
        ? cursor
        : cursor.describe('nextCursor of a previous call, for the next page'),
  };
}

/** The page an action's input asks for ({@link pageInput}), without its filters. */
export function pageOf(input: { limit: number; cursor?: string }) {
  return { limit: input.limit, cursor: input.cursor };
}
