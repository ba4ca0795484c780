import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z as sharedZod } from 'zod';
import {
  FRAGMENTATION_TYPES,
  OWNER_GAP_TYPES,
  apiEvidenceSchema,
  apiStatusSchema,
  apiopsReportReadPermission,
  clusterMemberPageSchema,
  evidenceCoverageSchema,
  fragmentationClusterSchema,
  lintReportRowSchema,
  ownerGapSchema,
  ownershipGapRowSchema,
  reportPageSchema,
  teamRollupSchema,
} from '@apiops-backstage/plugin-apiops-common';
import { CHANGE_CLASSES } from '@apiops-backstage/plugin-apiops-common';
import type { ChangeService } from '../changes/ChangeService';
import { EvidenceReportService } from '../services/EvidenceReportService';
import { ReportService } from '../services/ReportService';
import { StatusService } from '../services/StatusService';
import { apiEntityKey } from '../services/entityKeys';
import { Zod, pageInput, pageOf, shared } from './actionSchemas';

/**
 * The plugin's actions in the actions registry, exposed to AI agents as MCP
 * tools `apiops.<name>` by the mcp-actions backend (when `apiops` is listed
 * under `backend.actions.pluginSources`). Thin adapters over the same
 * services as the REST routes: the same question gets the same answer.
 *
 * @internal
 */
export function registerApiOpsActions(options: {
  actionsRegistry: ActionsRegistryService;
  status: StatusService;
  reports: ReportService;
  /** The definition evidence (lint, audit). */
  evidence: EvidenceReportService;
  /** The change history (issue 15); none: no action for it. */
  changes?: ChangeService;
}) {
  const { actionsRegistry, status, reports, evidence, changes } = options;

  actionsRegistry.register({
    name: 'get-api-status',
    title: 'Get the APIOps status of an API',
    description:
      'Where an API stands in its APIOps Cycles lifecycle (station), who owns it and the ownership gaps, and whether it is governed (governance status and findings with how to fix them). The API is named by its entity ref, e.g. api:default/accounts-api, or just its name in the default namespace. Ownership gaps, governance and fragmentation need the permission apiops.report.read: without it they are absent and reportData is "withheld".',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'Entity ref of the API: api:<namespace>/<name>, <namespace>/<name> or <name>',
            ),
        }),
      output: () => shared(apiStatusSchema),
    },
    action: async ({ input, credentials }) => {
      const found = await status.getStatus(
        apiEntityKey(input.entityRef),
        credentials,
      );
      return { output: JSON.parse(JSON.stringify(found)) };
    },
  });

  actionsRegistry.register({
    name: 'list-ownership-gaps',
    title: 'List APIs with ownership gaps',
    description:
      'APIs whose owner is missing or a placeholder, does not exist in the catalog, is a person instead of a team, is a group without members, is orphaned, or differs from the owners of the components providing the API. From the latest catalog-wide snapshot; filter by gap type, owner or system.',
    visibilityPermission: apiopsReportReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          type: typeFilterSchema(z, OWNER_GAP_TYPES, 'Only gaps of this type'),
          owner: z
            .string()
            .optional()
            .describe(
              'Only APIs of this owner, e.g. group:default/payments-team',
            ),
          system: z
            .string()
            .optional()
            .describe(
              'Only APIs of this system, e.g. system:default/payments-hub',
            ),
          ...pageInput(z, 50),
        }),
      output: () => shared(reportPageSchema(ownershipGapRowSchema)),
    },
    action: async ({ input, credentials }) => {
      const page = await reports.listOwnershipGaps(input, credentials);
      return { output: JSON.parse(JSON.stringify(page)) };
    },
  });

  actionsRegistry.register({
    name: 'list-fragmentation-clusters',
    title: 'List fragmentation clusters of the API catalog',
    description:
      'Where the API catalog is fragmented: duplicate APIs (mostly the same operations under different names, with enough weighted evidence; details.pairs says what links each pair), overlapping APIs (APIs largely contained in another one, grouped by that container: the container is the first member, details.contained lists the others), families (APIs implementing one shared interface, as one cluster: three or more sharing it, or two or more near-identical deployments of one owner at base paths of their own; sharedOperations is the interface), version sprawl (several live versions of one API), name collisions (same name, different owners or systems) and style inconsistencies (APIs that break the path casing or versioning convention of their system or domain, or mix styles in their own paths). Each cluster names its first 25 members (memberCount gives all of them; list-fragmentation-cluster-members pages through the rest), a score and the operations they share. A cluster an owner or the platform team dismissed (not a duplicate, or intended) carries its dismissal (verdict, reason, by whom, when); dismissed=exclude leaves those out, dismissed=only lists only them. From the latest catalog-wide snapshot.',
    visibilityPermission: apiopsReportReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          type: typeFilterSchema(
            z,
            FRAGMENTATION_TYPES,
            'Only clusters of this type',
          ),
          owner: z
            .string()
            .optional()
            .describe('Only clusters with an API of this owner'),
          system: z
            .string()
            .optional()
            .describe('Only clusters with an API of this system'),
          dismissed: z
            .enum(['include', 'exclude', 'only'])
            .optional()
            .describe(
              'include (the default): dismissed clusters too, with their dismissal; exclude: without them; only: only them',
            ),
          ...pageInput(z, 20, { describeCursor: false }),
        }),
      output: () => shared(reportPageSchema(fragmentationClusterSchema)),
    },
    action: async ({ input, credentials }) => {
      const page = await reports.listFragmentation(input, credentials);
      return { output: page };
    },
  });

  actionsRegistry.register({
    name: 'list-fragmentation-cluster-members',
    title: 'List every member of a fragmentation cluster',
    description:
      'The member APIs of one fragmentation cluster, in the cluster order, with memberCount, the number of all of them. The clusters of list-fragmentation-clusters and get-api-status list at most the first 25 members; page through the rest here, by the cluster id. From the latest catalog-wide snapshot.',
    visibilityPermission: apiopsReportReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          clusterId: z
            .string()
            .min(1)
            .max(64)
            .describe('The id of a cluster of list-fragmentation-clusters'),
          ...pageInput(z, 50),
        }),
      output: () => shared(clusterMemberPageSchema),
    },
    action: async ({ input, credentials }) => {
      const page = await reports.listClusterMembers(
        input.clusterId,
        pageOf(input),
        credentials,
      );
      return { output: JSON.parse(JSON.stringify(page)) };
    },
  });

  actionsRegistry.register({
    name: 'list-team-apis',
    title: "List a team's APIs with their gaps",
    description:
      "The APIs a group owns, itself or through its child groups, with each API's station, governance status, ownership gaps and number of findings, and the team's totals. From the latest catalog-wide snapshot.",
    visibilityPermission: apiopsReportReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .min(1)
            .describe('The group: group:<namespace>/<name> or <name>'),
          ...pageInput(z, 50, { describeCursor: false }),
        }),
      output: () =>
        shared(
          sharedZod.object({
            team: teamRollupSchema,
            apis: sharedZod.array(
              sharedZod.object({
                entityRef: sharedZod.string(),
                title: sharedZod.string(),
                owner: sharedZod.string().optional(),
                system: sharedZod.string().optional(),
                station: sharedZod.string(),
                governanceStatus: sharedZod.string(),
                gaps: sharedZod.array(ownerGapSchema),
                findings: sharedZod.number(),
              }),
            ),
            nextCursor: sharedZod.string().optional(),
          }),
        ),
    },
    action: async ({ input, credentials }) => {
      const found = await reports.listTeamApis(
        input.team,
        pageOf(input),
        credentials,
      );
      return {
        output: {
          team: found.team,
          apis: found.items.map(api => ({
            entityRef: api.entityRef,
            title: api.title,
            owner: api.owner.ref,
            system: api.system,
            station: api.station.id,
            governanceStatus: api.governance.status,
            gaps: api.owner.gaps,
            findings: api.governance.findings.length,
          })),
          nextCursor: found.nextCursor,
        },
      };
    },
  });
  actionsRegistry.register({
    name: 'get-api-lint',
    title: "Get the lint findings and audit evidence of an API's definition",
    description:
      "What the linter (Spectral, when the lint module is installed) found in an API's current definition: each finding's rule, severity, JSON path, line, message and documentation link, worst first; and the machine-checkable items of the APIOps Cycles audit checklist (pass, partial, gap, not applicable) per station criterion they evidence, with the answer the evidence suggests. state queued means the definition waits in the backlog. Needs the permission apiops.report.read.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'Entity ref of the API: api:<namespace>/<name>, <namespace>/<name> or <name>',
            ),
        }),
      output: () => shared(apiEvidenceSchema),
    },
    action: async ({ input, credentials }) => {
      const found = await evidence.getApiEvidence(
        apiEntityKey(input.entityRef),
        credentials,
      );
      return { output: JSON.parse(JSON.stringify(found)) };
    },
  });

  actionsRegistry.register({
    name: 'list-lint-results',
    title: 'List the lint results of the APIs of the catalog',
    description:
      'Per API: whether its current definition is linted or still queued, its lint findings per severity and its most frequent rules; with coverage, how far the background lint has got (checked of total, the rest queued). Filter by owner (a group includes its child groups), system, severity (APIs with at least one finding of it), rule or state. provider=audit lists the audit checklist counts instead. Needs the permission apiops.report.read.',
    visibilityPermission: apiopsReportReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          provider: z
            .string()
            .optional()
            .describe('lint (the default: every linter) or audit'),
          owner: z
            .string()
            .optional()
            .describe(
              'Only APIs of this owner, e.g. group:default/payments-team',
            ),
          system: z.string().optional().describe('Only APIs of this system'),
          severity: z
            .enum(['error', 'warning', 'info'])
            .optional()
            .describe('Only APIs with at least one finding of this severity'),
          rule: z
            .string()
            .optional()
            .describe(
              'Only APIs with findings of this rule, e.g. operation-operationId',
            ),
          state: z
            .enum(['checked', 'queued'])
            .optional()
            .describe('Only APIs whose definition is checked, or queued'),
          ...pageInput(z, 50),
        }),
      output: () =>
        shared(
          sharedZod.object({
            items: sharedZod.array(lintReportRowSchema),
            nextCursor: sharedZod.string().optional(),
            coverage: sharedZod.array(evidenceCoverageSchema),
          }),
        ),
    },
    action: async ({ input, credentials }) => {
      const page = await evidence.listLint(input, credentials);
      return { output: JSON.parse(JSON.stringify(page)) };
    },
  });

  if (changes) {
    actionsRegistry.register({
      name: 'list-api-changes',
      title: 'List the changes of API definitions',
      description:
        'The changes the snapshots found in API definitions, newest first: per change event the API, when, the versions before and after, the counts per class (breaking, non-breaking, deprecated, annotation, unclassified), the changes themselves (capped; each with its JSON path and operation) and the components consuming the API with their owners. Filter by class (events with at least one change of it), owner (a group includes its child groups), system, since (ISO 8601), or one API (entityRef). Needs the permission apiops.report.read.',
      visibilityPermission: apiopsReportReadPermission,
      attributes: { readOnly: true, idempotent: true, destructive: false },
      schema: {
        input: z =>
          z.object({
            entityRef: z
              .string()
              .optional()
              .describe(
                'Only the changes of this API: api:<namespace>/<name> or <name>',
              ),
            class: z
              .enum(CHANGE_CLASSES as unknown as [string, ...string[]])
              .optional()
              .describe('Only events with at least one change of this class'),
            owner: z
              .string()
              .optional()
              .describe(
                'Only APIs of this owner, e.g. group:default/payments-team',
              ),
            system: z.string().optional().describe('Only APIs of this system'),
            since: z
              .string()
              .optional()
              .describe(
                'Only changes found at or after this time, e.g. 2026-12-01',
              ),
            ...pageInput(z, 20),
          }),
        output: z =>
          z.object({
            items: z.array(
              z
                .object({
                  id: z.string(),
                  entityRef: z.string(),
                  title: z.string().optional(),
                  detectedAt: z.string(),
                  fromVersion: z.string().optional(),
                  toVersion: z.string().optional(),
                  counts: z.record(z.string(), z.number()),
                  changeCount: z.number(),
                  changes: z.array(
                    z
                      .object({
                        class: z.string(),
                        action: z.string(),
                        path: z.string(),
                        operation: z.string().optional(),
                        description: z.string(),
                      })
                      .passthrough(),
                  ),
                  consumers: z.array(
                    z
                      .object({
                        entityRef: z.string(),
                        owner: z.string().optional(),
                      })
                      .passthrough(),
                  ),
                  problem: z.string().optional(),
                })
                .passthrough(),
            ),
            nextCursor: z.string().optional(),
          }),
      },
      action: async ({ input, credentials }) => {
        const { entityRef, ...filters } = input;
        if (entityRef !== undefined) {
          const history = await changes.getHistory(
            apiEntityKey(entityRef),
            pageOf(filters),
            credentials,
          );
          return {
            output: JSON.parse(
              JSON.stringify({
                items: history.items.filter(
                  e =>
                    (!filters.class ||
                      e.counts[filters.class as keyof typeof e.counts] > 0) &&
                    (!filters.since || e.detectedAt >= filters.since),
                ),
                nextCursor: history.nextCursor,
              }),
            ),
          };
        }
        const page = await changes.listChanges(filters, credentials);
        return {
          output: JSON.parse(
            JSON.stringify({ items: page.items, nextCursor: page.nextCursor }),
          ),
        };
      },
    });
  }
}

/** An optional filter by one of the types of a report. */
function typeFilterSchema(
  z: Zod,
  types: readonly string[],
  description: string,
) {
  return z
    .enum(types as [string, ...string[]])
    .optional()
    .describe(description);
}
