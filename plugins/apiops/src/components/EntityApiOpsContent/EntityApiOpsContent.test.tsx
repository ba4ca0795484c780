import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityApiOpsContent } from './EntityApiOpsContent';

const api = (overrides: Partial<Entity> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'accounts-api', namespace: 'default' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'team-accounts',
    definition: 'openapi: 3.0.3',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-accounts' }],
  ...overrides,
});

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('EntityApiOpsContent', () => {
  it('shows the owner the catalog resolved and the lifecycle', async () => {
    await renderInTestApp(
      <EntityProvider entity={api()}>
        <EntityApiOpsContent />
      </EntityProvider>,
      { mountedRoutes },
    );

    expect(screen.getByText('Ownership and lifecycle')).toBeInTheDocument();
    const ownerLink = screen.getByRole('link', { name: /team-accounts/ });
    expect(ownerLink).toHaveAttribute(
      'href',
      '/catalog/default/group/team-accounts',
    );
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(
      screen.getByText('team-accounts', { selector: 'code' }),
    ).toBeInTheDocument();
  });

  it('says so when the catalog resolved no owner and no lifecycle is set', async () => {
    const entity = api({ relations: [] });
    delete entity.spec!.lifecycle;

    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityApiOpsContent />
      </EntityProvider>,
      { mountedRoutes },
    );

    expect(
      screen.getByText('No owner resolved in the catalog'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not set')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
