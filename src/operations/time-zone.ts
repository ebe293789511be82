/**
 * Calendar days in a time zone, for the daily digest: "yesterday" in Europe/Berlin is not
 * yesterday in UTC. Uses the runtime's time-zone data (Intl), no library needed.
 */

/** The instant a calendar day (`YYYY-MM-DD`) begins in `tz`. */
export function startOfDay(day: string, tz: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset can differ at midnight and at the guess; two passes settle DST days.
  let guess = utcMidnight;
  for (let pass = 0; pass < 2; pass++) guess = utcMidnight - offsetMs(new Date(guess), tz);
  return new Date(guess);
}

/** The calendar day `days` after `day` (negative for before). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function offsetMs(at: Date, tz: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
