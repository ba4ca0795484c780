import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { readApiOpsConfig } from '../config';

const read = (notifications: JsonObject) =>
  readApiOpsConfig(
    mockServices.rootConfig({ data: { apiops: { notifications } } }),
  );

describe('apiops.notifications', () => {
  it('is on by default, without a platform team', () => {
    expect(
      readApiOpsConfig(mockServices.rootConfig({ data: {} })).notifications,
    ).toEqual({ enabled: true });
  });

  it('takes the platform team as a group ref, short or full', () => {
    expect(read({ platformTeam: 'platform-team' }).notifications).toEqual({
      enabled: true,
      platformTeam: 'group:default/platform-team',
    });
    expect(read({ enabled: false }).notifications).toEqual({ enabled: false });
  });

  it('refuses what is not a group, or an unknown key, naming it', () => {
    expect(() => read({ platformTeam: 'user:default/ada' })).toThrow(
      /apiops\.notifications\.platformTeam must be a group ref/,
    );
    expect(() => read({ enabled: 'yes' })).toThrow(
      /apiops\.notifications\.enabled must be true or false/,
    );
    expect(() => read({ platformTeem: 'x' })).toThrow(
      /did you mean apiops\.notifications\.platformTeam/,
    );
  });
});
