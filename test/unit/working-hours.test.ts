/**
 * Contract: a reminder may go now when it is 09:00–18:00 on a weekday in the person's zone;
 * otherwise it waits for the next weekday 09:00 there, daylight-saving days included.
 */
import { describe, expect, it } from 'vitest';
import { isTimeZone, nextWorkingTime } from '../../src/operations/working-hours.js';

describe('nextWorkingTime', () => {
  it.each([
    ['Wednesday 10:00 in Berlin', '2026-12-02T09:00:00Z', 'Europe/Berlin'],
    ['Friday 17:59 in New York', '2026-12-04T22:59:00Z', 'America/New_York'],
    ['Monday 09:00 in Tokyo', '2026-12-07T00:00:00Z', 'Asia/Tokyo'],
  ])('when it is %s, then it goes now', (_name, at, tz) => {
    expect(nextWorkingTime(new Date(at), tz)).toBeUndefined();
  });

  it.each([
    ['Wednesday 07:00 in Berlin: the same morning', '2026-12-02T06:00:00Z', 'Europe/Berlin', '2026-12-02T08:00:00.000Z'],
    ['Wednesday 18:00 in Berlin: the next morning', '2026-12-02T17:00:00Z', 'Europe/Berlin', '2026-12-03T08:00:00.000Z'],
    ['Friday 20:00 in Los Angeles: Monday', '2026-12-05T04:00:00Z', 'America/Los_Angeles', '2026-12-07T17:00:00.000Z'],
    ['Saturday noon in Tokyo: Monday', '2026-12-05T03:00:00Z', 'Asia/Tokyo', '2026-12-07T00:00:00.000Z'],
    ['Sunday 23:00 in Kolkata (+05:30): Monday', '2026-12-06T17:30:00Z', 'Asia/Kolkata', '2026-12-07T03:30:00.000Z'],
    ['Saturday before Europe springs forward: Monday at the summer offset', '2027-03-27T12:00:00Z', 'Europe/Berlin', '2027-03-29T07:00:00.000Z'],
    ['Friday night before New York falls back: Monday at the winter offset', '2026-10-31T02:00:00Z', 'America/New_York', '2026-11-02T14:00:00.000Z'],
  ])('when it is %s', (_name, at, tz, expected) => {
    expect(nextWorkingTime(new Date(at), tz)?.toISOString()).toBe(expected);
  });

  it('when asked again at the time it gave, then it says now', () => {
    const later = nextWorkingTime(new Date('2026-12-05T12:00:00Z'), 'Pacific/Auckland')!;
    expect(nextWorkingTime(later, 'Pacific/Auckland')).toBeUndefined();
  });
});

describe('isTimeZone', () => {
  it.each([['Europe/Berlin', true], ['UTC', true], ['Mars/Olympus_Mons', false], ['', false]])('%s → %s', (tz, known) => {
    expect(isTimeZone(tz)).toBe(known);
  });
});
