import {
  formatAbsoluteTime,
  formatRelativeTime,
  formatTick,
} from './formatTime';

describe('formatRelativeTime', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it.each([
    ['2026-11-26T11:59:30.000Z', 'en', '30 seconds ago'],
    ['2026-11-26T11:55:00.000Z', 'en', '5 minutes ago'],
    ['2026-11-26T09:00:00.000Z', 'en', '3 hours ago'],
    ['2026-11-25T12:00:00.000Z', 'en', 'yesterday'],
    ['2026-11-12T12:00:00.000Z', 'en', '2 weeks ago'],
    ['2026-11-26T11:55:00.000Z', 'fi', '5 minuuttia sitten'],
  ])('describes %s in %s as %j', (time, locale, expected) => {
    expect(formatRelativeTime(new Date(time), locale, now)).toBe(expected);
  });

  it('falls back to English for a tag that is not a locale', () => {
    expect(
      formatRelativeTime(new Date('2026-11-26T11:55:00.000Z'), 'en_US!', now),
    ).toBe('5 minutes ago');
  });
});

describe('formatAbsoluteTime', () => {
  it('writes the date and the time', () => {
    expect(
      formatAbsoluteTime(new Date('2026-11-26T12:00:00.000Z'), 'en'),
    ).toMatch(/Nov 26, 2026/);
  });
});

describe('formatTick', () => {
  const time = new Date('2026-11-26T12:00:00.000Z');

  it('writes the day and month over a long span', () => {
    expect(formatTick(time, 7 * 24 * 3600 * 1000, 'en')).toBe('Nov 26');
  });

  it('writes the time of day over a short span', () => {
    expect(formatTick(time, 3600 * 1000, 'en')).toMatch(/\d{2}:\d{2}/);
  });
});
