import { Entity } from '@backstage/catalog-model';
import { ApiOpsLabelProcessor } from './ApiOpsLabelProcessor';

const entity = (
  kind: string,
  name: string,
  labels?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: {},
});

const known: Record<string, Record<string, string>> = {
  'api:default/accounts-api': {
    'apiops/station': 'api-design',
    'apiops/governance': 'attention',
    'apiops/ownership-gap': 'none',
  },
};

function processorWith(labels = known) {
  const lookup = {
    get: jest.fn((ref: string) => labels[ref]),
    waitForFirstRead: jest.fn(async () => {}),
  };
  return { processor: new ApiOpsLabelProcessor(lookup), lookup };
}

async function preProcess(processor: ApiOpsLabelProcessor, input: Entity) {
  return processor.preProcessEntity(input);
}

describe('ApiOpsLabelProcessor', () => {
  it('labels an API the results know, by its ref in any case, keeping its other labels', async () => {
    const { processor } = processorWith();
    const input = entity('API', 'Accounts-API', { team: 'payments' });
    const output = await preProcess(processor, input);
    expect(output.metadata.labels).toEqual({
      team: 'payments',
      'apiops/station': 'api-design',
      'apiops/governance': 'attention',
      'apiops/ownership-gap': 'none',
    });
    // The entity it was given is not changed.
    expect(input.metadata.labels).toEqual({ team: 'payments' });
  });

  it('replaces apiops labels the source declared', async () => {
    const { processor } = processorWith();
    const output = await preProcess(
      processor,
      entity('API', 'accounts-api', { 'apiops/station': 'api-audit' }),
    );
    expect(output.metadata.labels?.['apiops/station']).toBe('api-design');
  });

  it('drops apiops labels the source declared when the results do not know the API', async () => {
    const { processor } = processorWith();
    const output = await preProcess(
      processor,
      entity('API', 'new-api', {
        team: 'payments',
        'apiops/station': 'api-publishing',
        'apiops/governance': 'compliant',
      }),
    );
    expect(output.metadata.labels).toEqual({ team: 'payments' });
  });

  it('drops apiops labels declared on other kinds, without looking them up', async () => {
    const { processor, lookup } = processorWith();
    const output = await preProcess(
      processor,
      entity('Component', 'accounts-service', {
        'apiops/ownership-gap': 'none',
      }),
    );
    expect(output.metadata.labels).toBeUndefined();
    expect(lookup.get).not.toHaveBeenCalled();
  });

  it('leaves an API the results do not know unchanged', async () => {
    const { processor } = processorWith();
    const input = entity('API', 'new-api');
    expect(await preProcess(processor, input)).toBe(input);
  });

  it('leaves entities of other kinds untouched, without looking them up', async () => {
    const { processor, lookup } = processorWith({
      'component:default/accounts-api': known['api:default/accounts-api'],
    });
    const input = entity('Component', 'accounts-api');
    expect(await preProcess(processor, input)).toBe(input);
    expect(lookup.get).not.toHaveBeenCalled();
    expect(lookup.waitForFirstRead).not.toHaveBeenCalled();
  });
});
