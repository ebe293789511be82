/**
 * The requester's news: one message per request, told from one place. Each telling reads
 * the request as it is now (and its grant, and how long its current step usually waits),
 * so a repeat or a late effect shows the truth, never the moment it was recorded.
 */
import { effectKey, type Effect } from '../domain/effects.js';
import type { GranteeNews, RequesterNewsStep } from '../domain/news.js';
import type { AccessRequest, Grant } from '../domain/types.js';
import type { Deps, RequesterState } from './ports.js';
import { typicalWaitOf } from './typical-wait.js';

/** Grant news that is a step of the request's story too; an ending-soon warning is the grantee's alone. */
const ACCESS_NEWS: Partial<Record<GranteeNews, RequesterNewsStep>> = { granted: 'access_ready', ended: 'access_ended' };

/** Tells the requester `news`, keyed on the effect that carries it, so a repeat tells nothing twice. */
export async function tellRequester(deps: Deps, effect: Extract<Effect, { kind: 'tell_requester' }>): Promise<void> {
  const request = await deps.store.getRequest(effect.requestId);
  if (request) await deps.notifier.tellRequester(await stateOf(deps, request, await deps.grants.getGrant(request.id)), effect.news, effectKey(effect));
}

/** After the grantee's own message: their access ready or ended, as a step of the request's news. */
export async function tellRequesterOfAccess(deps: Deps, grant: Grant, effect: Extract<Effect, { kind: 'tell_grantee' }>): Promise<void> {
  const news = ACCESS_NEWS[effect.news];
  const request = news && (await deps.store.getRequest(grant.requestId));
  if (news && request) await deps.notifier.tellRequester(await stateOf(deps, request, grant), news, effectKey(effect));
}

/** The request as its news shows it. */
export async function stateOf(deps: Pick<Deps, 'decisionTimes'>, request: AccessRequest, grant: Grant | undefined): Promise<RequesterState> {
  const typicalMinutes = await typicalWaitOf(deps, request);
  return { request, ...(grant ? { grant } : {}), ...(typicalMinutes === undefined ? {} : { typicalMinutes }) };
}
