import { grantFor, supersede } from '../domain/grants.js';
import type { AccessRequest, RequestId } from '../domain/types.js';
import { scheduleExpiryNotice, viewOfGrant } from './grant-support.js';
import type { Deps } from './ports.js';
import { notifySafely } from './support.js';

/**
 * A fully approved request becomes a grant: stored once, its end scheduled, the revoker
 * told (webhook event, user-group membership), and the grantee told until when.
 */
export async function activateGrant(deps: Deps, request: AccessRequest): Promise<void> {
  const grant = await deps.grants.createGrant(grantFor(request, deps.clock.now()), { actor: 'latchkey', action: 'grant.activated', surface: 'system' });
  if (!grant) return;
  if (request.extendsRequestId) await supersedeGrant(deps, request.extendsRequestId);
  await scheduleExpiryNotice(deps, grant);
  const view = await viewOfGrant(deps, grant);
  try {
    await deps.revokers(view.system).grant(view);
  } catch (error) {
    deps.log.warn({ err: error, requestId: grant.requestId }, 'could not provision access; the owners set it up by hand');
    await deps.store.recordEvent({ actor: 'latchkey', action: 'grant.provisioning_failed', surface: 'system' }, grant.requestId, {
      error: (error as Error).message,
    });
  }
  await notifySafely(deps, request, () => deps.notifier.tellGrantee(grant, 'granted'));
}

/** The extended grant ends quietly: the same access goes on under the new one. */
async function supersedeGrant(deps: Deps, requestId: RequestId): Promise<void> {
  const old = await deps.grants.getGrant(requestId);
  const ended = old && supersede(old, deps.clock.now());
  if (old && ended) await deps.grants.updateGrant(old, ended, { actor: 'latchkey', action: 'grant.superseded', surface: 'system' });
}
