import { DomainError } from '../domain/errors.js';
import { assertMayExtend } from '../domain/grants.js';
import { newRequest } from '../domain/lifecycle.js';
import { evaluatePolicy } from '../domain/policy.js';
import type { RequestInput } from '../domain/types.js';
import { validateRequest } from '../domain/validate-request.js';
import type { Changed, Deps } from './ports.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { adviseDraft } from './advise-draft.js';
import { calendarDate, requireColleague } from './support.js';

/**
 * Validates and stores a new request with its policy draft. Announcing it, after the modal
 * has closed, routes the first step to its approvers and then asks the drafting advisor.
 */
export async function submitRequest(deps: Deps, input: RequestInput): Promise<Changed> {
  const requester = await requireColleague(deps, input.requesterId);
  await refuseCredentialsInForm(deps, input.requesterId, 'modal', [['purpose', input.purpose], ['projectTag', input.projectTag]]);
  const now = deps.clock.now();
  const today = calendarDate(now, requester.tz ?? deps.catalog.settings.timezone);
  const { system, role } = validateRequest(deps.catalog, input, today);
  await assertNotHeld(deps, input, system.id, role.id);
  const draft = evaluatePolicy({ system, role, durationMinutes: input.durationMinutes, purpose: input.purpose });
  const request = newRequest({ ...input, purpose: input.purpose.trim() }, role, draft, now);
  const stored = await deps.store.createRequest(request, { actor: input.requesterId, action: 'request.submitted', surface: 'modal' }, (created) => [
    { kind: 'route_step', requestId: created.id, step: 0 },
  ]);
  return {
    request: stored,
    announce: async () => {
      await deps.runEffects(stored.id);
      await adviseDraft(deps, stored.id);
    },
  };
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
  const open = await deps.store.findOpenRequest(input.requesterId, systemId, roleId);
  if (open) throw new DomainError('DUPLICATE_REQUEST', { field: 'role', requestId: open.id });
  const held = await deps.grants.findLiveGrant(input.requesterId, systemId, roleId);
  if (held && held.requestId !== input.extendsRequestId) throw new DomainError('ALREADY_HOLDS_ROLE', { field: 'role', requestId: held.requestId });
}
