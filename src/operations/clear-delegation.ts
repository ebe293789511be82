import type { Delegation, UserId } from '../domain/types.js';
import type { Deps, Surface } from './ports.js';
import { requireColleague } from './support.js';

/** The approver is back: their delegation ends now, audited. Undefined when none held. */
export async function clearDelegation(deps: Deps, actor: UserId, surface: Surface): Promise<Delegation | undefined> {
  await requireColleague(deps, actor);
  return deps.delegations.clear(actor, deps.clock.now(), surface);
}
