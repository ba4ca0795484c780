import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { locationSpecToLocationEntity } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createPublishEntityAction } from './publishEntityAction';

const newApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'travel-insurance-api', title: 'Travel Insurance' },
  spec: {
    type: 'openapi',
    lifecycle: 'experimental',
    owner: 'group:default/payments-team',
    definition: 'openapi: 3.0.3\n',
  },
};

describe('portal:entity:publish', () => {
  const directory = createMockDirectory();
  const entitiesDir = path.join(directory.path, 'entities');
  const locationRef = stringifyEntityRef(
    locationSpecToLocationEntity({
      location: { type: 'file', target: path.join(entitiesDir, '*.yaml') },
    }),
  );

  function setup(
    options: {
      allowed?: boolean;
      existing?: (typeof newApi)[];
    } = {},
  ) {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (ref: any) =>
        (options.existing ?? []).find(e => stringifyEntityRef(e) === ref),
      ) as any,
      refreshEntity: jest.fn(async () => {}),
    });
    const action = createPublishEntityAction({
      directory: entitiesDir,
      catalog,
      auth: mockServices.auth(),
      permissions: mockServices.permissions({
        result:
          options.allowed === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    });
    return { catalog, action };
  }

  beforeEach(() => directory.clear());

  it('writes the entity where the catalog reads it and refreshes that location', async () => {
    const { catalog, action } = setup();
    const ctx = createMockActionContext({ input: { entity: newApi } });
    await action.handler(ctx);

    const file = path.join(
      entitiesDir,
      'api-default-travel-insurance-api.yaml',
    );
    expect(yaml.parse(fs.readFileSync(file, 'utf8'))).toEqual(newApi);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      locationRef,
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/travel-insurance-api',
    );
  });

  it('refuses an entity that is already in the catalog', async () => {
    const { catalog, action } = setup({ existing: [newApi] });
    await expect(
      action.handler(createMockActionContext({ input: { entity: newApi } })),
    ).rejects.toThrow(
      'entity: api:default/travel-insurance-api is already in the catalog',
    );
    expect(fs.existsSync(entitiesDir)).toBe(false);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it('never overwrites a file it wrote before', async () => {
    const { action } = setup();
    await action.handler(
      createMockActionContext({ input: { entity: newApi } }),
    );
    await expect(
      action.handler(createMockActionContext({ input: { entity: newApi } })),
    ).rejects.toThrow(
      /entity: api:default\/travel-insurance-api was already published/,
    );
  });

  it('refuses users who may not add entities to the catalog', async () => {
    const { action } = setup({ allowed: false });
    await expect(
      action.handler(createMockActionContext({ input: { entity: newApi } })),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(fs.existsSync(entitiesDir)).toBe(false);
  });

  it('refuses something that is not an entity, naming the field', async () => {
    const { action } = setup();
    await expect(
      action.handler(
        createMockActionContext({
          input: { entity: { kind: 'API', metadata: {} } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^entity: /),
    });
  });

  it('writes nothing in a dry run', async () => {
    const { catalog, action } = setup();
    const ctx = {
      ...createMockActionContext({ input: { entity: newApi } }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(fs.existsSync(entitiesDir)).toBe(false);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'api:default/travel-insurance-api',
    );
  });
});
