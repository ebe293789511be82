import { blockerAgeMinutes } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { stillWaiting } from './remind-step.js';
import { everyone, loadRequest, notifySafely, requireColleague } from './support.js';

/**
 * A coordinator reminds the approvers of a waiting step now, from their Home. Audited;
 * the reminder itself goes out after the click is acknowledged.
 */
export async function nudgeApprovers(deps: Deps, id: RequestId, actor: UserId): Promise<{ announce(): Promise<void> }> {
  await requireCoordinator(deps, actor);
  const request = await loadRequest(deps, id);
  if (!stillWaiting(request, request.currentStep) || request.steps[request.currentStep]?.approvers.length === 0) {
    throw new DomainError('NOT_PENDING', { requestId: id, status: request.status });
  }
  const now = deps.clock.now();
  await deps.store.recordEvent({ actor, action: 'step.nudged', surface: 'button' }, id, { step: request.currentStep }, now);
  const waited = blockerAgeMinutes(request, now);
  return { announce: () => notifySafely(deps, request, () => deps.notifier.remindApprovers(request, waited)) };
}

/** Throws unless `actor` is one of the catalog's coordinators (user groups expanded). */
export async function requireCoordinator(deps: Pick<Deps, 'catalog' | 'directory' | 'org'>, actor: UserId): Promise<void> {
  await requireColleague(deps, actor);
  if (!(await everyone(deps.directory, deps.catalog.coordinators)).includes(actor)) throw new DomainError('NOT_A_COORDINATOR');
}
