/** Durations in the catalog and on screen: `30m`, `8h`, `7d`. Stored as whole minutes. */

const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;

/** Parses `30m`, `8h` or `7d` into minutes; undefined when the text is not one of those. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d{1,6})\s*([mhd])\s*$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
  return minutes > 0 ? minutes : undefined;
}

/** Formats minutes the way people say them: `45 min`, `8 h`, `1 day`, `30 days`, `1 d 6 h`. */
export function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / UNIT_MINUTES.d);
  const hours = Math.floor((minutes % UNIT_MINUTES.d) / UNIT_MINUTES.h);
  const rest = minutes % UNIT_MINUTES.h;
  if (days > 0 && hours === 0 && rest === 0) return days === 1 ? '1 day' : `${days} days`;
  const parts = [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`];
  return parts.filter(Boolean).join(' ') || '0 min';
}
