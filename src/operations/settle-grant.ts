import type { Effect } from '../domain/effects.js';
import { activate, finishEnding } from '../domain/grants.js';
import type { Grant, UserId } from '../domain/types.js';
import { refreshOf } from './effects-of.js';
import type { Deps } from './ports.js';

/**
 * Records that access is now in place ('granted') or gone ('removed'), as a revoker or a
 * person confirmed, with what follows: the grantee told, every message refreshed, the
 * expiry notice scheduled. With `effectId`, the effect that did it is settled in the same
 * transaction, so a crash never runs it a second time after the change was stored.
 */
export async function settleGrant(deps: Deps, grant: Grant, what: 'granted' | 'removed', by?: UserId, effectId?: number): Promise<boolean> {
  const now = deps.clock.now();
  const after = what === 'granted' ? activate(grant) : finishEnding(grant, now, by);
  if (!after) return false;
  const id = grant.requestId;
  const effects: Effect[] = [
    { kind: 'tell_grantee', requestId: id, news: what === 'granted' ? 'granted' : 'ended' },
    refreshOf({ id, version: 0 }, after),
    ...(what === 'granted' ? [{ kind: 'schedule_expiry_notice' as const, requestId: id, version: after.version }] : []),
  ];
  return deps.store.commit({
    at: now,
    actor: by ?? 'latchkey',
    surface: by ? 'button' : 'job',
    grants: [{ before: grant, after, action: what === 'granted' ? 'grant.activated' : 'grant.ended' }],
    effects,
    ...(effectId === undefined ? {} : { settles: { id: effectId, status: 'done' as const } }),
  });
}
