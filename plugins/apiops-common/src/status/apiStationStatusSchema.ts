import { z } from 'zod';

/**
 * Where an API stands in its lifecycle.
 *
 * @public
 */
export const apiStationStatusSchema = z.object({
  /** Station id, or `unassessed`. */
  id: z.string().describe('Station id, or "unassessed"'),
  source: z.enum(['assessment', 'annotation', 'none']),
  cycle: z.string(),
  lifecycleStage: z.string().optional(),
  annotation: z.string().optional(),
  conflict: z
    .object({
      assessment: z.string(),
      annotation: z.string(),
      message: z.string(),
    })
    .optional(),
});
