/** Small steps every use case shares: who is acting, which request, telling people safely. */
import { DomainError } from '../domain/errors.js';
import { isColleague } from '../domain/people.js';
import type { AccessRequest, Person, RequestId, UserId } from '../domain/types.js';
import type { Deps, Directory } from './ports.js';

/** The acting person, if they belong to the installation's organisation. */
export async function requireColleague(deps: Pick<Deps, 'directory' | 'org'>, id: UserId): Promise<Person> {
  const person = await deps.directory.person(id);
  if (!person || !isColleague(person, deps.org)) throw new DomainError('EXTERNAL_USER');
  return person;
}

/** Whether every one of these people is a colleague (none outside the organisation, none gone). */
export async function allColleagues(deps: Pick<Deps, 'directory' | 'org'>, ids: readonly UserId[]): Promise<boolean> {
  const found = await Promise.all(ids.map((id) => requireColleague(deps, id).then(() => true, () => false)));
  return !found.includes(false);
}

export async function loadRequest(deps: Pick<Deps, 'store'>, id: RequestId): Promise<AccessRequest> {
  const request = await deps.store.getRequest(id);
  if (!request) throw new DomainError('UNKNOWN_REQUEST', { requestId: id });
  return request;
}

/**
 * Runs a notification. A message that cannot be sent is logged and never undoes the
 * change that caused it: the decision stands, and the cards can be refreshed later.
 */
export async function notifySafely(deps: Pick<Deps, 'log'>, request: Pick<AccessRequest, 'id'>, send: () => Promise<void>) {
  try {
    await send();
  } catch (error) {
    deps.log.warn({ err: error, requestId: request.id }, 'notification failed');
  }
}

/** The calendar date (`YYYY-MM-DD`) at `now` in time zone `tz`. */
export function calendarDate(now: Date, tz: string): string {
  // A formatter costs far more to make than to use (a submission is acked after this): one per zone.
  let format = dateFormats.get(tz);
  if (!format) dateFormats.set(tz, (format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(now);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The people behind catalog references (user ids, user groups), once each, in order. A
 * group Slack can't expand counts as nobody: one broken reference must not stop the rest.
 */
export async function everyone(directory: Pick<Directory, 'members'>, refs: readonly string[]): Promise<UserId[]> {
  const groups = await Promise.all(refs.map((ref) => directory.members(ref).catch(() => [])));
  return [...new Set(groups.flat())];
}
