import { DomainError } from '../domain/errors.js';
import { assertMayRelease, completeRevocation, recordRevocationFailure, startRevocation } from '../domain/grants.js';
import type { Grant, RequestId, RevokeReason, UserId } from '../domain/types.js';
import { loadGrant, viewOfGrant } from './grant-support.js';
import type { Deps, Surface } from './ports.js';
import { everyone, notifySafely } from './support.js';

export interface EndGrantInput {
  requestId: RequestId;
  reason: RevokeReason;
  /** Who ended it early: the grantee releasing, or an owner revoking. */
  by?: UserId;
  surface: Surface;
}

/**
 * Ends a grant, for whatever reason, through one path: expiry, release, an owner's revoke
 * and a leaver all start here. Only the first caller starts revocation; later ones are told
 * it is already ending.
 */
export async function endGrant(deps: Deps, input: EndGrantInput): Promise<Grant> {
  const grant = await loadGrant(deps, input.requestId);
  if (input.reason === 'released' && input.by) assertMayRelease(grant, input.by);
  if (input.reason === 'revoked_by_owner' && input.by) await assertOwner(deps, grant, input.by);
  const started = startRevocation(grant, input.reason, deps.clock.now(), input.by);
  const audit = { actor: input.by ?? ('latchkey' as const), action: 'grant.revocation_started', surface: input.surface };
  if (!started || !(await deps.grants.updateGrant(grant, started, audit))) {
    throw new DomainError('NOT_PENDING', { requestId: input.requestId, status: 'already ending' });
  }
  await revokeNow(deps, started);
  return started;
}

/**
 * One attempt to remove access. Success completes the grant; a manual revoker's task is
 * re-sent on the reminder schedule until an owner confirms; a failure is retried with
 * backoff until the attempts run out, then marked failed and raised to people.
 */
export async function attemptRevocation(deps: Deps, requestId: RequestId): Promise<void> {
  const grant = await deps.grants.getGrant(requestId);
  if (grant?.status === 'revoking') await revokeNow(deps, grant);
}

async function revokeNow(deps: Deps, grant: Grant): Promise<void> {
  const { requestId } = grant;
  const view = await viewOfGrant(deps, grant);
  let outcome: 'removed' | 'task_sent';
  try {
    outcome = await deps.revokers(view.system).revoke(view);
  } catch (error) {
    return recordFailure(deps, grant, error);
  }
  if (outcome === 'removed') {
    await finishRevocation(deps, grant, 'latchkey');
    return;
  }
  const at = new Date(deps.clock.now().getTime() + deps.catalog.settings.remindAfterMinutes * 60_000);
  await deps.scheduler.schedule('attempt-revocation', { requestId, round: at.getTime() }, at);
}

/** Marks the grant revoked (once) and tells the grantee; undefined when it was not ours to finish. */
export async function finishRevocation(deps: Deps, grant: Grant, actor: UserId | 'latchkey'): Promise<Grant | undefined> {
  const done = completeRevocation(grant, deps.clock.now());
  const surface = actor === 'latchkey' ? 'job' : 'button';
  if (!done || !(await deps.grants.updateGrant(grant, done, { actor, action: 'grant.revoked', surface }))) return undefined;
  await notifySafely(deps, { id: grant.requestId }, () => deps.notifier.tellGrantee(done, 'ended'));
  return done;
}

async function recordFailure(deps: Deps, grant: Grant, error: unknown): Promise<void> {
  const failed = recordRevocationFailure(grant, deps.retry.maxRevocationAttempts);
  const action = failed.status === 'revocation_failed' ? 'grant.revocation_failed' : 'grant.revocation_retry';
  if (!(await deps.grants.updateGrant(grant, failed, { actor: 'latchkey', action, surface: 'job' }))) return;
  deps.log.warn({ err: error, requestId: grant.requestId, attempts: failed.attempts }, 'revocation attempt failed');
  if (failed.status === 'revocation_failed') {
    await notifySafely(deps, { id: grant.requestId }, () => deps.notifier.alertOwnersAndSecurity(failed, 'revocation_failed'));
    return;
  }
  const wait = deps.retry.revocationRetryMs * 2 ** (failed.attempts - 1);
  const at = new Date(deps.clock.now().getTime() + wait);
  await deps.scheduler.schedule('attempt-revocation', { requestId: grant.requestId, round: failed.attempts }, at);
}

/** Owners of the grant's system (user groups expanded) may revoke and confirm removal. */
export async function assertOwner(deps: Deps, grant: Grant, actor: UserId): Promise<void> {
  const system = deps.catalog.systems.find((candidate) => candidate.id === grant.systemId);
  const owners = await everyone(deps.directory, system?.owners ?? []);
  if (!owners.includes(actor)) throw new DomainError('NOT_AN_APPROVER', { requestId: grant.requestId });
}
