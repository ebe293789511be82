import { isDomainError, type DomainError } from '../domain/errors.js';
import { effectKey, type Effect } from '../domain/effects.js';
import type { RequestId, UserId } from '../domain/types.js';
import type { EffectOutcome } from './carry-out-effect.js';
import { checkDecider, decideStep } from './decide-step.js';
import type { Deps, QueuedEffect } from './ports.js';
import { carriedOut, waitFor, type Recorded } from './waiting-clicks.js';

export interface ApprovalClick {
  requestId: RequestId;
  stepIndex: number;
  actor: UserId;
  /** Approve the draft's narrower suggestion rather than what was asked. */
  suggested: boolean;
}

type ApproveStep = Extract<Effect, { kind: 'approve_step' }>;

/**
 * An approve click, before Slack is answered: a refusal is answered to the clicker there and
 * then, and an allowed click is recorded (one insert) and decided after the answer. The
 * decision's audit event joins the hash chain, whose writers take turns; recording first
 * keeps that wait off the acknowledgement, and a crash after it still decides.
 */
export async function recordApproval(deps: Deps, click: ApprovalClick, answer: (refusal: DomainError) => Promise<void>): Promise<Recorded> {
  const request = await checkDecider(deps, click.requestId, click.stepIndex, click.actor);
  const effect: ApproveStep = { kind: 'approve_step', requestId: click.requestId, step: click.stepIndex, actor: click.actor, suggested: click.suggested, version: request.version };
  await deps.effects.record([effect], deps.clock.now());
  return waitFor(deps, effectKey(effect), () => deps.runEffects(click.requestId), answer);
}

/**
 * Decides a recorded click, settling it in the decision's transaction. A refusal found only
 * now (another approver decided in between) is answered beside the clicked message when this
 * process took the click, and by DM from any other (after a crash).
 */
export async function carryOutApproval(deps: Deps, effect: ApproveStep, queued: QueuedEffect): Promise<EffectOutcome> {
  const key = effectKey(effect);
  try {
    await decideStep(deps, {
      requestId: effect.requestId, stepIndex: effect.step, actor: effect.actor, outcome: 'approved', approveSuggestion: effect.suggested, surface: 'button', effectId: queued.id,
    });
    return 'settled';
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const answer = deps.waitingClicks.get(key)?.answer;
    await (answer ? answer(error) : deps.notifier.tellRefused(effect.actor, 'approval', error));
    return 'done';
  } finally {
    carriedOut(deps, key);
  }
}
