/**
 * Working hours in a person's own time zone, for reminders: 09:00–18:00 local, Monday to
 * Friday. Uses the runtime's time-zone data (Intl), so daylight-saving days come out right.
 */

export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 18;

interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  day: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** True when `tz` is a time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * When a reminder for someone in `tz` may be sent: undefined when `at` is within their
 * working hours (send now), otherwise the next 09:00 on a weekday, local time.
 */
export function nextWorkingTime(at: Date, tz: string): Date | undefined {
  const local = localTime(at, tz);
  const workday = local.weekday >= 1 && local.weekday <= 5;
  if (workday && local.hour >= WORKDAY_START_HOUR && local.hour < WORKDAY_END_HOUR) return undefined;
  let day = workday && local.hour < WORKDAY_START_HOUR ? local.day : nextDay(local.day);
  while (isWeekend(day)) day = nextDay(day);
  return atLocal(day, WORKDAY_START_HOUR, tz);
}

function localTime(at: Date, tz: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS.indexOf(parts.weekday!), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The instant it is `hour`:00 on `day` in `tz`; two passes settle the zone's offset. */
function atLocal(day: string, hour: number, tz: string): Date {
  const wanted = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  let guess = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const local = localTime(new Date(guess), tz);
    const shown = Date.parse(`${local.day}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}:00Z`);
    guess += wanted - shown;
  }
  return new Date(guess);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
