import { checkDelegation } from '../domain/delegation.js';
import type { Delegation, UserId } from '../domain/types.js';
import type { Deps, Surface } from './ports.js';
import { timeZoneOf } from './remind-step.js';
import { calendarDate, requireColleague } from './support.js';
import { addDays, startOfDay } from './time-zone.js';

export interface SetDelegationInput {
  /** The approver going away. */
  actor: UserId;
  /** Whom they picked, if anyone. */
  delegate: UserId | undefined;
  /** The last day it holds, `YYYY-MM-DD`, as picked. */
  lastDay: string | undefined;
  surface: Surface;
}

/**
 * An approver hands their approvals to a colleague until the end of a day in their own
 * time zone, replacing any earlier delegation. Audited. Only steps routed from now on are
 * sent to the delegate: cards already sent stay with the approvers.
 */
export async function setDelegation(deps: Deps, input: SetDelegationInput): Promise<Delegation> {
  await requireColleague(deps, input.actor);
  const now = deps.clock.now();
  const tz = await timeZoneOf(deps, input.actor);
  const delegate = input.delegate ? await deps.directory.person(input.delegate) : undefined;
  const checked = checkDelegation({ approver: input.actor, delegate, lastDay: input.lastDay, today: calendarDate(now, tz) }, deps.org);
  const delegation: Delegation = { approver: input.actor, delegate: checked.delegate, until: startOfDay(addDays(checked.lastDay, 1), tz) };
  await deps.delegations.set(delegation, now, input.surface);
  return delegation;
}
