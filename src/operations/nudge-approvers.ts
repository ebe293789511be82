import { blockerAgeMinutes } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { AuditContext, Deps } from './ports.js';
import { remindeesOf } from './delegates.js';
import { stillWaiting } from './remind-step.js';
import { everyone, loadRequest, notifySafely, requireColleague } from './support.js';

/**
 * A coordinator reminds the approvers of a waiting step now, from their Home. Audited;
 * the reminder itself goes out after the click is acknowledged.
 */
export async function nudgeApprovers(deps: Deps, id: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  await requireCoordinator(deps, actor);
  return remindNow(deps, id, { actor, action: 'step.nudged', surface: 'button' });
}

/** Reminds a waiting step's approvers now, audited as `audit` says (a nudge, a packet's late item). */
export async function remindNow(deps: Deps, id: RequestId, audit: AuditContext): Promise<{ announce(): Promise<void> }> {
  const request = await loadRequest(deps, id);
  if (!stillWaiting(request, request.currentStep) || request.steps[request.currentStep]?.approvers.length === 0) {
    throw new DomainError('NOT_PENDING', { requestId: id, status: request.status });
  }
  const now = deps.clock.now();
  await deps.store.recordEvent(audit, id, { step: request.currentStep }, now);
  const waited = blockerAgeMinutes(request, now);
  const remindees = await remindeesOf(deps, request, now);
  return { announce: () => notifySafely(deps, request, () => deps.notifier.remindApprovers(request, waited, remindees)) };
}

/** Throws unless `actor` is one of the catalog's coordinators (user groups expanded). */
export async function requireCoordinator(deps: Pick<Deps, 'catalog' | 'directory' | 'org'>, actor: UserId): Promise<void> {
  await requireColleague(deps, actor);
  if (!(await everyone(deps.directory, deps.catalog.coordinators)).includes(actor)) throw new DomainError('NOT_A_COORDINATOR');
}
