/** Approvers' delegates, as the use cases that decide, route and remind need them. */
import { remindees, standIns } from '../domain/delegation.js';
import type { AccessRequest, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';

/** Who may decide step `stepIndex` of the request now besides its approvers: their delegates. */
export async function standInsFor(deps: Pick<Deps, 'delegations'>, request: AccessRequest, stepIndex: number, now: Date): Promise<UserId[]> {
  const approvers = request.steps[stepIndex]?.approvers ?? [];
  return standIns(approvers, await deps.delegations.holding(approvers, now), now);
}

/** Whom the current step's reminders go to now: its approvers and delegates still standing in. */
export async function remindeesOf(deps: Pick<Deps, 'delegations'>, request: AccessRequest, now: Date): Promise<UserId[]> {
  const step = request.steps[request.currentStep];
  if (!step) return [];
  const delegators = (step.delegates ?? []).map((delegation) => delegation.approver);
  return remindees(step, await deps.delegations.holding(delegators, now), now);
}
