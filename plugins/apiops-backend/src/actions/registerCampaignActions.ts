import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z as sharedZod } from 'zod';
import {
  campaignFailingApiSchema,
  campaignProgressReportSchema,
  campaignTeamProgressSchema,
  campaignWithProgressSchema,
  reportPageSchema,
} from '@apiops-backstage/plugin-apiops-common';
import { CampaignService } from '../campaigns/CampaignService';
import { optionalRefKey } from '../services/entityKeys';
import { pageInput, pageOf, shared } from './actionSchemas';

/**
 * The campaign actions in the actions registry (MCP tools
 * `apiops.list-campaigns` and `apiops.get-campaign-progress`): thin adapters
 * over {@link CampaignService}, as the REST routes, so the same question gets
 * the same answer. Reading campaigns needs credentials only; the teams and
 * APIs an answer names are those the caller may read in the catalog.
 *
 * @internal
 */
export function registerCampaignActions(options: {
  actionsRegistry: ActionsRegistryService;
  campaigns: CampaignService;
}) {
  const { actionsRegistry, campaigns } = options;

  actionsRegistry.register({
    name: 'list-campaigns',
    title: 'List the APIOps campaigns and their progress',
    description:
      'Campaigns set a goal for the APIs of a scope (e.g. "no ownership gaps in production APIs") with a start and a due date. Each campaign comes with its goal conditions, scope, dates and progress at the latest snapshot: APIs in scope, meeting the goal, remaining, the share met, and its state (upcoming, active, due-soon, overdue, achieved). With team (a group ref), only the campaigns whose scope has APIs the team owns, with the team\'s own progress.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe(
              'Only campaigns with APIs of this group in scope, e.g. group:default/payments-team',
            ),
          ...pageInput(z, 20),
        }),
      output: () => shared(reportPageSchema(campaignWithProgressSchema)),
    },
    action: async ({ input, credentials }) => {
      const page = await campaigns.list(
        { ...pageOf(input), team: optionalRefKey(input.team, 'group', 'team') },
        credentials,
      );
      return { output: JSON.parse(JSON.stringify(page)) };
    },
  });

  actionsRegistry.register({
    name: 'get-campaign-progress',
    title: 'Get the progress of an APIOps campaign',
    description:
      'The progress of one campaign (or of one team in it): the counts at the latest snapshot, the burn-up (APIs meeting the goal at each snapshot that changed them), the teams with the most APIs remaining first (whether each is overdue), and the APIs still failing with, for each, why and what to do. The campaign is named by its id from list-campaigns.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          campaignId: z
            .string()
            .min(1)
            .max(32)
            .describe('The id of a campaign of list-campaigns'),
          team: z
            .string()
            .optional()
            .describe("A group ref: that team's progress and failing APIs"),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .default(20)
            .describe('How many teams and failing APIs to list'),
        }),
      output: () =>
        shared(
          campaignProgressReportSchema.extend({
            teams: sharedZod.array(campaignTeamProgressSchema),
            failing: sharedZod.array(campaignFailingApiSchema),
            moreFailing: sharedZod
              .boolean()
              .describe(
                'More failing APIs than listed: page through them with GET /campaigns/{id}/failing',
              ),
          }),
        ),
    },
    action: async ({ input, credentials }) => {
      const team = optionalRefKey(input.team, 'group', 'team');
      const [report, teams, failing] = await Promise.all([
        campaigns.getProgress(input.campaignId, { team }, credentials),
        campaigns.listTeams(
          input.campaignId,
          { limit: input.limit },
          credentials,
        ),
        campaigns.listFailures(
          input.campaignId,
          { limit: input.limit, team },
          credentials,
        ),
      ]);
      return {
        output: JSON.parse(
          JSON.stringify({
            ...report,
            teams: team
              ? teams.items.filter(row => row.groupRef === team)
              : teams.items,
            failing: failing.items,
            moreFailing: Boolean(failing.nextCursor),
          }),
        ),
      };
    },
  });
}
