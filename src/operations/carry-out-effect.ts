/**
 * Carries out one effect from the outbox. Each handler reads the current state first and
 * does nothing when the effect no longer applies, and each is safe to run twice: that is
 * what lets the outbox promise "at least once" and mean "exactly once in effect".
 */
import { effectKey, type Effect } from '../domain/effects.js';
import { asRequestId, type Grant, type RequestId } from '../domain/types.js';
import { adviseDraft } from './advise-draft.js';
import { carryOutApproval } from './record-approval.js';
import { carryOutSubmission } from './record-submission.js';
import { provisionGrant, revokeGrant } from './revoke-effects.js';
import { republishHomes } from './republish-homes.js';
import { ownerCheckFor, postTracker, refreshPacketOf, tellMember } from './packet-news.js';
import { routeCurrentStep } from './route-current-step.js';
import { sendDigest } from './send-digest.js';
import { scheduleExpiryNotice, viewOfGrant } from './grant-support.js';
import { stateOf, tellRequester, tellRequesterOfAccess } from './tell-requester.js';
import type { Deps, QueuedEffect } from './ports.js';

/** Done, or carried out for now and to be repeated at `again` (a manual task re-sent). */
export type EffectOutcome = 'done' | 'settled' | { again: Date };

export async function carryOutEffect(deps: Deps, queued: QueuedEffect): Promise<EffectOutcome> {
  const effect = queued.effect;
  if (effect.kind === 'send_digest') return sendDigest(deps, undefined, new Date(effect.at)).then(() => 'done');
  if (effect.kind === 'post_tracker') return postTracker(deps, effect.packetId).then(() => 'done');
  if (effect.kind === 'tell_member') return tellMember(deps, effect.packetId, effect.memberId, effectKey(effect)).then(() => 'done');
  const id = asRequestId(effect.requestId);
  switch (effect.kind) {
    case 'approve_step':
      return carryOutApproval(deps, effect, queued);
    case 'submit_request':
      return carryOutSubmission(deps, effect, queued);
    case 'route_step':
      await routeCurrentStep(deps, id);
      return 'done';
    case 'advise_draft':
      await adviseDraft(deps, id);
      return 'done';
    case 'send_cards': {
      const request = await deps.store.getRequest(id);
      if (request && request.currentStep === effect.step && request.status === 'pending') await deps.notifier.sendApprovalCards(request);
      await republishHomes(deps, id);
      await refreshPacketOf(deps, id);
      return 'done';
    }
    case 'refresh_messages': {
      // Read once, for the messages (when there are any) and the Homes.
      let state: ReturnType<typeof loadState> | undefined;
      const load = () => (state ??= loadState(deps, id));
      await deps.notifier.refreshMessages(id, async () => {
        const { request, grant } = await load();
        if (!request) return undefined;
        const [state, ownerCheck] = await Promise.all([stateOf(deps, request, grant), ownerCheckFor(deps, id, grant)]);
        return ownerCheck ? { ...state, ownerCheck } : state;
      });
      await republishHomes(deps, id, load);
      await refreshPacketOf(deps, id);
      return 'done';
    }
    case 'tell_requester':
      await tellRequester(deps, effect);
      return 'done';
    case 'tell_coordinators': {
      const request = await deps.store.getRequest(id);
      if (request) await deps.notifier.tellCoordinators(request);
      return 'done';
    }
    case 'provision':
      return provisionGrant(deps, id, queued);
    case 'revoke':
      return revokeGrant(deps, id, queued);
    default:
      return withGrant(deps, effect, await deps.grants.getGrant(id));
  }
}

async function loadState(deps: Deps, id: RequestId) {
  const [request, grant] = await Promise.all([deps.store.getRequest(id), deps.grants.getGrant(id)]);
  return { request, grant };
}

async function withGrant(deps: Deps, effect: Effect, grant: Grant | undefined): Promise<EffectOutcome> {
  if (!grant) return 'done';
  switch (effect.kind) {
    case 'tell_grantee':
      await deps.notifier.tellGrantee(grant, effect.news);
      await tellRequesterOfAccess(deps, grant, effect);
      break;
    case 'alert':
      await deps.notifier.alertOwnersAndSecurity(grant, effect.news);
      break;
    case 'schedule_expiry_notice':
      if (grant.status === 'active') await scheduleExpiryNotice(deps, grant);
      break;
    case 'extend': {
      const view = viewOfGrant(deps, grant);
      if (view && grant.status === 'active') await deps.revokers(view.system).extend(view);
      break;
    }
  }
  return 'done';
}
