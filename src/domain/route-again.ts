/**
 * A blocked request routed again: once the catalog was fixed (an owner added, a group
 * filled), a coordinator sends the request back to routing. Only a block that routing
 * caused can be lifted this way; a hold for an unsafe credential is lifted by an approver.
 */
import { DomainError } from './errors.js';
import type { AccessRequest, BlockReason } from './types.js';

const ROUTING_BLOCKS: ReadonlySet<BlockReason> = new Set(['no_eligible_approver', 'no_reachable_owner']);

/** True when routing blocked the request, so routing it again may find someone now. */
export function mayRouteAgain(request: Pick<AccessRequest, 'status' | 'blockReason'>): boolean {
  return request.status === 'blocked' && request.blockReason !== undefined && ROUTING_BLOCKS.has(request.blockReason);
}

/**
 * The request pending again with its current step's approvers cleared: routing resolves
 * them afresh (and blocks it again if there is still nobody).
 */
export function reopenForRouting(request: AccessRequest, now: Date): AccessRequest {
  if (!mayRouteAgain(request)) throw new DomainError('NOT_BLOCKED', { requestId: request.id, status: request.status });
  const { blockReason: _lifted, ...rest } = request;
  const steps = rest.steps.map((step, index) => (index === rest.currentStep ? { kind: step.kind, approvers: [] } : step));
  return { ...rest, steps, status: 'pending', version: rest.version + 1, updatedAt: now };
}
