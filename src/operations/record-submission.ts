import { isDomainError } from '../domain/errors.js';
import { effectKey, submissionKey, type Effect } from '../domain/effects.js';
import type { RequestInput } from '../domain/types.js';
import type { EffectOutcome } from './carry-out-effect.js';
import type { Deps, QueuedEffect } from './ports.js';
import { carriedOut, waitFor, type Recorded } from './waiting-clicks.js';
import { checkExtension, draftRequest, firstEffects, prepareRequest, refuseClash } from './submit-request.js';

type SubmitRequest = Extract<Effect, { kind: 'submit_request' }>;

/**
 * A request modal's submission, before Slack is answered: every check runs, so a refusal is
 * shown on its field, and an accepted form is recorded under the id its request will have.
 * Storing the request (its audit event joins the hash chain, whose writers take turns)
 * follows the answer; a crash in between still stores it. Two racing submissions of one
 * person and role are told apart when recorded: the second is refused on its field.
 */
export async function recordSubmission(deps: Deps, input: RequestInput): Promise<Recorded> {
  const request = await draftRequest(deps, input);
  await checkExtension(deps, input, request);
  const effect = { kind: 'submit_request', at: deps.clock.now().toISOString(), submission: crypto.randomUUID(), input } as const;
  const recorded = await deps.store.recordSubmission(effect);
  refuseClash(recorded);
  const requestId = recorded.requestId!; // drawn whenever nothing clashed
  return waitFor(deps, submissionKey(effect), () => deps.runEffects(requestId));
}

/**
 * Stores a recorded submission, settling it in the same statement. The checks run again:
 * the same request submitted from elsewhere in between is refused, and the requester hears
 * why by DM, the modal having closed.
 */
export async function carryOutSubmission(deps: Deps, effect: SubmitRequest, queued: QueuedEffect): Promise<EffectOutcome> {
  const { input, requestId } = effect;
  try {
    const request = await prepareRequest(deps, input);
    await deps.store.createRequest(request, { actor: input.requesterId, action: 'request.submitted', surface: 'modal' }, firstEffects, { id: requestId, effectId: queued.id });
    return 'settled';
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await deps.notifier.tellRefused(input.requesterId, 'submission', error);
    return 'done';
  } finally {
    carriedOut(deps, effectKey(effect));
  }
}
