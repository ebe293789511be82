import { DomainError } from '../domain/errors.js';
import { newRequest } from '../domain/lifecycle.js';
import { evaluatePolicy } from '../domain/policy.js';
import type { RequestInput } from '../domain/types.js';
import { validateRequest } from '../domain/validate-request.js';
import type { Changed, Deps } from './ports.js';
import { refuseCredentialsInForm } from './refuse-credentials.js';
import { adviseDraft } from './advise-draft.js';
import { routeCurrentStep } from './route-current-step.js';
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
  const open = await deps.store.findOpenRequest(input.requesterId, system.id, role.id);
  if (input.extendsRequestId) await checkExtension(deps, input);
  if (open && !(open.status === 'approved' && open.id === input.extendsRequestId)) {
    const code = open.status === 'approved' ? 'ALREADY_HOLDS_ROLE' : 'DUPLICATE_REQUEST';
    throw new DomainError(code, { field: 'role', requestId: open.id });
  }
  const draft = evaluatePolicy({ system, role, durationMinutes: input.durationMinutes, purpose: input.purpose });
  const request = newRequest({ ...input, purpose: input.purpose.trim() }, role, draft, now);
  const stored = await deps.store.createRequest(request, { actor: input.requesterId, action: 'request.submitted', surface: 'modal' });
  return {
    request: stored,
    announce: async () => {
      await routeCurrentStep(deps, stored.id);
      await adviseDraft(deps, stored.id);
    },
  };
}

/** Only one's own approved request can be extended. */
async function checkExtension(deps: Deps, input: RequestInput): Promise<void> {
  const extended = await deps.store.getRequest(input.extendsRequestId!);
  if (extended?.requesterId !== input.requesterId || extended.status !== 'approved') {
    throw new DomainError('NOT_REQUESTER', { field: 'purpose', requestId: input.extendsRequestId });
  }
}
