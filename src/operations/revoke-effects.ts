/**
 * The effects that call a system's revoker: putting access in place after approval and
 * removing it at the end. Both re-read the grant first, so a repeat after a crash finds the
 * change already recorded and does nothing.
 */
import type { AlertNews, EffectKind } from '../domain/effects.js';
import { failProvisioning, failRevocation } from '../domain/grants.js';
import type { Grant, RequestId } from '../domain/types.js';
import type { EffectOutcome } from './carry-out-effect.js';
import { refreshOf } from './effects-of.js';
import { viewOfGrant } from './grant-support.js';
import type { Deps, GrantView, QueuedEffect, Revoker } from './ports.js';
import { settleGrant } from './settle-grant.js';

/** Removal tasks are sent this many times on the reminder schedule, then go to security. */
export const TASK_SENDS = 3;

export async function provisionGrant(deps: Deps, id: RequestId, queued: QueuedEffect): Promise<EffectOutcome> {
  const grant = await deps.grants.getGrant(id);
  if (!grant || (grant.status !== 'provisioning' && grant.status !== 'provisioning_failed')) return 'done';
  const view = requireView(deps, grant);
  if ((await deps.revokers(view.system).grant(view)) === 'task_sent') return 'done';
  if (await settleGrant(deps, grant, 'granted', undefined, queued.id)) return 'settled';
  deps.log.warn({ requestId: id }, 'access was put in place for a grant that changed meanwhile; check it by hand');
  return 'done';
}

export async function revokeGrant(deps: Deps, id: RequestId, queued: QueuedEffect): Promise<EffectOutcome> {
  const grant = await deps.grants.getGrant(id);
  if (!grant || (grant.status !== 'ending' && grant.status !== 'revocation_failed')) return 'done';
  const escalate = queued.attempts > TASK_SENDS;
  const { view, revoker, fallback } = revokerOrSecurityTask(deps, requireView(deps, grant));
  if (fallback) {
    // The owners hear why security has the task; the key makes it once, whatever the retries.
    await deps.store.commit({ at: deps.clock.now(), actor: 'latchkey', surface: 'job', effects: [{ kind: 'alert', requestId: id, news: 'no_revoker' }] });
  }
  if ((await revoker.revoke({ ...view, escalate: escalate || view.escalate === true })) === 'removed') {
    return (await settleGrant(deps, grant, 'removed', undefined, queued.id)) ? 'settled' : 'done';
  }
  if (escalate || view.escalate) return 'done';
  return { again: new Date(deps.clock.now().getTime() + deps.catalog.settings.remindAfterMinutes * 60_000) };
}

/**
 * When the grant's own revoker can no longer be built (its secret was removed, say), the
 * removal becomes a manual task for security: access must not outlive its grant unseen.
 */
function revokerOrSecurityTask(deps: Deps, view: GrantView): { view: GrantView; revoker: Revoker; fallback: boolean } {
  try {
    return { view, revoker: deps.revokers(view.system), fallback: false };
  } catch (error) {
    deps.log.warn({ err: error, requestId: view.grant.requestId }, 'the grant\'s revoker cannot be built; security removes it by hand');
    const manual = { ...view.system, revoker: { type: 'manual' as const } };
    return { view: { ...view, system: manual, escalate: true }, revoker: deps.revokers(manual), fallback: true };
  }
}

function requireView(deps: Deps, grant: Grant): GrantView {
  const view = viewOfGrant(deps, grant);
  if (!view) throw new Error(`the catalog no longer has ${grant.systemId}/${grant.roleId} and the grant kept no terms`);
  return view;
}

/**
 * A revoker call that kept failing: people are told, with Retry and a way to confirm it was
 * done by hand. Provisioning and removal also mark the grant failed; an extension the
 * system never heard of leaves the grant active, with its owners asked to move the end.
 * A recorded click or submission that could not be carried out is given up on, and its
 * person asked to try again. Other effects (messages) are given up on and logged.
 */
export async function giveUp(deps: Deps, queued: QueuedEffect, error: string): Promise<void> {
  const { effect } = queued;
  if (effect.kind === 'approve_step' || effect.kind === 'submit_request') {
    await deps.effects.fail(queued.id, deps.clock.now(), error);
    const [person, what] = effect.kind === 'approve_step' ? [effect.actor, 'approval' as const] : [effect.input.requesterId, 'submission' as const];
    return deps.notifier.tellRefused(person, what);
  }
  const grant = REVOKER_CALLS.has(effect.kind) && effect.requestId !== undefined ? await deps.grants.getGrant(effect.requestId) : undefined;
  const settles = { id: queued.id, status: 'failed' as const, error };
  const at = deps.clock.now();
  if (grant && effect.kind === 'extend') {
    await deps.store.commit({ at, actor: 'latchkey', surface: 'job', effects: [{ kind: 'alert', requestId: grant.requestId, news: 'extension_failed', version: grant.version }], settles });
    return;
  }
  const next = grant && (effect.kind === 'provision' ? failProvisioning(grant) : failRevocation(grant));
  if (!grant || !next) return deps.effects.fail(queued.id, at, error);
  const failed = { ...next, attempts: queued.attempts };
  const news: AlertNews = effect.kind === 'provision' ? 'provisioning_failed' : 'revocation_failed';
  await deps.store.commit({
    at,
    actor: 'latchkey',
    surface: 'job',
    grants: [{ before: grant, after: failed, action: `grant.${news}` }],
    effects: [{ kind: 'alert', requestId: grant.requestId, news, version: failed.version }, refreshOf({ id: grant.requestId, version: 0 }, failed)],
    settles,
  });
}

/** Effects that call a system's revoker. */
const REVOKER_CALLS: ReadonlySet<EffectKind> = new Set(['provision', 'revoke', 'extend']);
