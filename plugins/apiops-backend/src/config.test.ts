import { mockServices } from '@backstage/backend-test-utils';
import { readApiOpsConfig } from './config';

const read = (apiops: object) =>
  readApiOpsConfig(mockServices.rootConfig({ data: { apiops } }));

describe('readApiOpsConfig', () => {
  it('has defaults for everything', () => {
    const config = read({});
    expect(config.snapshotSchedule).toMatchObject({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 10 },
      scope: 'global',
    });
    expect(config.retentionDays).toBe(90);
    expect(config.parserThreads).toBeGreaterThanOrEqual(1);
    expect(config.parserThreads).toBeLessThanOrEqual(4);
    expect(config.fragmentation.duplicateJaccard).toBe(0.8);
    expect(config.governance.rules).toBeUndefined();
  });

  it('reads the snapshot schedule, retention, thresholds and rules', () => {
    const config = read({
      snapshot: {
        frequency: { cron: '0 * * * *' },
        retentionDays: 30,
        parserThreads: 0,
      },
      fragmentation: { duplicateJaccard: 0.9, maxLiveVersions: 3 },
      ownership: { placeholders: ['nobody'] },
      governance: { rules: { 'system-present': { enabled: false } } },
    });
    expect(config.snapshotSchedule.frequency).toEqual({ cron: '0 * * * *' });
    expect(config.retentionDays).toBe(30);
    expect(config.parserThreads).toBe(0);
    expect(config.fragmentation).toMatchObject({
      duplicateJaccard: 0.9,
      maxLiveVersions: 3,
    });
    expect(config.ownerPlaceholders).toEqual(['nobody']);
    expect(config.governance.rules).toEqual({
      'system-present': { enabled: false },
    });
  });

  it('refuses values out of range, naming the setting', () => {
    expect(() => read({ snapshot: { retentionDays: 0 } })).toThrow(
      /apiops.snapshot.retentionDays/,
    );
    for (const parserThreads of [-1, 1.5, 'two', 65]) {
      expect(() => read({ snapshot: { parserThreads } })).toThrow(
        /apiops.snapshot.parserThreads must be a whole number from 0 to 64/,
      );
    }
    expect(() => read({ fragmentation: { duplicateJaccard: 2 } })).toThrow(
      /apiops.fragmentation: .*duplicateJaccard/,
    );
  });
});
