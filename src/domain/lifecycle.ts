/**
 * The request lifecycle as pure functions: each takes a request and returns the next one,
 * or throws a DomainError when a guard says no. Storage applies the result with a
 * conditional update on `version`, so a stale result is never written.
 */
import { DomainError } from './errors.js';
import { evaluatePolicy } from './policy.js';
import type { AccessRequest, BlockReason, Decision, Draft, FlagCode, RequestInput, Role, StepKind, System, UserId } from './types.js';

export type NewRequest = Omit<AccessRequest, 'id'>;

export function newRequest(input: RequestInput, role: Role, draft: Draft, now: Date): NewRequest {
  return {
    ...input,
    status: 'pending',
    steps: role.approvals.map((kind) => ({ kind, approvers: [] })),
    currentStep: 0,
    draft,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Gives the current step its approvers, or blocks the request when nobody may decide it:
 * because the owners can't be reached, or because nobody but the requester could.
 */
export function routeStep(
  request: AccessRequest,
  approvers: UserId[],
  requesterExcluded: boolean,
  now: Date,
  emptyBecause: BlockReason = 'no_eligible_approver',
): AccessRequest {
  if (approvers.length === 0) {
    return { ...bump(request, now), status: 'blocked', blockReason: emptyBecause };
  }
  const steps = request.steps.map((step, index) =>
    index === request.currentStep ? { ...step, approvers, requesterExcluded } : step,
  );
  return { ...bump(request, now), steps };
}

export interface DecideInput {
  actor: UserId;
  /** The step the clicked card was for; a card for an earlier step is stale. */
  stepIndex: number;
  outcome: Decision['outcome'];
  reason?: string;
  /** Approve the draft's narrower suggestion, from this system, instead of what was asked. */
  suggestionOf?: System;
  /** Delegates of the step's approvers whose delegation holds now: they may decide it too. */
  standIns?: readonly UserId[];
}

/**
 * Throws unless `actor` may decide step `stepIndex` of `request` right now: as one of its
 * approvers, or as one of `standIns`, the delegates of its approvers (domain/delegation.ts).
 */
export function assertMayDecide(request: AccessRequest, actor: UserId, stepIndex: number, standIns: readonly UserId[] = []): void {
  const decided = request.steps[stepIndex]?.decision;
  if (decided) {
    throw new DomainError('ALREADY_DECIDED', { requestId: request.id, decidedBy: decided.by, status: decided.outcome });
  }
  if (request.status !== 'pending' || stepIndex !== request.currentStep) {
    throw new DomainError('NOT_PENDING', { requestId: request.id, status: request.status });
  }
  if (isRequester(request, actor)) throw new DomainError('SELF_APPROVAL', { requestId: request.id });
  if (request.steps.some((step) => step.decision?.by === actor)) {
    throw new DomainError('SAME_APPROVER', { requestId: request.id });
  }
  if (!request.steps[stepIndex]?.approvers.includes(actor) && !standIns.includes(actor)) {
    throw new DomainError('NOT_AN_APPROVER', { requestId: request.id });
  }
}

/** The person it is for, or whoever asked on their behalf: neither may decide it. */
export const isRequester = (request: Pick<AccessRequest, 'requesterId' | 'requestedBy'>, person: UserId): boolean =>
  person === request.requesterId || person === request.requestedBy;

/** Records one approver's decision and moves the request on: next step, approved or denied. */
export function applyDecision(request: AccessRequest, input: DecideInput, now: Date): AccessRequest {
  assertMayDecide(request, input.actor, input.stepIndex, input.standIns);
  const reason = input.reason?.trim();
  if (input.outcome === 'denied' && !reason) {
    throw new DomainError('DENY_REASON_REQUIRED', { field: 'reason' });
  }
  const decision: Decision = { by: input.actor, outcome: input.outcome, at: now, ...(reason ? { reason } : {}) };
  const decided = input.suggestionOf ? narrow(request, input.suggestionOf) : request;
  const steps = decided.steps.map((step, index) => (index === input.stepIndex ? { ...step, decision } : step));
  const next = { ...bump(decided, now), steps, currentStep: input.stepIndex + 1 };
  if (input.outcome === 'denied') return { ...next, status: 'denied' };
  return next.currentStep === steps.length ? { ...next, status: 'approved' } : next;
}

/** True when the draft suggests less than was asked: another role or a shorter time. */
export function hasNarrowerSuggestion(request: AccessRequest): boolean {
  return request.draft.roleId !== request.roleId || request.draft.durationMinutes < request.durationMinutes;
}

/**
 * The request reduced to its draft's suggestion. The chain keeps the strictest of both:
 * steps already decided or under way stay, then whatever the narrower role's own chain
 * still asks for, with security whenever either role is privileged.
 */
function narrow(request: AccessRequest, system: System): AccessRequest {
  const asked = system.roles.find((candidate) => candidate.id === request.roleId);
  const role = system.roles.find((candidate) => candidate.id === request.draft.roleId);
  if (!role || !hasNarrowerSuggestion(request)) throw new DomainError('NO_SUGGESTION', { requestId: request.id });
  const { draft } = request;
  const kept = request.steps.slice(0, request.currentStep + 1);
  const chain: StepKind[] = [...role.approvals];
  if ((role.privileged || asked?.privileged) && !chain.includes('security')) chain.push('security');
  const rest = remainingKinds(chain, kept.map((step) => step.kind)).map((kind) => ({ kind, approvers: [] }));
  // The policy's flags now describe the narrower role; what the advisor found in the
  // purpose still holds, and so do its words.
  const policy = evaluatePolicy({ system, role, durationMinutes: draft.durationMinutes, purpose: request.purpose });
  const advised = draft.flags.filter((flag) => !ROLE_FLAGS.has(flag.code) && !policy.flags.some((own) => own.code === flag.code));
  const narrowed = { ...policy, flags: [...policy.flags, ...advised], ...pick(draft, 'rationale', 'advisedBy', 'choice') };
  return { ...request, roleId: role.id, durationMinutes: draft.durationMinutes, steps: [...kept, ...rest], draft: narrowed };
}

/** Flags that describe the role asked for, recomputed for the narrower one. */
const ROLE_FLAGS: ReadonlySet<FlagCode> = new Set(['privileged', 'over_max_duration', 'broader_than_purpose']);

/** The kinds of `chain` not already covered by a step in `kept`, in chain order. */
function remainingKinds(chain: StepKind[], kept: StepKind[]): StepKind[] {
  const covered = [...kept];
  return chain.filter((kind) => {
    const at = covered.indexOf(kind);
    if (at === -1) return true;
    covered.splice(at, 1);
    return false;
  });
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]])) as Partial<Pick<T, K>>;
}

/**
 * The requester takes the narrower suggestion before anyone has decided, or keeps what
 * they asked for. Either way the choice is recorded on the draft.
 */
export function chooseSuggestion(request: AccessRequest, actor: UserId, choice: 'kept' | 'switched', system: System, now: Date): AccessRequest {
  if (actor !== request.requesterId) throw new DomainError('NOT_REQUESTER', { requestId: request.id });
  if (request.status !== 'pending' || request.steps.some((step) => step.decision)) {
    throw new DomainError('NOT_PENDING', { requestId: request.id, status: request.status === 'pending' ? 'being decided' : request.status });
  }
  if (request.draft.choice) throw new DomainError('NO_SUGGESTION', { requestId: request.id });
  const chosen = choice === 'switched' ? narrow(request, system) : request;
  return { ...bump(chosen, now), draft: { ...chosen.draft, choice } };
}

/** The requester withdraws a request nobody has finished deciding. */
export function applyCancellation(request: AccessRequest, actor: UserId, now: Date): AccessRequest {
  if (actor !== request.requesterId) throw new DomainError('NOT_REQUESTER', { requestId: request.id });
  if (request.status !== 'pending' && request.status !== 'blocked') {
    throw new DomainError('NOT_PENDING', { requestId: request.id, status: request.status });
  }
  return { ...bump(request, now), status: 'cancelled' };
}

/**
 * A credential was posted where the request is discussed: hold the request until one of
 * the current step's approvers has looked at it. Only a pending request is held.
 */
export function blockForCredential(request: AccessRequest, now: Date): AccessRequest | undefined {
  if (request.status !== 'pending') return undefined;
  return { ...bump(request, now), status: 'blocked', blockReason: 'unsafe_credential' };
}

/** An approver of the current step releases a request held for an unsafe credential. */
export function clearCredentialBlock(request: AccessRequest, actor: UserId, now: Date): AccessRequest {
  if (request.status !== 'blocked' || request.blockReason !== 'unsafe_credential') {
    throw new DomainError('NOT_BLOCKED', { requestId: request.id, status: request.status });
  }
  if (isRequester(request, actor)) throw new DomainError('SELF_APPROVAL', { requestId: request.id });
  if (!request.steps[request.currentStep]?.approvers.includes(actor)) {
    throw new DomainError('NOT_AN_APPROVER', { requestId: request.id });
  }
  const { blockReason: _cleared, ...rest } = request;
  return { ...bump(rest, now), status: 'pending' };
}

/** Attaches an advised draft to a request that is still waiting for its decisions. */
export function replaceDraft(request: AccessRequest, draft: Draft, now: Date): AccessRequest | undefined {
  if (request.status !== 'pending' || request.steps.some((step) => step.decision)) return undefined;
  return { ...bump(request, now), draft };
}

/** The last decision taken on a request, if any: who decided what, for cards and replies. */
export function lastDecision(request: AccessRequest): Decision | undefined {
  return request.steps.findLast((step) => step.decision)?.decision;
}

function bump(request: AccessRequest, now: Date): AccessRequest {
  return { ...request, version: request.version + 1, updatedAt: now };
}
