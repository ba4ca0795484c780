import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleApiops } from './module';

describe('scaffolderModuleApiops', () => {
  it('adds the apiops:assessment:create action to the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleApiops],
    });
    expect(addActions).toHaveBeenCalledTimes(1);
    expect(addActions.mock.calls[0].map((a: { id: string }) => a.id)).toEqual([
      'apiops:assessment:create',
    ]);
  });
});
