import { buildDigest } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import type { UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { packetFigures } from './packet-figures.js';
import { calendarDate, everyone } from './support.js';
import { addDays, startOfDay } from './time-zone.js';

/**
 * The coordinators' daily blocker-age digest: what waits and on whom, revocations that
 * need people, and yesterday's measurements, all in the catalog's time zone.
 */
export async function sendDigest(deps: Deps, recipients?: UserId[], now = deps.clock.now()): Promise<void> {
  const tz = deps.catalog.settings.timezone;
  const today = calendarDate(now, tz);
  const input = await deps.digests.read(now, startOfDay(addDays(today, -1), tz), startOfDay(today, tz));
  const to = recipients ?? (await coordinators(deps));
  const packets = await packetFigures(deps);
  await deps.notifier.sendDigest(to, buildDigest({ ...input, now, today, packets }), today);
}

/**
 * The scheduled digest: today's run is claimed and its sending recorded in the outbox in
 * one transaction, so with several processes running the job it goes out once, and a
 * process that dies after the claim leaves the sending to the effect runner of another
 * (the outbox's poller carries it out within its poll interval).
 */
export async function queueDailyDigest(deps: Deps): Promise<boolean> {
  const at = deps.clock.now();
  const date = calendarDate(at, deps.catalog.settings.timezone);
  return deps.store.commit({
    at, actor: 'latchkey', surface: 'job', claims: { job: 'send-digest', period: date },
    effects: [{ kind: 'send_digest', date, at: at.toISOString() }],
  });
}

/** `/access digest`: only a coordinator may ask for it now. */
export async function sendDigestTo(deps: Deps, actor: UserId): Promise<void> {
  if (!(await coordinators(deps)).includes(actor)) throw new DomainError('NOT_A_COORDINATOR');
  await sendDigest(deps, [actor]);
}

async function coordinators(deps: Deps): Promise<UserId[]> {
  return everyone(deps.directory, deps.catalog.coordinators);
}
