import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  Assessment,
  AssessmentRequest,
  deriveStation,
  MethodModel,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createHash } from 'node:crypto';
import { createAssessmentActionExamples } from './createAssessmentAction.examples';

/** The id of the action, as templates name it in `action:`. */
export const CREATE_ASSESSMENT_ACTION_ID = 'apiops:assessment:create';

/** How long the action waits for the entity by default, in seconds. */
export const DEFAULT_WAIT_SECONDS = 60;

/** The longest wait a template may ask for, in seconds. */
export const MAX_WAIT_SECONDS = 300;

const FIRST_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 5000;

/**
 * Creates the `apiops:assessment:create` action: records a lifecycle
 * assessment of an entity through the APIOps backend's REST API
 * (`POST /api/apiops/entities/{kind}/{namespace}/{name}/assessments`), on
 * behalf of the user who runs the template, so that the backend's permission
 * check (`apiops.assessment.create`) and audit apply to that user.
 *
 * @public
 */
export function createAssessmentAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const { auth, discovery } = options;

  return createTemplateAction({
    id: CREATE_ASSESSMENT_ACTION_ID,
    description:
      "Records an APIOps lifecycle assessment of an API as the user who runs the template (needs the apiops.assessment.create permission on the entity). Waits for a newly registered entity to appear in the catalog. Outputs the assessment's id and the API's resulting station.",
    examples: createAssessmentActionExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity to assess, e.g. api:default/payments-api; a bare name means an API in the default namespace',
            ),
        cycle: z =>
          z
            .string()
            .optional()
            .describe(
              "The cycle whose criteria are answered, e.g. api-productization-cycle (the backend's default when absent)",
            ),
        answers: z =>
          z
            .record(z.string(), z.enum(['met', 'not-met', 'unknown']))
            .describe(
              'An answer per criterion id, e.g. { business-goals-defined: met }; criteria of the cycle left out are stored as unknown',
            ),
        evidence: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('An http(s) evidence link per answered criterion id'),
        notes: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('A short note per answered criterion id'),
        note: z =>
          z
            .string()
            .optional()
            .describe('A note about the assessment as a whole'),
        waitForEntity: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Whether to wait for the entity to appear in the catalog when it is not there yet (true by default), e.g. right after catalog:register',
            ),
        waitTimeoutSeconds: z =>
          z
            .number()
            .optional()
            .describe(
              `How long to wait for the entity, in seconds (${DEFAULT_WAIT_SECONDS} by default, at most ${MAX_WAIT_SECONDS})`,
            ),
      },
      output: {
        assessmentId: z =>
          z
            .string()
            .optional()
            .describe(
              'The id of the recorded assessment (absent in a dry run)',
            ),
        entityRef: z =>
          z.string().describe('The assessed entity, as a full entity ref'),
        station: z =>
          z
            .string()
            .describe(
              "The API's station derived from the answers, e.g. api-product-strategy",
            ),
      },
    },
    async handler(ctx) {
      const entity = parseEntityRefInput(ctx.input.entityRef);
      const entityRef = `${entity.kind}:${entity.namespace}/${entity.name}`;
      const request = parseRequestInput(ctx.input);
      const waitMs = parseWaitInput(ctx.input) * 1000;

      const baseUrl = await discovery.getBaseUrl('apiops');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'apiops',
      });

      if (ctx.isDryRun) {
        const model = await fetchMethod(baseUrl, token, request.cycle);
        const station = checkAgainstMethod(model, request);
        ctx.logger.info(
          `Dry run: would record an assessment of ${entityRef} on the cycle ${model.cycle}, at the station ${station}`,
        );
        ctx.output('entityRef', entityRef);
        ctx.output('station', station);
        return;
      }

      const url = `${baseUrl}/entities/${[
        entity.kind,
        entity.namespace,
        entity.name,
      ]
        .map(encodeURIComponent)
        .join('/')}/assessments`;

      // A checkpoint, so that a task resumed after a restart does not record
      // the same assessment twice; keyed by the input too, for steps with
      // `each`.
      const inputHash = createHash('sha256')
        .update(JSON.stringify({ entityRef, request }))
        .digest('hex');
      const assessment = (await ctx.checkpoint({
        key: `apiops.assessment.create.${ctx.step?.id ?? 'step'}.${inputHash}`,
        fn: async () =>
          (await postAssessment({
            url,
            token,
            request,
            entityRef,
            waitMs,
            signal: ctx.signal,
            onWait: message => ctx.logger.info(message),
          })) as unknown as Record<string, string>,
      })) as unknown as Assessment;

      ctx.logger.info(
        `Recorded assessment ${assessment.id} of ${assessment.entityRef}: station ${assessment.station}`,
      );
      ctx.output('assessmentId', assessment.id);
      ctx.output('entityRef', assessment.entityRef);
      ctx.output('station', assessment.station);
    },
  });
}

function parseEntityRefInput(value: unknown): CompoundEntityRef {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      'entityRef: must be an entity ref such as api:default/payments-api',
    );
  }
  try {
    return parseEntityRef(value.trim(), {
      defaultKind: 'api',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `entityRef: '${value}' is not an entity ref such as api:default/payments-api (${
        (error as Error).message
      })`,
    );
  }
}

function parseRequestInput(input: Record<string, unknown>): AssessmentRequest {
  const body: Record<string, unknown> = {};
  for (const field of ['cycle', 'answers', 'evidence', 'notes', 'note']) {
    if (input[field] !== undefined) {
      body[field] = input[field];
    }
  }
  const parsed = parseAssessmentRequest(body);
  if (!parsed.ok) {
    throw new InputError(parsed.message);
  }
  return parsed.value;
}

function parseWaitInput(input: Record<string, unknown>): number {
  const { waitForEntity, waitTimeoutSeconds } = input;
  if (waitForEntity !== undefined && typeof waitForEntity !== 'boolean') {
    throw new InputError('waitForEntity: must be true or false');
  }
  if (waitForEntity === false) {
    return 0;
  }
  if (waitTimeoutSeconds === undefined) {
    return DEFAULT_WAIT_SECONDS;
  }
  if (
    typeof waitTimeoutSeconds !== 'number' ||
    !Number.isFinite(waitTimeoutSeconds) ||
    waitTimeoutSeconds < 0 ||
    waitTimeoutSeconds > MAX_WAIT_SECONDS
  ) {
    throw new InputError(
      `waitTimeoutSeconds: must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}`,
    );
  }
  return waitTimeoutSeconds;
}

async function fetchMethod(
  baseUrl: string,
  token: string,
  cycle: string | undefined,
): Promise<MethodModel> {
  const query = cycle ? `?cycle=${encodeURIComponent(cycle)}` : '';
  const response = await fetch(`${baseUrl}/method${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw await backendError(
      response,
      'Could not read the method to check the assessment',
    );
  }
  return (await response.json()) as MethodModel;
}

/**
 * The checks the backend makes on the criteria (each must be a criterion of
 * the cycle), and the station the answers would give.
 */
function checkAgainstMethod(
  model: MethodModel,
  request: AssessmentRequest,
): string {
  const known = new Set(model.criteria.map(criterion => criterion.id));
  for (const field of ['answers', 'evidence', 'notes'] as const) {
    for (const criterionId of Object.keys(request[field] ?? {})) {
      if (!known.has(criterionId)) {
        throw new InputError(
          `${field}.${criterionId}: not a criterion of the cycle '${model.cycle}'`,
        );
      }
    }
  }
  return deriveStation(model.stations, request.answers);
}

async function postAssessment(options: {
  url: string;
  token: string;
  request: AssessmentRequest;
  entityRef: string;
  waitMs: number;
  signal?: AbortSignal;
  onWait: (message: string) => void;
}): Promise<Assessment> {
  const { url, token, request, entityRef, waitMs, signal, onWait } = options;
  const deadline = Date.now() + waitMs;
  let delay = FIRST_RETRY_DELAY_MS;
  for (;;) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(request),
      signal,
    });
    if (response.ok) {
      return (await response.json()) as Assessment;
    }
    const remaining = deadline - Date.now();
    if (response.status !== 404 || remaining <= 0) {
      const error = await backendError(
        response,
        `Could not record the assessment of ${entityRef}`,
      );
      if (response.status === 404 && waitMs > 0) {
        throw new NotFoundError(
          `entityRef: ${entityRef} did not appear in the catalog within ${Math.round(
            waitMs / 1000,
          )} s (${error.message})`,
        );
      }
      throw error;
    }
    await response.arrayBuffer(); // frees the connection
    onWait(
      `${entityRef} is not in the catalog yet; trying again in ${Math.ceil(
        Math.min(delay, remaining) / 1000,
      )} s`,
    );
    await sleep(Math.min(delay, remaining), signal);
    delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
  }
}

/**
 * The backend's answer as an error whose message is the backend's own
 * (which names the field at fault), after a short context; the error of the
 * same kind, so that the scaffolder reports it as the backend did.
 */
async function backendError(
  response: Response,
  context: string,
): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message ?? error.message;
  const text = `${context}: ${message}`;
  switch (response.status) {
    case 400:
      return new InputError(text);
    case 401:
      return new AuthenticationError(text);
    case 403:
      return new NotAllowedError(text);
    case 404:
      return new NotFoundError(text);
    default:
      return new ForwardedError(`${text} (HTTP ${response.status})`, error);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
