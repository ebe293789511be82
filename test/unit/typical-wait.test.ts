// Contract: the typical wait is the median of the recent waits, and nothing below five of
// them; it is said the way people say it: minutes to the nearest 5, then hours, then days.
import { describe, expect, it } from 'vitest';
import { aboutHowLong, TYPICAL_WAIT, typicalWaitMinutes, usuallyDecided } from '../../src/domain/typical-wait.js';

describe('typicalWaitMinutes', () => {
  it.each<[number[], number | undefined]>([
    [[], undefined],
    [[10, 20, 30, 40], undefined],
    [[50, 10, 40, 20, 30], 30],
    [[1, 2, 3, 4, 5, 600], 3.5],
    [[120, 120, 120, 120, 5000], 120],
  ])('when the waits are %j, then the typical wait is %s', (waits, expected) => {
    expect(typicalWaitMinutes(waits)).toBe(expected);
  });

  it('reads at most thirty decisions and needs five', () => {
    expect(TYPICAL_WAIT).toEqual({ samples: 30, minimum: 5 });
  });

  it('does not reorder the waits it is given', () => {
    const waits = [5, 4, 3, 2, 1];
    typicalWaitMinutes(waits);
    expect(waits).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('aboutHowLong', () => {
  it.each<[number, string]>([
    [0, 'about 1 min'],
    [7.4, 'about 7 min'],
    [38, 'about 40 min'],
    [57, 'about 55 min'],
    [58, 'about 1 h'],
    [118, 'about 2 h'],
    [23 * 60, 'about 23 h'],
    [23.6 * 60, 'about 1 day'],
    [36 * 60, 'about 2 days'],
    [3 * 1440 + 100, 'about 3 days'],
  ])('when the wait is %s min, then it reads %j', (minutes, words) => {
    expect(aboutHowLong(minutes)).toBe(words);
  });

  it('phrases the requester line', () => {
    expect(usuallyDecided(125)).toBe('Usually decided in about 2 h.');
  });
});
