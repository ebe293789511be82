import { detectInDecodedText } from '../domain/credentials/detect-credentials.js';
import { replaceDraft } from '../domain/lifecycle.js';
import { mergeAdvice } from '../domain/merge-advice.js';
import type { RequestId } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Deps } from './ports.js';
import { refreshOf } from './effects-of.js';

/**
 * Asks the drafting advisor about a stored request and merges its answer into the policy
 * draft: narrower at most, never wider. An effect of storing the request, carried out after
 * its cards and news (and after a crash too); when the advisor fails, the policy draft
 * stands and the failure is audited with its reason.
 */
export async function adviseDraft(deps: Deps, id: RequestId): Promise<void> {
  if (!deps.drafter) return;
  const request = await deps.store.getRequest(id);
  if (!request || request.status !== 'pending' || request.draft.advisedBy) return;
  // Refused at submission already; checked again so that nothing secret-looking leaves.
  if (detectInDecodedText(request.purpose).length > 0) return;
  const { system } = resolveRole(deps.catalog, request.systemId, request.roleId);
  const requester = await deps.directory.person(request.requesterId).catch(() => undefined);
  const answer = await deps.drafter.propose({
    system,
    purpose: request.purpose,
    requesterTitle: requester?.title,
    asked: { roleId: request.roleId, durationMinutes: request.durationMinutes },
    policy: request.draft,
  });
  if ('failure' in answer) {
    deps.log.warn({ requestId: id, reason: answer.failure }, 'draft advice unavailable; the policy draft stands');
    await deps.store.recordEvent({ actor: 'latchkey', action: 'draft.advice_failed', surface: 'system' }, id, { reason: answer.failure }, deps.clock.now());
    return;
  }
  const advised = replaceDraft(request, mergeAdvice(request.draft, answer.advice, system), deps.clock.now());
  if (!advised) return;
  // The cards' refresh is an effect of its own, which the runner carrying this one out takes next.
  await deps.store.updateRequest(request, advised, { actor: 'latchkey', action: 'draft.advised', surface: 'system' }, [refreshOf(advised)]);
}
