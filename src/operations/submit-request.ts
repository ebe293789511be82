import { DomainError } from '../domain/errors.js';
import { assertMayExtend } from '../domain/grants.js';
import type { Effect } from '../domain/effects.js';
import { newRequest, type NewRequest } from '../domain/lifecycle.js';
import { evaluatePolicy } from '../domain/policy.js';
import type { AccessRequest, RequestId, RequestInput } from '../domain/types.js';
import { validateRequest } from '../domain/validate-request.js';
import type { Deps } from './ports.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { adviseDraft } from './advise-draft.js';
import { calendarDate, requireColleague } from './support.js';

/**
 * Everything a submission checks, and the new request with its policy draft, ready to be
 * stored (alone, or with others in one transaction).
 */
export async function prepareRequest(deps: Deps, input: RequestInput): Promise<NewRequest> {
  const request = await draftRequest(deps, input);
  await assertNotHeld(deps, input, request.systemId, request.roleId);
  return request;
}

/**
 * The checks of a submission but one, whether the person already asked for or holds the
 * role: a caller preparing many requests checks that for all of them at once.
 */
export async function draftRequest(deps: Deps, input: RequestInput): Promise<NewRequest> {
  const requester = await requireColleague(deps, input.requesterId);
  await refuseCredentialsInForm(deps, input.requestedBy ?? input.requesterId, 'modal', [['purpose', input.purpose], ['projectTag', input.projectTag]]);
  const now = deps.clock.now();
  const today = calendarDate(now, requester.tz ?? deps.catalog.settings.timezone);
  const { system, role } = validateRequest(deps.catalog, input, today);
  const draft = evaluatePolicy({ system, role, durationMinutes: input.durationMinutes, purpose: input.purpose });
  return newRequest({ ...input, purpose: input.purpose.trim() }, role, draft, now);
}

/** What storing a new request causes: its first step routed. */
export const firstEffects = (created: AccessRequest): Effect[] => [{ kind: 'route_step', requestId: created.id, step: 0 }];

/** After the commit: route the first step now, then ask the drafting advisor. */
export async function announceRequest(deps: Deps, id: RequestId): Promise<void> {
  await deps.runEffects(id);
  await adviseDraft(deps, id);
}

/**
 * One open request per person and role, and none while they hold it: an ended grant
 * never counts. An extension is the one way to ask again while holding it: by the
 * grantee, from an active grant, for the same system and role.
 */
async function assertNotHeld(deps: Deps, input: RequestInput, systemId: string, roleId: string): Promise<void> {
  if (input.extendsRequestId) {
    assertMayExtend(await deps.grants.getGrant(input.extendsRequestId), input.requesterId, systemId, roleId);
  }
  // Both asked at once: one round trip's wait before the ack, not two.
  const [open, held] = await Promise.all([
    deps.store.findOpenRequest(input.requesterId, systemId, roleId),
    deps.grants.findLiveGrant(input.requesterId, systemId, roleId),
  ]);
  if (open) throw new DomainError('DUPLICATE_REQUEST', { field: 'role', requestId: open.id });
  if (held && held.requestId !== input.extendsRequestId) throw new DomainError('ALREADY_HOLDS_ROLE', { field: 'role', requestId: held.requestId });
}
