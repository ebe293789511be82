/**
 * "Usually decided in about 2 h": how long a step of one kind on one system has waited for
 * its decision lately, so a requester knows what to expect. A median, so that one request
 * forgotten over a weekend does not make every wait look long; nothing at all from too few
 * decisions, where a median would be noise that reads as a promise.
 */

/** How many recent decisions the median reads, and how few are too few to say anything. */
export const TYPICAL_WAIT = { samples: 30, minimum: 5 } as const;

/** The median of the waits, in minutes; undefined below `TYPICAL_WAIT.minimum` samples. */
export function typicalWaitMinutes(waits: readonly number[]): number | undefined {
  if (waits.length < TYPICAL_WAIT.minimum) return undefined;
  const sorted = [...waits].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "about 40 min", "about 2 h", "about 3 days": rounded the way people say it. */
export function aboutHowLong(minutes: number): string {
  const exact = Math.max(1, Math.round(minutes));
  const rounded = exact < 10 ? exact : Math.round(exact / 5) * 5;
  if (rounded < 60) return `about ${rounded} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `about ${hours} h`;
  const days = Math.round(minutes / 1440);
  return `about ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "Usually decided in about 2 h." */
export const usuallyDecided = (minutes: number): string => `Usually decided in ${aboutHowLong(minutes)}.`;
