import { DomainError } from '../domain/errors.js';
import { assertMayExtend } from '../domain/grants.js';
import type { Effect } from '../domain/effects.js';
import { newRequest, type NewRequest } from '../domain/lifecycle.js';
import { evaluatePolicy } from '../domain/policy.js';
import type { AccessRequest, RequestInput } from '../domain/types.js';
import { validateRequest } from '../domain/validate-request.js';
import type { Clash, Deps } from './ports.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { calendarDate, requireColleague } from './support.js';

/**
 * Everything a submission checks, and the new request with its policy draft, ready to be
 * stored (alone, or with others in one transaction).
 */
export async function prepareRequest(deps: Deps, input: RequestInput): Promise<NewRequest> {
  const request = await draftRequest(deps, input);
  await checkExtension(deps, input, request);
  refuseClash(await deps.store.findClash(input.requesterId, request.systemId, request.roleId, input.extendsRequestId));
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

/** What storing a new request causes: its first step routed, then the drafting advisor asked. */
export const firstEffects = (created: AccessRequest): Effect[] => [
  { kind: 'route_step', requestId: created.id, step: 0 },
  { kind: 'advise_draft', requestId: created.id },
];

/** An extension is asked by the grantee, from an active grant, for the same system and role. */
export async function checkExtension(deps: Deps, input: RequestInput, request: NewRequest): Promise<void> {
  if (input.extendsRequestId) assertMayExtend(await deps.grants.getGrant(input.extendsRequestId), input.requesterId, request.systemId, request.roleId);
}

/**
 * One open request per person and role, and none while they hold it: an ended grant never
 * counts, and the grant an extension extends is the one way to ask again while holding it.
 */
export function refuseClash(clash: Clash): void {
  if (clash.openRequestId) throw new DomainError('DUPLICATE_REQUEST', { field: 'role', requestId: clash.openRequestId });
  if (clash.heldRequestId) throw new DomainError('ALREADY_HOLDS_ROLE', { field: 'role', requestId: clash.heldRequestId });
}
