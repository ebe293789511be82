/**
 * A clock for tests that runs at real speed from a chosen moment: time-of-day rules
 * (reminders in working hours) can be tested at any hour the suite happens to run.
 */
import type { Clock } from '../../src/operations/ports.js';

export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on, time runs from `at`. */
  setTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Moves time on by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  useRealTime(): void {
    this.offsetMs = 0;
  }
}

/**
 * The first `weekday` (0 = Sunday … 6 = Saturday) at `hour`:00 UTC at least `afterDays`
 * days from now: a future moment whose hour in any zone is known. Jobs scheduled around it
 * stay in the real future, so the scheduler never runs one early on its own.
 */
export function comingUtc(weekday: number, hour: number, afterDays = 7): Date {
  const start = new Date(Date.now() + afterDays * 86_400_000);
  const at = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), hour));
  while (at.getUTCDay() !== weekday) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
