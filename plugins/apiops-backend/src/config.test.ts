import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import { DEFAULT_FRAGMENTATION_THRESHOLDS } from '@apiops-backstage/plugin-apiops-common';
import fs from 'node:fs';
import path from 'node:path';
import { readApiOpsConfig } from './config';

const read = (apiops: JsonValue) =>
  readApiOpsConfig(mockServices.rootConfig({ data: { apiops } }));

describe('readApiOpsConfig', () => {
  it('has defaults for everything', () => {
    for (const config of [
      readApiOpsConfig(mockServices.rootConfig({ data: {} })),
      read({}),
      read({ snapshot: {}, ownership: {}, fragmentation: {}, governance: {} }),
    ]) {
      expect(config.snapshotSchedule).toEqual({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 10 },
        scope: 'global',
      });
      expect(config.retentionDays).toBe(90);
      expect(config.parserThreads).toBeGreaterThanOrEqual(1);
      expect(config.parserThreads).toBeLessThanOrEqual(4);
      expect(config.parserBatchTimeoutMs).toBe(60_000);
      expect(config.maxStoredDefinitions).toBe(500_000);
      expect(config.ownerPlaceholders).toBeUndefined();
      expect(config.fragmentation).toEqual(DEFAULT_FRAGMENTATION_THRESHOLDS);
      expect(config.governance.rules).toBeUndefined();
    }
  });

  it('reads the snapshot schedule, retention, thresholds and rules', () => {
    const config = read({
      snapshot: {
        frequency: { cron: '0 * * * *' },
        timeout: 'PT15M',
        initialDelay: '1 minute',
        retentionDays: 30,
        parserThreads: 0,
        parserBatchTimeout: '20 seconds',
        maxStoredDefinitions: 1000,
      },
      fragmentation: {
        duplicateJaccard: 0.9,
        maxLiveVersions: 3,
        stopSignatures: ['GET /status'],
        styleScopes: ['system', 'domain'],
        styleConventionShare: 0.6,
      },
      ownership: { placeholders: ['nobody'] },
      governance: {
        rules: {
          'system-present': { enabled: false },
          'assessment-fresh': {
            severity: 'error',
            options: { maxAgeDays: 90 },
          },
        },
      },
    });
    expect(config.snapshotSchedule).toEqual({
      frequency: { cron: '0 * * * *' },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
    expect(config.retentionDays).toBe(30);
    expect(config.parserThreads).toBe(0);
    expect(config.parserBatchTimeoutMs).toBe(20_000);
    expect(config.maxStoredDefinitions).toBe(1000);
    expect(config.fragmentation).toEqual({
      ...DEFAULT_FRAGMENTATION_THRESHOLDS,
      duplicateJaccard: 0.9,
      maxLiveVersions: 3,
      stopSignatures: ['GET /status'],
      styleScopes: ['system', 'domain'],
      styleConventionShare: 0.6,
    });
    expect(config.ownerPlaceholders).toEqual(['nobody']);
    expect(config.governance.rules).toEqual({
      'system-present': { enabled: false },
      'assessment-fresh': { severity: 'error', options: { maxAgeDays: 90 } },
    });
  });

  it('reads the schedule as the scheduler does', () => {
    for (const frequency of [
      { hours: 1, minutes: 30 },
      'PT1H',
      '2h',
      ' 90 seconds ',
      { cron: '*/5 * * * *' },
      { trigger: 'manual' },
    ]) {
      const schedule = { frequency, timeout: '5m', initialDelay: 'P1D' };
      expect(read({ snapshot: schedule }).snapshotSchedule).toEqual({
        ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
          new ConfigReader(schedule),
        ),
        scope: 'global',
      });
    }
  });

  it('refuses values out of range, naming the setting and the value', () => {
    expect(() => read({ snapshot: { retentionDays: 0 } })).toThrow(
      'apiops.snapshot.retentionDays must be a positive number of days, got 0',
    );
    expect(() =>
      read({ snapshot: { parserBatchTimeout: { seconds: 0 } } }),
    ).toThrow(
      'apiops.snapshot.parserBatchTimeout must be a duration longer than zero',
    );
    expect(() => read({ snapshot: { parserBatchTimeout: 'soon' } })).toThrow(
      /apiops.snapshot.parserBatchTimeout must be a duration such as/,
    );
    for (const parserThreads of [-1, 1.5, 'two', 65]) {
      expect(() => read({ snapshot: { parserThreads } })).toThrow(
        /apiops.snapshot.parserThreads must be a whole number from 0 to 64/,
      );
    }
    for (const maxStoredDefinitions of [-1, 0.5, 'many', 10_000_001]) {
      expect(() => read({ snapshot: { maxStoredDefinitions } })).toThrow(
        /apiops.snapshot.maxStoredDefinitions must be a whole number from 0 to 10000000/,
      );
    }
    expect(() => read({ fragmentation: { duplicateJaccard: 2 } })).toThrow(
      'apiops.fragmentation.duplicateJaccard must be a number in (0, 1], got 2',
    );
    expect(() =>
      read({ fragmentation: { lshBands: 64, lshRows: 32 } }),
    ).toThrow(
      /apiops.fragmentation.lshRows must be at most 16 with lshBands 64/,
    );
  });

  it.each([
    [
      { snapshot: { frequency: 'soon' } },
      /apiops.snapshot.frequency must be a duration/,
    ],
    [
      { snapshot: { frequency: { cron: 5 } } },
      /apiops.snapshot.frequency must be \{ cron/,
    ],
    [
      { snapshot: { timeout: { minute: 5 } } },
      /apiops.snapshot.timeout must be a duration .* got \{"minute":5\}/,
    ],
    [
      { snapshot: { initialDelay: 10 } },
      /apiops.snapshot.initialDelay must be a duration .* got 10/,
    ],
    [
      { snapshot: { retentionDays: '30' } },
      /apiops.snapshot.retentionDays must be a positive number of days, got "30"/,
    ],
    [
      { ownership: { placeholders: 'tbd' } },
      /apiops.ownership.placeholders must be an array, got string/,
    ],
    [
      { ownership: { placeholders: ['tbd', ''] } },
      /apiops.ownership.placeholders\[1\] must not be empty/,
    ],
    [
      { fragmentation: { stopListShare: Number.NaN } },
      /apiops.fragmentation.stopListShare must be a number in \(0, 1\], got NaN/,
    ],
    [
      { fragmentation: { maxBucketSize: 2.5 } },
      /apiops.fragmentation.maxBucketSize must be a positive integer, got 2.5/,
    ],
    [
      { fragmentation: { styleScopes: ['team'] } },
      /apiops.fragmentation.styleScopes\[0\] unknown scope team/,
    ],
    [
      { fragmentation: { styleConventionShare: 0 } },
      /apiops.fragmentation.styleConventionShare must be a number in \(0, 1\], got 0/,
    ],
    [
      { fragmentation: { retiredLifecycles: 'sunset' } },
      /apiops.fragmentation.retiredLifecycles must be an array, got string/,
    ],
    [
      { governance: { rules: { 'system-present': { enabled: 'no' } } } },
      /apiops.governance.rules.system-present.enabled must be a boolean, got string/,
    ],
    [
      { governance: { rules: { 'system-present': { severity: 'fatal' } } } },
      /apiops.governance.rules.system-present.severity must be one of error, warning, info, got "fatal"/,
    ],
    [
      { governance: { rules: { 'system-present': { options: [1] } } } },
      /apiops.governance.rules.system-present.options must be an object, got array/,
    ],
    [
      { governance: { rules: ['system-present'] } },
      /apiops.governance.rules must be an object, got array/,
    ],
    [{ snapshot: 'hourly' }, /apiops.snapshot must be an object, got string/],
  ])('refuses %j', (apiops, message) => {
    expect(() => read(apiops)).toThrow(message);
  });

  it('names a misspelt key and the key it was probably meant to be', () => {
    expect(() => read({ fragmentation: { duplicateJacard: 0.9 } })).toThrow(
      'apiops.fragmentation.duplicateJacard is not a known setting; did you mean apiops.fragmentation.duplicateJaccard?',
    );
    expect(() => read({ snapshots: { retentionDays: 30 } })).toThrow(
      'apiops.snapshots is not a known setting; did you mean apiops.snapshot?',
    );
    expect(() => read({ snapshot: { ParserThreads: 2 } })).toThrow(
      'did you mean apiops.snapshot.parserThreads?',
    );
    expect(() =>
      read({
        governance: { rules: { 'system-present': { severty: 'error' } } },
      }),
    ).toThrow(
      'apiops.governance.rules.system-present.severty is not a known setting; did you mean apiops.governance.rules.system-present.severity?',
    );
  });

  it('lists the known keys when nothing is close', () => {
    expect(() => read({ snapshot: { scope: 'local' } })).toThrow(
      'apiops.snapshot.scope is not a known setting; the known keys are frequency, timeout, initialDelay, retentionDays, parserThreads',
    );
  });

  it('names every problem at once', () => {
    expect(() =>
      read({
        snapshot: { retentionDays: -1 },
        fragmentation: { duplicateJacard: 0.9, overlapContainment: 0 },
      }),
    ).toThrow(
      /^Invalid APIOps configuration: apiops.snapshot.retentionDays .*; apiops.fragmentation.overlapContainment .*; apiops.fragmentation.duplicateJacard is not a known setting/,
    );
  });

  it('declares every key it reads in config.d.ts', () => {
    const everything = {
      snapshot: {
        frequency: { minutes: 15 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 1 },
        retentionDays: 7,
        parserThreads: 1,
      },
      ownership: { placeholders: ['tbd'] },
      fragmentation: JSON.parse(
        JSON.stringify(DEFAULT_FRAGMENTATION_THRESHOLDS),
      ) as JsonObject,
      governance: { rules: { 'system-present': { enabled: true } } },
    };
    expect(read(everything).fragmentation).toEqual(
      DEFAULT_FRAGMENTATION_THRESHOLDS,
    );
    const declarations = fs.readFileSync(
      path.resolve(__dirname, '../config.d.ts'),
      'utf8',
    );
    const keys = Object.entries(everything).flatMap(([group, values]) => [
      group,
      ...Object.keys(values),
    ]);
    // 19 fragmentation thresholds: minEvidence, familyMinApis and
    // familyMinEvidence came with the evidence and families.
    expect(keys).toHaveLength(4 + 5 + 1 + 19 + 1);
    for (const key of keys) {
      expect(declarations).toMatch(new RegExp(`\\b${key}\\?:`));
    }
  });

  it('reads the change detection, its budget within the snapshot timeout', () => {
    expect(read({}).changes).toEqual({
      enabled: true,
      threads: 1,
      timeoutMs: 20_000,
      // 5 minutes, within a third of the 10-minute snapshot timeout.
      budgetMs: 200_000,
      maxHeapMb: 512,
      maxChangesPerEvent: 200,
      maxEventsPerApi: 200,
      versionSemantics: 'semver',
      severities: {},
    });
    const changes = {
      enabled: false,
      threads: 2,
      definitionTimeout: { seconds: 5 },
      budget: { minutes: 2 },
      maxHeapMb: 256,
      maxChangesPerEvent: 50,
      maxEventsPerApi: 20,
      versionSemantics: 'any-change',
      rules: { 'sunset-passed-with-consumers': 'off' },
    };
    expect(
      read({ snapshot: { timeout: { minutes: 30 } }, changes }).changes,
    ).toEqual({
      enabled: false,
      threads: 2,
      timeoutMs: 5_000,
      budgetMs: 120_000,
      maxHeapMb: 256,
      maxChangesPerEvent: 50,
      maxEventsPerApi: 20,
      versionSemantics: 'any-change',
      severities: { 'sunset-passed-with-consumers': 'off' },
    });
    const declarations = fs.readFileSync(
      path.resolve(__dirname, '../config.d.ts'),
      'utf8',
    );
    for (const key of ['changes', ...Object.keys(changes)]) {
      expect(declarations).toMatch(new RegExp(`\\b${key}\\?:`));
    }
    expect(() => read({ changes: { versionSemantics: 'calver' } })).toThrow(
      'apiops.changes.versionSemantics must be semver, any-change or off, got "calver"',
    );
    expect(() => read({ changes: { threads: 0 } })).toThrow(
      /apiops.changes.threads must be a whole number from 1 to 16, got 0/,
    );
    expect(() =>
      read({ changes: { rules: { 'breaking-change': 'error' } } }),
    ).toThrow(/apiops.changes.rules/);
  });

  it('reads the definition evidence task, refusing values out of range', () => {
    const { evidence } = read({
      evidence: {
        frequency: { minutes: 20 },
        budget: '2 minutes',
        threads: 2,
        definitionTimeout: { seconds: 10 },
        maxHeapMb: 256,
        audit: false,
      },
    });
    expect(evidence).toMatchObject({
      schedule: { frequency: { minutes: 20 }, scope: 'global' },
      budgetMs: 120_000,
      threads: 2,
      definitionTimeoutMs: 10_000,
      maxHeapMb: 256,
      audit: false,
    });
    for (const threads of [0, 1.5, 'two', 17]) {
      expect(() => read({ evidence: { threads } })).toThrow(
        /apiops.evidence.threads must be a whole number from 1 to 16, got/,
      );
    }
    for (const maxHeapMb of [32, 100.5, 9000]) {
      expect(() => read({ evidence: { maxHeapMb } })).toThrow(
        /apiops.evidence.maxHeapMb must be a whole number of MB from 64 to 8192, got/,
      );
    }
    expect(() => read({ evidence: { budget: { seconds: 0 } } })).toThrow(
      'apiops.evidence.budget must be a duration longer than zero',
    );
  });

  it('leaves unknown rule ids to the ruleset', () => {
    expect(
      read({ governance: { rules: { 'no-such-rule': {} } } }).governance.rules,
    ).toEqual({ 'no-such-rule': {} });
  });
});
