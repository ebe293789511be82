import { waitingSince } from '../domain/digest.js';
import { expiryNoticeAt } from '../domain/grants.js';
import { isColleague } from '../domain/people.js';
import { expireDueGrants } from './expire-due-grants.js';
import { scheduleExpiryNotice } from './grant-support.js';
import { handleLeaver } from './handle-leaver.js';
import type { Deps } from './ports.js';
import { scheduleStepJobs } from './remind-step.js';
import { resumeRouting } from './route-current-step.js';

export interface Repairs {
  routed: number;
  /** Steps whose reminder or escalation job was lost before it was due. */
  nudges: number;
  rescheduled: number;
  expired: number;
  /** Grants stuck ending or provisioning with nothing in flight, set going again. */
  unstuck: number;
  /** Approval cards that could not be posted, queued again. */
  reposted: number;
  leavers: number;
}

/** A grant in a waiting state this long with nothing in flight is stuck, not busy. */
const STUCK_AFTER_MS = 60_000;

/**
 * How anything left behind heals: every few minutes, check that nothing past its end is
 * still live, that nothing is stuck ending or provisioning, that lost jobs and unposted
 * cards are made again, that every stored request was routed, and that no grantee has
 * left. Repairs are logged; a second run repairs nothing.
 */
export async function reconcile(deps: Deps): Promise<Repairs> {
  const now = deps.clock.now();
  const repairs: Repairs = {
    routed: await resumeRouting(deps),
    nudges: await repairNudges(deps, now),
    rescheduled: 0,
    expired: await expireDueGrants(deps),
    unstuck: await unstick(deps, now),
    reposted: await deps.effects.redoUnsentCards(now),
    leavers: 0,
  };
  const live = await deps.grants.listLiveGrants();
  for (const grant of live.filter((g) => g.status === 'active' && expiryNoticeAt(g) > now)) {
    if (!(await deps.scheduler.isScheduled('grant-expiry-notice', { requestId: grant.requestId }))) {
      await scheduleExpiryNotice(deps, grant);
      repairs.rescheduled++;
    }
  }
  for (const userId of new Set(live.map((grant) => grant.userId))) {
    const person = await deps.directory.person(userId).catch(() => undefined);
    if (person && !isColleague(person, deps.org)) {
      await handleLeaver(deps, userId);
      repairs.leavers++;
    }
  }
  if (Object.values(repairs).some((count) => count > 0)) deps.log.info({ ...repairs }, 'reconciliation repaired');
  return repairs;
}

/** Re-queues the removal (or provisioning) of grants that wait with nothing in flight. */
async function unstick(deps: Deps, now: Date): Promise<number> {
  const stuck = await deps.grants.listStuckEnding(new Date(now.getTime() - STUCK_AFTER_MS));
  for (const grant of stuck) {
    const kind = grant.status === 'ending' ? 'revoke' : 'provision';
    if (await deps.effects.redo(kind, grant.requestId, now)) continue;
    await deps.store.commit({ at: now, actor: 'latchkey', surface: 'job', effects: [{ kind, requestId: grant.requestId }] });
  }
  return stuck.length;
}

/**
 * A waiting step whose escalation is still ahead must have its escalation job (and its
 * reminder, if that is ahead too). A job that already ran is gone and is not made again:
 * nobody is reminded twice.
 */
async function repairNudges(deps: Deps, now: Date): Promise<number> {
  let repaired = 0;
  for (const request of await deps.store.listWaiting()) {
    const since = waitingSince(request);
    const escalateAt = new Date(since.getTime() + deps.catalog.settings.escalateAfterMinutes * 60_000);
    const data = { requestId: request.id, stepIndex: request.currentStep };
    if (escalateAt <= now || (await deps.scheduler.isScheduled('escalate-step', data))) continue;
    await scheduleStepJobs(deps, request, since, now);
    repaired++;
  }
  return repaired;
}
