import { buildDigest } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import type { UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { calendarDate, everyone } from './support.js';
import { addDays, startOfDay } from './time-zone.js';

/**
 * The coordinators' daily blocker-age digest: what waits and on whom, revocations that
 * need people, and yesterday's measurements, all in the catalog's time zone.
 */
export async function sendDigest(deps: Deps, recipients?: UserId[]): Promise<void> {
  const now = deps.clock.now();
  const tz = deps.catalog.settings.timezone;
  const today = calendarDate(now, tz);
  const input = await deps.digests.read(now, startOfDay(addDays(today, -1), tz), startOfDay(today, tz));
  const to = recipients ?? (await coordinators(deps));
  await deps.notifier.sendDigest(to, buildDigest({ ...input, now, today }), today);
}

/** `/access digest`: only a coordinator may ask for it now. */
export async function sendDigestTo(deps: Deps, actor: UserId): Promise<void> {
  if (!(await coordinators(deps)).includes(actor)) throw new DomainError('NOT_A_COORDINATOR');
  await sendDigest(deps, [actor]);
}

async function coordinators(deps: Deps): Promise<UserId[]> {
  return everyone(deps.directory, deps.catalog.coordinators);
}
